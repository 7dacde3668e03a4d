import { describe, expect, it } from 'vitest';
import { EMPTY_SITE, MAX_LEARNED, RECENT_ARTICLES, TRACKED_PER_END, paragraphName, siteCounts, trackedParagraphs, withArticle } from '../../../lambdas/dedup/site-paragraphs.js';

const fp = (n: number): string => n.toString(16).padStart(8, '0').repeat(2);

describe('Module: site-paragraphs', () => {
  it('learns a paragraph once it is in two distinct articles, and removes it from the third', () => {
    // Prepare: two articles of a site ending with the same credit line
    const credit = fp(0xc0ffee);
    const one = withArticle(EMPTY_SITE, 'doc-1', [fp(1), fp(2), credit], 2)!;
    const two = withArticle(one, 'doc-2', [fp(3), fp(4), credit], 2)!;
    // Act
    const counts = siteCounts(two, [fp(5), credit], 'doc-3', 2);
    // Assess
    expect(counts.get(credit)).toBe(2);
    expect(counts.has(fp(5))).toBe(false);
    expect(two.learned).toEqual([paragraphName(credit)]);
    expect(two.version).toBe(2);
  });

  it('adds an article once: a replay (or a copy recorded under the same id) changes nothing', () => {
    const one = withArticle(EMPTY_SITE, 'doc-1', [fp(1)], 2)!;
    expect(withArticle(one, 'doc-1', [fp(1)], 2)).toBeUndefined();
    expect(siteCounts(one, [fp(1)], 'doc-1', 2).size).toBe(0);
  });

  it('keeps a bounded record: the latest articles, their two ends, and the learned list', () => {
    const long = Array.from({ length: 40 }, (_, i) => fp(i + 1));
    expect(trackedParagraphs(long)).toHaveLength(2 * TRACKED_PER_END);
    let site = EMPTY_SITE;
    for (let i = 0; i < RECENT_ARTICLES + 5; i += 1) site = withArticle(site, `doc-${i}`, [fp(1000 + i)], 2)!;
    expect(site.recent).toHaveLength(RECENT_ARTICLES);
    expect(site.recent[0]!.docId).toBe('doc-5');
    let learned = EMPTY_SITE;
    for (let i = 0; i < MAX_LEARNED + 10; i += 1) {
      learned = withArticle(learned, `a-${i}`, [fp(5000 + i)], 1)!;
    }
    expect(learned.learned).toHaveLength(MAX_LEARNED);
  });
});
