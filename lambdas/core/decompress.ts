// Undoes the compression a scraper or S3 put on a scrape (gzip, deflate, brotli) with a cap on the output size.
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { InputRejectedError } from './errors.js';
import { MAX_DECOMPRESSED_BYTES } from './settings.js';
import type { ScrapeHints } from './types.js';

/** Tunables of {@link decompressScrape}. */
export interface DecompressOptions {
  /** Largest decompressed size accepted, in bytes. @default MAX_DECOMPRESSED_BYTES */
  readonly maxDecompressedBytes?: number;
}

/** The bytes to decode, and the hints that describe them once decompressed. */
export interface DecompressedScrape {
  readonly bytes: Uint8Array;
  readonly hints: ScrapeHints;
  /** The compression undone, or undefined when the bytes were passed through. */
  readonly encoding?: Compression;
}

export type Compression = 'gzip' | 'deflate' | 'br';

const REGEXPS = {
  /** A `.gz` / `.gzip` suffix on a key: `page.html.gz` is an HTML page, gzipped. */
  gzipExtension: /\.(gz|gzip)$/i,
  /** A `.br` suffix on a key: `page.html.br` is an HTML page, brotli-compressed. */
  brotliExtension: /\.br$/i,
  /** Either suffix, dropped from the key once the bytes are undone. */
  compressionExtension: /\.(gz|gzip|br)$/i,
  /** Content-Encoding tokens (`gzip`, `x-gzip`, `deflate`, `br`), comma-separated. */
  encodingToken: /[^,\s]+/g,
} as const;

/** Content-Encoding tokens we undo, by the compression they name. */
const ENCODING_TOKENS: Readonly<Record<string, Compression>> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
  br: 'br',
};

/** gzip member header: ID1 ID2 and CM = 8 (deflate), RFC 1952 section 2.3.1. */
const GZIP_MAGIC = [0x1f, 0x8b, 0x08] as const;

/**
 * True when `bytes` start like a gzip stream.
 *
 * @example
 * isGzip(new Uint8Array([0x1f, 0x8b, 0x08, 0])); // true
 */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= GZIP_MAGIC.length && GZIP_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** The compression the Content-Encoding header names (the last token applied first is ours to undo). */
function getHeaderCompression(contentEncoding: string | undefined): Compression | undefined {
  const tokens = contentEncoding?.toLowerCase().match(REGEXPS.encodingToken) ?? [];
  // Encodings are listed in the order applied: the last one is the outermost layer.
  const last = tokens[tokens.length - 1];
  return last === undefined ? undefined : ENCODING_TOKENS[last];
}

/**
 * Which compression to undo. The gzip magic bytes decide on their own (a scraper that saved a
 * `.html` file straight from a gzip response is common); a `.gz` key or a gzip Content-Encoding
 * over bytes without the magic means the bytes were already inflated (some HTTP clients do it
 * and keep the header), so they pass through. deflate and brotli have no reliable magic: the
 * Content-Encoding header names them, and a `.br` key names brotli (as `.gz` names gzip; without
 * it, brotli bytes were refused as binary).
 */
function getCompression(bytes: Uint8Array, hints: ScrapeHints): Compression | undefined {
  if (isGzip(bytes)) return 'gzip';
  const declared = getHeaderCompression(hints.contentEncoding);
  if (declared !== undefined) return declared === 'gzip' ? undefined : declared;
  return REGEXPS.brotliExtension.test(hints.key ?? '') ? 'br' : undefined;
}

function inflate(bytes: Uint8Array, compression: Compression, maxOutputLength: number): Buffer {
  switch (compression) {
    case 'gzip':
      // Concatenated gzip members (`cat a.gz b.gz`) are inflated as one stream, as gunzip(1) does.
      return gunzipSync(bytes, { maxOutputLength });
    case 'deflate':
      return inflateSync(bytes, { maxOutputLength });
    case 'br':
      return brotliDecompressSync(bytes, { maxOutputLength });
  }
}

function isOutputTooLarge(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return error instanceof RangeError || code === 'ERR_BUFFER_TOO_LARGE';
}

/**
 * Undoes the compression of a scrape before decoding: gzip by its magic bytes (whatever the key
 * or headers say), deflate and brotli by Content-Encoding, brotli also by a `.br` key. Inflating stops as soon as the output
 * passes the cap, so a gzip bomb costs the cap, not its expanded size. The returned hints drop
 * the `.gz` (or `.br`) suffix from the key and the undone Content-Encoding, so format detection sees
 * `page.html`. Uncompressed input is returned as it is (same array).
 *
 * @throws InputRejectedError `decompressed-too-large` when the output would pass the cap;
 * `corrupt-compression` when the stream is truncated or not what it claims.
 * @example
 * const { bytes, hints } = decompressScrape(gzipSync('<p>Hello</p>'), { key: 'incoming/a.html.gz' });
 * new TextDecoder().decode(bytes); // '<p>Hello</p>'
 * hints.key;                       // 'incoming/a.html'
 */
export function decompressScrape(bytes: Uint8Array, hints: ScrapeHints = {}, options: DecompressOptions = {}): DecompressedScrape {
  const compression = getCompression(bytes, hints);
  const plainHints: ScrapeHints = {
    ...hints,
    key: hints.key?.replace(compression === undefined ? REGEXPS.gzipExtension : REGEXPS.compressionExtension, ''),
    contentEncoding: undefined,
  };
  if (compression === undefined) {
    // Not compressed: keep the key's own extension unless it is only `.gz` on plain bytes.
    return { bytes, hints: plainHints };
  }
  const cap = options.maxDecompressedBytes ?? MAX_DECOMPRESSED_BYTES;
  try {
    return { bytes: inflate(bytes, compression, cap), hints: plainHints, encoding: compression };
  } catch (error) {
    if (isOutputTooLarge(error)) {
      throw new InputRejectedError(
        'decompressed-too-large',
        `the ${compression} data expands to more than ${cap} bytes (the limit); refused without expanding it further`,
        { cause: error },
      );
    }
    throw new InputRejectedError(
      'corrupt-compression',
      `the input looks ${compression}-compressed but cannot be decompressed (${(error as Error).message})`,
      { cause: error },
    );
  }
}
