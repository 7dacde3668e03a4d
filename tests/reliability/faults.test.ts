// Issue 7 faults on the local stack: DynamoDB throttling and 5xx retried with back-off, an
// object deleted before processing, a crash at every write of a document followed by the
// redelivered event, and poison messages that reach the dead-letter queue while the rest of the
// batch succeeds. The state after each fault must equal the state of a run without faults.
import {
  BatchGetItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { SQSEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecordsTable, startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { AWS_SDK_MAX_ATTEMPTS } from '../../lambdas/core/settings.js';
import { createHandler } from '../../lambdas/handler.js';
import { createObjectProcessor, MISSING_VERSION_SUFFIX, OBJECT_MISSING_CODE } from '../../lambdas/process-object.js';
import type { DedupIndex, RecordStore } from '../../lambdas/dedup/types.js';
import { capturingLogger, sqsBatches, upload } from './harness.js';
import type { Uploaded } from './harness.js';
import { articleText } from './inputs.js';

/** One clock for every run, so the state of two runs compares item for item. */
const FIXED_CLOCK = (): Date => new Date('2026-02-01T12:00:00.000Z');
/** Deliveries of one message before it counts as lost in these tests (the stack's maxReceiveCount). */
const MAX_DELIVERIES = 3;
/**
 * Store methods that write; a crash is injected before and after each call of each. The lease
 * write (which also registers) is covered by the dead-holder test below.
 */
const WRITE_METHODS = ['putCanonical', 'recordParagraphs', 'addSource', 'putSource'] as const;
/** Attributes of a lease (who holds an index bucket, until when): bookkeeping, not content. */
const LEASE_ATTRIBUTE = /lease|holder|expires/i;

type Store = RecordStore & DedupIndex;
type Handle = (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

let tableCounter = 0;
async function freshTable(stack: LocalStack): Promise<string> {
  tableCounter += 1;
  const name = `faults-${tableCounter}`;
  await createRecordsTable(stack.dynamo, name);
  return name;
}

/** Every item of a table, lease attributes dropped, as sorted JSON lines: what a run left behind. */
async function snapshot(client: DynamoDBClient, tableName: string): Promise<string[]> {
  const lines: string[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) {
      const kept = Object.keys(item).filter((name) => !LEASE_ATTRIBUTE.test(name)).sort();
      lines.push(JSON.stringify(kept.map((name) => [name, item[name]])));
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return lines.sort();
}

/** The objects every scenario processes, in order: an article and a near-copy of it (the canonical and the duplicate path). */
async function uploadScenario(stack: LocalStack): Promise<Uploaded[]> {
  const original = articleText(21);
  const nearCopy = original.replace(/\.$/, ', the mediator added in a late statement.');
  return [
    await upload(stack, 'incoming/faults/original.txt', new TextEncoder().encode(original)),
    await upload(stack, 'incoming/faults/near-copy.txt', new TextEncoder().encode(nearCopy)),
  ];
}

/**
 * Delivers each object's message in order, redelivering a failed one (as SQS does after the
 * visibility timeout) before the next, up to {@link MAX_DELIVERIES}. Returns the failures seen.
 */
async function deliverInOrder(handle: Handle, batches: readonly SQSEvent[]): Promise<{ failures: number; lost: string[] }> {
  let failures = 0;
  const lost: string[] = [];
  for (const batch of batches) {
    for (const record of batch.Records) {
      let delivered = false;
      for (let attempt = 1; attempt <= MAX_DELIVERIES && !delivered; attempt += 1) {
        const response = await handle({ Records: [{ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: String(attempt) } }] });
        delivered = response.batchItemFailures.length === 0;
        if (!delivered) failures += 1;
      }
      if (!delivered) lost.push(record.messageId);
    }
  }
  return { failures, lost };
}

/** A store that throws once, at the `occurrence`-th call of `method`, before or after the real call. */
function crashingStore(inner: Store, plan: { method: string; occurrence: number; phase: 'before' | 'after' }): Store {
  let calls = 0;
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => Promise<unknown>;
      if (property !== plan.method) return method.bind(target);
      return async (...args: unknown[]) => {
        calls += 1;
        const crash = calls === plan.occurrence;
        if (crash && plan.phase === 'before') throw new Error(`injected crash before ${plan.method} #${plan.occurrence}`);
        const result = await method.apply(target, args);
        if (crash && plan.phase === 'after') throw new Error(`injected crash after ${plan.method} #${plan.occurrence}`);
        return result;
      };
    },
  });
}

