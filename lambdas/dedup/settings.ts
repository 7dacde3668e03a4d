// Thresholds of the dedup engine v2 (issue 11), each with the measurement behind it. The
// figures come from `npm run bench:dedup` (its sweep table is in docs/architecture.md).
// Overrides go through `DedupOptions` (lambdas/dedup/options.ts).

/**
 * Words per shingle. Each substituted word changes `width` shingles, so a narrower shingle keeps
 * more of an edited copy; a wider one makes chance matches between different texts rarer.
 * Chosen by the sweep in bench:dedup (docs/architecture.md, "Choosing the signals").
 */
export const SHINGLE_WIDTH = 4;

/**
 * Most shingle hashes stored with an article (4 bytes each). Longer articles keep a consistent
 * 1-in-2^r sample (the hashes with r low zero bits), so any two samples compare at the coarser
 * rate. 256 measures containment of a 500-word article within about 3 points; the store then
 * thins the sample further until the article item fits one write unit (SKETCH_MIN_HASHES).
 */
export const SKETCH_MAX_HASHES = 256;

/**
 * Fewest shingle hashes an article keeps when its sample is thinned so that the article item
 * (listing fields, fingerprints and the sample) fits one write unit (1 KB): about 100 hashes
 * fit next to a typical article's other fields. bench:dedup sweep: caps of 128, 96, 64 and 48 (24
 * to 48 hashes kept) match every kind of copy as well as 256 does, with 0 false merges.
 */
export const SKETCH_MIN_HASHES = 48;

/**
 * Index keys per article: its smallest shingle hashes (bottom-k), next to the lead key. An edited
 * copy keeping share J of the shingles shares one with probability 1 - (1 - J)^k; a teaser holding
 * half its article, 1 - 2^-k (the lead key catches it anyway). Each key costs a new article one
 * write unit (its lease write registers it). bench:dedup sweep: 2 keys + lead match 99.7% of
 * copies (worst kind 98.9%), 3 keys 100.0% (worst 99.4%), more keys add nothing; 0 false merges
 * in all.
 */
export const SHINGLE_KEY_COUNT = 3;

/**
 * Share of the smaller document's shingles (at the common sampling rate) that must be in the
 * other document. Copies keep 0.8 or more (2% substituted words with 4-word shingles lose about
 * 8%, two rewritten sentences a few more); different articles of one story share under 0.15.
 */
export const MIN_CONTAINMENT = 0.6;

/**
 * The same share measured only over the smaller document's paragraphs that are not copied
 * verbatim in the other. Two different articles ending with the same standard paragraphs (a
 * disclaimer, a methodology note) share those paragraphs exactly and nothing else: their own
 * paragraphs are contained near 0. A copy's edited paragraphs stay mostly contained. Shared
 * boilerplate is therefore no evidence: the content that is not shared verbatim decides.
 */
export const MIN_REST_CONTAINMENT = 0.35;

/**
 * The rule above applies when the part not copied verbatim is at least this share of the smaller
 * document. Below it the rest is extraction noise (a caption or a credit line kept on the page,
 * absent from the other copy): bench:dedup's HTML pages have rests of 1% to 9% of their gold
 * article that are not contained at all. The price: an article whose own text is under 10% of
 * it, next to shared standard paragraphs, cannot be told from such a copy.
 */
export const REST_RULE_MIN_SHARE = 0.1;

/**
 * Also index a document under its first eight words. Teasers, articles cut short and articles
 * with an update appended keep their opening, so this one key catches them whatever the bottom-k
 * keys drew; a dateline or a new first paragraph changes it, which the bottom-k keys cover.
 */
export const LEAD_KEY = true;
