// Reads an ingested document back from the bucket for the report: its original text (to put
// removed chrome in place) and, for a duplicate, its cleaned text (the store keeps only the
// canonical's). Same reader and cleaner as the pipeline: readDocuments, then cleanScrape.
import type { S3Client } from '@aws-sdk/client-s3';
import { fetchObject } from '../../lambdas/adapters/s3-source.js';
import type { FetchedObject } from '../../lambdas/adapters/s3-source.js';
import { sniffCharset } from '../../lambdas/core/charset.js';
import { decodeBytes } from '../../lambdas/core/decode.js';
import { decompressScrape } from '../../lambdas/core/decompress.js';
import { detectFormat } from '../../lambdas/core/detect-format.js';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import type { CleanDocument } from '../../lambdas/core/types.js';
import { readDocuments } from '../../lambdas/process-object.js';
import { flattenOriginal } from './place-removed.js';

/** Where a document was read from. */
export interface DocumentLocation {
  readonly bucket: string;
  readonly key: string;
  readonly version: string;
  readonly record?: string;
}

/** A document read back: its flattened original and its cleaned form. */
export interface ReadBackDocument {
  readonly flatOriginal: string;
  readonly cleaned: CleanDocument;
}

/** Reads documents back; `undefined` when the object is gone, changed or unreadable. */
export type DocumentReader = (location: DocumentLocation) => Promise<ReadBackDocument | undefined>;

/**
 * A reader on `s3`. The version stored is a version id on a versioned bucket and the ETag on
 * an unversioned one (the embedded s3rver): the current object is read first and kept when it
 * is that version, else the version is asked for by id.
 *
 * @example
 * const read = createDocumentReader(s3);
 * const doc = await read({ bucket: 'scrapes', key: 'incoming/a.txt', version: '4693f0…' });
 */
export function createDocumentReader(s3: S3Client): DocumentReader {
  async function fetchVersion(location: DocumentLocation): Promise<FetchedObject | undefined> {
    const current = await fetchObject(s3, { bucket: location.bucket, key: location.key }).catch(() => undefined);
    if (current && current.version === location.version) return current;
    const versioned = await fetchObject(s3, { bucket: location.bucket, key: location.key, versionId: location.version }).catch(() => undefined);
    return versioned && versioned.version === location.version ? versioned : undefined;
  }
  return async (location) => {
    const object = await fetchVersion(location);
    if (!object) return undefined;
    const doc = readDocuments(object, { bucket: location.bucket, key: location.key }).find(
      (candidate) => candidate.record === location.record,
    );
    if (!doc) return undefined;
    try {
      const cleaned = cleanScrape(doc.bytes, doc.hints);
      const plain = decompressScrape(doc.bytes, doc.hints);
      const original = decodeBytes(plain.bytes, { declaredCharset: sniffCharset(plain.bytes) });
      return { flatOriginal: flattenOriginal(original, detectFormat(original, plain.hints)), cleaned };
    } catch {
      // Rejected on re-reading (it was not, when ingested, so the cleaner changed): no view.
      return undefined;
    }
  };
}
