// The benchmark metric (bench/article-metric.ts) on hand-computed cases.
import { describe, expect, it } from 'vitest';
import { getCorpusDigest, scoreCorpus, scorePage, shingleCounts } from '../../../../bench/article-metric.js';

describe('Function: shingleCounts', () => {
  it('counts 4-token shingles over word runs, as a multiset', () => {
    const counts = shingleCounts('a b c d a b c d');
    expect(counts.get('a b c d')).toBe(2);
    expect(counts.get('b c d a')).toBe(1);
    expect([...counts.values()].reduce((sum, n) => sum + n, 0)).toBe(5);
  });

  it('treats punctuation as a separator and keeps case and Unicode letters', () => {
    expect([...shingleCounts('Café, naïve—Zoë: über_x!').keys()]).toEqual(['Café naïve Zoë über_x']);
  });

  it('makes one shingle of a text shorter than four tokens, and none of an empty one', () => {
    expect([...shingleCounts('two words').entries()]).toEqual([['two words', 1]]);
    expect(shingleCounts(' ... ').size).toBe(0);
  });
});

describe('Function: scorePage', () => {
  it('counts true positives, false positives and false negatives over shingles', () => {
    // truth: 3 shingles; prediction: 2 of them plus 2 of its own.
    expect(scorePage('one two three four five six', 'two three four five six seven eight')).toEqual({ tp: 2, fp: 2, fn: 1 });
  });

  it('respects multiplicity: a repeated paragraph counts twice', () => {
    expect(scorePage('a b c d', 'a b c d. a b c d')).toEqual({ tp: 1, fp: 4, fn: 0 });
  });
});

describe('Function: scoreCorpus', () => {
  it('averages precision and recall over pages, then takes F1 of the means', () => {
    // Page 1: P = 1, R = 0.5. Page 2: P = 0.5, R = 1. Means 0.75 and 0.75, F1 0.75.
    const score = scoreCorpus([
      { tp: 1, fp: 0, fn: 1 },
      { tp: 1, fp: 1, fn: 0 },
    ]);
    expect(score.precision).toBeCloseTo(0.75, 10);
    expect(score.recall).toBeCloseTo(0.75, 10);
    expect(score.f1).toBeCloseTo(0.75, 10);
  });

  it('leaves a page with nothing predicted out of precision but not out of recall', () => {
    const score = scoreCorpus([
      { tp: 0, fp: 0, fn: 4 },
      { tp: 2, fp: 2, fn: 0 },
    ]);
    expect(score.precision).toBeCloseTo(0.5, 10);
    expect(score.recall).toBeCloseTo(0.5, 10);
  });
});

describe('Function: getCorpusDigest', () => {
  it('changes when a gold body changes', () => {
    const a = getCorpusDigest([{ id: 'x', html: '', truth: 'gold' }]);
    const b = getCorpusDigest([{ id: 'x', html: '', truth: 'gold!' }]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
