// Shared plumbing of the reliability tests that run the real handler on the local stack:
// upload objects, deliver their S3 notifications in SQS batches, capture the log lines.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { vi } from 'vitest';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';

/** An object uploaded to the local bucket, as its notification will name it. */
export interface Uploaded {
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
}

/** SQS hands the function at most this many messages per invocation (the stack's batch size). */
export const SQS_BATCH_SIZE = 10;

/**
 * Uploads bytes under `key` with optional Content-Type and Content-Encoding.
 *
 * @example
 * const object = await upload(stack, 'incoming/a.txt', bytes, { contentType: 'text/plain' });
 */
export async function upload(
  stack: LocalStack,
  key: string,
  bytes: Uint8Array,
  meta: { readonly contentType?: string; readonly contentEncoding?: string } = {},
): Promise<Uploaded> {
  const put = await stack.s3.send(
    new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes, ContentType: meta.contentType, ContentEncoding: meta.contentEncoding }),
  );
  return { key, size: bytes.byteLength, eTag: normalizeETag(put.ETag)! };
}

/**
 * SQS batches (at most {@link SQS_BATCH_SIZE} messages each) carrying one S3 notification per
 * object; message ids are `<prefix>-<n>`.
 */
export function sqsBatches(stack: LocalStack, objects: readonly Uploaded[], prefix = 'm', options: { readonly withSize?: boolean } = {}): SQSEvent[] {
  const records = objects.map((object, index) => {
    const notification = s3PutEvent({ bucket: stack.bucket, key: object.key, size: options.withSize === false ? 0 : object.size, eTag: object.eTag });
    if (options.withSize === false) delete (notification.Records[0]!.s3.object as { size?: number }).size;
    return { ...sqsEventFor(notification).Records[0]!, messageId: `${prefix}-${index}` };
  });
  const batches: SQSEvent[] = [];
  for (let i = 0; i < records.length; i += SQS_BATCH_SIZE) batches.push({ Records: records.slice(i, i + SQS_BATCH_SIZE) });
  return batches;
}

/** One captured log call. */
export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly message: string;
  readonly attributes: Record<string, unknown>;
}

/** A Powertools logger whose lines are kept in memory (and not printed). */
export function capturingLogger(): { logger: Logger; lines: LogLine[] } {
  const logger = new Logger({ serviceName: 'scrape-dedup-test', logLevel: 'SILENT' });
  const lines: LogLine[] = [];
  for (const level of ['info', 'warn', 'error'] as const) {
    vi.spyOn(logger, level).mockImplementation(((message: unknown, ...extra: unknown[]) => {
      const attributes = Object.assign({}, ...extra.filter((item) => typeof item === 'object' && item !== null)) as Record<string, unknown>;
      lines.push({ level, message: String(message), attributes });
    }) as never);
  }
  return { logger, lines };
}

/** Delivers the batches one after another, as a single function instance would receive them. */
export async function deliverAll(handle: (event: SQSEvent) => Promise<SQSBatchResponse>, batches: readonly SQSEvent[]): Promise<string[]> {
  const failed: string[] = [];
  for (const batch of batches) {
    const response = await handle(batch);
    failed.push(...response.batchItemFailures.map((failure) => failure.itemIdentifier));
  }
  return failed;
}
