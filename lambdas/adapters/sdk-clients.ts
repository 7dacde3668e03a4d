// One setting of every AWS SDK client this project makes, in the Lambda and on the local stack.

/** The SDK's middleware that logs each call's input and output to the client's logger. */
export const SDK_LOGGER_MIDDLEWARE = 'loggerMiddleware';

/**
 * Takes the SDK's logger middleware off `client`. These clients get no logger, so the SDK's
 * NoOpLogger receives every call's input and output; but the middleware first copies both
 * through the operation's schema to mask sensitive fields, on every call, for a logger that
 * drops them: 10-17% of the calling thread's CPU per GetItem and UpdateItem on the local stack
 * (issue 16). The pipeline logs with Powertools, not through the SDK.
 *
 * @example
 * const dynamo = withoutSdkCallLogging(new DynamoDBClient({}));
 */
export function withoutSdkCallLogging<Client extends { middlewareStack: { remove(name: string): boolean } }>(client: Client): Client {
  client.middlewareStack.remove(SDK_LOGGER_MIDDLEWARE);
  return client;
}