/** A store that counts the calls of each method. */
function countingStore(inner: Store, counts: Map<string, number>): Store {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => {
        counts.set(String(property), (counts.get(String(property)) ?? 0) + 1);
        return method.apply(target, args);
      };
    },
  });
}

describe('faults on the local stack', () => {
  let stack: LocalStack;
  let objects: Uploaded[];
  let batches: SQSEvent[];
  let baseline: string[];
  const writeCalls = new Map<string, number>();

  function handlerOn(tableName: string, options: { store?: Store; dynamo?: DynamoDBClient } = {}): Handle {
    const dynamo = options.dynamo ?? stack.dynamo;
    const { logger } = capturingLogger();
    const processor = createObjectProcessor({ s3: stack.s3, dynamo, tableName, store: options.store, clock: FIXED_CLOCK, logger });
    return createHandler({ s3: stack.s3, dynamo, tableName, processor, logger });
  }

  beforeAll(async () => {
    stack = await startLocalStack();
    objects = await uploadScenario(stack);
    batches = sqsBatches(stack, objects, 'f');
    // The reference: the same objects, in the same order, with no fault.
    const tableName = await freshTable(stack);
    const store = countingStore(new DynamoStore({ client: stack.dynamo, tableName }), writeCalls);
    const result = await deliverInOrder(handlerOn(tableName, { store }), batches);
    expect(result).toEqual({ failures: 0, lost: [] });
    baseline = await snapshot(stack.dynamo, tableName);
  }, 60_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('the fault-free reference run produced the expected outcomes', async () => {
    const store = new DynamoStore({ client: stack.dynamo, tableName: `faults-1` });
    const outcomes = await Promise.all(objects.map(async (object) => (await store.getSource(stack.bucket, object.key, object.eTag))?.outcome));
    expect(outcomes).toEqual(['canonical', 'duplicate']);
    for (const method of WRITE_METHODS) expect(writeCalls.get(method), `${method} never called`).toBeGreaterThan(0);
  });

  describe('a crash at each write, then the redelivered event', () => {
    const plans = WRITE_METHODS.flatMap((method) =>
      // Occurrences 1..3 cover every call of the run (the counts are checked below).
      [1, 2, 3].flatMap((occurrence) => (['before', 'after'] as const).map((phase) => ({ method, occurrence, phase }))),
    );

    it.each(plans.map((plan) => [`${plan.phase} ${plan.method} #${plan.occurrence}`, plan] as const))('crash %s: the retry completes the work, nothing duplicated', async (_name, plan) => {
      if (plan.occurrence > (writeCalls.get(plan.method) ?? 0)) return; // this run makes fewer calls: nothing to crash
      // Prepare
      const tableName = await freshTable(stack);
      const store = crashingStore(new DynamoStore({ client: stack.dynamo, tableName }), plan);
      // Act
      const result = await deliverInOrder(handlerOn(tableName, { store }), batches);
      // Assess: exactly one failed delivery (the crash), none lost, and the same records as without the crash.
      expect(result).toEqual({ failures: 1, lost: [] });
      expect(await snapshot(stack.dynamo, tableName)).toEqual(baseline);
    });

    it('crash right after taking the leases (a dead holder): the retry waits for them to lapse, then completes', async () => {
      // Prepare: short leases, so the dead holder's lapse within the test (the same rule as 5 minutes).
      const leaseOptions = { leaseTtlMs: 1_500, leaseSafetyMarginMs: 200, leaseMaxWaitMs: 10_000 };
      const tableName = await freshTable(stack);
      const inner = new DynamoStore({ client: stack.dynamo, tableName, options: leaseOptions });
      const store = crashingStore(inner, { method: 'lock', occurrence: 1, phase: 'after' });
      const { logger } = capturingLogger();
      const processor = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName, store, clock: FIXED_CLOCK, logger, dedupOptions: leaseOptions });
      // Act
      const result = await deliverInOrder(createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName, processor, logger }), batches);
      // Assess
      expect(result).toEqual({ failures: 1, lost: [] });
      expect(await snapshot(stack.dynamo, tableName)).toEqual(baseline);
    }, 30_000);

    it('covers every write call of the run', () => {
      for (const method of WRITE_METHODS) expect(writeCalls.get(method)).toBeLessThanOrEqual(3);
      const crashes = WRITE_METHODS.reduce((sum, method) => sum + 2 * (writeCalls.get(method) ?? 0), 0);
      console.info(`[faults] ${crashes} crash points (before and after each of ${crashes / 2} writes) plus a dead lease holder, each redelivered to the fault-free state`);
    });
  });

  it('retries DynamoDB throttling and 5xx inside the SDK with back-off; records written once', async () => {
    // Prepare: a client configured as the handler's, with faults injected below the retry layer
    // (the deserialize step runs inside the SDK's retry loop, as a real HTTP error would).
    const tableName = await freshTable(stack);
    const dynamo = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' }, maxAttempts: AWS_SDK_MAX_ATTEMPTS, retryMode: 'standard' });
    // Every sixth write fails twice before it goes through: first throttled, then a 500.
    const faults = [
      { name: 'ProvisionedThroughputExceededException', $fault: 'client', $metadata: { httpStatusCode: 400 } },
      { name: 'InternalServerError', $fault: 'server', $metadata: { httpStatusCode: 500 } },
    ];
    const failuresByInput = new Map<object, number>();
    let writes = 0;
    let targeted = 0;
    let injected = 0;
    let retryDelayMs = 0;
    let retriedCalls = 0;
    dynamo.middlewareStack.add(
      (next, context) => async (args) => {
        const write = context.commandName === 'PutItemCommand' || context.commandName === 'UpdateItemCommand';
        // The SDK retries with the same input object: it identifies one logical write.
        const input = args.input as object;
        if (write && !failuresByInput.has(input)) {
          failuresByInput.set(input, writes % 6 === 0 ? 0 : faults.length);
          if (writes % 6 === 0) targeted += 1;
          writes += 1;
        }
        const failures = failuresByInput.get(input);
        if (write && failures !== undefined && failures < faults.length) {
          failuresByInput.set(input, failures + 1);
          injected += 1;
          throw Object.assign(new Error(`injected ${faults[failures]!.name}`), faults[failures]!);
        }
        return next(args);
      },
      { step: 'deserialize', name: 'injectDynamoFaults' },
    );
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const output = await next(args);
        const metadata = (output.output as { $metadata?: { attempts?: number; totalRetryDelay?: number } }).$metadata;
        if ((metadata?.attempts ?? 1) > 1) retriedCalls += 1;
        retryDelayMs += metadata?.totalRetryDelay ?? 0;
        return output;
      },
      { step: 'initialize', name: 'observeRetries' },
    );
    // Act
    const result = await deliverInOrder(handlerOn(tableName, { dynamo }), batches);
    // Assess: no failure reached the handler, faults were retried with a delay, state as without faults.
    expect(result).toEqual({ failures: 0, lost: [] });
    expect(targeted).toBeGreaterThanOrEqual(2);
    expect(injected).toBe(2 * targeted);
    expect(retriedCalls).toBe(targeted);
    expect(retryDelayMs).toBeGreaterThan(0);
    expect(await snapshot(stack.dynamo, tableName)).toEqual(baseline);
    console.info(`[faults] ${injected} DynamoDB faults (throttling, 500) injected into ${targeted} of ${writes} writes, ${retriedCalls} calls retried, ${Math.round(retryDelayMs)} ms of back-off`);
    dynamo.destroy();
  }, 60_000);

  it('a write that still fails after the SDK retries fails the message; the redelivery writes the record once (aws-sdk-client-mock)', async () => {
    // Prepare: every DynamoDB call goes to dynalite through a mocked client, except that the first
    // PutItem of the source record is refused as the SDK reports throttling it could not ride out.
    const tableName = await freshTable(stack);
    const real = new DynamoDBClient({ endpoint: stack.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const dynamo = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
    const mock = mockClient(dynamo);
    mock.on(GetItemCommand).callsFake((input) => real.send(new GetItemCommand(input)));
    mock.on(QueryCommand).callsFake((input) => real.send(new QueryCommand(input)));
    mock.on(BatchGetItemCommand).callsFake((input) => real.send(new BatchGetItemCommand(input)));
    mock.on(UpdateItemCommand).callsFake((input) => real.send(new UpdateItemCommand(input)));
    let refused = 0;
    mock.on(PutItemCommand).callsFake((input: { Item?: Record<string, AttributeValue> }) => {
      const isSourceRecord = input.Item?.sk?.S?.startsWith('V#') === true;
      if (isSourceRecord && refused === 0) {
        refused += 1;
        return Promise.reject(Object.assign(new Error('Rate of requests exceeds the allowed throughput.'), { name: 'ProvisionedThroughputExceededException', $metadata: { httpStatusCode: 400, attempts: AWS_SDK_MAX_ATTEMPTS } }));
      }
      return real.send(new PutItemCommand(input as ConstructorParameters<typeof PutItemCommand>[0]));
    });
    const handle = handlerOn(tableName, { dynamo });
    const first = objects[0]!;
    const [batch] = sqsBatches(stack, [first], 'mock');
    // Act
    const firstDelivery = await handle(batch!);
    const secondDelivery = await handle(batch!);
    const thirdDelivery = await handle(batch!);
    // Assess: failed once, then succeeded; the source record was put exactly once successfully
    // (the refused put and the successful one), and the replay wrote nothing.
    expect(firstDelivery.batchItemFailures).toEqual([{ itemIdentifier: 'mock-0' }]);
    expect(secondDelivery.batchItemFailures).toEqual([]);
    expect(thirdDelivery.batchItemFailures).toEqual([]);
    const sourcePuts = mock.commandCalls(PutItemCommand).filter((call) => call.args[0].input.Item?.sk?.S?.startsWith('V#'));
    expect(sourcePuts).toHaveLength(2);
    const record = await new DynamoStore({ client: real, tableName }).getSource(stack.bucket, first.key, first.eTag);
    expect(record?.outcome).toBe('canonical');
    const canonical = await new DynamoStore({ client: real, tableName }).getCanonical(record!.docId!);
    expect(canonical?.duplicateCount ?? 0).toBe(0);
    mock.restore();
    real.destroy();
  });

  it('an object deleted before processing is recorded as missing, not retried', async () => {
    // Prepare: an event for a key that is not (any longer) in the bucket.
    const tableName = await freshTable(stack);
    const handle = handlerOn(tableName);
    const ghost: Uploaded = { key: 'incoming/faults/deleted.txt', size: 120, eTag: '0123456789abcdef0123456789abcdef' };
    const [batch] = sqsBatches(stack, [ghost], 'ghost');
    // Act: delivered twice (a duplicate delivery changes nothing).
    const first = await handle(batch!);
    const second = await handle(batch!);
    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    const record = await new DynamoStore({ client: stack.dynamo, tableName }).getSource(stack.bucket, ghost.key, `${ghost.eTag}${MISSING_VERSION_SUFFIX}`);
    expect(record).toMatchObject({ outcome: 'rejected', code: OBJECT_MISSING_CODE });
    expect(record!.reason).toMatch(/deleted before it could be processed/);
  });
});
