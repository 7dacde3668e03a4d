// Poison messages: the handler reports exactly the poison messages in batchItemFailures, so the
// rest of the batch succeeds once; the queue of the synthesised stack redelivers them up to its
// maxReceiveCount and then moves them to the dead-letter queue (simulated here with the very
// receive limit and partial-batch setting the template declares).
import { App } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { createHandler } from '../../lambdas/handler.js';
import { ScrapeDedupStack } from '../../lib/scrape-dedup-stack.js';
import { cdkJsonContext, makeOutdir, removeOutdir } from '../helpers/cdk-app.js';
import { capturingLogger, sqsBatches, upload } from './harness.js';
import type { Uploaded } from './harness.js';
import { articleText } from './inputs.js';

interface QueueWiring {
  readonly maxReceiveCount: number;
  readonly reportsBatchItemFailures: boolean;
}

/**
 * What the synthesised stack declares: the main queue's redrive policy and the event source's
 * response type. The stack is built with cdk.json's context but without cdk-nag (the infra
 * tests run it), which keeps this file's synth cheap.
 */
function readQueueWiring(): QueueWiring {
  const outdir = makeOutdir();
  try {
    const app = new App({ outdir, context: cdkJsonContext() });
    const stack = new ScrapeDedupStack(app, 'ReliabilityStack');
    const template = Template.fromStack(stack);
    const queueId = stack.resolve((stack.ingest.queue.node.defaultChild as CfnElement).logicalId) as string;
    const dlqId = stack.resolve((stack.ingest.deadLetterQueue.node.defaultChild as CfnElement).logicalId) as string;
    const queue = template.toJSON().Resources[queueId] as { Properties: { RedrivePolicy: { maxReceiveCount: number; deadLetterTargetArn: unknown } } };
    expect(queue.Properties.RedrivePolicy.deadLetterTargetArn).toEqual({ 'Fn::GetAtt': [dlqId, 'Arn'] });
    const mappings = Object.values(template.findResources('AWS::Lambda::EventSourceMapping')) as Array<{ Properties: { FunctionResponseTypes?: string[] } }>;
    return {
      maxReceiveCount: queue.Properties.RedrivePolicy.maxReceiveCount,
      reportsBatchItemFailures: mappings.some((mapping) => mapping.Properties.FunctionResponseTypes?.includes('ReportBatchItemFailures')),
    };
  } finally {
    removeOutdir(outdir);
  }
}

describe('poison messages reach the dead-letter queue; the rest of the batch succeeds', () => {
  let stack: LocalStack;
  let wiring: QueueWiring;
  let good: Uploaded[];
  const rounds: Array<{ delivered: string[]; failed: string[] }> = [];
  const deadLetters: string[] = [];

  beforeAll(async () => {
    wiring = readQueueWiring();
    stack = await startLocalStack();
    good = [];
    for (let i = 0; i < 3; i += 1) good.push(await upload(stack, `incoming/dlq/good-${i}.txt`, new TextEncoder().encode(articleText(40 + i))));
    const [batch] = sqsBatches(stack, good, 'good');
    // Two kinds of poison: a body that is not JSON, and an event naming a bucket that does not exist.
    const base = batch!.Records[0]!;
    const notJson: SQSRecord = { ...base, messageId: 'poison-not-json', body: '{"Records": [' };
    const noBucket: SQSRecord = { ...base, messageId: 'poison-no-bucket', body: base.body.replace(`"${stack.bucket}"`, '"no-such-bucket-7"') };
    const { logger } = capturingLogger();
    const handle = createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, logger });

    // The queue as SQS runs it: what fails becomes visible again and is received again, until
    // its receive count reaches maxReceiveCount, when it moves to the dead-letter queue.
    let visible: SQSRecord[] = [batch!.Records[0]!, notJson, batch!.Records[1]!, noBucket, batch!.Records[2]!];
    const receives = new Map<string, number>();
    while (visible.length > 0) {
      for (const message of visible) receives.set(message.messageId, (receives.get(message.messageId) ?? 0) + 1);
      const event: SQSEvent = { Records: visible.map((m) => ({ ...m, attributes: { ...m.attributes, ApproximateReceiveCount: String(receives.get(m.messageId)) } })) };
      const response = await handle(event);
      const failed = response.batchItemFailures.map((failure) => failure.itemIdentifier);
      rounds.push({ delivered: visible.map((m) => m.messageId), failed });
      const retry = visible.filter((m) => failed.includes(m.messageId));
      for (const message of retry.filter((m) => receives.get(m.messageId)! >= wiring.maxReceiveCount)) deadLetters.push(message.messageId);
      visible = retry.filter((m) => receives.get(m.messageId)! < wiring.maxReceiveCount);
    }
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the stack redrives to a DLQ after a few receives and reports partial batch failures', () => {
    expect(wiring.maxReceiveCount).toBeGreaterThanOrEqual(2);
    expect(wiring.maxReceiveCount).toBeLessThanOrEqual(10);
    expect(wiring.reportsBatchItemFailures).toBe(true);
  });

  it('every delivery reports exactly the poison messages as failed', () => {
    expect(rounds).toHaveLength(wiring.maxReceiveCount);
    for (const round of rounds) expect([...round.failed].sort()).toEqual(['poison-no-bucket', 'poison-not-json']);
    // Only the first delivery carried the good messages: they succeeded and were not redelivered.
    expect(rounds[0]!.delivered).toHaveLength(5);
    for (const round of rounds.slice(1)) expect(round.delivered.sort()).toEqual(['poison-no-bucket', 'poison-not-json']);
  });

  it('the poison messages end in the dead-letter queue after maxReceiveCount receives', () => {
    expect(deadLetters.sort()).toEqual(['poison-no-bucket', 'poison-not-json']);
  });

  it('the good messages of the batch were processed once', async () => {
    const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
    for (const object of good) {
      const versions = await store.listSourceVersions(stack.bucket, object.key);
      expect(versions.map((v) => v.outcome)).toEqual(['canonical']);
    }
  });
});
