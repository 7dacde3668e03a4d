// WARC 1.0 / 1.1 reader on webrecorder's warcio: one document per `response` or `resource`
// record, plain or gzipped one member per record, streamed (one record in memory at a time).
// warcio frames the records, inflates the members, gives each record's offset and parses the
// HTTP headers; this module decides what each record is to the pipeline.
import { AsyncIterReader, WARCParser } from 'warcio';
import type { WARCRecord } from 'warcio';
import { PAGE_CONTENT_TYPES, PAGE_RECORD_TYPES } from './settings.js';
import type { ReadItem, ReaderOptions } from './types.js';
import { sanitizePageUrl } from '../core/page-url.js';

/** HTTP `Content-Encoding` values that mean "not encoded". */
const IDENTITY_ENCODINGS = new Set(['', 'identity', 'none']);

/** The media type of a Content-Type value, lower case, without parameters. */
export function mediaTypeOf(contentType: string | undefined | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * WARC 1.0 writers put angle brackets around WARC-Target-URI (the 1.0 grammar's `<uri>`
 * examples); 1.1 writes it bare. Both name the same page.
 */
function targetUrl(record: WARCRecord): string | undefined {
  const raw = record.warcTargetURI?.trim();
  if (!raw) return undefined;
  // Stored and shown like a metadata URL: no credentials, secrets or tracking parameters.
  return sanitizePageUrl(raw.startsWith('<') && raw.endsWith('>') ? raw.slice(1, -1) : raw);
}

async function dechunk(payload: Uint8Array): Promise<Uint8Array> {
  // warcio's reader undoes HTTP chunking; with no compression named it leaves the bytes
  // otherwise as they are, so Content-Encoding is still undone by the cleaner under its limits.
  const reader = new AsyncIterReader([payload], null, true);
  return reader.readFully();
}

async function* recordsOf(parser: WARCParser): AsyncGenerator<WARCRecord> {
  for await (const record of parser) yield record;
}

/** Counts the bytes a stream has handed over, to tell a clean end from data left unread. */
function counted(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): { stream: AsyncIterable<Uint8Array>; bytes: () => number } {
  let total = 0;
  async function* stream(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source) {
      total += chunk.byteLength;
      yield chunk;
    }
  }
  return { stream: stream(), bytes: () => total };
}

/**
 * Bytes that may follow the last record of a well-formed file: the record's closing CRLFs
 * that warcio leaves unconsumed, or a writer's trailing newline.
 */
const TRAILING_SLACK_BYTES = 4;

/**
 * Reads a WARC stream: documents for page records, rejections for records that cannot be a
 * page (non-200 status, non-text payload, over `maxRecordBytes`), skips for the other record
 * types. With `startOffset`/`endOffset` it reads the records that start in that byte range of
 * the object (the source must begin at a record boundary).
 *
 * @example
 * for await (const item of readWarc(body, { maxRecordBytes: MAX_RECORD_BYTES })) console.log(item.kind, item.record);
 */
export async function* readWarc(source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, options: ReaderOptions): AsyncGenerator<ReadItem> {
  const start = options.startOffset ?? 0;
  const input = counted(source);
  const parser = new WARCParser(input.stream, { parseHttp: true });
  const records = recordsOf(parser);
  let previousOffset = -1;
  let inMember = 0;
  for (;;) {
    let record: WARCRecord;
    try {
      const next = await records.next();
      if (next.done) {
        // warcio stops quietly at a gzip member it cannot inflate (a file cut short): the data
        // after the last record it read is then a rejection, not silence.
        const end = parser.offset;
        if (input.bytes() - end > TRAILING_SLACK_BYTES && end > previousOffset - start) {
          yield { kind: 'rejected', record: String(start + end), offset: start + end, code: 'corrupt-warc', reason: `${input.bytes() - end} bytes at offset ${start + end} are not a readable WARC record (a file cut short?)` };
        }
        return;
      }
      record = next.value;
    } catch (error) {
      const at = previousOffset < 0 ? start : start + previousOffset;
      yield { kind: 'rejected', record: String(at), offset: at, code: 'corrupt-warc', reason: `the WARC data after offset ${at} cannot be read (${(error as Error).message}); the records before it were kept` };
      return;
    }
    const offset = start + parser.offset;
    if (options.endOffset !== undefined && offset >= options.endOffset) return;
    // A WARC gzipped whole (not per record) is one member: its records share the member's
    // offset, so the record's place within the member tells them apart.
    inMember = offset === previousOffset ? inMember + 1 : 0;
    previousOffset = offset;
    const position = inMember === 0 ? String(offset) : `${offset}+${inMember}`;
    if (!(record.warcHeaders.protocol ?? '').startsWith('WARC/')) {
      yield { kind: 'rejected', record: position, offset, code: 'not-warc', reason: `the data at offset ${offset} is not a WARC record (it starts "${record.warcHeaders.statusline.slice(0, 40)}")` };
      return;
    }
    yield await itemOf(record, position, offset, options);
  }
}

