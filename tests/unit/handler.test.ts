import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { createHandler, decodeS3Key, parseEvent } from '../../lambdas/handler.js';
import type { ObjectProcessor } from '../../lambdas/process-object.js';
import { s3Event, sqsEvent, sqsPoisonMessage } from '../helpers/factories.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBClient);
const silent = () => new Logger({ serviceName: 'test', logLevel: 'SILENT' });

function deps(processor?: ObjectProcessor) {
  return {
    s3: new S3Client({ region: 'us-east-1' }),
    dynamo: new DynamoDBClient({ region: 'us-east-1' }),
    tableName: 'records',
    logger: silent(),
    processor,
  };
}

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
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-poison' }, { itemIdentifier: 'm-1' }]);
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
