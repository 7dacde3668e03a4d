// Least privilege, checked on the synthesised template: every IAM statement of every identity
// and resource policy is walked, and no Allow may use a wildcard action, and no Allow resource
// may hold a wildcard other than the few the bucket and table grants produce.
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScrapeDedupStack } from '../../lib/scrape-dedup-stack.js';
import { buildApp, removeOutdir, SYNTH_TIMEOUT_MS } from '../helpers/cdk-app.js';

interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: unknown;
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

/** One statement and where it was found. */
interface FoundStatement {
  /** Logical id of the resource holding the policy. */
  readonly holder: string;
  /** `identity` (attached to a role) or `resource` (bucket or queue policy). */
  readonly kind: 'identity' | 'resource';
  /** Roles the identity policy is attached to (logical ids). */
  readonly roles: readonly string[];
  readonly statement: Statement;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

const asArray = <T,>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * Renders a CloudFormation value as text with `<LogicalId>` / `<LogicalId.Attr>` placeholders,
 * e.g. `{ Fn::Join: ['', [{ Fn::GetAtt: ['Bucket', 'Arn'] }, '/incoming/*']] }` -> `<Bucket.Arn>/incoming/*`.
 */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const object = value as Record<string, unknown>;
  if ('Ref' in object) return `<${String(object.Ref)}>`;
  if ('Fn::GetAtt' in object) return `<${(object['Fn::GetAtt'] as string[]).join('.')}>`;
  if ('Fn::Join' in object) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  if ('Fn::Sub' in object) return String(object['Fn::Sub']).replace(/\$\{([^}]+)\}/g, '<$1>');
  // `{ Fn::Select: [6, { Fn::Split: [':', { Ref: 'Machine' }] }] }` -> `<Machine:6>` (a state machine's name in its ARN).
  if ('Fn::Select' in object) {
    const [index, list] = object['Fn::Select'] as [number, { 'Fn::Split': [string, unknown] }];
    return `<${render(list['Fn::Split'][1]).slice(1, -1)}:${index}>`;
  }
  throw new Error(`cannot render ${JSON.stringify(value)}`);
}

/** Every statement of every IAM, bucket and queue policy in the template. */
function allStatements(template: Template): FoundStatement[] {
  const found: FoundStatement[] = [];
  const resources = template.toJSON().Resources as Record<string, Resource>;
  for (const [holder, resource] of Object.entries(resources)) {
    const props = resource.Properties ?? {};
    const push = (kind: FoundStatement['kind'], document: unknown, roles: string[]): void => {
      for (const statement of asArray((document as { Statement: Statement | Statement[] }).Statement)) {
        found.push({ holder, kind, roles, statement });
      }
    };
    switch (resource.Type) {
      case 'AWS::IAM::Policy':
      case 'AWS::IAM::ManagedPolicy':
        push('identity', props.PolicyDocument, asArray(props.Roles as unknown[]).map(render));
        break;
      case 'AWS::IAM::Role':
        for (const inline of asArray(props.Policies as Array<{ PolicyDocument: unknown }>)) {
          push('identity', inline.PolicyDocument, [`<${holder}>`]);
        }
        break;
      case 'AWS::S3::BucketPolicy':
      case 'AWS::SQS::QueuePolicy':
        push('resource', props.PolicyDocument, []);
        break;
      default:
        if (resource.Type.startsWith('AWS::IAM::') && resource.Type !== 'AWS::IAM::Role') {
          throw new Error(`unexpected IAM resource ${resource.Type} (${holder}): extend this test`);
        }
    }
  }
  return found;
}

function logicalId(stack: ScrapeDedupStack, construct: IConstruct): string {
  return stack.resolve((construct.node.defaultChild as CfnElement).logicalId) as string;
}

/** Synthesises the stack (cdk-nag included) with the given context. */
function synth(context: Record<string, unknown> = {}): { template: Template; stack: ScrapeDedupStack; outdir: string } {
  const { app, stack, outdir } = buildApp({ context });
  app.synth();
  return { template: Template.fromStack(stack), stack, outdir };
}

/** The wildcard resources a grant of this stack may produce, by who produces them. */
function allowedWildcards(stack: ScrapeDedupStack): Map<string, string> {
  const bucket = logicalId(stack, stack.scrapes.bucket);
  const logs = logicalId(stack, stack.scrapes.accessLogsBucket);
  const table = logicalId(stack, stack.records.table);
  const machine = logicalId(stack, stack.backfill.stateMachine);
  return new Map([
    [`<${bucket}.Arn>/${stack.scrapes.incomingPrefix}*`, 'function reads incoming objects (ScrapeBucket.grantReadIncoming)'],
    [`<${table}.Arn>/index/*`, "function queries the table's indexes (Table.grant of the store's calls)"],
    [`<${logs}.Arn>/scrapes/*`, 'S3 log delivery writes access logs under scrapes/ (serverAccessLogsBucket)'],
    // Issue 13: the backfill's Distributed Map manages its own child executions (lib/backfill.ts).
    [`arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${machine}:6>:*`, 'backfill: describe/stop its own executions'],
    [`arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:<${machine}:6>/*:*`, 'backfill: redrive its own map-run child executions'],
  ]);
}