/** True when the record's block ended before its Content-Length (the file was cut short). */
function isCutShort(record: WARCRecord): boolean {
  const reader = record.reader as { limit?: number };
  return typeof reader.limit === 'number' && reader.limit > 0;
}

function cutShort(at: { readonly record: string; readonly offset: number; readonly url?: string }): ReadItem {
  return { kind: 'rejected', ...at, code: 'truncated-record', reason: 'the record ends before its Content-Length (the file was cut short)' };
}

async function itemOf(record: WARCRecord, position: string, offset: number, options: ReaderOptions): Promise<ReadItem> {
  const type = record.warcType ?? 'unknown';
  const url = targetUrl(record);
  const at = { record: position, offset, ...(url === undefined ? {} : { url }) };
  if (!PAGE_RECORD_TYPES.includes(type)) return { kind: 'skipped', ...at, what: type };
  if (record.warcContentLength > options.maxRecordBytes) {
    return { kind: 'rejected', ...at, code: 'record-too-large', reason: `the record is ${record.warcContentLength} bytes, the limit is ${options.maxRecordBytes}` };
  }
  const fetchedAt = record.warcDate ?? undefined;
  if (type === 'resource') {
    const contentType = record.warcContentType ?? undefined;
    const media = mediaTypeOf(contentType);
    if (media !== '' && !PAGE_CONTENT_TYPES.includes(media)) return { kind: 'rejected', ...at, code: 'not-text', reason: `the resource is ${media}, not a page` };
    const bytes = await record.readFully(false);
    if (isCutShort(record)) return cutShort(at);
    return { kind: 'document', ...at, bytes, hints: { contentType }, ...(fetchedAt ? { fetchedAt } : {}) };
  }
  const http = record.httpHeaders;
  // A response to something other than HTTP (dns:, ftp:) has no status line: not a page.
  if (!http || !/^HTTP\/\d/i.test(http.protocol ?? '')) return { kind: 'skipped', ...at, what: `response without HTTP (${mediaTypeOf(record.warcContentType) || 'no type'})` };
  const status = Number(http.statusCode);
  if (status !== 200) {
    return { kind: 'rejected', ...at, code: 'http-status', reason: `the server answered HTTP ${http.statusCode} ${http.statusText ?? ''}`.trim() };
  }
  const contentType = http.headers.get('content-type') ?? undefined;
  const media = mediaTypeOf(contentType);
  if (media !== '' && !PAGE_CONTENT_TYPES.includes(media)) return { kind: 'rejected', ...at, code: 'not-text', reason: `the payload is ${media}, not a page` };
  let bytes = await record.readFully(false);
  if (isCutShort(record)) return cutShort(at);
  if ((http.headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) bytes = await dechunk(bytes);
  const encoding = (http.headers.get('content-encoding') ?? '').trim().toLowerCase();
  return {
    kind: 'document',
    ...at,
    bytes,
    hints: { contentType, ...(IDENTITY_ENCODINGS.has(encoding) ? {} : { contentEncoding: encoding }) },
    ...(fetchedAt ? { fetchedAt } : {}),
  };
}
