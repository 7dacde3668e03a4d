// Stages and operations (issue 15): two stages synthesise side by side without a shared
// physical name, every taggable resource carries the `project` and `stage` tags, the context's
// tunables reach the template, the dashboard graphs the function's metrics beside the queue's and
// the function's, and the outputs tell the user what to run next.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnResource, TagManager } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METRIC_NAMES, METRICS_NAMESPACE } from '../../lambdas/metric-names.js';
import { stackNameFor } from '../../lib/app.js';
import { CONTEXT_KEYS } from '../../lib/context.js';
import { PROJECT_TAG } from '../../lib/defaults.js';
import { STACK_OUTPUTS } from '../../lib/scrape-dedup-stack.js';
import type { ScrapeDedupStack } from '../../lib/scrape-dedup-stack.js';
import { buildApp, removeOutdir, SYNTH_TIMEOUT_MS } from '../helpers/cdk-app.js';
import { TUNABLES_CONTEXT } from './fixtures/tunables.js';

// Templates only: a stand-in handler spares bundling the real one (deployed-bundle.test.ts does).
const STUB_HANDLER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'stub-handler.ts');

delete process.env.CDK_DEFAULT_ACCOUNT;
delete process.env.CDK_DEFAULT_REGION;

interface Synthesised {
  readonly stack: ScrapeDedupStack;
  readonly template: Template;
  readonly outdir: string;
}

/** Synthesises (cdk-nag on) the app with `context`, around the stub handler. */
function synth(context: Record<string, unknown>): Synthesised {
  const { app, stack, outdir } = buildApp({ context, stackProps: { handlerEntry: STUB_HANDLER } });
  app.synth();
  return { stack, template: Template.fromStack(stack), outdir };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The tags a template resource carries, whichever of CloudFormation's two shapes it uses. */
function tagsOf(properties: Record<string, unknown> | undefined): Record<string, unknown> {
  const tags = properties?.Tags;
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((tag: { Key: string; Value: unknown }) => [tag.Key, tag.Value]));
  return (tags as Record<string, unknown> | undefined) ?? {};
}

/** Properties that set a resource's physical name (unique per account and region, or per account). */
const PHYSICAL_NAMES = new Set(['QueueName', 'DashboardName', 'TopicName', 'FunctionName', 'TableName', 'BucketName', 'LogGroupName', 'StateMachineName', 'RoleName', 'AlarmName', 'ManagedPolicyName']);

