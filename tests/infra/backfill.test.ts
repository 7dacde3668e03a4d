// The backfill template (lib/backfill.ts) on its own stack (no function bundling, fast): a
// Distributed Map over the listing of the bucket and prefix the execution input names (default:
// the incoming prefix of the scrapes bucket), admitted only when granted, concurrency-limited,
// sending one message per object in the shape the handler reads, with nothing but the grants it needs.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { Backfill, BACKFILL_NOT_GRANTED_ERROR, BACKFILL_OBJECTS_PER_CHILD, DEFAULT_BACKFILL_CONCURRENCY } from '../../lib/backfill.js';
import { parseQueueMessage } from '../../lambdas/queue-message.js';

type Json = Record<string, unknown>;

/** What the scrapes bucket's `<Ref:...>` placeholder stands for when the definition is run below. */
const SCRAPES = 'scrapes';

function synth(sources: { extraPrefixes?: string[]; otherBucketNames?: string[] } = {}): { definition: Json; template: Template; ids: { bucket: string; queue: string; reader: string } } {
  const stack = new Stack(new App(), 'BackfillOnly');
  const bucket = new s3.Bucket(stack, 'Scrapes');
  const queue = new sqs.Queue(stack, 'Ingest');
  const backfill = new Backfill(stack, 'Backfill', { bucket, prefix: 'incoming/', queue, ...sources });
  backfill.grantReadSources(new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }));
  const template = Template.fromStack(stack);
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Array<{ Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } }>;
  // Render the definition with placeholders for the references, then parse it.
  const text = machine!.Properties.DefinitionString['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/["{}]/g, '')}>`)).join('');
  const id = (type: string): string => Object.keys(template.findResources(type))[0]!;
  return { definition: JSON.parse(text) as Json, template, ids: { bucket: id('AWS::S3::Bucket'), queue: id('AWS::SQS::Queue'), reader: Object.keys(template.findResources('AWS::IAM::Role')).find((role) => role.startsWith('Reader'))! } };
}

/** Reads a JSONPath of the simple `$.a.b` form the definition uses. */
function at(state: unknown, jsonPath: string): unknown {
  return jsonPath.slice(2).split('.').reduce<unknown>((value, name) => (value as Json | undefined)?.[name], state);
}

