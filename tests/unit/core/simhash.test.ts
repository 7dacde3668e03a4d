import { describe, expect, it } from 'vitest';
import {
  EMPTY_FINGERPRINT,
  InvalidBandCountError,
  InvalidFingerprintError,
  fingerprintBands,
  hammingDistance,
  simhash64,
} from '../../../lambdas/core/simhash.js';
import { normalizeForComparison } from '../../../lambdas/core/normalize.js';

const LATIN = 'The quick brown fox jumps over the lazy dog while the cat sleeps on the warm windowsill.';
const CJK = '東京都は日本の首都であり、世界最大の都市圏を持つ。';
const MIXED = 'Kerry met Lavrov in 日内瓦 (Geneva) to discuss a ceasefire — 停火 — for Syria.';

describe('Function: simhash64', () => {
  // Pinned values (trafilatura habit): any change to the tokenizer, the shingle size or the
  // feature hash shows up here as a diff. Change them only on purpose, with the bench re-run.
  it.each([
    ['Latin', LATIN, '8b9e410c3f8a1be8'],
    ['CJK', CJK, '7728f0ad3814524f'],
    ['mixed Latin and CJK', MIXED, '255dafa39e408139'],
    ['two words (shorter than one shingle)', 'ceasefire talks', '798da68021b0c75b'],
    ['one word', 'Aleppo', '80f28aa72b14ac76'],
  ])('pins the fingerprint of %s text', (_name, text, expected) => {
    expect(simhash64(text)).toBe(expected);
  });

  it('returns 16 lower-case hex digits', () => {
    expect(simhash64(LATIN)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives the empty fingerprint for text without words', () => {
    expect(simhash64('')).toBe(EMPTY_FINGERPRINT);
    expect(simhash64('  \n\t — … !!! ')).toBe('0000000000000000');
  });

  it('ignores case, punctuation style and spacing', () => {
    const straight = `Russia's deputy said Moscow was "ready to discuss" -- possibly... earlier`;
    const typographic = 'RUSSIA’S  deputy said Moscow was “ready to discuss” — possibly… earlier';
    expect(simhash64(typographic)).toBe(simhash64(straight));
  });

  it('fingerprints a text and its comparison form identically', () => {
    for (const text of [LATIN, CJK, MIXED, 'ΟΔΟΣ Σοφίας', 'İstanbul ﬁne ｆｕｌｌ', 'cafe\u0301 café']) {
      expect(simhash64(normalizeForComparison(text))).toBe(simhash64(text));
    }
  });

  it('applies NFKC to compatibility forms (ligatures, full-width letters)', () => {
    expect(simhash64('ﬁnal ｆｕｌｌ ｗｉｄｔｈ')).toBe(simhash64('final full width'));
  });

  it('treats each ideograph as a word, so CJK text is sensitive to character order', () => {
    expect(simhash64('日本の首都')).not.toBe(simhash64('首都の日本'));
    expect(hammingDistance(simhash64(CJK), simhash64(CJK.replace('最大', '最小')))).toBeLessThan(16);
  });

  it('is sensitive to word order beyond single words (shingles)', () => {
    expect(simhash64('alpha beta gamma delta')).not.toBe(simhash64('delta gamma beta alpha'));
  });

  it('accepts a shingle size and rejects a bad one', () => {
    expect(simhash64(LATIN, { shingleSize: 1 })).not.toBe(simhash64(LATIN));
    expect(() => simhash64(LATIN, { shingleSize: 0 })).toThrow(RangeError);
  });
});

describe('Function: hammingDistance', () => {
  it('counts differing bits', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', '000000000000000f')).toBe(4);
    expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
    expect(hammingDistance('FFFFFFFF00000000', 'ffffffff00000000')).toBe(0);
  });

  it('is symmetric', () => {
    const a = simhash64(LATIN);
    const b = simhash64(MIXED);
    expect(hammingDistance(a, b)).toBe(hammingDistance(b, a));
  });

  it.each(['', 'abc', '0000000000000000a', 'g000000000000000', '0x00000000000000'])(
    'rejects the malformed fingerprint %j',
    (bad) => {
      expect(() => hammingDistance(bad, EMPTY_FINGERPRINT)).toThrow(InvalidFingerprintError);
      expect(() => hammingDistance(EMPTY_FINGERPRINT, bad)).toThrow(InvalidFingerprintError);
    },
  );
});

describe('Function: fingerprintBands', () => {
  it('splits into 4 bands of 16 bits by default, most significant first', () => {
    expect(fingerprintBands('ab1234cdef567890')).toEqual(['0:ab12', '1:34cd', '2:ef56', '3:7890']);
  });

  it('supports every band count that divides 64', () => {
    expect(fingerprintBands('ab1234cdef567890', 1)).toEqual(['0:ab1234cdef567890']);
    expect(fingerprintBands('ab1234cdef567890', 2)).toEqual(['0:ab1234cd', '1:ef567890']);
    expect(fingerprintBands('ab1234cdef567890', 8)).toEqual(['0:ab', '1:12', '2:34', '3:cd', '4:ef', '5:56', '6:78', '7:90']);
    expect(fingerprintBands('ab1234cdef567890', 16)[10]).toBe('10:5');
    // 2-bit bands: 0xa = 0b1010 gives bands 0b10 and 0b10.
    expect(fingerprintBands('ab1234cdef567890', 32).slice(0, 2)).toEqual(['0:2', '1:2']);
    expect(fingerprintBands('8000000000000001', 64)).toEqual(['0:1', ...Array.from({ length: 62 }, (_, i) => `${i + 1}:0`), '63:1']);
  });

  it('gives fingerprints within distance bands-1 a shared band (pigeonhole)', () => {
    const a = simhash64(LATIN);
    // Flip three bits in three different bands: band 3 must still match.
    const flipped = (BigInt(`0x${a}`) ^ (1n << 63n) ^ (1n << 40n) ^ (1n << 20n)).toString(16).padStart(16, '0');
    expect(hammingDistance(a, flipped)).toBe(3);
    const shared = fingerprintBands(a).filter((band) => fingerprintBands(flipped).includes(band));
    expect(shared).toEqual([fingerprintBands(a)[3]]);
  });

  it.each([0, 3, 5, 7, 128, -4, 2.5, Number.NaN])('rejects band count %s', (count) => {
    expect(() => fingerprintBands('ab1234cdef567890', count)).toThrow(InvalidBandCountError);
  });

  it('rejects a malformed fingerprint', () => {
    expect(() => fingerprintBands('xyz')).toThrow(InvalidFingerprintError);
  });
});
