import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { createHandler, decodeS3Key, parseEvent } from '../../lambdas/handler.js';
import type { InvocationContext } from '../../lambdas/handler.js';
import type { ObjectProcessor } from '../../lambdas/process-object.js';
import { s3Event, sqsEvent, sqsPoisonMessage } from '../helpers/factories.js';
import { MAX_DOCUMENT_PARAGRAPHS } from '../../lambdas/document-limits.js';
import { sentence } from '../reliability/hostile-shapes.js';
import { handlerTestDeps, silentLogger } from './handler-deps.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBClient);
const silent = silentLogger;
const deps = (processor?: ObjectProcessor) => handlerTestDeps(processor);

const object = (key: string, eTag = 'e1') => ({ bucket: 'scrapes', key, size: 10, eTag });

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
});

describe('Function: decodeS3Key', () => {
  it('turns + into spaces before percent-decoding', () => {
    expect(decodeS3Key('incoming/my+page%281%29%2B1.html')).toBe('incoming/my page(1)+1.html');
    expect(decodeS3Key('incoming/caf%C3%A9.txt')).toBe('incoming/café.txt');
  });
});

describe('Function: parseEvent', () => {
  it('reads direct S3 notifications and S3 notifications inside SQS messages', () => {
    // Prepare
    const direct = s3Event(object('incoming/a b.txt'));
    const queued = sqsEvent(s3Event(object('incoming/c.txt', 'e2'), object('incoming/d.txt', 'e3')));
    // Act
    const fromDirect = parseEvent(direct);
    const fromQueue = parseEvent(queued);
    // Assess
    expect(fromDirect.records).toEqual([{ ref: { bucket: 'scrapes', key: 'incoming/a b.txt', eTag: 'e1', size: 10, versionId: undefined } }]);
    expect(fromQueue.records.map((record) => [record.messageId, record.ref.key])).toEqual([
      ['m-0', 'incoming/c.txt'],
      ['m-0', 'incoming/d.txt'],
    ]);
  });

  it('ignores S3 test events and deletions, and reports bodies that are not JSON', () => {
    const testEvent = { ...sqsEvent(s3Event()).Records[0]!, messageId: 'm-test', body: JSON.stringify({ Event: 's3:TestEvent', Bucket: 'scrapes' }) };
    const deletion = s3Event(object('incoming/gone.txt'));
    const removed = { Records: [{ ...deletion.Records[0]!, eventName: 'ObjectRemoved:Delete' }] };
    expect(parseEvent({ Records: [testEvent, sqsPoisonMessage('m-bad')] })).toEqual({ records: [], badMessages: ['m-bad'] });
    expect(parseEvent(removed).records).toEqual([]);
  });
});