/** Evaluates the Choice rules the definition uses (And, Or, IsString, IsPresent, StringEquals, StringMatches). */
function holds(rule: Json, state: unknown, refs: (value: unknown) => unknown): boolean {
  if (rule.And) return (rule.And as Json[]).every((r) => holds(r, state, refs));
  if (rule.Or) return (rule.Or as Json[]).some((r) => holds(r, state, refs));
  const value = at(state, rule.Variable as string);
  if ('IsString' in rule) return typeof value === 'string';
  if ('IsPresent' in rule) return value !== undefined;
  if ('StringEquals' in rule) return value === refs(rule.StringEquals);
  if ('StringMatches' in rule) {
    const pattern = new RegExp(`^${(rule.StringMatches as string).split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return typeof value === 'string' && pattern.test(value);
  }
  throw new Error(`rule not modelled: ${JSON.stringify(rule)}`);
}

/**
 * Runs the definition's states before the map on an execution input, as Step Functions would
 * (Pass Parameters with "$" paths and States.JsonMerge, then the Choice), and returns the
 * bucket and prefix the map's item reader lists, or the Fail state's error.
 */
function chooseListing(definition: Json, input: Json): { bucket: string; prefix: string } | { error: string } {
  const states = definition.States as Json;
  const refs = (value: unknown): unknown => (typeof value === 'string' && value.startsWith('<Ref:') ? SCRAPES : value);
  const resolve = (parameters: Json, state: unknown): Json =>
    Object.fromEntries(Object.entries(parameters).map(([name, value]) => {
      if (!name.endsWith('.$')) return [name, typeof value === 'object' && value !== null ? resolve(value as Json, state) : refs(value)];
      const merge = /^States\.JsonMerge\((\S+), (\S+), false\)$/.exec(value as string);
      const resolved = merge ? { ...(at(state, merge[1]!) as Json), ...(at(state, merge[2]!) as Json) } : value === '$' ? state : at(state, value as string);
      return [name.slice(0, -2), resolved];
    }));
  let name = definition.StartAt as string;
  let state: unknown = input;
  for (;;) {
    const current = states[name] as Json;
    if (current.Type === 'Pass') {
      state = resolve(current.Parameters as Json, state);
      name = current.Next as string;
    } else if (current.Type === 'Choice') {
      const match = (current.Choices as Json[]).find((rule) => holds(rule, state, refs));
      name = (match ? match.Next : current.Default) as string;
    } else if (current.Type === 'Fail') {
      return { error: current.Error as string };
    } else {
      const reader = (current.ItemReader as Json).Parameters as Json;
      return { bucket: at(state, reader['Bucket.$'] as string) as string, prefix: at(state, reader['Prefix.$'] as string) as string };
    }
  }
}

/** The (action, resource) pairs of S3 granted to the role with this logical id prefix. */
function s3Grants(template: Template, rolePrefix: string): string[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((policy) => JSON.stringify((policy as { Properties: { Roles: unknown } }).Properties.Roles).includes(`"${rolePrefix}`))
    .flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement)
    .flatMap((s) => ([] as string[]).concat(s.Action as string | string[]).flatMap((action) => ([] as unknown[]).concat(s.Resource).map((resource) => `${action} ${JSON.stringify(resource)}`)))
    .filter((grant) => grant.startsWith('s3:'))
    .sort();
}

const otherBucket = (name: string, suffix = ''): string => JSON.stringify({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${name}${suffix}`]] });

describe('Backfill state machine', () => {
  const { definition, template, ids } = synth();
  const map = (definition.States as Json).EachObject as Json;

  it('lists the bucket and prefix chosen from the execution input with a Distributed Map, concurrency-limited and batched', () => {
    expect(map.Type).toBe('Map');
    expect(map.ItemReader).toEqual({ Resource: 'arn:<Ref:AWS::Partition>:states:::s3:listObjectsV2', Parameters: { 'Bucket.$': '$.listing.bucket', 'Prefix.$': '$.listing.prefix' } });
    expect((definition.States as Json).WithDefaults).toMatchObject({ Parameters: { defaults: { bucket: `<Ref:${ids.bucket}>`, prefix: 'incoming/' }, 'input.$': '$' } });
    expect(map.MaxConcurrency).toBe(DEFAULT_BACKFILL_CONCURRENCY);
    expect(map.ItemBatcher).toEqual({ MaxItemsPerBatch: BACKFILL_OBJECTS_PER_CHILD });
    expect((map.ItemProcessor as Json).ProcessorConfig).toEqual({ Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' });
  });

  it('sends each listed object as a message the handler reads as a backfilled object (key as listed, not URL-encoded)', () => {
    const inner = ((map.ItemProcessor as Json).States as Json).EachInBatch as Json;
    const send = ((inner.ItemProcessor as Json).States as Json).EnqueueObject as Json;
    expect(send.Resource).toBe('arn:<Ref:AWS::Partition>:states:::sqs:sendMessage');
    const body = (send.Parameters as Json).MessageBody as Json;
    // What Step Functions does with the listing item and the body template:
    const listed = { Key: 'old/site/a page+1 (é).warc.gz', Etag: '"0123abcd"', Size: 4096 };
    const mapInput = { listing: { bucket: 'bucket-a', prefix: 'old/' } };
    expect(map.ItemSelector).toEqual({ 'bucket.$': '$.listing.bucket', 'key.$': '$$.Map.Item.Value.Key', 'eTag.$': '$$.Map.Item.Value.Etag', 'size.$': '$$.Map.Item.Value.Size' });
    const selected = Object.fromEntries(Object.entries(map.ItemSelector as Record<string, string>).map(([name, path]) => [name.slice(0, -2), path.startsWith('$$.Map.Item.Value.') ? listed[path.slice(18) as keyof typeof listed] : at(mapInput, path)]));
    // Every field of the message comes from the listing or a constant: nothing names the stack's bucket.
    expect(Object.values(body)).not.toContain(`<Ref:${ids.bucket}>`);
    const message = Object.fromEntries(Object.entries(body).map(([name, value]) => (name.endsWith('.$') ? [name.slice(0, -2), at(selected, value as string)] : [name, value])));
    expect(parseQueueMessage(JSON.stringify(message))).toEqual({ kind: 'backfill-object', ref: { bucket: 'bucket-a', key: listed.Key, eTag: '"0123abcd"', versionId: undefined, size: 4096 } });
    expect(send.Retry).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }]);
  });

  it('lists the incoming prefix by default and admits only folders under it, failing before any message otherwise', () => {
    expect(chooseListing(definition, {})).toEqual({ bucket: SCRAPES, prefix: 'incoming/' });
    expect(chooseListing(definition, { prefix: 'incoming/2024/' })).toEqual({ bucket: SCRAPES, prefix: 'incoming/2024/' });
    expect(chooseListing(definition, { prefix: 'old/' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { prefix: '' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { prefix: 7 })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { bucket: 'bucket-a', prefix: '' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
  });

  it('grants only listing the bucket, sending to the queue, its own child executions, logs and traces', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement);
    const granted = statements.flatMap((s) => ([] as string[]).concat(s.Action as string | string[]).map((action) => `${action} ${JSON.stringify(s.Resource).slice(0, 60)}`)).sort();
    // No source configured: the function reader role gets nothing from grantReadSources.
    expect(s3Grants(template, ids.reader)).toEqual([]);
    expect(granted.filter((g) => g.startsWith('s3:') || g.startsWith('sqs:'))).toEqual([
      `s3:ListBucket {"Fn::GetAtt":["${ids.bucket}","Arn"]}`,
      `sqs:SendMessage {"Fn::GetAtt":["${ids.queue}","Arn"]}`,
    ]);
    const wildcard = statements.filter((s) => s.Resource === '*').flatMap((s) => ([] as string[]).concat(s.Action as string | string[]));
    expect(wildcard.every((action) => /^(logs:(Create|Delete|Get|List|Update)LogDeliver|logs:Describe|logs:PutResourcePolicy|xray:)/.test(action))).toBe(true);
    expect(granted.filter((g) => g.startsWith('states:')).map((g) => g.split(' ')[0])).toEqual(['states:DescribeExecution', 'states:RedriveExecution', 'states:StartExecution', 'states:StopExecution']);
  });
});

describe('Backfill state machine with configured folders and buckets', () => {
  const { definition, template, ids } = synth({ extraPrefixes: ['old/', 'archive/2024/'], otherBucketNames: ['bucket-a', 'bucket-b'] });

  it('takes the prefix and bucket from the execution input, over the defaults, only where granted', () => {
    expect(chooseListing(definition, {})).toEqual({ bucket: SCRAPES, prefix: 'incoming/' });
    expect(chooseListing(definition, { prefix: 'old/2024/' })).toEqual({ bucket: SCRAPES, prefix: 'old/2024/' });
    expect(chooseListing(definition, { prefix: 'archive/2024/x/' })).toEqual({ bucket: SCRAPES, prefix: 'archive/2024/x/' });
    expect(chooseListing(definition, { prefix: 'archive/' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { prefix: 'ol' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { bucket: 'bucket-a', prefix: '' })).toEqual({ bucket: 'bucket-a', prefix: '' });
    expect(chooseListing(definition, { bucket: 'bucket-b', prefix: 'crawls/' })).toEqual({ bucket: 'bucket-b', prefix: 'crawls/' });
    // A named bucket without a prefix would otherwise list its incoming/ silently.
    expect(chooseListing(definition, { bucket: 'bucket-a' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { bucket: 'bucket-c', prefix: '' })).toEqual({ error: BACKFILL_NOT_GRANTED_ERROR });
    expect(chooseListing(definition, { bucket: SCRAPES, prefix: 'old/' })).toEqual({ bucket: SCRAPES, prefix: 'old/' });
  });

  it('lets the state machine list exactly the scrapes bucket and the named buckets', () => {
    expect(s3Grants(template, 'BackfillStateMachineRole')).toEqual(
      [`s3:ListBucket ${JSON.stringify({ 'Fn::GetAtt': [ids.bucket, 'Arn'] })}`, `s3:ListBucket ${otherBucket('bucket-a')}`, `s3:ListBucket ${otherBucket('bucket-b')}`].sort(),
    );
  });

  it('lets the reader read exactly the configured folders and the named buckets (list, objects, versions)', () => {
    const folder = (prefix: string): string => JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [ids.bucket, 'Arn'] }, `/${prefix}*`]] });
    const expected = [
      ...['old/', 'archive/2024/'].flatMap((prefix) => ['s3:GetObject', 's3:GetObjectVersion'].map((action) => `${action} ${folder(prefix)}`)),
      ...['bucket-a', 'bucket-b'].flatMap((name) => [`s3:ListBucket ${otherBucket(name)}`, ...['s3:GetObject', 's3:GetObjectVersion'].map((action) => `${action} ${otherBucket(name, '/*')}`)]),
    ];
    expect(s3Grants(template, ids.reader)).toEqual(expected.sort());
  });
});