/** Literal physical names the template fixes (`QueueName`, `DashboardName`...), resolved. */
function fixedNames(synthesised: Synthesised): string[] {
  const names: string[] = [];
  for (const resource of Object.values(synthesised.template.toJSON().Resources as Resources)) {
    for (const [property, value] of Object.entries(resource.Properties ?? {})) {
      if (!PHYSICAL_NAMES.has(property)) continue;
      const resolved = JSON.stringify(synthesised.stack.resolve(value));
      // A Ref/GetAtt names another resource; a literal or a join with literals is a fixed name.
      if (!/^\{"(Ref|Fn::GetAtt)"/.test(resolved)) names.push(`${resource.Type}.${property}=${resolved}`);
    }
  }
  return names;
}

describe('Stages: dev beside prod', () => {
  let prod: Synthesised;
  let dev: Synthesised;

  beforeAll(() => {
    prod = synth({});
    dev = synth({ [CONTEXT_KEYS.stage]: 'dev' });
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => {
    removeOutdir(prod?.outdir);
    removeOutdir(dev?.outdir);
  });

  it('names the stack after the stage: ScrapeDedup-prod by default, ScrapeDedup-dev with -c scrape-dedup:stage=dev', () => {
    expect(prod.stack.stackName).toBe('ScrapeDedup-prod');
    expect(dev.stack.stackName).toBe(stackNameFor('dev'));
  });

  it('fixes no physical name the other stage also uses (the ingest queue and the dashboard carry the stage)', () => {
    const prodNames = fixedNames(prod);
    const devNames = fixedNames(dev);
    expect(prodNames.some((name) => name.startsWith('AWS::SQS::Queue.QueueName'))).toBe(true);
    expect(prodNames.some((name) => name.startsWith('AWS::CloudWatch::Dashboard.DashboardName'))).toBe(true);
    expect(devNames.filter((name) => prodNames.includes(name))).toEqual([]);
    for (const name of devNames) expect(name).toMatch(/dev/);
  });

  it('tags the stack and every taggable resource with project and stage', () => {
    for (const [synthesised, stage] of [[prod, 'prod'], [dev, 'dev']] as const) {
      // Stack tags: CloudFormation propagates them to what it creates, helpers included.
      expect(synthesised.stack.tags.tagValues()).toEqual({ project: PROJECT_TAG, stage });
      const resources = synthesised.template.toJSON().Resources as Resources;
      const taggable = synthesised.stack.node
        .findAll()
        .filter((construct): construct is CfnResource => CfnResource.isCfnResource(construct) && TagManager.isTaggable(construct));
      expect(taggable.length).toBeGreaterThan(10);
      for (const resource of taggable) {
        const id = synthesised.stack.resolve(resource.logicalId) as string;
        expect(tagsOf(resources[id]?.Properties), `${resource.cfnResourceType} ${id}`).toMatchObject({ project: PROJECT_TAG, stage });
      }
    }
  });

  it('puts the stage on the function, so its metrics carry it as a dimension', () => {
    dev.template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ SCRAPE_DEDUP_STAGE: 'dev', POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE }) },
    });
  });

  describe('dashboard', () => {
    /** One graph of the dashboard: its metrics as CloudWatch's dashboard body lists them. */
    interface Widget {
      readonly type: string;
      readonly properties: { title?: string; metrics?: unknown[][]; alarms?: string[] };
    }
    let widgets: Widget[];

    beforeAll(() => {
      const dashboards = Object.values(prod.template.findResources('AWS::CloudWatch::Dashboard'));
      expect(dashboards).toHaveLength(1);
      // The body is a join of JSON text and references (region, queue and function names): the
      // references become placeholders so the text parses as the JSON CloudWatch receives.
      const body = prod.stack.resolve(dashboards[0]?.Properties?.DashboardBody) as { 'Fn::Join': [string, unknown[]] };
      const text = body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/"/g, "'")}>`)).join('');
      widgets = (JSON.parse(text) as { widgets: Widget[] }).widgets;
    });

    /** The metric rows of the graph titled `title` (namespace, name, dimension pairs, options). */
    const rows = (title: string): unknown[][] => {
      const widget = widgets.find((candidate) => candidate.properties.title === title);
      if (widget === undefined) throw new Error(`no widget titled ${title}`);
      return widget.properties.metrics ?? [];
    };

    it('graphs the function\'s metrics of this stage: documents by outcome, rejections by code, duplicates, candidates, capacity', () => {
      const stageDimensions = ['service', 'scrape-dedup', 'stage', 'prod'];
      expect(rows('Documents by outcome').map((row) => row.slice(0, -1))).toEqual(
        ['canonical', 'duplicate', 'unchanged', 'rejected'].map((outcome) => [METRICS_NAMESPACE, METRIC_NAMES.documents, 'outcome', outcome, ...stageDimensions]),
      );
      const search = rows('Rejections by code')[0]?.[0] as { expression: string };
      expect(search.expression).toBe(`SEARCH('{${METRICS_NAMESPACE},code,service,stage} MetricName="${METRIC_NAMES.rejections}" stage="prod" service="scrape-dedup"', 'Sum', 300)`);
      const named = (title: string): unknown[] => rows(title).map((row) => row.slice(0, 6).join(' '));
      expect(named('Duplicates, candidates checked, replays')).toEqual(
        [METRIC_NAMES.duplicates, METRIC_NAMES.replays, METRIC_NAMES.candidatesChecked].map((name) => [METRICS_NAMESPACE, name, ...stageDimensions].join(' ')),
      );
      expect(named('DynamoDB capacity consumed')).toEqual(
        [METRIC_NAMES.writeUnits, METRIC_NAMES.readUnits, METRIC_NAMES.failedConditionalWrites, METRIC_NAMES.unmeteredWrites].map((name) =>
          [METRICS_NAMESPACE, name, ...stageDimensions].join(' '),
        ),
      );
    });

    it('shows them with the queue depth, the oldest message\'s age, errors, throttles and the alarms', () => {
      const names = (title: string): unknown[] => rows(title).map((row) => `${String(row[0])} ${String(row[1])}`);
      expect(names('Ingest queue depth')).toEqual(['AWS/SQS ApproximateNumberOfMessagesVisible', 'AWS/SQS ApproximateNumberOfMessagesNotVisible', 'AWS/SQS ApproximateNumberOfMessagesVisible']);
      expect(names('Oldest message age (seconds)')).toEqual(['AWS/SQS ApproximateAgeOfOldestMessage']);
      expect(names('Function errors and throttles')).toEqual(['AWS/Lambda Errors', 'AWS/Lambda Throttles', 'AWS/Lambda Invocations']);
      const alarmIds = [prod.stack.alarms.deadLetterDepth, prod.stack.alarms.queueAge, prod.stack.alarms.functionErrors, prod.stack.alarms.functionThrottles].map(
        (alarm) => prod.stack.resolve((alarm.node.defaultChild as CfnResource).logicalId) as string,
      );
      const alarmWidget = widgets.find((widget) => widget.type === 'alarm');
      expect(alarmWidget?.properties.alarms).toEqual(alarmIds.map((id) => `<{'Fn::GetAtt':['${id}','Arn']}>`));
    });
  });

  it('without tracing, the function has no X-Ray mode and its role no X-Ray grant', () => {
    const fn = Object.values(prod.template.findResources('AWS::Lambda::Function')).find((resource) => resource.Properties?.Runtime === 'nodejs22.x');
    expect(fn?.Properties?.TracingConfig).toBeUndefined();
    const rolePolicies = Object.values(prod.template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties?.Roles).includes('DedupRole'));
    expect(rolePolicies).toHaveLength(1);
    expect(JSON.stringify(rolePolicies)).not.toContain('xray:');
  });

  it('ends cdk deploy with the next commands, with the real bucket and table names', () => {
    const outputs = prod.template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const bucketRef = { Ref: prod.stack.resolve((prod.stack.scrapes.bucket.node.defaultChild as CfnResource).logicalId) as string };
    const tableRef = { Ref: prod.stack.resolve((prod.stack.records.table.node.defaultChild as CfnResource).logicalId) as string };
    expect(outputs[STACK_OUTPUTS.uploadCommand]?.Value).toEqual({ 'Fn::Join': ['', ['aws s3 cp --recursive ./scrapes s3://', bucketRef, '/incoming/']] });
    expect(outputs[STACK_OUTPUTS.listCommand]?.Value).toEqual({ 'Fn::Join': ['', ['AWS_REGION=', { Ref: 'AWS::Region' }, ' npx scrape-dedup list --table ', tableRef]] });
    expect(JSON.stringify(outputs[STACK_OUTPUTS.dashboardUrl]?.Value)).toContain('#dashboards/dashboard/ScrapeDedup-prod-');
    // cdk deploy prints outputs sorted by name: the upload step before the list step.
    expect([STACK_OUTPUTS.uploadCommand, STACK_OUTPUTS.listCommand].sort()).toEqual([STACK_OUTPUTS.uploadCommand, STACK_OUTPUTS.listCommand]);
  });
});

