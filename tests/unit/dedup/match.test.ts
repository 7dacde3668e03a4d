import { describe, expect, it } from 'vitest';
import { compareByAge, decide, isNearDuplicate, measureSimilarity } from '../../../lambdas/dedup/match.js';
import type { Comparable } from '../../../lambdas/dedup/match.js';
import { resolveDedupOptions } from '../../../lambdas/dedup/options.js';
import { shingleSketch } from '../../../lambdas/dedup/shingles.js';
import type { DocSummary } from '../../../lambdas/dedup/types.js';
import { cleanDocument, proseParagraphs } from '../../helpers/factories.js';

const options = resolveDedupOptions();

function comparable(paragraphs: readonly string[], maxHashes = Number.POSITIVE_INFINITY): Comparable {
  const doc = cleanDocument(paragraphs);
  return { ...doc, sketch: shingleSketch(paragraphs, options.shingleWidth, maxHashes) };
}

function summary(docId: string, firstSeen: string, paragraphs: readonly string[]): DocSummary {
  return { docId, firstSeen, ...comparable(paragraphs, options.sketchMaxHashes) };
}

const STANDARD = proseParagraphs(900, 3, 2);

describe('Function: measureSimilarity', () => {
  it('finds a teaser wholly contained in its article', () => {
    const article = proseParagraphs(1, 12);
    const similarity = measureSimilarity(comparable(article.slice(0, 6)), summary('a', 't', article));
    expect(similarity.containment).toBe(1);
    expect(similarity.restContainment).toBe(1);
    expect(isNearDuplicate(similarity, options)).toBe(true);
  });

  it('measures what is not copied verbatim on its own: shared standard paragraphs are no evidence', () => {
    // Prepare: two different short articles ending with the same three paragraphs
    const a = comparable([...proseParagraphs(2, 2, 2), ...STANDARD]);
    const b = summary('b', 't', [...proseParagraphs(3, 2, 2), ...STANDARD]);
    // Act
    const similarity = measureSimilarity(a, b);
    // Assess
    expect(similarity.paragraphOverlap).toBeCloseTo(0.6, 5);
    expect(similarity.containment).toBeGreaterThan(0.5);
    expect(similarity.restContainment).toBeLessThan(0.1);
    expect(isNearDuplicate(similarity, options)).toBe(false);
  });

  it('accepts an edited copy whose changed paragraphs are still mostly contained', () => {
    const article = proseParagraphs(4, 10);
    const edited = article.map((paragraph, i) => (i % 3 === 0 ? paragraph.replace(/ (\w+) /, ' changed ') : paragraph));
    const similarity = measureSimilarity(comparable(edited), summary('a', 't', article));
    expect(similarity.restContainment).toBeGreaterThan(0.7);
    expect(isNearDuplicate(similarity, options)).toBe(true);
  });

  it('compares at the coarser sampling rate of the two', () => {
    const article = proseParagraphs(5, 40);
    const stored = summary('a', 't', article);
    expect(stored.sketch.rateBits).toBeGreaterThan(0);
    expect(measureSimilarity(comparable(article), stored).containment).toBe(1);
  });
});

describe('Function: decide', () => {
  it('marks the document a duplicate of the earliest matching article', () => {
    const paragraphs = proseParagraphs(6, 8);
    const decision = decide(comparable(paragraphs), [summary('late', '2026-01-02', paragraphs), summary('early', '2026-01-01', paragraphs), summary('other', '2025-01-01', proseParagraphs(7, 8))], options);
    expect(decision.kind).toBe('duplicate');
    if (decision.kind === 'duplicate') expect(decision.of.docId).toBe('early');
  });

  it('is canonical when no candidate matches', () => {
    expect(decide(comparable(proseParagraphs(8, 6)), [summary('x', 't', proseParagraphs(9, 6))], options).kind).toBe('canonical');
  });

  it('breaks first-seen ties by id', () => {
    expect(compareByAge({ firstSeen: 't', docId: 'a' }, { firstSeen: 't', docId: 'b' })).toBeLessThan(0);
    expect(compareByAge({ firstSeen: 't2', docId: 'a' }, { firstSeen: 't1', docId: 'b' })).toBeGreaterThan(0);
  });
});
