// The cleaner shared by every format: classify paragraphs, collapse repeats, fingerprint what is kept.
import { classifyParagraphs, getWordCountCap } from './classify.js';
import { dedupeParagraphs } from './dedupe-paragraphs.js';
import type { LanguageDetection } from './language.js';
import { detectParagraphsLanguage } from './language.js';
import { splitParagraphs } from './paragraphs.js';
import type { CleanOptions } from './settings.js';
import { resolveCleanOptions } from './settings.js';
import type { TextSignature } from './simhash.js';
import { getLanguageEvidenceForNow, getTextSignaturesForNow, simhashOfSignatures } from './simhash.js';
import type { CleanDocument, ScrapeFormat } from './types.js';

/**
 * Cleans paragraphs that are already split (lines of a text scrape, blocks of an HTML page):
 * classify ({@link classifyParagraphs}), collapse repeats ({@link dedupeParagraphs}), then
 * fingerprint the document and each kept paragraph. Never throws on any input: a document
 * with nothing left has no paragraphs and the empty fingerprint.
 *
 * @example
 * const doc = cleanParagraphs(['Talks resume', 'Diplomats met on Monday to restart the stalled talks.'], { format: 'text' });
 * doc.title; // 'Talks resume'
 */
export function cleanParagraphs(
  paragraphs: readonly string[],
  context: { readonly title?: string; readonly format: ScrapeFormat; readonly blockTags?: readonly string[] },
  options: Partial<CleanOptions> = {},
): CleanDocument {
  return cleanAndDetect(paragraphs, context, options).document;
}

/**
 * {@link cleanParagraphs}, and what the language detector reads in the cleaned text (the answer
 * `detectLanguage(document.text)` gives), mostly from the same word scan (issue 16).
 */
export function cleanAndDetect(
  paragraphs: readonly string[],
  context: { readonly title?: string; readonly format: ScrapeFormat; readonly blockTags?: readonly string[] },
  options: Partial<CleanOptions> = {},
): { readonly document: CleanDocument; readonly detected: LanguageDetection } {
  const settings = resolveCleanOptions(options);
  // One word scan per paragraph serves the classifier (cue words, title repeats), the
  // de-duplication and fingerprints of the kept ones, and the language detector (issue 16). Its
  // buffers are reused by the next document: every signature is read before this function
  // returns, none is kept.
  const signatures = getTextSignaturesForNow(paragraphs, { shingleSize: settings.shingleSize, wordCountCap: getWordCountCap(settings) });
  const classified = classifyParagraphs(paragraphs, context, settings, signatures);
  // Built as getTextSignatures builds its array (`new Array(n)`, by index): one array shape
  // reaches dedupeParagraphs whichever way it is called (`map` made a packed one; issue 16).
  const keptSignatures = new Array<TextSignature>(classified.keptIndexes.length);
  for (let k = 0; k < keptSignatures.length; k += 1) keptSignatures[k] = signatures[classified.keptIndexes[k]!]!;
  // Inside the container an HTML extractor chose, short exact repeats are content (the same
  // step or spec line in several list items); text scrapes repeat chrome lines instead.
  const deduped = dedupeParagraphs(classified.kept, settings, context.format === 'html' ? settings.htmlDuplicateMinWords : 0, keptSignatures);
  const document: CleanDocument = {
    format: context.format,
    title: classified.title,
    paragraphs: deduped.kept,
    text: deduped.kept.join('\n\n'),
    // Equal to simhash64(text), from the shingle counts the paragraph signatures already hold.
    fingerprint: simhashOfSignatures(deduped.signatures, { shingleSize: settings.shingleSize }),
    paragraphFingerprints: deduped.signatures.map((signature) => signature.fingerprint),
    removed: [...classified.removed, ...deduped.removed],
  };
  // The kept paragraphs joined by a blank line are `document.text`, the detector's input.
  return { document, detected: detectParagraphsLanguage(deduped.kept, deduped.signatures, getLanguageEvidenceForNow()) };
}

/**
 * Cleans a plain-text scrape: splits it into paragraphs ({@link splitParagraphs}), picks the
 * title line and removes the chrome around the article.
 *
 * @example
 * const doc = cleanPlainText('World\n\nTalks resume in Geneva\n\nDiplomats met on Monday to restart the talks on a ceasefire.\n\n2 comments');
 * doc.paragraphs; // ['Diplomats met on Monday to restart the talks on a ceasefire.']
 */
export function cleanPlainText(text: string, options: Partial<CleanOptions> = {}): CleanDocument {
  return cleanPlainTextAndDetect(text, options).document;
}

/** {@link cleanPlainText} and the language the detector reads in the cleaned text (see {@link cleanAndDetect}). */
export function cleanPlainTextAndDetect(text: string, options: Partial<CleanOptions> = {}): { readonly document: CleanDocument; readonly detected: LanguageDetection } {
  const settings = resolveCleanOptions(options);
  return cleanAndDetect(splitParagraphs(text, settings), { format: 'text' }, settings);
}
