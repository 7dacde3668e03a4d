import { describe, expect, it } from 'vitest';
import { INDEX_KEY_PREFIXES, indexKeysFor } from '../../../lambdas/dedup/keys.js';
import { atRate, bottomShingles, packSketch, paragraphShingles, shingleSketch, unpackSketch } from '../../../lambdas/dedup/shingles.js';
import { DEFAULT_DEDUP_OPTIONS, resolveDedupOptions } from '../../../lambdas/dedup/options.js';
import { InvalidDedupOptionError } from '../../../lambdas/dedup/errors.js';
import { LEARNED_CHROME_REASON, applyLearnedChrome, siteOf } from '../../../lambdas/dedup/chrome.js';
import { articleParagraphs, cleanDocument, proseParagraphs } from '../../helpers/factories.js';

describe('Function: resolveDedupOptions', () => {
  it('returns the settings.ts defaults with overrides applied', () => {
    expect(resolveDedupOptions()).toEqual(DEFAULT_DEDUP_OPTIONS);
    expect(resolveDedupOptions({ learnedChromeMinDocs: 3 }).learnedChromeMinDocs).toBe(3);
  });

  it.each([
    [{ shingleWidth: 0 }, 'shingleWidth'],
    [{ minContainment: 0 }, 'minContainment'],
    [{ shingleKeyCount: 33 }, 'shingleKeyCount'],
    [{ learnedChromeMinDocs: 50, paragraphMaxListedDocs: 20 }, 'learnedChromeMinDocs'],
    [{ leaseSafetyMarginMs: 1000, leaseTtlMs: 1000 }, 'leaseSafetyMarginMs'],
    [{ bodyChunkBytes: 400 * 1024 }, 'bodyChunkBytes'],
  ])('rejects %j naming the option', (overrides, option) => {
    expect(() => resolveDedupOptions(overrides)).toThrow(InvalidDedupOptionError);
    try {
      resolveDedupOptions(overrides);
    } catch (error) {
      expect((error as InvalidDedupOptionError).option).toBe(option);
    }
  });
});

describe('Function: indexKeysFor', () => {
  it('lists the bottom-k shingle keys and the lead key, sorted and unique', () => {
    // Prepare
    const doc = cleanDocument(proseParagraphs(12, 12));
    // Act
    const keys = indexKeysFor(doc, DEFAULT_DEDUP_OPTIONS);
    // Assess
    const shingles = keys.filter((key) => key.startsWith(INDEX_KEY_PREFIXES.shingle));
    expect(shingles).toHaveLength(DEFAULT_DEDUP_OPTIONS.shingleKeyCount);
    expect(shingles.every((key) => /^S:[0-9a-f]{16}$/.test(key))).toBe(true);
    expect(shingles.map((key) => parseInt(key.slice(2, 10), 16))).toEqual(bottomShingles(doc.paragraphs, DEFAULT_DEDUP_OPTIONS.shingleWidth, DEFAULT_DEDUP_OPTIONS.shingleKeyCount));
    expect(keys.filter((key) => key.startsWith(INDEX_KEY_PREFIXES.lead))).toHaveLength(1);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives a teaser a key of its full article', () => {
    const paragraphs = proseParagraphs(13, 10);
    const full = indexKeysFor(cleanDocument(paragraphs), DEFAULT_DEDUP_OPTIONS);
    const teaser = indexKeysFor(cleanDocument(paragraphs.slice(0, 5)), DEFAULT_DEDUP_OPTIONS);
    expect(teaser.filter((key) => full.includes(key)).length).toBeGreaterThan(0);
  });
});

describe('Function: shingleSketch', () => {
  it('keeps every shingle up to the cap, then a consistent 1-in-2^r sample that round-trips through packing', () => {
    const paragraphs = proseParagraphs(14, 30);
    const full = shingleSketch(paragraphs, 4, Number.POSITIVE_INFINITY);
    const capped = shingleSketch(paragraphs, 4, 64);
    expect(full.rateBits).toBe(0);
    expect(capped.rateBits).toBeGreaterThan(0);
    expect(capped.paragraphs.flat().length).toBeLessThanOrEqual(64);
    expect(atRate(full, capped.rateBits)).toEqual(capped);
    expect(unpackSketch(packSketch(capped))).toEqual(capped);
    expect(paragraphShingles('The “council” said — on Monday', 4)).toEqual(paragraphShingles('the "council" said -- on monday', 4));
  });
});

describe('Function: siteOf', () => {
  it('uses the URL host without www, else the key folder', () => {
    expect(siteOf('https://www.Example.com/a/b?c', 'incoming/x.html')).toBe('example.com');
    expect(siteOf(undefined, 'incoming/site-a/2024/page.html')).toBe('incoming/site-a/2024/');
    expect(siteOf('not a url', 'top.html')).toBe('/');
  });
});

describe('Function: applyLearnedChrome', () => {
  const paragraphs = [...articleParagraphs('article', 3), 'Subscribe to our newsletter for the best of the week.'];
  const doc = cleanDocument(paragraphs);
  const chromeFp = doc.paragraphFingerprints[3]!;

  it('removes paragraphs counted in enough articles of the site and refingerprints', () => {
    // Act
    const result = applyLearnedChrome(doc, new Map([[chromeFp, 2]]), 2);
    // Assess
    expect(result.paragraphs).toEqual(paragraphs.slice(0, 3));
    expect(result.removed).toEqual([{ text: paragraphs[3], reason: LEARNED_CHROME_REASON }]);
    expect(result.fingerprint).toBe(cleanDocument(paragraphs.slice(0, 3)).fingerprint);
  });

  it('keeps paragraphs below the threshold, and everything when learning is off', () => {
    expect(applyLearnedChrome(doc, new Map([[chromeFp, 1]]), 2)).toBe(doc);
    expect(applyLearnedChrome(doc, new Map([[chromeFp, 9]]), 0)).toBe(doc);
  });

  it('never removes every paragraph', () => {
    const counts = new Map(doc.paragraphFingerprints.map((fp) => [fp, 5]));
    expect(applyLearnedChrome(doc, counts, 2).paragraphs).toHaveLength(4);
  });
});