describe('Function: createHandler', () => {
  it('fails only the message whose object failed (partial batch response)', async () => {
    // Prepare
    const processor = vi.fn<ObjectProcessor>(async (ref) => {
      if (ref.key.endsWith('bad.txt')) throw new Error('boom');
      return { outcome: 'canonical', version: 'e1', docId: 'd1' };
    });
    const event = sqsEvent(s3Event(object('incoming/ok.txt')), s3Event(object('incoming/bad.txt')), s3Event(object('incoming/ok2.txt')));
    // Act
    const result = await createHandler(deps(processor))({ Records: [...event.Records, sqsPoisonMessage('m-poison')] });
    // Assess
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-poison' }]);
    expect(processor).toHaveBeenCalledTimes(3);
  });

  it('skips keys outside the incoming prefix', async () => {
    const processor = vi.fn<ObjectProcessor>(async () => ({ outcome: 'canonical', version: 'e1' }));
    const result = await createHandler({ ...deps(processor), incomingPrefix: 'incoming/' })(s3Event(object('other/a.txt')));
    expect(result.batchItemFailures).toEqual([]);
    expect(processor).not.toHaveBeenCalled();
  });

  it('throws for a failed direct S3 invocation so Lambda retries it', async () => {
    const processor = vi.fn<ObjectProcessor>(async () => {
      throw new Error('boom');
    });
    await expect(createHandler(deps(processor))(s3Event(object('incoming/a.txt')))).rejects.toThrow('1 object(s) failed');
  });

  it('does nothing for a version already recorded (redelivery), without reading the object', async () => {
    // Prepare: the source record exists
    dynamoMock.on(GetItemCommand).resolves({
      Item: { pk: { S: 'SRC#scrapes/incoming/a.txt' }, sk: { S: 'V#e1' }, bucket: { S: 'scrapes' }, key: { S: 'incoming/a.txt' }, version: { S: 'e1' }, outcome: { S: 'canonical' }, docId: { S: 'd1' }, processedAt: { S: '2026-01-01T00:00:00.000Z' } },
    });
    // Act
    const result = await createHandler(deps())(sqsEvent(s3Event(object('incoming/a.txt'))));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(s3Mock.commandCalls(GetObjectCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(PutItemCommand)).toHaveLength(0);
  });

  it('records rejected input as a source record instead of failing', async () => {
    // Prepare: no record yet; the object is binary
    dynamoMock.on(GetItemCommand).resolves({});
    dynamoMock.on(PutItemCommand).resolves({});
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    s3Mock.on(GetObjectCommand).resolves({ ETag: '"e1"', Body: { transformToByteArray: async () => png } as unknown as GetObjectCommandOutput['Body'] });
    // Act
    const result = await createHandler(deps())(sqsEvent(s3Event(object('incoming/a.png.txt'))));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const put = dynamoMock.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(put.Item?.outcome?.S).toBe('rejected');
    expect(put.Item?.pk?.S).toBe('SRC#scrapes/incoming/a.png.txt');
    expect(put.Item?.code?.S).toBeTruthy();
  });
});

/** An SQS message with any body (ids `p-<n>`). */
const message = (messageId: string, body: string) => ({ ...sqsEvent(s3Event()).Records[0]!, messageId, body });

/** A message whose S3 record is `record` (the rest of a real notification around it). */
const withRecord = (messageId: string, record: unknown) => message(messageId, JSON.stringify({ Records: [record] }));

/** A captured logger: every call's level, message and attributes. */
function capturingLogger() {
  const lines: { level: string; message: string; attributes: Record<string, unknown> }[] = [];
  const logger = silent();
  for (const level of ['info', 'warn', 'error'] as const) {
    vi.spyOn(logger, level).mockImplementation(((text: string, attributes: Record<string, unknown> = {}) => {
      lines.push({ level, message: text, attributes });
    }) as never);
  }
  return { logger, lines };
}

describe('createHandler: one unusable message fails alone (issue 10 item 1)', () => {
  const good = () => sqsEvent(s3Event(object('incoming/ok.txt'))).Records[0]!;
  const poisons = [
    message('p-null', 'null'),
    message('p-number', '42'),
    message('p-string', '"text"'),
    message('p-records-number', '{"Records":5}'),
    message('p-records-null-item', '{"Records":[null]}'),
    withRecord('p-no-s3', { eventName: 'ObjectCreated:Put' }),
    withRecord('p-bad-escape', { eventName: 'ObjectCreated:Put', s3: { bucket: { name: 'scrapes' }, object: { key: 'incoming/%E0%A4%A.txt', size: 3 } } }),
    message('p-not-json', 'not json'),
    { ...message('p-no-body', ''), body: undefined as unknown as string },
  ];

  it('processes the good messages and reports only the unusable ones, each with a reason in the log', async () => {
    // Prepare
    const processor = vi.fn<ObjectProcessor>(async () => ({ outcome: 'canonical', version: 'e1', docId: 'd1' }));
    const { logger, lines } = capturingLogger();
    const first = { ...good(), messageId: 'g-1' };
    const last = { ...good(), messageId: 'g-2' };
    // Act
    const result = await createHandler({ ...deps(processor), logger })({ Records: [first, ...poisons, last] });
    // Assess
    expect(result.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual(poisons.map((poison) => poison.messageId));
    expect(processor).toHaveBeenCalledTimes(2);
    const reasons = lines.filter((line) => line.level === 'error').map((line) => `${String(line.attributes.messageId)}: ${String(line.attributes.reason)}`);
    expect(reasons).toHaveLength(poisons.length);
    expect(reasons.join('\n')).toMatch(/p-bad-escape: .*malformed percent escape/);
    expect(reasons.join('\n')).toMatch(/p-no-s3: .*names no bucket and key/);
    expect(reasons.join('\n')).toMatch(/p-null: body is "null", not an S3 notification/);
  });

  it('acknowledges the S3 test event instead of failing it', async () => {
    const processor = vi.fn<ObjectProcessor>();
    const testEvent = message('t-1', JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'scrapes' }));
    const result = await createHandler(deps(processor))({ Records: [testEvent] });
    expect(result.batchItemFailures).toEqual([]);
    expect(processor).not.toHaveBeenCalled();
  });

  it('returns a batch whose every message is unusable as failures instead of throwing', async () => {
    const result = await createHandler(deps(vi.fn<ObjectProcessor>()))({ Records: poisons.slice(0, 2) });
    expect(result.batchItemFailures).toHaveLength(2);
  });

  it('parseEvent lists the unusable messages and the objects of the others', () => {
    const parsed = parseEvent({ Records: [...poisons, { ...good(), messageId: 'g-1' }] });
    expect(parsed.badMessages).toEqual(poisons.map((poison) => poison.messageId));
    expect(parsed.records.map((record) => record.messageId)).toEqual(['g-1']);
  });
});

