// Object -> documents: which reader an object needs, and the one call that runs it. The
// Lambda, the local CLI and the benchmarks all read objects through `readObject`.
import { constants, gunzipSync } from 'node:zlib';
import type { ScrapeHints } from '../core/types.js';
import { readJsonl } from './jsonl.js';
import { MAX_RECORD_BYTES } from './settings.js';
import type { ObjectFormat, ReadItem, ReaderOptions } from './types.js';
import { readWarc } from './warc.js';

/** Bytes of an object's start that {@link detectObjectFormat} looks at. */
export const FORMAT_SNIFF_BYTES = 1024;

const WARC_MAGIC = 'WARC/1.';
const WARC_EXTENSIONS = /\.warc(\.gz)?$/i;
const JSONL_EXTENSIONS = /\.(jsonl|ndjson)(\.gz)?$/i;
const WARC_TYPES = new Set(['application/warc']);
const JSONL_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/x-jsonlines', 'application/jsonlines']);

function startsWithText(bytes: Uint8Array, text: string): boolean {
  if (bytes.byteLength < text.length) return false;
  for (let i = 0; i < text.length; i += 1) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The start of a gzip stream, inflated as far as the bytes given allow (no error on a cut stream). */
function inflatedHead(head: Uint8Array): Uint8Array {
  try {
    return gunzipSync(head, { finishFlush: constants.Z_SYNC_FLUSH });
  } catch {
    return new Uint8Array(0);
  }
}

/**
 * The layout of an object from its key, its content type and its first bytes: a WARC file
 * (by extension, `application/warc`, or bytes starting `WARC/1.`, gzipped or not), a JSON
 * Lines file (by extension or content type), else a single page.
 *
 * @example
 * detectObjectFormat('incoming/crawl/0001.warc.gz', undefined, head); // 'warc'
 * detectObjectFormat('incoming/items.jsonl', undefined, head);       // 'jsonl'
 * detectObjectFormat('incoming/page.html', 'text/html', head);        // 'single'
 */
export function detectObjectFormat(key: string | undefined, contentType: string | undefined, head: Uint8Array): ObjectFormat {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (WARC_TYPES.has(media) || (key !== undefined && WARC_EXTENSIONS.test(key))) return 'warc';
  if (JSONL_TYPES.has(media) || (key !== undefined && JSONL_EXTENSIONS.test(key))) return 'jsonl';
  if (startsWithText(head, WARC_MAGIC)) return 'warc';
  if (head[0] === 0x1f && head[1] === 0x8b && startsWithText(inflatedHead(head.subarray(0, FORMAT_SNIFF_BYTES)), WARC_MAGIC)) return 'warc';
  return 'single';
}

/**
 * The one document of a single-page object (text or HTML): the bytes and the object's hints
 * as they are; the cleaner decides the rest, as it always has.
 */
export async function* readSingle(bytes: Uint8Array, hints: ScrapeHints): AsyncGenerator<ReadItem> {
  yield { kind: 'document', bytes, hints };
}

/** What {@link readObject} reads. */
export type ObjectSource =
  | { readonly format: 'single'; readonly bytes: Uint8Array; readonly hints: ScrapeHints }
  | { readonly format: 'warc' | 'jsonl'; readonly stream: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

/**
 * Object -> documents and per-record outcomes, in object order.
 *
 * @example
 * for await (const item of readObject({ format: 'warc', stream: body })) ...
 */
export function readObject(source: ObjectSource, options: Partial<ReaderOptions> = {}): AsyncGenerator<ReadItem> {
  const resolved: ReaderOptions = { ...options, maxRecordBytes: options.maxRecordBytes ?? MAX_RECORD_BYTES };
  switch (source.format) {
    case 'single':
      return readSingle(source.bytes, source.hints);
    case 'warc':
      return readWarc(source.stream, resolved);
    case 'jsonl':
      return readJsonl(source.stream, resolved);
  }
}
