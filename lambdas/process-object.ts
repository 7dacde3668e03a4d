// Per-object work: read the object, clean it, decide canonical or duplicate, record the outcome.
// FIRST VERSION: reads the object only; the dedup store is wired in next.
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Logger } from '@aws-lambda-powertools/logger';
import { fetchObject } from './adapters/s3-source.js';
import type { ObjectRef } from './adapters/s3-source.js';

/** The decision made for one object, as logged and returned. */
export interface ProcessedObject {
  readonly outcome: 'canonical' | 'duplicate' | 'unchanged' | 'rejected';
  readonly version: string;
  readonly docId?: string;
  readonly distance?: number;
  readonly reason?: string;
}

/** Processes one object; throws only for failures that a retry may fix. */
export type ObjectProcessor = (ref: ObjectRef) => Promise<ProcessedObject>;

export interface ProcessorDeps {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly tableName: string;
  readonly maxObjectBytes?: number;
  readonly logger?: Logger;
}

/**
 * Builds the per-object processor.
 *
 * @example
 * const process = createObjectProcessor({ s3, dynamo, tableName: 'records' });
 * await process({ bucket: 'scrapes', key: 'incoming/a.html' });
 */
export function createObjectProcessor(deps: ProcessorDeps): ObjectProcessor {
  return async (ref) => {
    const object = await fetchObject(deps.s3, ref);
    return { outcome: 'rejected', version: object.version, reason: 'not-implemented' };
  };
}