describe('createHandler: remaining time and Lambda context (issue 10 item 5)', () => {
  /** A Lambda context whose clock runs down by `costMs` per processed object. */
  function fakeContext(startMs: number) {
    let remaining = startMs;
    const context: InvocationContext = {
      getRemainingTimeInMillis: () => remaining,
      awsRequestId: 'req-123',
      functionName: 'dedup',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:dedup',
      memoryLimitInMB: '1024',
    };
    return { context, spend: (ms: number) => (remaining -= ms) };
  }

  it('does not start objects that cannot finish before the timeout, and reports them as failures', async () => {
    // Prepare: 100 s left, each object takes 30 s, an object may need 50 s
    const clock = fakeContext(100_000);
    const processor = vi.fn<ObjectProcessor>(async () => {
      clock.spend(30_000);
      return { outcome: 'canonical', version: 'e1' };
    });
    const event = sqsEvent(...['a', 'b', 'c', 'd'].map((name) => s3Event(object(`incoming/${name}.txt`))));
    // Act
    const result = await createHandler({ ...deps(processor), objectTimeReserveMs: 50_000 })(event, clock.context);
    // Assess: 100 s and 70 s left: started; 40 s and (still) 40 s left: not started
    expect(processor.mock.calls.map(([ref]) => ref.key)).toEqual(['incoming/a.txt', 'incoming/b.txt']);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-2' }, { itemIdentifier: 'm-3' }]);
  });

  it('logs with the Lambda request id and the cold-start flag', async () => {
    // Prepare: a real Powertools logger; in dev mode it writes JSON through the global console
    vi.stubEnv('POWERTOOLS_DEV', 'true');
    const written: string[] = [];
    const logger = new Logger({ serviceName: 'test', logLevel: 'INFO' });
    const spy = vi.spyOn(console, 'info').mockImplementation((line: unknown) => void written.push(String(line)));
    const processor = vi.fn<ObjectProcessor>(async () => ({ outcome: 'canonical', version: 'e1' }));
    // Act
    try {
      await createHandler({ ...deps(processor), logger })(sqsEvent(s3Event(object('incoming/a.txt'))), fakeContext(600_000).context);
    } finally {
      spy.mockRestore();
      vi.unstubAllEnvs();
    }
    // Assess
    const decision = written.map((line) => JSON.parse(line) as Record<string, unknown>).find((line) => line.message === 'decision');
    expect(decision).toMatchObject({ function_request_id: 'req-123', function_name: 'dedup', key: 'incoming/a.txt' });
    expect(typeof decision?.cold_start).toBe('boolean');
  });
});

