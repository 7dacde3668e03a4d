// The capacity meter (lambdas/adapters/capacity-meter.ts) on a real DynamoDB client: the SDK's
// whole middleware stack runs (serialisation, retries, deserialisation) and only the HTTP
// exchange is canned, so the meter reads what DynamoDB's wire responses report.
import { Readable } from 'node:stream';
import { BatchWriteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { CapacityMeter } from '../../lambdas/adapters/capacity-meter.js';

/** One canned HTTP answer of DynamoDB's JSON protocol. */
interface Answer {
  readonly status?: number;
  readonly errorType?: string;
  readonly body: Record<string, unknown>;
}

/** A client whose requests get `answers` in order; the requests' targets and bodies are kept. */
function clientAnswering(answers: Answer[]): { client: DynamoDBClient; sent: Array<{ target: string; body: Record<string, unknown> }> } {
  const sent: Array<{ target: string; body: Record<string, unknown> }> = [];
  const client = new DynamoDBClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { headers: Record<string, string>; body?: string | Uint8Array }) => {
        const text = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body ?? new Uint8Array());
        sent.push({ target: request.headers['x-amz-target'] ?? '', body: JSON.parse(text || '{}') as Record<string, unknown> });
        const answer = answers.shift();
        if (answer === undefined) throw new Error('no canned answer left');
        const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0' };
        if (answer.errorType !== undefined) headers['x-amzn-errortype'] = answer.errorType;
        return { response: { statusCode: answer.status ?? 200, headers, body: Readable.from([Buffer.from(JSON.stringify(answer.body))]) } };
      },
    },
  });
  return { client, sent };
}

const key = { pk: { S: 'DOC#1' }, sk: { S: 'META' } };

describe('Class: CapacityMeter', () => {
  it('adds the write and read units DynamoDB reports, per call kind, and starts again after take()', async () => {
    // Prepare
    const { client, sent } = clientAnswering([
      { body: { ConsumedCapacity: { TableName: 'records', CapacityUnits: 3 } } },
      { body: { Attributes: {}, ConsumedCapacity: { TableName: 'records', CapacityUnits: 1.5 } } },
      { body: { Item: key, ConsumedCapacity: { TableName: 'records', CapacityUnits: 0.5 } } },
      { body: { UnprocessedItems: {}, ConsumedCapacity: [{ TableName: 'records', CapacityUnits: 2 }, { TableName: 'other', CapacityUnits: 4 }] } },
    ]);
    const meter = new CapacityMeter();
    meter.attach(client);
    // Act
    await client.send(new PutItemCommand({ TableName: 'records', Item: key, ReturnConsumedCapacity: 'TOTAL' }));
    await client.send(new UpdateItemCommand({ TableName: 'records', Key: key, UpdateExpression: 'SET a = :a', ExpressionAttributeValues: { ':a': { N: '1' } }, ReturnConsumedCapacity: 'TOTAL' }));
    await client.send(new GetItemCommand({ TableName: 'records', Key: key, ReturnConsumedCapacity: 'TOTAL' }));
    await client.send(new BatchWriteItemCommand({ RequestItems: { records: [{ PutRequest: { Item: key } }] }, ReturnConsumedCapacity: 'TOTAL' }));
    // Assess: the meter read the responses and left the requests as the caller built them
    expect(meter.take()).toEqual({ writeUnits: 3 + 1.5 + 2 + 4, readUnits: 0.5, failedConditionalWrites: 0, unmeteredWrites: 0 });
    expect(meter.take()).toEqual({ writeUnits: 0, readUnits: 0, failedConditionalWrites: 0, unmeteredWrites: 0 });
    expect(sent.map((request) => request.target)).toEqual([
      'DynamoDB_20120810.PutItem',
      'DynamoDB_20120810.UpdateItem',
      'DynamoDB_20120810.GetItem',
      'DynamoDB_20120810.BatchWriteItem',
    ]);
    expect(sent.every((request) => request.body.ReturnConsumedCapacity === 'TOTAL')).toBe(true);
  });

  it('counts refused conditional writes (billed, not reported) and writes sent without asking for capacity', async () => {
    // Prepare
    const { client, sent } = clientAnswering([
      { status: 400, errorType: 'ConditionalCheckFailedException', body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' } },
      { body: {} },
    ]);
    const meter = new CapacityMeter();
    meter.attach(client);
    // Act
    const refused = client.send(new PutItemCommand({ TableName: 'records', Item: key, ConditionExpression: 'attribute_not_exists(pk)', ReturnConsumedCapacity: 'TOTAL' }));
    await expect(refused).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await client.send(new PutItemCommand({ TableName: 'records', Item: key }));
    // Assess
    expect(meter.take()).toEqual({ writeUnits: 0, readUnits: 0, failedConditionalWrites: 1, unmeteredWrites: 1 });
    expect(sent[1]?.body).not.toHaveProperty('ReturnConsumedCapacity');
  });

  it('is counted once per call when attached twice (the middleware replaces itself)', async () => {
    const { client } = clientAnswering([{ body: { ConsumedCapacity: { TableName: 'records', CapacityUnits: 1 } } }]);
    const meter = new CapacityMeter();
    meter.attach(client);
    meter.attach(client);
    await client.send(new PutItemCommand({ TableName: 'records', Item: key, ReturnConsumedCapacity: 'TOTAL' }));
    expect(meter.take().writeUnits).toBe(1);
  });
});
