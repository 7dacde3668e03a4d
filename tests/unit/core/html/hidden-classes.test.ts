// isHidden (html-score.ts) splits a class list only when it holds a hiding word: every hiding class must hold one.
import { describe, expect, it } from 'vitest';
import { HIDING_CLASS_WORD } from '../../../../lambdas/core/html-score.js';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';
import { HIDDEN_CLASS_TOKENS } from '../../../../lambdas/core/selectors.js';

const BODY = 'The river authority opened a new flood barrier on Friday after three years of construction work.';

describe('Constant: HIDING_CLASS_WORD', () => {
  it('matches every hiding class, in any case', () => {
    for (const token of HIDDEN_CLASS_TOKENS) {
      expect(HIDING_CLASS_WORD.test(token), token).toBe(true);
      expect(HIDING_CLASS_WORD.test(token.toUpperCase()), token).toBe(true);
    }
  });

  it('lets a hiding class among others prune its element', () => {
    for (const token of HIDDEN_CLASS_TOKENS) {
      const html = `<article><p>${BODY}</p><p>${BODY} Again.</p><div class="box ${token.toUpperCase()} wide"><p>Hidden text that should not be extracted at all here.</p></div></article>`;
      expect(extractArticle(html).blocks.join(' '), token).not.toContain('Hidden text');
    }
  });
});
