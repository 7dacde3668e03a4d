// Writes crawl files the way crawlers do, for the readers' tests and the crawl benchmark:
// WARC 1.0/1.1 (plain, or gzip with one member per record as Heritrix, wget and Browsertrix
// write them) and JSON Lines (Scrapy's feed export). Generators, not fixtures: a test states
// the records it wants and gets the exact bytes, with each record's byte offset.
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const encoder = new TextEncoder();
const CRLF = '\r\n';

/** One WARC record to write. */
export interface WarcRecordSpec {
  /** @default 'response' */
  readonly type?: 'response' | 'resource' | 'request' | 'metadata' | 'warcinfo' | 'revisit';
  readonly url?: string;
  /** The payload (page body) as bytes or text. */
  readonly body?: Uint8Array | string;
  /** `response` only: HTTP status line code. @default 200 */
  readonly status?: number;
  /** HTTP Content-Type (`response`) or the record's Content-Type (`resource`). @default 'text/html; charset=utf-8' */
  readonly contentType?: string;
  /** `response` only: extra HTTP headers (e.g. Content-Encoding, Transfer-Encoding). */
  readonly httpHeaders?: Readonly<Record<string, string>>;
  /** `response` only: the payload as sent on the wire when it differs from `body` (gzip, chunked). */
  readonly wireBody?: Uint8Array;
  /** @default '1.1' */
  readonly version?: '1.0' | '1.1';
  /** @default '2026-01-01T00:00:00Z' */
  readonly date?: string;
}

const bytesOf = (value: Uint8Array | string | undefined): Uint8Array =>
  value === undefined ? new Uint8Array(0) : typeof value === 'string' ? encoder.encode(value) : value;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function recordBlock(spec: WarcRecordSpec): { block: Uint8Array; contentType: string } {
  const type = spec.type ?? 'response';
  const body = bytesOf(spec.body);
  if (type === 'response' || type === 'revisit') {
    const wire = spec.wireBody ?? body;
    const headers: Record<string, string> = {
      'Content-Type': spec.contentType ?? 'text/html; charset=utf-8',
      ...(spec.httpHeaders?.['Transfer-Encoding'] ? {} : { 'Content-Length': String(wire.byteLength) }),
      ...spec.httpHeaders,
    };
    const status = spec.status ?? 200;
    const head = `HTTP/1.1 ${status} ${status === 200 ? 'OK' : 'Status'}${CRLF}${Object.entries(headers).map(([k, v]) => `${k}: ${v}${CRLF}`).join('')}${CRLF}`;
    return { block: concat([encoder.encode(head), wire]), contentType: 'application/http; msgtype=response' };
  }
  if (type === 'request') {
    const url = new URL(spec.url ?? 'https://example.org/');
    const head = `GET ${url.pathname} HTTP/1.1${CRLF}Host: ${url.host}${CRLF}User-Agent: crawl-files${CRLF}${CRLF}`;
    return { block: encoder.encode(head), contentType: 'application/http; msgtype=request' };
  }
  if (type === 'warcinfo') return { block: body.byteLength ? body : encoder.encode(`software: crawl-files${CRLF}format: WARC File Format 1.1${CRLF}`), contentType: 'application/warc-fields' };
  if (type === 'metadata') return { block: body.byteLength ? body : encoder.encode(`outlinks: none${CRLF}`), contentType: 'application/warc-fields' };
  return { block: body, contentType: spec.contentType ?? 'text/html; charset=utf-8' };
}

/**
 * The bytes of one WARC record (headers, block, the two CRLFs that end it).
 *
 * @example
 * warcRecord({ url: 'https://a.example/1', body: '<p>Hi</p>' }); // 'WARC/1.1\r\nWARC-Type: response\r\n…'
 */