/**
 * Actions that take no resource but "*" (AWS's service authorization reference): the log
 * delivery of the backfill state machine (Step Functions vended logs) and its X-Ray tracing.
 */
const NO_RESOURCE_LEVEL_ACTIONS = new Set([
  'logs:CreateLogDelivery', 'logs:DeleteLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies', 'logs:GetLogDelivery',
  'logs:ListLogDeliveries', 'logs:PutResourcePolicy', 'logs:UpdateLogDelivery',
  'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments',
]);

/** Checks every Allow statement; returns the problems found (empty when least privilege holds). */
function wildcardProblems(statements: readonly FoundStatement[], allowed: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  for (const { holder, statement } of statements) {
    if (statement.Effect !== 'Allow') continue;
    const where = `${holder}: ${JSON.stringify(statement)}`;
    if (statement.NotAction !== undefined || statement.NotResource !== undefined) problems.push(`NotAction/NotResource in ${where}`);
    if (JSON.stringify(statement.Principal ?? {}).includes('"*"')) problems.push(`Allow to principal * in ${where}`);
    for (const action of asArray(statement.Action)) {
      if (action.includes('*')) problems.push(`wildcard action ${action} in ${where}`);
    }
    const actions = asArray(statement.Action);
    for (const resource of asArray(statement.Resource).map(render)) {
      // "*" only for actions AWS offers no resource-level permission for (the backfill's log delivery and X-Ray).
      if (resource === '*' && actions.length > 0 && actions.every((action) => NO_RESOURCE_LEVEL_ACTIONS.has(action))) continue;
      if (resource.includes('*') && !allowed.has(resource)) problems.push(`wildcard resource ${resource} in ${where}`);
    }
  }
  return problems;
}

