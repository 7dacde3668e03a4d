// estimateNesting classifies tag names by a numeric key (html-tree.ts getTagKind); the reference below is the
// set look-up on the sliced, lower-cased name it replaced (issue 16): the estimates must agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimateNesting } from '../../../../lambdas/core/html-tree.js';
import { loadBenchPages } from '../../../../bench/article-metric.js';

const IMPLICITLY_CLOSED: ReadonlySet<string> = new Set([
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot',
  'colgroup', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body',
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track',
  'wbr', 'param', 'keygen', 'image',
]);
const RAW_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext']);

function isTagNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45;
}

function indexOfEndTag(html: string, lowerName: string, from: number): number {
  let at = html.indexOf('</', from);
  while (at >= 0) {
    let same = at + 2 + lowerName.length <= html.length;
    for (let k = 0; same && k < lowerName.length; k += 1) same = (html.charCodeAt(at + 2 + k) | 0x20) === (lowerName.charCodeAt(k) | 0x20);
    if (same) return at;
    at = html.indexOf('</', at + 2);
  }
  return -1;
}

/** estimateNesting as it was before the numeric keys. */
function referenceEstimate(html: string): number {
  let depth = 0;
  let deepest = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length - 1) {
    if (html.startsWith('<!--', i)) {
      const commentEnd = html.indexOf('-->', i + 4);
      if (commentEnd < 0) break;
      i = html.indexOf('<', commentEnd + 3);
      continue;
    }
    let start = i + 1;
    const closing = html.charCodeAt(start) === 47;
    if (closing) start += 1;
    let end = start;
    while (end < html.length && isTagNameChar(html.charCodeAt(end))) end += 1;
    if (end > start) {
      const name = html.slice(start, end).toLowerCase();
      const tagEnd = html.indexOf('>', end);
      if (tagEnd < 0) break;
      const selfClosing = html.charCodeAt(tagEnd - 1) === 47;
      if (!IMPLICITLY_CLOSED.has(name) && !RAW_TEXT_TAGS.has(name)) {
        if (closing) depth = Math.max(0, depth - 1);
        else if (!selfClosing) depth += 1;
        if (depth > deepest) deepest = depth;
      }
      if (!closing && RAW_TEXT_TAGS.has(name)) {
        const rawEnd = indexOfEndTag(html, name, tagEnd);
        if (rawEnd < 0) break;
        i = html.indexOf('<', rawEnd + 2);
        continue;
      }
      i = html.indexOf('<', tagEnd);
      continue;
    }
    i = html.indexOf('<', i + 1);
  }
  return deepest;
}

/** Tag names near the listed ones: case variants, prefixes, extensions, digits and dashes. */
const NAMES = [
  ...IMPLICITLY_CLOSED, ...RAW_TEXT_TAGS, 'div', 'DIV', 'Li', 'TD', 'SCRIPT', 'Title', 'plaintexts', 'plaintex', 'scrip', 'scripts',
  'h1', 'h6', 'x-y', 'my-p', 'p-', '-p', 'tbody1', 'col-1', 'imgs', 'a', 'span', 'PlainText', 'textarea2', 'rtc-', 'br0',
];
const PIECE = fc.oneof(
  fc.constantFrom(...NAMES).chain((name) => fc.constantFrom(`<${name}>`, `</${name}>`, `<${name}/>`, `<${name} class="x">`)),
  fc.constantFrom('text ', '<!-- <div> -->', '< div>', '<', '>', '</', 'a<b'),
);

describe('Function: estimateNesting (numeric tag keys)', () => {
  it('agrees with the set look-up on generated markup', () => {
    fc.assert(
      fc.property(fc.array(PIECE, { maxLength: 60 }), (pieces) => {
        const html = pieces.join('');
        expect(estimateNesting(html)).toBe(referenceEstimate(html));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees with the set look-up on the news benchmark pages', () => {
    for (const page of loadBenchPages() ?? []) expect(estimateNesting(page.html)).toBe(referenceEstimate(page.html));
  });
});
