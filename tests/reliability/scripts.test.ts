// Text that is not English (CJK without spaces, Japanese, Arabic, Hebrew, mixed scripts, emoji):
// paragraphs are split and kept, distinct articles get distinct fingerprints, near-copies stay near.
import { describe, expect, it } from 'vitest';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import { hammingDistance } from '../../lambdas/core/simhash.js';
import { SCRIPT_TEXTS, nearCopy } from './inputs.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const clean = (text: string) => cleanScrape(encode(text), { key: 'incoming/scripts/a.txt' });

/**
 * Unrelated texts land near 32 of 64 bits apart (binomial, so a pair at 24 is not rare). The
 * dedup layer takes an identical fingerprint for the same text (its exact fast path) and an
 * identical paragraph fingerprint for a paragraph copied verbatim (lambdas/dedup/match.ts), so
 * distinct articles and their paragraphs must never be close: more than 3 bits apart keeps a
 * margin of several bit flips above "identical".
 */
const MIN_DOCUMENT_DISTANCE = 4;
const MIN_PARAGRAPH_DISTANCE = 4;
/** A near-copy (one sentence changed) stays well inside the half-way mark of unrelated texts. */
const MAX_NEAR_COPY_DISTANCE = 24;

describe.each(Object.entries(SCRIPT_TEXTS))('script: %s', (_script, [first, second]) => {
  it('keeps both paragraphs, unchanged', () => {
    // Act
    const doc = clean(first);
    // Assess
    expect(doc.paragraphs).toEqual(first.split('\n\n'));
  });

  it('gives two different articles fingerprints far apart', () => {
    const a = clean(first);
    const b = clean(second);
    expect(hammingDistance(a.fingerprint, b.fingerprint)).toBeGreaterThanOrEqual(MIN_DOCUMENT_DISTANCE);
    // Paragraph by paragraph too: no paragraph of one is taken for a paragraph of the other.
    for (const fa of a.paragraphFingerprints) {
      for (const fb of b.paragraphFingerprints) expect(hammingDistance(fa, fb)).toBeGreaterThanOrEqual(MIN_PARAGRAPH_DISTANCE);
    }
  });

  it('keeps a near-copy near: the unchanged paragraph has the same fingerprint, the document moves little', () => {
    const a = clean(first);
    const copy = clean(nearCopy(first));
    expect(copy.paragraphFingerprints[0]).toBe(a.paragraphFingerprints[0]);
    const distance = hammingDistance(a.fingerprint, copy.fingerprint);
    const unrelated = hammingDistance(a.fingerprint, clean(second).fingerprint);
    expect(distance).toBeLessThan(unrelated);
    expect(distance).toBeLessThanOrEqual(MAX_NEAR_COPY_DISTANCE);
  });
});

describe('scripts against each other', () => {
  it('gives every article of every script its own fingerprint', () => {
    const fingerprints = Object.values(SCRIPT_TEXTS).flatMap((texts) => texts.map((text) => clean(text).fingerprint));
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    for (let i = 0; i < fingerprints.length; i += 1) {
      for (let j = i + 1; j < fingerprints.length; j += 1) expect(hammingDistance(fingerprints[i]!, fingerprints[j]!)).toBeGreaterThanOrEqual(MIN_DOCUMENT_DISTANCE);
    }
  });
});
