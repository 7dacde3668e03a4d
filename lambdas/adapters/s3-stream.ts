// Streams one object (or a byte range of it) from S3 for the crawl-file readers: a WARC or
// JSON Lines file of any size is read chunk by chunk, never whole.
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { normalizeETag } from './s3-source.js';
import type { ObjectRef } from './s3-source.js';

/** An object being streamed. */
export interface StreamedObject {
  readonly stream: AsyncIterable<Uint8Array>;
  /** Version id when versioned, else the ETag: the identity of this content. */
  readonly version: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly contentType?: string;
  /** Bytes in the object (not in the range). */
  readonly size?: number;
}

/**
 * Opens an object for streaming, from `start` (inclusive) when given. The exact content is
 * pinned: the version id when versioned, else `If-Match` on the ETag, so a range read of an
 * object overwritten since its plan fails (and is retried) instead of reading other bytes.
 *
 * @example
 * const { stream, version } = await openObjectStream(s3, { bucket: 'scrapes', key: 'incoming/crawl.warc.gz' }, 1_048_576);
 */
export async function openObjectStream(s3: S3Client, ref: ObjectRef, start?: number): Promise<StreamedObject> {
  const response = await s3.send(
    new GetObjectCommand({
      Bucket: ref.bucket,
      Key: ref.key,
      VersionId: ref.versionId,
      ...(ref.versionId === undefined && ref.eTag !== undefined ? { IfMatch: `"${normalizeETag(ref.eTag)}"` } : {}),
      ...(start !== undefined && start > 0 ? { Range: `bytes=${start}-` } : {}),
    }),
  );
  if (!response.Body) throw new Error(`s3://${ref.bucket}/${ref.key} has no body`);
  const eTag = normalizeETag(response.ETag);
  const versionId = response.VersionId && response.VersionId !== 'null' ? response.VersionId : undefined;
  const range = /\/(\d+)$/.exec(response.ContentRange ?? '');
  return {
    stream: response.Body as AsyncIterable<Uint8Array>,
    version: versionId ?? eTag ?? 'unversioned',
    versionId,
    eTag,
    contentType: response.ContentType,
    size: range ? Number(range[1]) : response.ContentLength,
  };
}
