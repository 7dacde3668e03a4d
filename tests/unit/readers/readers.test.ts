import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildJsonl, buildWarc, chunked, syntheticPage } from '../../../bench/crawl-files.js';
import { detectObjectFormat, readObject } from '../../../lambdas/readers/read-object.js';
import type { ReadItem, ReaderOptions } from '../../../lambdas/readers/types.js';

const decoder = new TextDecoder();

/** Feeds bytes in small chunks, as a network stream does, so records cross chunk borders. */
function* chunksOf(bytes: Uint8Array, size = 777): Generator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

async function readAll(format: 'warc' | 'jsonl', bytes: Uint8Array, options: Partial<ReaderOptions> = {}): Promise<ReadItem[]> {
  const items: ReadItem[] = [];
  for await (const item of readObject({ format, stream: chunksOf(bytes) }, options)) items.push(item);
  return items;
}

const page = (n: number): string => syntheticPage(n);

describe('WARC reader (warcio)', () => {
  const crawl = [
    { type: 'warcinfo' as const },
    { type: 'request' as const, url: 'https://a.example/1' },
    { url: 'https://a.example/1', body: page(1) },
    { type: 'metadata' as const, url: 'https://a.example/1' },
    { url: 'https://a.example/missing', body: 'Not found', status: 404 },
    { url: 'https://a.example/logo.png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]), contentType: 'image/png' },
    { type: 'revisit' as const, url: 'https://a.example/1' },
    { type: 'resource' as const, url: 'https://a.example/2', body: page(2), contentType: 'text/html; charset=utf-8' },
    { url: 'https://a.example/3', body: page(3), version: '1.0' as const },
  ];

  for (const gzip of [false, true]) {
    it(`${gzip ? 'gzip per record' : 'plain'}: one item per record at the record's byte offset, pages as documents`, async () => {
      const { bytes, offsets } = buildWarc(crawl, { gzip });
      const items = await readAll('warc', bytes);
      expect(items.map((item) => item.record)).toEqual(offsets.map(String));
      expect(items.map((item) => (item.kind === 'skipped' ? `skipped:${item.what}` : item.kind === 'rejected' ? `rejected:${item.code}` : 'document'))).toEqual([
        'skipped:warcinfo',
        'skipped:request',
        'document',
        'skipped:metadata',
        'rejected:http-status',
        'rejected:not-text',
        'skipped:revisit',
        'document',
        'document',
      ]);
      const documents = items.filter((item) => item.kind === 'document');
      expect(documents.map((d) => d.url)).toEqual(['https://a.example/1', 'https://a.example/2', 'https://a.example/3']);
      expect(decoder.decode(documents[0]!.bytes)).toBe(page(1));
      expect(documents[0]!.hints.contentType).toBe('text/html; charset=utf-8');
      expect(documents[0]!.fetchedAt).toBe('2026-01-01T00:00:00Z');
      const rejected = items.filter((item) => item.kind === 'rejected');
      expect(rejected.map((r) => r.reason)).toEqual(['the server answered HTTP 404 Status', 'the payload is image/png, not a page']);
    });
  }

  it('undoes chunking and passes Content-Encoding and charset on to the cleaner', async () => {
    const body = new TextEncoder().encode(page(4));
    const gzipped = gzipSync(body);
    const { bytes } = buildWarc([
      { url: 'https://b.example/c', body, wireBody: chunked(body, 100), httpHeaders: { 'Transfer-Encoding': 'chunked' } },
      { url: 'https://b.example/z', body, wireBody: gzipped, httpHeaders: { 'Content-Encoding': 'gzip' }, contentType: 'text/html; charset=ISO-8859-1' },
    ]);
    const [plain, encoded] = await readAll('warc', bytes);
    expect(plain!.kind === 'document' && decoder.decode(plain.bytes)).toBe(page(4));
    expect(encoded!.kind === 'document' && encoded.hints).toEqual({ contentType: 'text/html; charset=ISO-8859-1', contentEncoding: 'gzip' });
    expect(encoded!.kind === 'document' && Buffer.from(encoded.bytes).equals(gzipped)).toBe(true);
  });

  it('rejects a record over the size limit without reading it, and goes on', async () => {
    const { bytes } = buildWarc([{ url: 'https://c.example/big', body: 'x'.repeat(5000) }, { url: 'https://c.example/ok', body: page(5) }]);
    const items = await readAll('warc', bytes, { maxRecordBytes: 4096 });
    expect(items.map((i) => i.kind)).toEqual(['rejected', 'document']);
    expect(items[0]!.kind === 'rejected' && items[0].code).toBe('record-too-large');
  });

  it('reads the records that start in a byte range', async () => {
    const specs = Array.from({ length: 6 }, (_, n) => ({ url: `https://d.example/${n}`, body: page(n) }));
    for (const gzip of [false, true]) {
      const { bytes, offsets } = buildWarc(specs, { gzip });
      const items = await readAll('warc', bytes.subarray(offsets[2]!), { startOffset: offsets[2], endOffset: offsets[4] });
      expect(items.map((i) => [i.record, i.url])).toEqual([[String(offsets[2]), 'https://d.example/2'], [String(offsets[3]), 'https://d.example/3']]);
    }
  });

  it('a WARC gzipped whole still gives every record its own position', async () => {
    const { bytes } = buildWarc([{ url: 'https://e.example/1', body: page(6) }, { url: 'https://e.example/2', body: page(7) }]);
    const items = await readAll('warc', gzipSync(bytes));
    expect(new Set(items.map((i) => i.record)).size).toBe(2);
  });

  it('strips the angle brackets WARC 1.0 writers put around the target URI', async () => {
    const raw = decoder.decode(buildWarc([{ url: 'https://f.example/1', body: page(8), version: '1.0' }]).bytes).replace('WARC-Target-URI: https://f.example/1', 'WARC-Target-URI: <https://f.example/1>');
    const [item] = await readAll('warc', new TextEncoder().encode(raw));
    expect(item!.url).toBe('https://f.example/1');
  });

  it('a file that is not a WARC, and a WARC cut mid-record, end in a rejection after the good records', async () => {
    const notWarc = await readAll('warc', new TextEncoder().encode('<html><body>hello</body></html>\r\n\r\n'));
    expect(notWarc.map((i) => i.kind === 'rejected' && i.code)).toEqual(['not-warc']);
    for (const gzip of [false, true]) {
      const { bytes, offsets } = buildWarc([{ url: 'https://g.example/1', body: page(9) }, { url: 'https://g.example/2', body: page(10) }], { gzip });
      for (const kept of [40, 400]) {
        const cut = await readAll('warc', bytes.subarray(0, offsets[1]! + kept));
        expect(cut.map((i) => (i.kind === 'rejected' ? i.code : i.kind))).toEqual(['document', gzip ? 'corrupt-warc' : kept === 40 ? 'skipped' : 'truncated-record']);
      }
    }
  });
});

describe('record URLs', () => {
  const secretUrl = 'https://bob:pw@s.example/a?id=7&utm_source=x&X-Amz-Signature=abc#top';

  it('are stored without credentials, secret or tracking parameters, in WARC and JSON Lines alike', async () => {
    const [warcItem] = await readAll('warc', buildWarc([{ url: secretUrl, body: page(9) }]).bytes);
    const [jsonlItem] = await readAll('jsonl', buildJsonl([{ url: secretUrl, text: 'A body.' }]).bytes);
    expect(warcItem!.url).toBe('https://s.example/a?id=7');
    expect(jsonlItem!.url).toBe('https://s.example/a?id=7');
  });
});

describe('JSON Lines reader', () => {
  const lines = [
    { url: 'https://j.example/1', html: page(11), title: 'Report 11', fetched_at: '2026-02-01T00:00:00Z' },
    { url: 'https://j.example/2', text: 'Plain body of the second article.' },
    { link: 'https://j.example/3', raw_content: 'Third article, from a corpus.' },
    'this is not json',
    '',
    { url: 'https://j.example/6', comments: 3 },
    '[1,2,3]',
    { url: 'https://j.example/8', body: 'Eighth.' },
  ];

  for (const gzip of [false, true]) {
    it(`${gzip ? 'gzipped' : 'plain'}: one item per line, numbered from 1, bad lines rejected and the rest read`, async () => {
      const items = await readAll('jsonl', buildJsonl(lines, { gzip }).bytes);
      expect(items.map((i) => `${i.record} ${i.kind === 'rejected' ? i.code : i.kind}`)).toEqual([
        'line:1 document',
        'line:2 document',
        'line:3 document',
        'line:4 not-json',
        'line:5 skipped',
        'line:6 no-content',
        'line:7 not-json',
        'line:8 document',
      ]);
      const [first, second, third] = items;
      expect(first).toMatchObject({ url: 'https://j.example/1', title: 'Report 11', fetchedAt: '2026-02-01T00:00:00Z', hints: { contentType: 'text/html; charset=utf-8' } });
      expect(second).toMatchObject({ url: 'https://j.example/2', hints: { contentType: 'text/plain; charset=utf-8' } });
      expect(third!.kind === 'document' && decoder.decode(third.bytes)).toBe('Third article, from a corpus.');
    });
  }

  it('takes configured field names, rejects an oversized line without keeping it, reads a byte range', async () => {
    const custom = await readAll('jsonl', buildJsonl([{ page: 'https://k.example/1', markup: '<p>Hi there.</p>' }]).bytes, {
      fields: { url: ['page'], html: ['markup'], text: [], title: [], fetchedAt: [] },
    });
    expect(custom[0]).toMatchObject({ kind: 'document', url: 'https://k.example/1' });
    const big = await readAll('jsonl', buildJsonl([{ text: 'y'.repeat(3000) }, { text: 'small' }]).bytes, { maxRecordBytes: 1000 });
    expect(big.map((i) => (i.kind === 'rejected' ? i.code : i.kind))).toEqual(['record-too-large', 'document']);
    const file = buildJsonl(Array.from({ length: 5 }, (_, n) => ({ text: `line ${n + 1}` })));
    const range = await readAll('jsonl', file.bytes.subarray(file.offsets[1]!), { startOffset: file.offsets[1], endOffset: file.offsets[3], firstLine: 2 });
    expect(range.map((i) => i.kind === 'document' && `${i.record}=${decoder.decode(i.bytes)}`)).toEqual(['line:2=line 2', 'line:3=line 3']);
  });
});

describe('detectObjectFormat', () => {
  const warc = buildWarc([{ url: 'https://h.example/', body: page(12) }]);
  it.each([
    ['incoming/crawl.warc.gz', undefined, new Uint8Array(0), 'warc'],
    ['incoming/CRAWL.WARC', undefined, new Uint8Array(0), 'warc'],
    ['incoming/blob.bin', 'application/warc', new Uint8Array(0), 'warc'],
    ['incoming/noext', undefined, warc.bytes.subarray(0, 1024), 'warc'],
    ['incoming/noext.gz', undefined, buildWarc([{ url: 'https://h.example/', body: page(12) }], { gzip: true }).bytes.subarray(0, 1024), 'warc'],
    ['incoming/items.jsonl', undefined, new Uint8Array(0), 'jsonl'],
    ['incoming/items.ndjson.gz', undefined, new Uint8Array(0), 'jsonl'],
    ['incoming/feed', 'application/x-ndjson', new Uint8Array(0), 'jsonl'],
    ['incoming/page.html', 'text/html', new TextEncoder().encode('<html>'), 'single'],
    ['incoming/page.txt.gz', undefined, gzipSync('just text'), 'single'],
  ] as const)('%s (%s) is %s', (key, type, head, expected) => {
    expect(detectObjectFormat(key, type, head)).toBe(expected);
  });
});
