// JSON Lines reader (`.jsonl`, `.ndjson`, gzipped or not): one document per line, streamed
// line by line; a line that is not a JSON object, or has no content field, is a rejected record.
import { createGunzip } from 'node:zlib';
import { Readable } from 'node:stream';
import { JSONL_FIELDS } from './settings.js';
import { sanitizePageUrl } from '../core/page-url.js';
import type { JsonlFields, ReadItem, ReaderOptions } from './types.js';

const NEWLINE = 0x0a;
const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/** gzip's magic bytes. */
function startsGzip(chunk: Uint8Array): boolean {
  return chunk.byteLength >= 2 && chunk[0] === 0x1f && chunk[1] === 0x8b;
}

/** The stream inflated when it starts with gzip's magic, else as it is (the first chunk decides). */
async function* plainChunks(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  const iterator = (Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<Uint8Array>)[Symbol.iterator]()) as AsyncIterator<Uint8Array> | Iterator<Uint8Array>;
  const first = await iterator.next();
  if (first.done) return;
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  };
  if (!startsGzip(first.value)) {
    yield* rest();
    return;
  }
  // Streamed through zlib: memory stays one chunk plus one line whatever the file's size.
  for await (const chunk of Readable.from(rest()).pipe(createGunzip())) yield chunk as Uint8Array;
}

function firstString(object: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = object[name];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}

/**
 * What one line is. `line` is 1-based.
 *
 * @example
 * jsonlItem('{"url":"https://a.example/1","text":"Hello."}', 3, JSONL_FIELDS);
 * // { kind: 'document', record: 'line:3', url: 'https://a.example/1', bytes: …, hints: { contentType: 'text/plain; charset=utf-8' } }
 */
export function jsonlItem(text: string, line: number, fields: JsonlFields = JSONL_FIELDS): ReadItem {
  const record = `line:${line}`;
  if (text.trim() === '') return { kind: 'skipped', record, what: 'blank-line' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'rejected', record, code: 'not-json', reason: `line ${line} is not JSON (${(error as Error).message})` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'rejected', record, code: 'not-json', reason: `line ${line} is JSON but not an object` };
  }
  const object = value as Record<string, unknown>;
  // Stored and shown like a metadata URL: no credentials, secrets or tracking parameters.
  const url = sanitizePageUrl(firstString(object, fields.url));
  const at = { record, ...(url === undefined ? {} : { url }) };
  const html = firstString(object, fields.html);
  const body = html ?? firstString(object, fields.text);
  if (body === undefined) {
    return { kind: 'rejected', ...at, code: 'no-content', reason: `line ${line} has no content field (looked for ${[...fields.html, ...fields.text].join(', ')})` };
  }
  const title = firstString(object, fields.title);
  const fetchedAt = firstString(object, fields.fetchedAt);
  return {
    kind: 'document',
    ...at,
    bytes: encoder.encode(body),
    hints: { contentType: html !== undefined ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8' },
    ...(title === undefined ? {} : { title }),
    ...(fetchedAt === undefined ? {} : { fetchedAt }),
  };
}

/**
 * Reads a JSON Lines stream. A line longer than `maxRecordBytes` is rejected without being
 * kept in memory. With `startOffset`/`firstLine`/`endOffset` (plain files only) it reads the
 * lines that start in that byte range, numbered from `firstLine`.
 *
 * @example
 * for await (const item of readJsonl(body, { maxRecordBytes: MAX_RECORD_BYTES })) console.log(item.record);
 */
export async function* readJsonl(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const fields = options.fields ?? JSONL_FIELDS;
  let line = options.firstLine ?? 1;
  let lineStart = options.startOffset ?? 0;
  let parts: Uint8Array[] = [];
  let length = 0;
  let oversized = false;
  // Byte offsets are exact for plain files only: in a gzipped file they count inflated bytes.
  const finish = (): ReadItem => {
    const item: ReadItem = oversized
      ? { kind: 'rejected', record: `line:${line}`, code: 'record-too-large', reason: `line ${line} is ${length} bytes, the limit is ${options.maxRecordBytes}` }
      : jsonlItem(decoder.decode(parts.length === 1 ? parts[0]! : Buffer.concat(parts)), line, fields);
    parts = [];
    oversized = false;
    return { ...item, offset: lineStart };
  };
  for await (const chunk of plainChunks(source)) {
    let from = 0;
    while (from < chunk.byteLength) {
      const end = chunk.indexOf(NEWLINE, from);
      const stop = end < 0 ? chunk.byteLength : end;
      if (options.endOffset !== undefined && length === 0 && lineStart >= options.endOffset) return;
      length += stop - from;
      if (length > options.maxRecordBytes) {
        oversized = true;
        parts = [];
      } else {
        parts.push(chunk.subarray(from, stop));
      }
      if (end < 0) break;
      yield finish();
      lineStart += length + 1;
      length = 0;
      line += 1;
      from = end + 1;
    }
  }
  if (length > 0 && !(options.endOffset !== undefined && lineStart >= options.endOffset)) yield finish();
}
