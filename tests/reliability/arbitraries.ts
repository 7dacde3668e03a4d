// fast-check generators of scraped bytes for the fuzz tests: random bytes, text in many scripts
// and encodings, HTML fragments, chrome lines, compression, and mixtures of them.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { InputRejectedError } from '../../lambdas/core/errors.js';

/** Rejection codes the pipeline may give; anything else is a new outcome a test should notice. */
export const KNOWN_REJECTION_CODES: ReadonlySet<string> = new Set([
  'empty',
  'no-article',
  'binary',
  'undecodable',
  'decompressed-too-large',
  'corrupt-compression',
  'html-too-large',
  'html-too-deep',
  'too-large',
  'object-missing',
]);

/**
 * Generous bound on one input's processing in the pure pipeline: inputs here are at most a few
 * tens of KB and take milliseconds; a bound in seconds only catches runaway (super-linear) work.
 */
export const MAX_MS_PER_PURE_INPUT = 2_000;

/** Words from several scripts, plus chrome phrases and markup, that generated texts are built from. */
const WORDS = [
  'ceasefire', 'talks', 'Geneva', 'officials', 'said', 'Monday', 'the', 'a', 'of', 'and', 'in',
  'Diplomaten', 'trafen', 'sich', 'café', 'naïve', 'Ελλάδα', 'Москва', 'переговоры', 'المحادثات',
  'سوريا', 'שיחות', 'ז׳נבה', '東京', '政府は月曜日', '经济刺激计划', '합의', 'ประเทศไทย', '🎉', '👍🏽', '🇺🇳',
  'Subscribe', 'Share', 'Facebook', 'Twitter', 'Comments', 'Log in', 'Cookie settings', '©', 'Copyright',
  '&amp;', '&nbsp;', '&#8217;', '“quoted”', '—', '…', '1,234', '2016-09-10', '12:45', 'http://x.example/a?b=c',
] as const;

/** Separators between words and paragraphs, including the odd ones scrapers leave. */
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '.\n', '\n\n', '\n \n', '\r\n\r\n', '\t', '\u00a0', '\u3000', '\u200b', ' | ', ' · '] as const;

/** Markup fragments for HTML-ish inputs, balanced or not. */
const MARKUP = [
  '<p>', '</p>', '<div class="article-body">', '<div class="nav">', '</div>', '<article>', '</article>',
  '<nav><a href="/">Home</a></nav>', '<script>var x = "<p>";</script>', '<style>p{}</style>', '<br>', '<!--', '-->',
  '<h1>', '</h1>', '<li><a href="#">More</a></li>', '<meta charset="iso-8859-1">', '<title>', '</title>', '<![CDATA[', '<', '>', '&',
] as const;

/** A text of real-looking words in mixed scripts with varied separators. */
export const textArbitrary = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 400 })
  .map((parts) => parts.map(([word, separator]) => word + separator).join(''));

/** Arbitrary Unicode (lone surrogates, controls, everything), as fast-check generates it. */
export const anyStringArbitrary = fc.string({ unit: 'binary', maxLength: 600 });

/** HTML-ish text: words interleaved with markup fragments. */
export const htmlArbitrary = fc
  .array(fc.oneof(fc.constantFrom(...MARKUP), textArbitrary.map((text) => text.slice(0, 300))), { minLength: 1, maxLength: 40 })
  .map((parts) => `<!DOCTYPE html><html><body>${parts.join('')}</body></html>`);

type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'latin1';

function encodeAs(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf8':
      return new TextEncoder().encode(text);
    case 'utf8-bom':
      return new TextEncoder().encode(`\ufeff${text}`);
    case 'utf16le-bom':
      return new Uint8Array(Buffer.from(`\ufeff${text}`, 'utf16le'));
    case 'utf16be-bom': {
      const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
      bytes.swap16();
      return new Uint8Array(bytes);
    }
    case 'latin1':
      // Characters outside Latin-1 are lost by Buffer's encoder, as by a legacy scraper.
      return new Uint8Array(Buffer.from(text, 'latin1'));
  }
}

/** Flips or inserts a few bytes: truncated sequences, stray NULs, invalid UTF-8. */
const corruptionArbitrary = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 });

function corrupt(bytes: Uint8Array, edits: ReadonlyArray<readonly [number, number]>): Uint8Array {
  if (bytes.length === 0 || edits.length === 0) return bytes;
  const copy = new Uint8Array(bytes);
  for (const [position, value] of edits) copy[position % copy.length] = value;
  return copy;
}

/** One scraped object: bytes plus the hints S3 would give (key, Content-Type, Content-Encoding). */
export interface GeneratedScrape {
  readonly bytes: Uint8Array;
  readonly key: string;
  readonly contentType?: string;
  readonly contentEncoding?: string;
}

const EXTENSIONS = ['.txt', '.html', '.htm', '', '.md', '.json', '.gz', '.php'] as const;
const CONTENT_TYPES = [undefined, 'text/plain', 'text/html; charset=utf-8', 'text/html; charset=iso-8859-1', 'application/octet-stream', 'text/plain; charset=shift_jis', 'text/html; charset=bogus-label'] as const;

/**
 * A scraped object: text, HTML, arbitrary Unicode or raw bytes, in a random encoding, maybe
 * corrupted, maybe gzipped (with or without a `.gz` key or a Content-Encoding header).
 */
export const scrapeArbitrary: fc.Arbitrary<GeneratedScrape> = fc
  .record({
    body: fc.oneof(
      { weight: 4, arbitrary: textArbitrary },
      { weight: 3, arbitrary: htmlArbitrary },
      { weight: 2, arbitrary: anyStringArbitrary },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 3000 }) },
    ),
    encoding: fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'latin1'),
    edits: fc.oneof({ weight: 4, arbitrary: fc.constant([] as Array<[number, number]>) }, { weight: 1, arbitrary: corruptionArbitrary }),
    gzip: fc.constantFrom('none', 'none', 'none', 'none', 'magic', 'header'),
    extension: fc.constantFrom(...EXTENSIONS),
    contentType: fc.constantFrom(...CONTENT_TYPES),
  })
  .map(({ body, encoding, edits, gzip, extension, contentType }) => {
    let bytes = typeof body === 'string' ? encodeAs(body, encoding) : body;
    bytes = corrupt(bytes, edits);
    if (gzip !== 'none') bytes = new Uint8Array(gzipSync(bytes));
    return {
      bytes,
      key: `incoming/fuzz/page${extension}`,
      contentType,
      contentEncoding: gzip === 'header' ? 'gzip' : undefined,
    };
  });

/**
 * True when `error` is an expected refusal: an {@link InputRejectedError} with a known code and a
 * message for a person.
 */
export function isExpectedRejection(error: unknown): boolean {
  return error instanceof InputRejectedError && KNOWN_REJECTION_CODES.has(error.code) && error.message.trim().length > 10;
}
