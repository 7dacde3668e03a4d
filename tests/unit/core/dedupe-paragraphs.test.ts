import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHROME_PATTERNS } from '../../../lambdas/core/chrome-patterns.js';
import { dedupeParagraphs, endsWithEllipsis } from '../../../lambdas/core/dedupe-paragraphs.js';
import { simhash64 } from '../../../lambdas/core/simhash.js';

const LONG = 'The council voted on Tuesday to close the old river bridge to cars from next spring after months of debate.';

describe('Function: dedupeParagraphs', () => {
  it('keeps the first of two paragraphs equal after normalisation (quotes, dashes, case, spacing)', () => {
    // Prepare
    const straight = `"We cannot keep patching it," the mayor said -- twice.`;
    const typographic = '“We cannot keep  patching it,” the Mayor said — twice.';
    // Act
    const result = dedupeParagraphs([straight, LONG, typographic]);
    // Assess
    expect(result.kept).toEqual([straight, LONG]);
    expect(result.removed).toEqual([{ text: typographic, reason: 'duplicate-paragraph' }]);
  });

  it('removes a near-duplicate (one word changed in a long paragraph)', () => {
    const edited = LONG.replace('Tuesday', 'Wednesday');
    const result = dedupeParagraphs([LONG, edited]);
    expect(result.kept).toEqual([LONG]);
    expect(result.removed).toEqual([{ text: edited, reason: 'near-duplicate-paragraph' }]);
  });

  it('keeps short paragraphs that differ, even by one word (too short for a stable simhash)', () => {
    const result = dedupeParagraphs(['Shops stay open.', 'Shops stay closed.']);
    expect(result.kept).toEqual(['Shops stay open.', 'Shops stay closed.']);
  });

  it('keeps unrelated paragraphs', () => {
    const other = 'Shop owners on both banks fear the closure will cost them customers and plan to challenge it.';
    expect(dedupeParagraphs([LONG, other]).kept).toEqual([LONG, other]);
  });

  it('removes a truncated copy ending in "..." and keeps the full paragraph, in either order', () => {
    const truncated = 'The council voted on Tuesday to close the old river bri...';
    expect(dedupeParagraphs([truncated, LONG]).removed).toEqual([{ text: truncated, reason: 'truncated-duplicate' }]);
    expect(dedupeParagraphs([LONG, `${LONG.slice(0, 40)}…`]).kept).toEqual([LONG]);
  });

  it('keeps a paragraph that merely ends with an ellipsis', () => {
    const trailing = 'And then the lights went out...';
    expect(dedupeParagraphs([LONG, trailing]).kept).toEqual([LONG, trailing]);
  });

  it('returns a signature per kept paragraph, in order', () => {
    const result = dedupeParagraphs([LONG, 'Short one.', LONG]);
    expect(result.signatures.map((signature) => signature.fingerprint)).toEqual([simhash64(LONG), simhash64('Short one.')]);
  });

  it('handles an empty list', () => {
    expect(dedupeParagraphs([])).toEqual({ kept: [], signatures: [], removed: [] });
  });
});

describe('Function: dedupeParagraphs (anchored look-up)', () => {
  it('keeps different paragraphs that only share their opening words', () => {
    const a = 'The council said on Tuesday that it would close the old river bridge to cars from next spring.';
    const b = 'The council said on Tuesday that bus fares would rise by ten cents in January for most riders.';
    expect(dedupeParagraphs([a, b]).kept).toEqual([a, b]);
  });
});

describe('Function: endsWithEllipsis', () => {
  it('answers as CHROME_PATTERNS.ellipsisEnd does, on any text', () => {
    const piece = fc.constantFrom('...', '…', '..', '.', '"', "'", '”', '’', '»', ')', ']', 'word', ' ', '(', '[');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 3 })), { maxLength: 8 }), (pieces) => {
        const text = pieces.join('');
        expect(endsWithEllipsis(text)).toBe(CHROME_PATTERNS.ellipsisEnd.test(text));
      }),
      { numRuns: 2000 },
    );
  });
});
