// The deployed entry point with AWS X-Ray tracing (Powertools Tracer), bundled instead of
// lambdas/handler.ts when the stack is deployed with `-c scrape-dedup:tracing=true`. A separate
// entry keeps the X-Ray SDK out of the untraced bundle, so tracing off costs nothing.
// Each invocation gets a `## handler` subsegment annotated with the cold start and the service;
// every S3, DynamoDB and SQS call is a subsegment of it.
import { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';
import { createDeployedHandler } from './handler.js';
import type { LambdaHandler } from './handler.js';

const tracer = new Tracer();
const traced = createDeployedHandler((client) => tracer.captureAWSv3Client(client));

/**
 * The traced entry point.
 *
 * @example
 * // CDK (lib/dedup-function.ts with tracing): entry 'lambdas/handler-traced.ts', handler 'handler'
 */
export const handler: LambdaHandler = async (event, context?: Context) => {
  const segment = tracer.getSegment();
  if (segment === undefined) return traced(event, context);
  const subsegment = segment.addNewSubsegment('## handler');
  tracer.setSegment(subsegment);
  tracer.annotateColdStart();
  tracer.addServiceNameAnnotation();
  try {
    return await traced(event, context);
  } catch (error) {
    tracer.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(segment);
  }
};