describe('Stages: tunables from context reach the template', () => {
  it('sizes the function and the event source, and e-mails the alarms through a new TLS-only topic', () => {
    const synthesised = synth(TUNABLES_CONTEXT);
    try {
      const { template } = synthesised;
      template.hasResourceProperties('AWS::Lambda::Function', {
        MemorySize: 2048,
        Timeout: 200,
        Environment: { Variables: Match.objectLike({ POWERTOOLS_LOG_LEVEL: 'WARN' }) },
      });
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, ScalingConfig: { MaximumConcurrency: 50 } });
      template.resourceCountIs('AWS::SNS::Topic', 1);
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      const topicId = Object.keys(template.findResources('AWS::SNS::Topic'))[0] as string;
      const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
      expect(alarms).toHaveLength(4);
      for (const alarm of alarms) expect(alarm.Properties?.AlarmActions).toEqual([{ Ref: topicId }]);
      template.hasOutput(STACK_OUTPUTS.alarmTopicArn, { Value: { Ref: topicId } });
    } finally {
      removeOutdir(synthesised.outdir);
    }
  }, SYNTH_TIMEOUT_MS);

  it('notifies an existing topic by ARN without creating one, and turns tracing on with its X-Ray grant', () => {
    const arn = 'arn:aws:sns:eu-west-1:123456789012:alerts';
    const synthesised = synth({ [CONTEXT_KEYS.alarmTopicArn]: arn, [CONTEXT_KEYS.tracing]: 'true' });
    try {
      const { template } = synthesised;
      template.resourceCountIs('AWS::SNS::Topic', 0);
      for (const alarm of Object.values(template.findResources('AWS::CloudWatch::Alarm'))) expect(alarm.Properties?.AlarmActions).toEqual([arn]);
      template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
      template.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: Match.stringLikeRegexp('^DedupRole') }],
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' })]) },
      });
    } finally {
      removeOutdir(synthesised.outdir);
    }
  }, SYNTH_TIMEOUT_MS);

});