export function warcRecord(spec: WarcRecordSpec): Uint8Array {
  const type = spec.type ?? 'response';
  const { block, contentType } = recordBlock(spec);
  const headers = [
    `WARC/${spec.version ?? '1.1'}`,
    `WARC-Type: ${type}`,
    `WARC-Record-ID: <urn:uuid:${randomUUID()}>`,
    `WARC-Date: ${spec.date ?? '2026-01-01T00:00:00Z'}`,
    ...(spec.url !== undefined && type !== 'warcinfo' ? [`WARC-Target-URI: ${spec.url}`] : []),
    ...(type === 'revisit' ? ['WARC-Profile: http://netpreserve.org/warc/1.1/revisit/identical-payload-digest'] : []),
    `Content-Type: ${contentType}`,
    `Content-Length: ${block.byteLength}`,
  ];
  return concat([encoder.encode(headers.join(CRLF) + CRLF + CRLF), block, encoder.encode(CRLF + CRLF)]);
}

/** A written crawl file and where each record starts in it. */
export interface WrittenCrawlFile {
  readonly bytes: Uint8Array;
  /** Byte offset of each record (of its gzip member when gzipped), in order. */
  readonly offsets: readonly number[];
}

/**
 * A WARC file of the given records; `gzip` writes one gzip member per record.
 *
 * @example
 * const { bytes, offsets } = buildWarc([{ type: 'warcinfo' }, { url, body }], { gzip: true });
 */
export function buildWarc(records: readonly WarcRecordSpec[], options: { readonly gzip?: boolean } = {}): WrittenCrawlFile {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const spec of records) {
    const raw = warcRecord(spec);
    const part = options.gzip ? gzipSync(raw) : raw;
    offsets.push(at);
    parts.push(part);
    at += part.byteLength;
  }
  return { bytes: concat(parts), offsets };
}

/**
 * A JSON Lines file: one JSON object per line (a string is written as the line itself, for
 * broken lines), `\n` after each.
 *
 * @example
 * buildJsonl([{ url: 'https://a.example/1', html: '<p>Hi</p>' }, 'not json']);
 */
export function buildJsonl(lines: readonly (Record<string, unknown> | string)[], options: { readonly gzip?: boolean } = {}): WrittenCrawlFile {
  const offsets: number[] = [];
  let text = '';
  for (const line of lines) {
    offsets.push(encoder.encode(text).byteLength);
    text += `${typeof line === 'string' ? line : JSON.stringify(line)}\n`;
  }
  const bytes = encoder.encode(text);
  return { bytes: options.gzip ? gzipSync(bytes) : bytes, offsets };
}

/**
 * HTTP chunked transfer encoding of a body (a server's wire form), in chunks of `size` bytes.
 *
 * @example
 * chunked(new TextEncoder().encode('hello'), 2); // '2\r\nhe\r\n2\r\nll\r\n1\r\no\r\n0\r\n\r\n'
 */
export function chunked(body: Uint8Array, size = 1024): Uint8Array {
  const parts: Uint8Array[] = [];
  for (let at = 0; at < body.byteLength; at += size) {
    const piece = body.subarray(at, Math.min(at + size, body.byteLength));
    parts.push(encoder.encode(`${piece.byteLength.toString(16)}${CRLF}`), piece, encoder.encode(CRLF));
  }
  parts.push(encoder.encode(`0${CRLF}${CRLF}`));
  return concat(parts);
}

/**
 * A synthetic news page: a distinct article per `seed` (so records do not collapse as
 * near-duplicates), wrapped in site chrome.
 *
 * @example
 * syntheticPage(7); // '<html><head><title>Report 7 …'
 */
export function syntheticPage(seed: number): string {
  const words = ['harbour', 'council', 'ferry', 'library', 'market', 'budget', 'river', 'school', 'bridge', 'festival', 'orchard', 'railway', 'museum', 'garden', 'hospital', 'stadium', 'tram', 'canal', 'forest', 'theatre'];
  let state = (seed * 2654435761) >>> 0 || 1;
  const next = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % words.length;
  };
  const paragraphs: string[] = [];
  for (let p = 0; p < 5; p += 1) {
    const sentence: string[] = [];
    for (let w = 0; w < 40; w += 1) sentence.push(words[next()]!);
    paragraphs.push(`Report ${seed}, part ${p}: the ${sentence.join(' ')} were discussed at length by residents on ${seed % 28 + 1} March.`);
  }
  return `<html><head><title>Report ${seed} on the ${words[seed % words.length]}</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Report ${seed} on the ${words[seed % words.length]}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article><footer>© 2026 The Courier</footer></body></html>`;
}
