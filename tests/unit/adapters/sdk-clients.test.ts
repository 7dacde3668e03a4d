// The SDK's per-call logger middleware is taken off the project's clients (issue 16): it masks
// every call's input and output for a logger that drops them.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { startLocalStack } from '../../../bin/local/local-stack.js';
import { SDK_LOGGER_MIDDLEWARE, withoutSdkCallLogging } from '../../../lambdas/adapters/sdk-clients.js';

const OPTIONS = { region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' } };

function middlewareNames(client: { middlewareStack: { identify(): string[] } }): string[] {
  return client.middlewareStack.identify().map((entry) => entry.split(' ')[0]!);
}

describe('Function: withoutSdkCallLogging', () => {
  it.each([
    ['DynamoDB', () => new DynamoDBClient(OPTIONS)],
    ['S3', () => new S3Client(OPTIONS)],
    ['SQS', () => new SQSClient(OPTIONS)],
  ])('takes the logger middleware off a %s client, which the SDK still puts there by that name', (_name, make) => {
    // If the SDK renamed the middleware, removing it would silently do nothing: this fails first.
    expect(middlewareNames(make())).toContain(SDK_LOGGER_MIDDLEWARE);
    const client = withoutSdkCallLogging(make());
    expect(middlewareNames(client)).not.toContain(SDK_LOGGER_MIDDLEWARE);
    expect(middlewareNames(client).length).toBe(middlewareNames(make()).length - 1);
  });

  it('leaves the local stack clients working: a call still gets its answer and its errors', async () => {
    const stack = await startLocalStack();
    try {
      expect(middlewareNames(stack.dynamo)).not.toContain(SDK_LOGGER_MIDDLEWARE);
      const key = { pk: { S: 'nothing' }, sk: { S: 'here' } };
      expect((await stack.dynamo.send(new GetItemCommand({ TableName: stack.tableName, Key: key }))).Item).toBeUndefined();
      await expect(stack.dynamo.send(new GetItemCommand({ TableName: 'no-such-table', Key: key }))).rejects.toThrow(/not found|ResourceNotFound/i);
    } finally {
      await stack.close();
    }
  });
});
