// The pure pipeline for one scrape: bytes -> text -> format -> article paragraphs -> fingerprints.
import { sniffCharset } from './charset.js';
import { cleanAndDetect, cleanPlainTextAndDetect } from './clean-text.js';
import { decodeBytes } from './decode.js';
import { decompressScrape } from './decompress.js';
import { detectFormat } from './detect-format.js';
import { InputRejectedError } from './errors.js';
import { extractArticle } from './extract-html.js';
import { resolveDetectedLanguage } from './language.js';
import type { HtmlExtractionOptions } from './html-settings.js';
import type { CleanOptions } from './settings.js';
import { resolveCleanOptions } from './settings.js';
import type { CleanDocument, ScrapeHints } from './types.js';

export type { CleanOptions } from './settings.js';

const REGEXPS = {
  /** `charset=` parameter of a Content-Type header. */
  contentTypeCharset: /;\s*charset\s*=\s*["']?([^"';\s]+)/i,
  /** Any visible character. */
  visible: /\S/,
} as const;

/** The charset a Content-Type hint declares (`text/html; charset=iso-8859-1`), if any. */
function getDeclaredCharset(hints: ScrapeHints): string | undefined {
  return hints.contentType === undefined ? undefined : REGEXPS.contentTypeCharset.exec(hints.contentType)?.[1];
}

/**
 * Cleans already-decoded text: detects the format, extracts the article of an HTML page or
 * splits a text scrape into paragraphs, then classifies, de-duplicates and fingerprints.
 * For plain text it never throws; an HTML page may be refused by the extractor.
 *
 * @example
 * const doc = cleanText('Talks resume in Geneva\n\nDiplomats met on Monday to restart the talks on a ceasefire.');
 * doc.title;       // 'Talks resume in Geneva'
 * doc.fingerprint; // 16 hex digits
 */
export function cleanText(
  text: string,
  hints: ScrapeHints = {},
  options: Partial<CleanOptions> = {},
  htmlOptions: HtmlExtractionOptions = {},
): CleanDocument {
  const settings = resolveCleanOptions(options);
  if (detectFormat(text, hints) === 'html') {
    const page = extractArticle(text, htmlOptions);
    const { document, detected } = cleanAndDetect(page.blocks, { format: 'html', title: page.title, blockTags: page.blockTags }, settings);
    const { canonicalUrl, published, author, htmlLanguage, declaredLanguages } = page.metadata;
    return {
      ...document,
      // `<html lang>` first, then HTTP's Content-Language, then the meta tags, then the detector (issue 12).
      language: resolveDetectedLanguage([htmlLanguage, hints.contentLanguage, ...declaredLanguages], detected),
      ...(canonicalUrl === undefined ? {} : { canonicalUrl }),
      ...(published === undefined ? {} : { published }),
      ...(author === undefined ? {} : { author }),
    };
  }
  const { document, detected } = cleanPlainTextAndDetect(text, settings);
  return { ...document, language: resolveDetectedLanguage([hints.contentLanguage], detected) };
}

/**
 * Cleans one scrape from its bytes: decompress ({@link decompressScrape}), decode ({@link decodeBytes}; the Content-Type charset hint
 * is honoured, else the page's `<meta charset>`), then {@link cleanText}.
 *
 * @throws InputRejectedError `decompressed-too-large` or `corrupt-compression` (from
 * decompressing), `binary` or `undecodable` (from decoding), `empty` when the input
 * holds no visible text, `no-article` when nothing but chrome is left.
 * @example
 * const doc = cleanScrape(new TextEncoder().encode('Talks resume in Geneva\n\nDiplomats met on Monday to restart the talks.'), { key: 'a.txt' });
 */
export function cleanScrape(bytes: Uint8Array, hints: ScrapeHints = {}, options: Partial<CleanOptions> = {}): CleanDocument {
  // gzip (magic bytes, `.gz`, Content-Encoding) is undone first, under a size cap (issue 7).
  const { bytes: plain, hints: plainHints } = decompressScrape(bytes, hints);
  // HTTP's charset outranks the page's own <meta charset> (WHATWG encoding sniffing order).
  const text = decodeBytes(plain, { declaredCharset: getDeclaredCharset(plainHints) ?? sniffCharset(plain) });
  if (!REGEXPS.visible.test(text)) throw new InputRejectedError('empty', 'the input holds no visible text');
  const document = cleanText(text, plainHints, options);
  if (document.paragraphs.length === 0) {
    throw new InputRejectedError('no-article', `no article text left after removing ${document.removed.length} chrome paragraph(s)`);
  }
  return document;
}
