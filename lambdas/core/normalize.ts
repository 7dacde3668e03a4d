// Comparison normalisation: the form two paragraphs are compared in, never the form shown.

/**
 * Patterns compiled once at module load so the hot path never rebuilds them
 * (Readability `REGEXPS` habit).
 */
const REGEXPS = {
  /** Any character outside ASCII: the only case where NFKC can change anything. */
  nonAscii: /[\u0080-\uffff]/,
  /** Single quotes and primes: ‘ ’ ‚ ‛ ′ ‵ ʼ and the full-width apostrophe. */
  singleQuotes: /[\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\uff07]/g,
  /** Double quotes and double primes: “ ” „ ‟ ″ ‶ « » and the full-width quote. */
  doubleQuotes: /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb\uff02]/g,
  /** Hyphens, dashes and minus signs: ‐ ‑ ‒ – — ― − and the small/full-width hyphen-minus. */
  dashes: /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g,
  /**
   * A run of hyphens: straight-quoted text writes an em dash as `--` (seed 002's first copy
   * has "rebels -- who" where the second has "rebels — who"), so any run folds to one `-`.
   */
  hyphenRun: /-{2,}/g,
  /** Horizontal ellipsis, for when NFKC did not run (it maps … to "..."). */
  ellipsis: /\u2026/g,
  /** Whitespace runs, including no-break and other Unicode spaces. */
  whitespace: /\s+/g,
} as const;

/**
 * Folds typographic punctuation to its ASCII form: curly quotes to straight ones, every dash
 * to `-` (runs of hyphens collapse to one), the ellipsis character to `...`.
 * Exposed for callers that fold but keep case and spacing.
 *
 * @example
 * foldTypography('“Plan B” — now…'); // '"Plan B" - now...'
 */
export function foldTypography(text: string): string {
  return text
    .replace(REGEXPS.singleQuotes, "'")
    .replace(REGEXPS.doubleQuotes, '"')
    .replace(REGEXPS.dashes, '-')
    .replace(REGEXPS.ellipsis, '...')
    .replace(REGEXPS.hyphenRun, '-');
}

/** True when the text has a character outside ASCII (so NFKC or typographic folding may apply). */
export function hasNonAscii(text: string): boolean {
  return REGEXPS.nonAscii.test(text);
}

/**
 * The form in which texts are compared: NFKC (only when non-ASCII characters are present,
 * because NFKC runs at about half the speed of the rest of the pipeline), typographic quotes,
 * dashes and ellipses folded, lower-cased, whitespace collapsed to single spaces and trimmed.
 * It is used for equality and fingerprints only; displayed text is never replaced by it.
 *
 * @example
 * normalizeForComparison('  “Russia’s   Plan B” —\u00a0talks… '); // `"russia's plan b" - talks...`
 */
export function normalizeForComparison(text: string): string {
  let folded = text;
  if (hasNonAscii(folded)) {
    folded = foldTypography(folded.normalize('NFKC'));
  } else if (folded.includes('--')) {
    folded = folded.replace(REGEXPS.hyphenRun, '-');
  }
  return folded.toLowerCase().replace(REGEXPS.whitespace, ' ').trim();
}
