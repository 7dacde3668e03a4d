// Verifying candidates: is a document a near-duplicate of a stored article, and of which one.
// Evidence is shingle containment (lambdas/dedup/shingles.ts), measured twice: over the smaller
// document, and over its part that is not copied verbatim in the other (so shared boilerplate
// paragraphs alone never merge two articles). The simhash distance is kept as the exact fast
// path (0 bits: the same text) and reported with every duplicate.
import { hammingDistance } from '../core/simhash.js';
import type { DedupOptions } from './options.js';
import { atRate } from './shingles.js';
import type { ShingleSketch } from './shingles.js';
import type { DocSummary } from './types.js';

/** The signals measured between a document and a candidate. */
export interface Similarity {
  /** Whole-document fingerprint distance in bits (0..64). */
  readonly distance: number;
  /** Share of the smaller document's paragraphs found verbatim (same fingerprint) in the other (0..1). */
  readonly paragraphOverlap: number;
  /** Share of the smaller document's sampled shingles found in the other (0..1). */
  readonly containment: number;
  /** The same over the smaller document's paragraphs not found verbatim in the other (1 when there are none). */
  readonly restContainment: number;
  /** Sampled shingles of the smaller document found in the other. */
  readonly sharedShingles: number;
  /** Share of the smaller document's sampled shingles in paragraphs not copied verbatim (0..1). */
  readonly restShare: number;
}

/** All that verification reads of a document or a stored article. */
export interface Comparable {
  readonly fingerprint: string;
  readonly paragraphFingerprints: readonly string[];
  /** Shingle sample, one list per paragraph (same order as `paragraphFingerprints`). */
  readonly sketch: ShingleSketch;
}

/** The decision for a new document. */
export type MatchDecision =
  | { readonly kind: 'canonical' }
  | { readonly kind: 'duplicate'; readonly of: DocSummary; readonly similarity: Similarity };

function union(lists: ReadonlyArray<readonly number[]>): Set<number> {
  const out = new Set<number>();
  for (const list of lists) for (const h of list) out.add(h);
  return out;
}

function sharedCount(hashes: ReadonlySet<number>, other: ReadonlySet<number>): number {
  let n = 0;
  for (const h of hashes) if (other.has(h)) n += 1;
  return n;
}

/**
 * Measures the signals between two documents, at the coarser sampling rate of the two.
 *
 * @example
 * measureSimilarity(teaser, article); // { containment: 1, restContainment: 1, ... }
 */
export function measureSimilarity(a: Comparable, b: Comparable): Similarity {
  const distance = hammingDistance(a.fingerprint, b.fingerprint);
  const rate = Math.max(a.sketch.rateBits, b.sketch.rateBits);
  const sa = atRate(a.sketch, rate);
  const sb = atRate(b.sketch, rate);
  const setA = union(sa.paragraphs);
  const setB = union(sb.paragraphs);
  const [small, smallSet, smallFps, otherSet, otherFps] =
    setA.size <= setB.size ? [sa, setA, a.paragraphFingerprints, setB, b.paragraphFingerprints] : [sb, setB, b.paragraphFingerprints, setA, a.paragraphFingerprints];
  const verbatim = new Set(otherFps);
  const copied = smallFps.filter((fp) => verbatim.has(fp)).length;
  const rest = union(small.paragraphs.filter((_, i) => !verbatim.has(smallFps[i] ?? '')));
  const shared = sharedCount(smallSet, otherSet);
  return {
    distance,
    paragraphOverlap: smallFps.length === 0 ? 0 : copied / smallFps.length,
    containment: smallSet.size === 0 ? 0 : shared / smallSet.size,
    restContainment: rest.size === 0 ? 1 : sharedCount(rest, otherSet) / rest.size,
    sharedShingles: shared,
    restShare: smallSet.size === 0 ? 0 : rest.size / smallSet.size,
  };
}

/**
 * True when the signals say "same article": the same text (distance 0), or most of the smaller
 * document is in the other, including most of what is not copied verbatim.
 *
 * @example
 * isNearDuplicate({ distance: 9, paragraphOverlap: 0.5, containment: 0.9, restContainment: 0.8, sharedShingles: 120, restShare: 0.5 }, options); // true
 */
export function isNearDuplicate(similarity: Similarity, options: Pick<DedupOptions, 'minContainment' | 'minRestContainment' | 'restRuleMinShare'>): boolean {
  if (similarity.distance === 0 && similarity.sharedShingles > 0) return true;
  // A rest this small is extraction noise (a caption kept, a line split), not content of its own.
  const restMatters = similarity.restShare >= options.restRuleMinShare;
  return similarity.sharedShingles > 0 && similarity.containment >= options.minContainment && (!restMatters || similarity.restContainment >= options.minRestContainment);
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
 * if (decision.kind === 'duplicate') console.log(decision.of.docId, decision.similarity.containment);
 */
export function decide(doc: Comparable, candidates: readonly DocSummary[], options: Pick<DedupOptions, 'minContainment' | 'minRestContainment' | 'restRuleMinShare'>): MatchDecision {
  let best: { of: DocSummary; similarity: Similarity } | undefined;
  for (const candidate of candidates) {
    if (best && compareByAge(candidate, best.of) >= 0) continue;
    const similarity = measureSimilarity(doc, candidate);
    if (isNearDuplicate(similarity, options)) best = { of: candidate, similarity };
  }
  return best ? { kind: 'duplicate', ...best } : { kind: 'canonical' };
}
