// getNameParts (selectors.ts) returns a class string without capitals as it is: the same as the full split and lower-casing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getNameParts } from '../../../../lambdas/core/selectors.js';

const reference = (classAndId: string): string => classAndId.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

describe('Function: getNameParts', () => {
  it('equals the split and lower-casing on any string', () => {
    const chars = fc.constantFrom(...'abzAZ09-_ \tÉéİßΣ'.split(''));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }).map((list) => list.join('')), (text) => {
        expect(getNameParts(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(getNameParts(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('splits camelCase parts', () => {
    expect(getNameParts('articleBody sidebarLeft')).toBe('article-body sidebar-left');
    expect(getNameParts('post-comments entry')).toBe('post-comments entry');
  });
});
