// Verifying candidates: is a document a near-duplicate of a stored article, and of which one.
import { hammingDistance } from '../core/simhash.js';
import type { DedupOptions } from './options.js';
import type { DocSummary } from './types.js';

/** The two signals measured between a document and a candidate. */
export interface Similarity {
  /** Whole-document fingerprint distance in bits (0..64). */
  readonly distance: number;
  /** Share of the smaller document's paragraphs with a near-identical paragraph in the other (0..1). */
  readonly paragraphOverlap: number;
  /** Number of such paragraphs. */
  readonly sharedParagraphs: number;
  /** Paragraphs of the smaller document (the denominator of the overlap). */
  readonly smallerParagraphs: number;
}

/** A fingerprint plus paragraph fingerprints: all that verification reads. */
export interface Comparable {
  readonly fingerprint: string;
  readonly paragraphFingerprints: readonly string[];
}

/** The decision for a new document. */
export type MatchDecision =
  | { readonly kind: 'canonical' }
  | { readonly kind: 'duplicate'; readonly of: DocSummary; readonly similarity: Similarity };

function hasNearParagraph(fp: string, others: readonly string[], exactOthers: ReadonlySet<string>, maxBits: number): boolean {
  if (exactOthers.has(fp)) return true;
  if (maxBits === 0) return false;
  for (const other of others) if (hammingDistance(fp, other) <= maxBits) return true;
  return false;
}

/**
 * Measures both signals between two documents.
 *
 * @example
 * measureSimilarity(doc, candidate, 3); // { distance: 5, paragraphOverlap: 0.9, sharedParagraphs: 9, smallerParagraphs: 10 }
 */
export function measureSimilarity(a: Comparable, b: Comparable, paragraphMatchDistance: number): Similarity {
  const distance = hammingDistance(a.fingerprint, b.fingerprint);
  const [small, large] = a.paragraphFingerprints.length <= b.paragraphFingerprints.length
    ? [a.paragraphFingerprints, b.paragraphFingerprints]
    : [b.paragraphFingerprints, a.paragraphFingerprints];
  if (small.length === 0) return { distance, paragraphOverlap: 0, sharedParagraphs: 0, smallerParagraphs: 0 };
  const exact = new Set(large);
  let shared = 0;
  for (const fp of small) if (hasNearParagraph(fp, large, exact, paragraphMatchDistance)) shared += 1;
  return { distance, paragraphOverlap: shared / small.length, sharedParagraphs: shared, smallerParagraphs: small.length };
}

/**
 * True when the signals say "same article": the fingerprints are close outright, or most
 * paragraphs are shared and the fingerprints are not far apart.
 *
 * @example
 * isNearDuplicate({ distance: 2, paragraphOverlap: 0, sharedParagraphs: 0, smallerParagraphs: 4 }, options); // true
 */
export function isNearDuplicate(
  similarity: Similarity,
  options: Pick<DedupOptions, 'maxDistance' | 'minParagraphOverlap' | 'maxDistanceWithOverlap' | 'minSharedParagraphs'>,
): boolean {
  if (similarity.distance <= options.maxDistance) return true;
  // A one-paragraph document can share at most one paragraph; the floor never exceeds that.
  const minShared = Math.max(1, Math.min(options.minSharedParagraphs, similarity.smallerParagraphs));
  return (
    similarity.distance <= options.maxDistanceWithOverlap &&
    similarity.paragraphOverlap >= options.minParagraphOverlap &&
    similarity.sharedParagraphs >= minShared
  );
}

/** Orders articles by first sight, ties broken by id, so every process picks the same earliest. */
export function compareByAge(a: { firstSeen: string; docId: string }, b: { firstSeen: string; docId: string }): number {
  if (a.firstSeen !== b.firstSeen) return a.firstSeen < b.firstSeen ? -1 : 1;
  return a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0;
}

/**
 * Verifies every candidate and returns the decision: duplicate of the earliest matching
 * article, else canonical.
 *
 * @example
 * const decision = decide(doc, await store.getSummaries(ids), options);
 * if (decision.kind === 'duplicate') console.log(decision.of.docId, decision.similarity.distance);
 */
export function decide(
  doc: Comparable,
  candidates: readonly DocSummary[],
  options: Pick<DedupOptions, 'maxDistance' | 'minParagraphOverlap' | 'maxDistanceWithOverlap' | 'minSharedParagraphs' | 'paragraphMatchDistance'>,
): MatchDecision {
  let best: { of: DocSummary; similarity: Similarity } | undefined;
  for (const candidate of candidates) {
    if (best && compareByAge(candidate, best.of) >= 0) continue;
    const similarity = measureSimilarity(doc, candidate, options.paragraphMatchDistance);
    if (isNearDuplicate(similarity, options)) best = { of: candidate, similarity };
  }
  return best ? { kind: 'duplicate', ...best } : { kind: 'canonical' };
}
