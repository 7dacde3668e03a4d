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
 * paragraph costs one conditional write (~5 ms in DynamoDB) and 8 bytes of the article item, so
 * 5,000 paragraphs keep the slowest accepted object near 35 s at 1,024 MB (bench/lambda-sizing.ts,
 * the figure OBJECT_TIME_RESERVE_MS is built on) and the article item far below 400 KB. The 24 MB
 * page of 200,000 paragraphs that failed on every delivery is refused here.
 */
export const MAX_DOCUMENT_PARAGRAPHS = 5_000;

/**
 * Characters of kept text per document. The body is stored brotli-compressed in chunks, so no
 * item limit binds it; it bounds memory and time, measured by bench/lambda-sizing.ts (peak RSS
 * of the worst accepted document under half the function's memory). 24 million keeps issue 7's
 * 20 MB single-line scrape accepted and refuses what only decompression (up to 32 MiB) could
 * bring in. There is no separate limit per paragraph: time is linear in a paragraph's length
 * (tests/reliability/linear-time.test.ts) and a paragraph record keeps at most 2,000 characters.
 */
export const MAX_KEPT_CHARS = 24_000_000;

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
