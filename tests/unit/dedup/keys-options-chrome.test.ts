import { describe, expect, it } from 'vitest';
import { indexKeysFor, paragraphSketch } from '../../../lambdas/dedup/keys.js';
import { fingerprintBands } from '../../../lambdas/core/simhash.js';
import { DEFAULT_DEDUP_OPTIONS, resolveDedupOptions } from '../../../lambdas/dedup/options.js';
import { InvalidDedupOptionError } from '../../../lambdas/dedup/errors.js';
import { LEARNED_CHROME_REASON, applyLearnedChrome, siteOf } from '../../../lambdas/dedup/chrome.js';
import { articleParagraphs, cleanDocument } from '../../helpers/factories.js';

describe('Function: resolveDedupOptions', () => {
  it('returns the settings.ts defaults with overrides applied', () => {
    expect(resolveDedupOptions()).toEqual(DEFAULT_DEDUP_OPTIONS);
    expect(resolveDedupOptions({ learnedChromeMinDocs: 3 }).learnedChromeMinDocs).toBe(3);
  });

  it.each([
    [{ bandCount: 5 }, 'bandCount'],
    [{ minParagraphOverlap: 0 }, 'minParagraphOverlap'],
    [{ maxDistance: 65 }, 'maxDistance'],
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
  it('lists the fingerprint bands and the paragraph sketch, sorted and unique', () => {
    // Prepare
    const doc = cleanDocument(articleParagraphs('alpha', 12));
    // Act
    const keys = indexKeysFor(doc, DEFAULT_DEDUP_OPTIONS);
    // Assess
    const bands = keys.filter((key) => key.startsWith('B'));
    const sketch = keys.filter((key) => key.startsWith('P:'));
    expect(bands).toHaveLength(DEFAULT_DEDUP_OPTIONS.bandCount);
    expect(bands).toEqual(fingerprintBands(doc.fingerprint, DEFAULT_DEDUP_OPTIONS.bandCount).map((band) => `B${band}`));
    expect(sketch).toHaveLength(DEFAULT_DEDUP_OPTIONS.sketchSize);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('gives two copies sharing most paragraphs a common sketch key', () => {
    const paragraphs = articleParagraphs('beta', 10);
    const a = indexKeysFor(cleanDocument(paragraphs), DEFAULT_DEDUP_OPTIONS);
    const b = indexKeysFor(cleanDocument([...paragraphs.slice(1), ...articleParagraphs('noise', 3)]), DEFAULT_DEDUP_OPTIONS);
    expect(a.filter((key) => key.startsWith('P:') && b.includes(key)).length).toBeGreaterThan(0);
  });
});

describe('Function: paragraphSketch', () => {
  it('keeps the smallest fingerprints of long enough paragraphs', () => {
    const long = 'x'.repeat(80);
    const sketch = paragraphSketch([long, 'short', long, long], ['00000000000000ff', '0000000000000000', '000000000000000f', '00000000000000ff'], 2, 60);
    expect(sketch).toEqual(['000000000000000f', '00000000000000ff']);
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