describe('createHandler: deleted objects and permission faults (issue 10 item 4)', () => {
  /** The error the SDK throws for an S3 error response. */
  const s3Error = (name: string, httpStatusCode: number) =>
    new S3ServiceException({ name, $fault: 'client', $metadata: { httpStatusCode }, message: name });

  it('records a deleted object version (404 NoSuchVersion, with ListBucket) as rejected: object-missing', async () => {
    // Prepare
    dynamoMock.on(GetItemCommand).resolves({});
    dynamoMock.on(PutItemCommand).resolves({});
    s3Mock.on(GetObjectCommand).rejects(s3Error('NoSuchVersion', 404));
    // Act
    const result = await createHandler(deps())(sqsEvent(s3Event(object('incoming/gone.txt'))));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const put = dynamoMock.commandCalls(PutItemCommand)[0]!.args[0].input;
    expect(put.Item?.outcome?.S).toBe('rejected');
    expect(put.Item?.code?.S).toBe('object-missing');
  });

  it('fails the message on 403 AccessDenied (a real permission fault must reach the alarm), recording nothing', async () => {
    dynamoMock.on(GetItemCommand).resolves({});
    s3Mock.on(GetObjectCommand).rejects(s3Error('AccessDenied', 403));
    const result = await createHandler(deps())(sqsEvent(s3Event(object('incoming/encrypted.txt'))));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-0' }]);
    expect(dynamoMock.commandCalls(PutItemCommand)).toHaveLength(0);
  });
});

describe('createHandler: documents too big to record (issue 10 item 3)', () => {
  it('rejects a document over the paragraph limit with both numbers, before writing anything else', async () => {
    // Prepare: a text scrape of MAX_DOCUMENT_PARAGRAPHS + 1 distinct prose paragraphs
    const paragraphs = Array.from({ length: MAX_DOCUMENT_PARAGRAPHS + 1 }, (_, i) => sentence(i * 12, 12));
    const bytes = new TextEncoder().encode(`Harbour works report\n\n${paragraphs.join('\n\n')}`);
    dynamoMock.on(GetItemCommand).resolves({});
    dynamoMock.on(PutItemCommand).resolves({});
    s3Mock.on(GetObjectCommand).resolves({ ETag: '"e1"', Body: { transformToByteArray: async () => bytes } as unknown as GetObjectCommandOutput['Body'] });
    // Act
    const result = await createHandler(deps())(sqsEvent(s3Event(object('incoming/report.txt'))));
    // Assess: one write, the source record, rejected with both figures
    expect(result.batchItemFailures).toEqual([]);
    const puts = dynamoMock.commandCalls(PutItemCommand);
    expect(puts).toHaveLength(1);
    const item = puts[0]!.args[0].input.Item!;
    expect(item.outcome?.S).toBe('rejected');
    expect(item.code?.S).toBe('too-many-paragraphs');
    expect(item.reason?.S).toContain(String(MAX_DOCUMENT_PARAGRAPHS + 1));
    expect(item.reason?.S).toContain(String(MAX_DOCUMENT_PARAGRAPHS));
    expect(dynamoMock.commandCalls(UpdateItemCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(BatchGetItemCommand)).toHaveLength(0);
    expect(dynamoMock.commandCalls(QueryCommand)).toHaveLength(0);
  });
});
