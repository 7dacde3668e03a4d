// The backfill template (lib/backfill.ts) on its own stack (no function bundling, fast): a
// Distributed Map over the listing of the incoming prefix, concurrency-limited, sending one
// message per object in the shape the handler reads, with nothing but the grants it needs.
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { Backfill, BACKFILL_OBJECTS_PER_CHILD, DEFAULT_BACKFILL_CONCURRENCY } from '../../lib/backfill.js';
import { parseQueueMessage } from '../../lambdas/queue-message.js';

type Json = Record<string, unknown>;

function synth(): { definition: Json; template: Template; ids: { bucket: string; queue: string } } {
  const stack = new Stack(new App(), 'BackfillOnly');
  const bucket = new s3.Bucket(stack, 'Scrapes');
  const queue = new sqs.Queue(stack, 'Ingest');
  new Backfill(stack, 'Backfill', { bucket, prefix: 'incoming/', queue });
  const template = Template.fromStack(stack);
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as Array<{ Properties: { DefinitionString: { 'Fn::Join': [string, unknown[]] } } }>;
  // Render the definition with placeholders for the references, then parse it.
  const text = machine!.Properties.DefinitionString['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).replace(/["{}]/g, '')}>`)).join('');
  const id = (type: string): string => Object.keys(template.findResources(type))[0]!;
  return { definition: JSON.parse(text) as Json, template, ids: { bucket: id('AWS::S3::Bucket'), queue: id('AWS::SQS::Queue') } };
}

describe('Backfill state machine', () => {
  const { definition, template, ids } = synth();
  const map = (definition.States as Json).EachObject as Json;

  it('lists the incoming prefix of the scrapes bucket with a Distributed Map, concurrency-limited and batched', () => {
    expect(map.Type).toBe('Map');
    expect(map.ItemReader).toEqual({ Resource: 'arn:<Ref:AWS::Partition>:states:::s3:listObjectsV2', Parameters: { Bucket: `<Ref:${ids.bucket}>`, Prefix: 'incoming/' } });
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
    const listed = { Key: 'incoming/site/a page+1 (é).warc.gz', Etag: '"0123abcd"', Size: 4096 };
    const selected = { key: listed.Key, eTag: listed.Etag, size: listed.Size };
    const message = Object.fromEntries(Object.entries(body).map(([name, value]) => (name.endsWith('.$') ? [name.slice(0, -2), selected[(value as string).slice(2) as keyof typeof selected]] : [name, value === `<Ref:${ids.bucket}>` ? 'scrapes' : value])));
    expect(parseQueueMessage(JSON.stringify(message))).toEqual({ kind: 'backfill-object', ref: { bucket: 'scrapes', key: listed.Key, eTag: '"0123abcd"', versionId: undefined, size: 4096 } });
    expect(send.Retry).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }]);
  });

  it('grants only listing the bucket, sending to the queue, its own child executions, logs and traces', () => {
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => (policy as { Properties: { PolicyDocument: { Statement: Json[] } } }).Properties.PolicyDocument.Statement);
    const granted = statements.flatMap((s) => ([] as string[]).concat(s.Action as string | string[]).map((action) => `${action} ${JSON.stringify(s.Resource).slice(0, 60)}`)).sort();
    expect(granted.filter((g) => g.startsWith('s3:') || g.startsWith('sqs:'))).toEqual([
      `s3:ListBucket {"Fn::GetAtt":["${ids.bucket}","Arn"]}`,
      `sqs:SendMessage {"Fn::GetAtt":["${ids.queue}","Arn"]}`,
    ]);
    const wildcard = statements.filter((s) => s.Resource === '*').flatMap((s) => ([] as string[]).concat(s.Action as string | string[]));
    expect(wildcard.every((action) => /^(logs:(Create|Delete|Get|List|Update)LogDeliver|logs:Describe|logs:PutResourcePolicy|xray:)/.test(action))).toBe(true);
    expect(granted.filter((g) => g.startsWith('states:')).map((g) => g.split(' ')[0])).toEqual(['states:DescribeExecution', 'states:RedriveExecution', 'states:StartExecution', 'states:StopExecution']);
  });
});
