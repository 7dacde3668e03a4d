// Hostile HTML: deep nesting, a 20 MB page on one line, unclosed tags. Each ends in a result or a clear error.
import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../../../../lambdas/core/errors.js';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';
import { estimateNesting, parseHtml } from '../../../../lambdas/core/html-tree.js';
import { MAX_HTML_NESTING } from '../../../../lambdas/core/settings.js';

const SENTENCE = 'The committee met again on Thursday to discuss the budget for the coming year in detail.';

/** Runs `action` and returns the InputRejectedError it throws (fails the test otherwise). */
function rejection(action: () => unknown): InputRejectedError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(InputRejectedError);
    return error as InputRejectedError;
  }
  throw new Error('expected an InputRejectedError');
}

describe('Function: extractArticle on pathological HTML', () => {
  it('rejects 100,000 nested elements with html-too-deep, without a stack overflow', () => {
    // Prepare
    const html = '<div>'.repeat(100_000) + `<p>${SENTENCE}</p>` + '</div>'.repeat(100_000);
    // Act
    const error = rejection(() => extractArticle(html));
    // Assess
    expect(error.code).toBe('html-too-deep');
    expect(error.message).toMatch(/nests tags about 100000 deep; the limit is 10000/);
  });

  it('rejects 100,000 nested unclosed inline elements the same way', () => {
    const error = rejection(() => extractArticle('<p>' + '<span>'.repeat(100_000) + SENTENCE));
    expect(error.code).toBe('html-too-deep');
  });

  it('extracts text nested deeper than the tree depth cap (flattened, not lost)', () => {
    // 5,000 levels: under the nesting limit, far over the tree's depth cap.
    const html = '<div>'.repeat(5_000) + `<p>${SENTENCE}</p>` + '</div>'.repeat(5_000);
    const tree = parseHtml(html);
    expect(tree.elements.length).toBeLessThan(300);
    expect(extractArticle(html).blocks).toEqual([SENTENCE]);
  });

  it('extracts a 20 MB page written on one line', () => {
    // Prepare: ~20 MB of paragraphs with no newline anywhere.
    const paragraph = `<p>${SENTENCE}</p>`;
    const count = Math.ceil(20_000_000 / paragraph.length);
    const html = `<html><body><article>${paragraph.repeat(count)}</article></body></html>`;
    expect(html.length).toBeGreaterThan(20_000_000);
    expect(html.includes('\n')).toBe(false);
    // Act
    const result = extractArticle(html);
    // Assess
    expect(result.blocks.length).toBe(count);
    expect(result.blocks[count - 1]).toBe(SENTENCE);
  });

  it('rejects a page over the size limit with html-too-large', () => {
    const error = rejection(() => extractArticle(`<p>${SENTENCE}</p>`.repeat(100), { maxChars: 1_000 }));
    expect(error.code).toBe('html-too-large');
  });

  it('recovers the text of unclosed tags', () => {
    const html = `<html><body><div class="story"><p>${SENTENCE}<p>Second paragraph of the story, with <b>bold <i>and italic text that never closes`;
    const result = extractArticle(html);
    expect(result.blocks).toEqual([SENTENCE, 'Second paragraph of the story, with bold and italic text that never closes']);
  });

  it('does not let an unclosed <script> or <style> swallow into the output', () => {
    const result = extractArticle(`<p>${SENTENCE}</p><script>document.write("<p>injected text here</p>")`);
    expect(result.blocks).toEqual([SENTENCE]);
  });

  it('handles an unterminated tag and a stray closing tag', () => {
    const result = extractArticle(`</div></span><p>${SENTENCE}</p><div class="x`);
    expect(result.blocks).toEqual([SENTENCE]);
  });
});

describe('Function: estimateNesting', () => {
  it('counts nesting, ignoring void and optional-end-tag elements', () => {
    expect(estimateNesting('<div><section><p>a<p>b<li>c<br><img src=x></section></div>')).toBe(2);
  });

  it('skips the raw text of scripts, where "<" is not markup', () => {
    expect(estimateNesting('<div><script>for (i = 0; i<n; i++) { a<b }</script></div>')).toBe(1);
  });

  it('ignores self-closing tags', () => {
    expect(estimateNesting('<div><span/><span/></div>')).toBe(1);
  });

  it('keeps ordinary pages far below the limit', () => {
    const html = '<div><div><div><p>x</p></div></div></div>'.repeat(1_000);
    expect(estimateNesting(html)).toBeLessThan(MAX_HTML_NESTING / 100);
  });
});
