// decompress.ts: gzip by magic bytes, `.gz` key or Content-Encoding; deflate and brotli by
// header; a size cap that refuses bombs without expanding them; truncated streams refused.
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressScrape, isGzip } from '../../lambdas/core/decompress.js';
import { InputRejectedError } from '../../lambdas/core/errors.js';
import { MAX_DECOMPRESSED_BYTES } from '../../lambdas/core/settings.js';
import { gzipBomb } from './inputs.js';

const PAGE = '<p>Diplomats met on Monday in Geneva to restart the talks.</p>';
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

function rejection(work: () => unknown): InputRejectedError {
  try {
    work();
  } catch (error) {
    if (error instanceof InputRejectedError) return error;
    throw error;
  }
  throw new Error('expected an InputRejectedError');
}

describe('decompressScrape', () => {
  it('passes uncompressed bytes through untouched (same array), without a `.gz` suffix on the key', () => {
    const bytes = new TextEncoder().encode(PAGE);
    const result = decompressScrape(bytes, { key: 'incoming/a.html' });
    expect(result.bytes).toBe(bytes);
    expect(result.encoding).toBeUndefined();
    expect(result.hints.key).toBe('incoming/a.html');
  });

  it('inflates gzip found by its magic bytes whatever the key says, and drops `.gz` from the key', () => {
    const result = decompressScrape(gzipSync(PAGE), { key: 'incoming/a.html.gz', contentEncoding: 'gzip' });
    expect(text(result.bytes)).toBe(PAGE);
    expect(result.encoding).toBe('gzip');
    expect(result.hints).toMatchObject({ key: 'incoming/a.html', contentEncoding: undefined });
    expect(text(decompressScrape(gzipSync(PAGE), { key: 'incoming/a.txt' }).bytes)).toBe(PAGE);
  });

  it('inflates concatenated gzip members as one stream, as gunzip does', () => {
    const bytes = Buffer.concat([gzipSync('first half, '), gzipSync('second half')]);
    expect(text(decompressScrape(bytes).bytes)).toBe('first half, second half');
  });

  it('takes a gzip Content-Encoding over plain bytes as already inflated', () => {
    const bytes = new TextEncoder().encode(PAGE);
    expect(decompressScrape(bytes, { contentEncoding: 'gzip' }).bytes).toBe(bytes);
  });

  it('inflates deflate and brotli named by Content-Encoding (the outermost, last-listed one)', () => {
    expect(text(decompressScrape(deflateSync(PAGE), { contentEncoding: 'deflate' }).bytes)).toBe(PAGE);
    expect(text(decompressScrape(brotliCompressSync(PAGE), { contentEncoding: 'identity, br' }).bytes)).toBe(PAGE);
  });

  it('refuses a gzip bomb at the cap: 1 GiB of zeros in about 16 KB per MiB is not expanded', () => {
    const bomb = gzipBomb(1024);
    expect(bomb.byteLength).toBeLessThan(20 * 1024 * 1024);
    const error = rejection(() => decompressScrape(bomb));
    expect(error.code).toBe('decompressed-too-large');
    expect(error.message).toContain(String(MAX_DECOMPRESSED_BYTES));
  });

  it('applies a smaller cap given in the options, to every compression', () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    for (const [bytes, contentEncoding] of [[gzipSync(big), undefined], [deflateSync(big), 'deflate'], [brotliCompressSync(big), 'br']] as const) {
      expect(rejection(() => decompressScrape(bytes, { contentEncoding }, { maxDecompressedBytes: 1024 * 1024 })).code).toBe('decompressed-too-large');
    }
    expect(decompressScrape(gzipSync(big), {}, { maxDecompressedBytes: 2 * 1024 * 1024 }).bytes.byteLength).toBe(big.byteLength);
  });

  it('refuses a truncated or corrupt stream with a readable reason', () => {
    const truncated = gzipSync(PAGE).subarray(0, 20);
    const error = rejection(() => decompressScrape(truncated));
    expect(error.code).toBe('corrupt-compression');
    expect(error.message).toMatch(/cannot be decompressed/);
    expect(rejection(() => decompressScrape(new TextEncoder().encode('not brotli at all'), { contentEncoding: 'br' })).code).toBe('corrupt-compression');
  });
});

describe('isGzip', () => {
  it('needs the two magic bytes and the deflate method byte', () => {
    expect(isGzip(gzipSync('x'))).toBe(true);
    expect(isGzip(new Uint8Array([0x1f, 0x8b]))).toBe(false);
    expect(isGzip(new Uint8Array([0x1f, 0x8b, 0x07, 0x00]))).toBe(false);
    expect(isGzip(new Uint8Array())).toBe(false);
  });
});

describe('decompressScrape: `.br` keys are brotli (issue 10)', () => {
  const article = `<html><head><title>Talks resume</title></head><body><article><h1>Talks resume in Geneva</h1>${Array.from(
    { length: 4 },
    (_, i) => `<p>Paragraph ${i}: diplomats met on Monday in Geneva to restart the talks that stalled in the spring over the border question.</p>`,
  ).join('')}</article></body></html>`;

  it('inflates a brotli object named by its `.br` key alone (no Content-Encoding), and drops `.br` from the key', () => {
    const result = decompressScrape(brotliCompressSync(PAGE), { key: 'incoming/a.html.br' });
    expect(text(result.bytes)).toBe(PAGE);
    expect(result.encoding).toBe('br');
    expect(result.hints.key).toBe('incoming/a.html');
  });

  it('cleans a brotli page end to end instead of refusing it as binary', async () => {
    const { cleanScrape } = await import('../../lambdas/core/pipeline.js');
    const document = cleanScrape(brotliCompressSync(article), { key: 'incoming/courier/page.html.br' });
    expect(document.format).toBe('html');
    expect(document.text).toContain('diplomats met on Monday in Geneva');
  });

  it('refuses a truncated `.br` object as corrupt compression, with a reason', () => {
    const truncated = brotliCompressSync(article).subarray(0, 20);
    expect(rejection(() => decompressScrape(truncated, { key: 'incoming/a.html.br' })).code).toBe('corrupt-compression');
  });
});
