// Limits a cleaned document must meet before anything of it is written: a document past one
// would fail on every delivery (an item over DynamoDB's 400 KB) or outlive the invocation, and
// leave half-written items behind. Checked between cleaning and the first write (process-object.ts).
import { InputRejectedError } from './core/errors.js';

/** The limits of {@link checkDocumentLimits}. */
export interface DocumentLimits {
  readonly maxParagraphs: number;
  readonly maxKeptChars: number;
}

/**
 * Kept paragraphs per document. Measured: the most in 717 real pages of the two extraction
 * benchmarks is 1,150 (99th percentile 160), the 2 MB sizing article has ~2,900. Each kept
 * paragraph adds 8 bytes of fingerprint to the article item and 4 bytes to its site's paragraph
 * record (both capped at DynamoDB's 400 KB per item) and CPU time; 5,000 keeps those items far
 * below the cap and the slowest accepted object within OBJECT_TIME_RESERVE_MS
 * (bench/lambda-sizing.ts, "worst accepted"). The 24 MB page of 200,000 paragraphs that failed
 * on every delivery with "Item size has exceeded the maximum allowed size" is refused here.
 */
export const MAX_DOCUMENT_PARAGRAPHS = 5_000;

/**
 * Characters of kept text per document. The body is stored brotli-compressed in chunks, so no
 * item limit binds it; memory does. Measured by bench/lambda-sizing.ts on the deployed bundle:
 * 4,990 paragraphs with 22.5 million characters peaked at 595 MB, over half of the function's
 * 1,024 MB; at this limit the worst accepted document stays well under (README "Deploy to AWS").
 * 8 million is 100 times the most text kept from any of 717 real benchmark pages (77,000) and 4
 * times the 2 MB sizing article. Issue 7's 20 MB single-line scrape is now refused. There is no
 * separate limit per paragraph: time is linear in a paragraph's length
 * (tests/reliability/linear-time.test.ts), a paragraph's fingerprint is 8 bytes whatever its
 * length, and this limit bounds the longest.
 */
export const MAX_KEPT_CHARS = 8_000_000;

/** The limits in force unless a caller passes others (tests). */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxParagraphs: MAX_DOCUMENT_PARAGRAPHS, maxKeptChars: MAX_KEPT_CHARS };

/**
 * Refuses a cleaned document that could not be recorded whole within the limits.
 *
 * @throws InputRejectedError `too-many-paragraphs` or `text-too-long`, the reason naming the
 *   document's figure and the limit.
 * @example
 * checkDocumentLimits({ paragraphs: ['a', 'b'], text: 'a\n\nb' }); // passes
 */
export function checkDocumentLimits(
  doc: { readonly paragraphs: readonly string[]; readonly text: string },
  limits: DocumentLimits = DEFAULT_DOCUMENT_LIMITS,
): void {
  if (doc.paragraphs.length > limits.maxParagraphs) {
    throw new InputRejectedError(
      'too-many-paragraphs',
      `the document keeps ${doc.paragraphs.length} paragraphs; the limit is ${limits.maxParagraphs}`,
    );
  }
  if (doc.text.length > limits.maxKeptChars) {
    throw new InputRejectedError('text-too-long', `the document keeps ${doc.text.length} characters of text; the limit is ${limits.maxKeptChars}`);
  }
}
