import { describe, expect, it } from 'vitest';
import { compareByAge, decide, isNearDuplicate, measureSimilarity } from '../../../lambdas/dedup/match.js';
import { resolveDedupOptions } from '../../../lambdas/dedup/options.js';
import type { DocSummary } from '../../../lambdas/dedup/types.js';
import { articleParagraphs, cleanDocument } from '../../helpers/factories.js';

const options = resolveDedupOptions();

function summary(docId: string, firstSeen: string, paragraphs: readonly string[]): DocSummary {
  const doc = cleanDocument(paragraphs);
  return { docId, firstSeen, fingerprint: doc.fingerprint, paragraphFingerprints: doc.paragraphFingerprints };
}

describe('Function: measureSimilarity', () => {
  it('counts shared paragraphs against the smaller document', () => {
    // Prepare
    const base = articleParagraphs('alpha', 6);
    const small = cleanDocument(base.slice(0, 3));
    const large = cleanDocument([...base, ...articleParagraphs('beta', 4)]);
    // Act
    const similarity = measureSimilarity(small, large, options.paragraphMatchDistance);
    // Assess
    expect(similarity).toMatchObject({ paragraphOverlap: 1, sharedParagraphs: 3, smallerParagraphs: 3 });
    expect(similarity.distance).toBeGreaterThan(options.maxDistance);
  });

  it('gives zero overlap when a document has no paragraphs', () => {
    const similarity = measureSimilarity(cleanDocument([]), cleanDocument(articleParagraphs('alpha', 2)), 3);
    expect(similarity.paragraphOverlap).toBe(0);
    expect(similarity.sharedParagraphs).toBe(0);
  });
});

describe('Function: isNearDuplicate', () => {
  it('accepts a close fingerprint alone', () => {
    expect(isNearDuplicate({ distance: options.maxDistance, paragraphOverlap: 0, sharedParagraphs: 0, smallerParagraphs: 5 }, options)).toBe(true);
  });

  it('accepts a larger distance only with enough shared paragraphs', () => {
    const base = { distance: options.maxDistanceWithOverlap, smallerParagraphs: 10 };
    expect(isNearDuplicate({ ...base, paragraphOverlap: 0.6, sharedParagraphs: 6 }, options)).toBe(true);
    expect(isNearDuplicate({ ...base, paragraphOverlap: 0.2, sharedParagraphs: 2 }, options)).toBe(false);
    expect(isNearDuplicate({ ...base, distance: options.maxDistanceWithOverlap + 1, paragraphOverlap: 1, sharedParagraphs: 10 }, options)).toBe(false);
  });

  it('lets a one-paragraph document match on its single paragraph', () => {
    const one = { distance: options.maxDistance + 1, paragraphOverlap: 1, sharedParagraphs: 1, smallerParagraphs: 1 };
    expect(isNearDuplicate(one, options)).toBe(true);
    expect(isNearDuplicate({ ...one, smallerParagraphs: 4, paragraphOverlap: 0.25 }, options)).toBe(false);
  });
});

describe('Function: decide', () => {
  it('marks the document a duplicate of the earliest matching article', () => {
    // Prepare: two stored copies of the same article, the later one listed first
    const paragraphs = articleParagraphs('gamma', 6);
    const later = summary('b-later', '2026-01-02T00:00:00.000Z', paragraphs);
    const earlier = summary('z-earlier', '2026-01-01T00:00:00.000Z', paragraphs);
    const unrelated = summary('a-other', '2025-01-01T00:00:00.000Z', articleParagraphs('delta', 6));
    // Act
    const decision = decide(cleanDocument(paragraphs), [later, unrelated, earlier], options);
    // Assess
    expect(decision.kind).toBe('duplicate');
    expect(decision.kind === 'duplicate' && decision.of.docId).toBe('z-earlier');
  });

  it('is canonical when no candidate matches', () => {
    const decision = decide(cleanDocument(articleParagraphs('gamma', 6)), [summary('x', '2026-01-01T00:00:00.000Z', articleParagraphs('delta', 6))], options);
    expect(decision).toEqual({ kind: 'canonical' });
  });

  it('breaks first-seen ties by id', () => {
    const t = '2026-01-01T00:00:00.000Z';
    expect(compareByAge({ firstSeen: t, docId: 'a' }, { firstSeen: t, docId: 'b' })).toBeLessThan(0);
    expect(compareByAge({ firstSeen: t, docId: 'b' }, { firstSeen: '2025-01-01T00:00:00.000Z', docId: 'a' })).toBeGreaterThan(0);
  });
});
