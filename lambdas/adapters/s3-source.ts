// Reads one scraped object from S3: bytes plus what S3 knows about them (hints, identity, URL).
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import { sanitizePageUrl } from '../core/page-url.js';

/** Where an object lives; `versionId` is set when the bucket is versioned. */
export interface ObjectRef {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly size?: number;
}

/** One object read from S3. */
export interface FetchedObject {
  readonly bytes: Uint8Array;
  /** Version id when versioned, else the ETag without quotes: the identity of this content. */
  readonly version: string;
  readonly versionId?: string;
  readonly eTag?: string;
  readonly contentType?: string;
  readonly contentEncoding?: string;
  /**
   * The page URL, from user metadata `url` or `source-url` when the scraper set it, without
   * credentials, secret or tracking parameters ({@link sanitizePageUrl}); undefined when it is
   * not an http(s) URL.
   */
  readonly url?: string;
  readonly size: number;
  /**
   * True when the body was not read because the object is larger than the `maxBytes` asked
   * for: `bytes` is then empty and `size` is the object's Content-Length.
   */
  readonly bodySkipped?: boolean;
}

/** Options of {@link fetchObject}. */
export interface FetchOptions {
  /** Objects larger than this (by Content-Length) are not read: the body stream is closed unread. */
  readonly maxBytes?: number;
}

/** User-metadata names (lower-case, without `x-amz-meta-`) that may carry the page URL. */
export const URL_METADATA_NAMES = ['url', 'source-url'] as const;

/** Strips the quotes S3 puts around ETags so identities compare equal across APIs and events. */
export function normalizeETag(eTag: string | undefined): string | undefined {
  return eTag === undefined ? undefined : eTag.replace(/^"|"$/g, '');
}

function urlFromMetadata(metadata: Record<string, string> | undefined): string | undefined {
  if (!metadata) return undefined;
  for (const name of URL_METADATA_NAMES) {
    const value = metadata[name];
    // Stored and shown to everyone who reads the table: never with a signature or a password.
    if (value) return sanitizePageUrl(value);
  }
  return undefined;
}

/**
 * Reads an object (the exact version when `versionId` is given). With `maxBytes`, an object
 * whose Content-Length is larger is not downloaded: the result has `bodySkipped` and no bytes.
 *
 * @example
 * const object = await fetchObject(s3, { bucket: 'scrapes', key: 'incoming/a.html' });
 * object.version; // 'd41d8cd98f00b204e9800998ecf8427e' (ETag when not versioned)
 */
export async function fetchObject(s3: S3Client, ref: ObjectRef, options: FetchOptions = {}): Promise<FetchedObject> {
  const response = await s3.send(
    new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, VersionId: ref.versionId }),
  );
  if (!response.Body) throw new Error(`s3://${ref.bucket}/${ref.key} has no body`);
  const eTag = normalizeETag(response.ETag);
  const versionId = response.VersionId && response.VersionId !== 'null' ? response.VersionId : undefined;
  const length = response.ContentLength;
  const described = {
    version: versionId ?? eTag ?? 'unversioned',
    versionId,
    eTag,
    contentType: response.ContentType,
    contentEncoding: response.ContentEncoding,
    url: urlFromMetadata(response.Metadata),
  };
  if (options.maxBytes !== undefined && length !== undefined && length > options.maxBytes) {
    // The headers arrive before the body: an oversized object is refused without downloading it.
    (response.Body as { destroy?: () => void }).destroy?.();
    return { ...described, bytes: new Uint8Array(0), size: length, bodySkipped: true };
  }
  const bytes = await response.Body.transformToByteArray();
  return { ...described, bytes, size: bytes.byteLength };
}
