// What a reader makes of one object: documents to clean and decide, and per-record outcomes
// for the records that are not documents (rejected with a reason, or skipped and counted).
import type { ScrapeHints } from '../core/types.js';

/** The layouts an object can have; each has its reader. */
export type ObjectFormat = 'single' | 'warc' | 'jsonl';

/** Where a record starts: what a byte-range read needs to come back to it. */
interface RecordStart {
  /** Byte offset of the record (of its gzip member, of its line) in the object; absent for a single file. */
  readonly offset?: number;
}

/** One page found in an object, ready for the cleaner. */
export interface ReadDocument extends RecordStart {
  readonly kind: 'document';
  /**
   * Where the record sits in its object: the WARC record's byte offset (`"1234"`, of its gzip
   * member when gzipped) or `line:<n>` (1-based) for JSON Lines; absent for a single file.
   */
  readonly record?: string;
  /** The page URL (WARC-Target-URI, the JSON Lines `url` field). */
  readonly url?: string;
  /** The page bytes as the site sent them (still compressed when `hints.contentEncoding` says so). */
  readonly bytes: Uint8Array;
  /** Content type, charset and encoding hints for the cleaner. */
  readonly hints: ScrapeHints;
  /** A title the record carries besides the page (JSON Lines `title`). */
  readonly title?: string;
  /** When the page was fetched (WARC-Date, a JSON Lines fetch-time field), as given. */
  readonly fetchedAt?: string;
}

/** A record that is not a page to keep: recorded as `rejected`, the rest of the file goes on. */
export interface RejectedRecord extends RecordStart {
  readonly kind: 'rejected';
  readonly record: string;
  readonly url?: string;
  /** Stable code (`http-status`, `not-text`, `not-json`, `no-content`, `record-too-large`, `corrupt-warc`, ...). */
  readonly code: string;
  readonly reason: string;
}

/** A record that never holds a page (WARC request, metadata, warcinfo, revisit...): only counted. */
export interface SkippedRecord extends RecordStart {
  readonly kind: 'skipped';
  readonly record: string;
  readonly url?: string;
  /** Why: the WARC record type, or `blank-line`. */
  readonly what: string;
}

export type ReadItem = ReadDocument | RejectedRecord | SkippedRecord;

/** JSON Lines field names, in order of preference. */
export interface JsonlFields {
  readonly url: readonly string[];
  readonly html: readonly string[];
  readonly text: readonly string[];
  readonly title: readonly string[];
  readonly fetchedAt: readonly string[];
}

/** What every reader takes besides its bytes. */
export interface ReaderOptions {
  /** A record whose payload is larger is rejected (`record-too-large`) without being buffered. */
  readonly maxRecordBytes: number;
  /** JSON Lines field names. @default JSONL_FIELDS */
  readonly fields?: JsonlFields;
  /** Offset of the first byte of `source` in the object (a byte-range read). @default 0 */
  readonly startOffset?: number;
  /** Records starting at or after this offset are left for another range. @default none */
  readonly endOffset?: number;
  /** JSON Lines: the line number of the first line of `source`. @default 1 */
  readonly firstLine?: number;
}
