import { describe, expect, it } from 'vitest';
import { foldTypography, hasNonAscii, normalizeForComparison } from '../../../lambdas/core/normalize.js';

describe('Function: normalizeForComparison', () => {
  it('folds typographic quotes, dashes and ellipses to ASCII', () => {
    // Prepare: the two spellings seed 002 uses for the same sentence
    const straight = `"The idea of a full reconquest... seems neither credible," said Grand -- who 'knows'.`;
    const typographic = '“The idea of a full reconquest… seems neither credible,” said Grand — who ‘knows’.';
    // Act / Assess
    expect(normalizeForComparison(typographic)).toBe(normalizeForComparison(straight));
  });

  it('lower-cases and collapses every kind of whitespace', () => {
    expect(normalizeForComparison('  Hello\u00a0\u2003World\n\n\tAgain  ')).toBe('hello world again');
  });

  it('applies NFKC to compatibility characters', () => {
    expect(normalizeForComparison('ﬁnal ｆｕｌｌ Ⅳ ²')).toBe('final full iv 2');
  });

  it('composes decomposed accents so both spellings compare equal', () => {
    expect(normalizeForComparison('cafe\u0301')).toBe(normalizeForComparison('café'));
  });

  it('collapses runs of hyphens in pure ASCII text too', () => {
    expect(normalizeForComparison('rebels -- who')).toBe('rebels - who');
  });

  it('leaves ASCII text without typography unchanged apart from case and spacing', () => {
    expect(normalizeForComparison('Plain ASCII, with (punctuation)!')).toBe('plain ascii, with (punctuation)!');
  });

  it('does not change its input (display text is never replaced)', () => {
    const shown = '“Quoted” — text';
    normalizeForComparison(shown);
    expect(shown).toBe('“Quoted” — text');
  });
});

describe('Function: foldTypography', () => {
  it('keeps case and spacing while folding punctuation', () => {
    expect(foldTypography('“Plan B” — now…')).toBe('"Plan B" - now...');
    expect(foldTypography('It’s a ‘test’ – really')).toBe("It's a 'test' - really");
  });
});

describe('Function: hasNonAscii', () => {
  it('tells ASCII from non-ASCII text', () => {
    expect(hasNonAscii('plain text 123')).toBe(false);
    expect(hasNonAscii('café')).toBe(true);
    expect(hasNonAscii('東京')).toBe(true);
  });
});