describe('IAM: least privilege (retain, the default)', () => {
  let template: Template;
  let stack: ScrapeDedupStack;
  let outdir: string;
  let statements: FoundStatement[];

  beforeAll(() => {
    ({ template, stack, outdir } = synth());
    statements = allStatements(template);
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => removeOutdir(outdir));

  it('finds the policies it walks (guards against walking nothing)', () => {
    const holders = new Set(statements.map((s) => template.toJSON().Resources[s.holder].Type));
    expect([...holders].sort()).toEqual(['AWS::IAM::Policy', 'AWS::S3::BucketPolicy', 'AWS::SQS::QueuePolicy']);
    expect(statements.length).toBeGreaterThanOrEqual(8);
  });

  it('has no wildcard action and no wildcard resource beyond what the bucket and table grants produce', () => {
    // Act
    const problems = wildcardProblems(statements, allowedWildcards(stack));
    // Assess
    expect(problems).toEqual([]);
  });

  it('uses a wildcard only in Deny statements among the resource policies (the TLS-only rules)', () => {
    const denies = statements.filter((s) => s.kind === 'resource' && s.statement.Effect === 'Deny');
    expect(denies).toHaveLength(4); // two buckets, two queues
    for (const { statement } of denies) {
      expect(statement.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
    }
  });

  it('gives the function exactly: its log group, consuming its queue, reading incoming/, its table', () => {
    // Prepare
    const role = logicalId(stack, stack.dedup.role);
    const ids = {
      logGroup: logicalId(stack, stack.dedup.logGroup),
      queue: logicalId(stack, stack.ingest.queue),
      bucket: logicalId(stack, stack.scrapes.bucket),
      table: logicalId(stack, stack.records.table),
    };
    // Act: the (action, resource) pairs granted to the function's role
    const granted = new Set<string>();
    for (const { roles, statement } of statements) {
      if (!roles.includes(`<${role}>`)) continue;
      expect(statement.Effect).toBe('Allow');
      for (const action of asArray(statement.Action)) {
        for (const resource of asArray(statement.Resource).map(render)) granted.add(`${action} ${resource}`);
      }
    }
    // Assess
    // Only the calls the store makes: no Scan, DeleteItem, BatchWriteItem or stream reads.
    const tableActions = ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'];
    const expected = [
      ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((a) => `${a} <${ids.logGroup}.Arn>`),
      ...['sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl', 'sqs:ReceiveMessage'].map(
        (a) => `${a} <${ids.queue}.Arn>`,
      ),
      // Issue 13: fan-out of large crawl files sends record-range messages to its own queue.
      `sqs:SendMessage <${ids.queue}.Arn>`,
      ...['s3:GetObject', 's3:GetObjectVersion'].map((a) => `${a} <${ids.bucket}.Arn>/incoming/*`),
      // Issue 10: without ListBucket a deleted object reads as 403 and is retried into the DLQ.
      `s3:ListBucket <${ids.bucket}.Arn>`,
      ...tableActions.flatMap((a) => [`dynamodb:${a} <${ids.table}.Arn>`, `dynamodb:${a} <${ids.table}.Arn>/index/*`]),
    ];
    expect([...granted].sort()).toEqual(expected.sort());
  });

  it('attaches no AWS managed policy to the function role; only CDK\'s notification helper has one', () => {
    const roles = template.findResources('AWS::IAM::Role') as Record<string, Resource>;
    const withManaged = Object.entries(roles)
      .filter(([, r]) => r.Properties?.ManagedPolicyArns !== undefined)
      .map(([id, r]) => [id, asArray(r.Properties?.ManagedPolicyArns as unknown[]).map(render)]);
    expect(withManaged).toEqual([
      [
        expect.stringMatching(/^BucketNotificationsHandler/),
        ['arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      ],
    ]);
  });

  it('lets the notification helper configure this bucket only', () => {
    const bucket = logicalId(stack, stack.scrapes.bucket);
    const helper = statements.filter((s) => s.roles.some((r) => r.startsWith('<BucketNotificationsHandler')));
    expect(helper.map((s) => [s.statement.Action, render(s.statement.Resource)])).toEqual([
      ['s3:PutBucketNotification', `<${bucket}.Arn>`],
    ]);
  });
});

describe('IAM: least privilege (removalPolicy=destroy)', () => {
  it('adds only CDK\'s bucket-emptying helper, whose wildcard actions are confined to the two buckets', () => {
    // Prepare
    const { template, stack, outdir } = synth({ 'scrape-dedup:removalPolicy': 'destroy' });
    try {
      const statements = allStatements(template);
      const isAutoDelete = (s: FoundStatement): boolean =>
        JSON.stringify(s.statement.Principal ?? {}).includes('CustomS3AutoDeleteObjectsCustomResourceProviderRole');
      const autoDelete = statements.filter(isAutoDelete);
      // Act: everything else obeys the same rule as the default stack
      const problems = wildcardProblems(statements.filter((s) => !isAutoDelete(s)), allowedWildcards(stack));
      // Assess
      expect(problems).toEqual([]);
      expect(autoDelete).toHaveLength(2);
      for (const { statement } of autoDelete) {
        expect(statement.Effect).toBe('Allow');
        expect(asArray(statement.Action).sort()).toEqual(['s3:DeleteObject*', 's3:GetBucket*', 's3:List*', 's3:PutBucketPolicy']);
        for (const resource of asArray(statement.Resource).map(render)) {
          expect(resource).toMatch(/^<Scrapes(Bucket|AccessLogs)[0-9A-F]+\.Arn>(\/\*)?$/);
        }
      }
    } finally {
      removeOutdir(outdir);
    }
  }, SYNTH_TIMEOUT_MS);
});

describe('IAM: least privilege (backfill folders and buckets configured)', () => {
  it('grants the named folders and buckets exactly, to the function (read) and the state machine (list), nag clean', () => {
    // Prepare / Act: synth runs cdk-nag, so an unacknowledged finding would throw here
    const { template, stack, outdir } = synth({ 'scrape-dedup:backfillPrefixes': 'old-scrapes/', 'scrape-dedup:backfillBuckets': 'bucket-a,bucket-b' });
    try {
      const statements = allStatements(template);
      const bucket = logicalId(stack, stack.scrapes.bucket);
      const other = (name: string): string => `arn:<AWS::Partition>:s3:::${name}`;
      const allowed = new Map(allowedWildcards(stack));
      allowed.set(`<${bucket}.Arn>/old-scrapes/*`, 'function reads the configured backfill folder');
      for (const name of ['bucket-a', 'bucket-b']) allowed.set(`${other(name)}/*`, 'function reads a named backfill bucket');
      // Assess: no other wildcard, and the S3 grants of both roles are exactly these
      expect(wildcardProblems(statements, allowed)).toEqual([]);
      const s3Granted = (role: string): string[] =>
        statements
          .filter((s) => s.roles.includes(`<${role}>`))
          .flatMap(({ statement }) => asArray(statement.Action).flatMap((action) => asArray(statement.Resource).map((resource) => `${action} ${render(resource)}`)))
          .filter((grant) => grant.startsWith('s3:'))
          .sort();
      const read = ['s3:GetObject', 's3:GetObjectVersion'];
      expect(s3Granted(logicalId(stack, stack.dedup.role))).toEqual(
        [
          ...read.map((a) => `${a} <${bucket}.Arn>/incoming/*`),
          ...read.map((a) => `${a} <${bucket}.Arn>/old-scrapes/*`),
          `s3:ListBucket <${bucket}.Arn>`,
          ...['bucket-a', 'bucket-b'].flatMap((name) => [`s3:ListBucket ${other(name)}`, ...read.map((a) => `${a} ${other(name)}/*`)]),
        ].sort(),
      );
      expect(s3Granted(logicalId(stack, stack.backfill.stateMachine.role as unknown as IConstruct))).toEqual(
        [`s3:ListBucket <${bucket}.Arn>`, `s3:ListBucket ${other('bucket-a')}`, `s3:ListBucket ${other('bucket-b')}`].sort(),
      );
    } finally {
      removeOutdir(outdir);
    }
  }, SYNTH_TIMEOUT_MS);

  it('refuses a backfill bucket that is not a bucket name at synth', () => {
    expect(() => synth({ 'scrape-dedup:backfillBuckets': 'arn:aws:s3:::bucket-a' })).toThrow(/scrape-dedup:backfillBuckets/);
  });
});
