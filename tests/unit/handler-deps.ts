// What the handler tests give createHandler: SDK clients for aws-sdk-client-mock to intercept,
// a silent logger, and the processor under test (the real one when absent).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import type { HandlerDeps } from '../../lambdas/handler.js';
import type { ObjectProcessor } from '../../lambdas/process-object.js';

/** A logger that writes nothing. */
export const silentLogger = (): Logger => new Logger({ serviceName: 'test', logLevel: 'SILENT' });

/**
 * Handler dependencies for table `records` in us-east-1.
 *
 * @example
 * const handle = createHandler(handlerTestDeps(processor));
 */
export function handlerTestDeps(processor?: ObjectProcessor, extra: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    s3: new S3Client({ region: 'us-east-1' }),
    dynamo: new DynamoDBClient({ region: 'us-east-1' }),
    tableName: 'records',
    logger: silentLogger(),
    ...(processor === undefined ? {} : { processor }),
    ...extra,
  };
}
