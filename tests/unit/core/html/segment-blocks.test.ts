// segmentBlocks with recorded text counts (html-blocks.ts TextCounts) against a fresh count: the same blocks under any pruning.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextBlock } from '../../../../lambdas/core/html-blocks.js';
import { TextCounts, segmentBlocks } from '../../../../lambdas/core/html-blocks.js';
import { parseHtml } from '../../../../lambdas/core/html-tree.js';
import { loadBenchPages } from '../../../../bench/article-metric.js';

const plain = (blocks: readonly TextBlock[]): unknown[] =>
  blocks.map(({ text, chars, linkChars, timeChars, owner, tag }) => ({ text, chars, linkChars, timeChars, owner, tag }));

/** A pruning mask flagging every `step`-th element from `first` (its subtree skipped). */
function everyNth(length: number, first: number, step: number): Uint8Array {
  const pruned = new Uint8Array(length);
  for (let i = first; i < length; i += step) pruned[i] = 1;
  return pruned;
}

describe('Function: segmentBlocks with TextCounts', () => {
  it('cuts the same blocks as a fresh count, with and without pruned subtrees', () => {
    const pages = [
      '<div><p>One <a href="#">two</a> &amp; <time>three</time></p>four<table><tr><td>1</td><td>2</td></tr></table><b>x</b>y</div>',
      ...(loadBenchPages() ?? []).slice(0, 40).map((page) => page.html),
    ];
    for (const html of pages) {
      const tree = parseHtml(html);
      const counts = new TextCounts(tree);
      const none = new Uint8Array(tree.elements.length);
      expect(plain(segmentBlocks(tree, none, counts))).toEqual(plain(segmentBlocks(tree, none)));
      expect(counts.complete).toBe(true);
      for (const [first, step] of [[1, 7], [3, 29], [2, 101]] as const) {
        const pruned = everyNth(tree.elements.length, first, step);
        expect(plain(segmentBlocks(tree, pruned, counts))).toEqual(plain(segmentBlocks(tree, pruned)));
      }
    }
  });

  it('completes no record from a pruned walk, and records afresh on the next whole walk', () => {
    const tree = parseHtml('<div><p>One</p><p>Two</p></div>');
    const counts = new TextCounts(tree);
    segmentBlocks(tree, everyNth(tree.elements.length, 2, 100), counts);
    expect(counts.complete).toBe(false);
    const none = new Uint8Array(tree.elements.length);
    expect(plain(segmentBlocks(tree, none, counts))).toEqual(plain(segmentBlocks(tree, none)));
    expect(counts.complete).toBe(true);
    expect(plain(segmentBlocks(tree, none, counts))).toEqual(plain(segmentBlocks(tree, none)));
  });
});

describe('Getter: TextBlock.text', () => {
  it('collapses whitespace, trims and composes like the pattern, on any text', () => {
    // Every \s kind, characters next to them, combining marks, astral letters, NEL (not \s).
    const alphabet = [' ', ' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
      'a', 'Z', '.', '\u0085', '\u001f', 'é', 'u\u0308', '\u0301', '\u02ff', '\u0300', '漢', '😀', '\u200b'];
    const reference = (raw: string): string => {
      const text = raw.replace(/\s+/g, ' ').trim();
      return /\p{M}/u.test(text) ? text.normalize('NFC') : text;
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 24 }), (pieces) => {
        const raw = pieces.join('');
        const tree = parseHtml(`<p>${raw}</p>`);
        const blocks = segmentBlocks(tree, new Uint8Array(tree.elements.length));
        expect(blocks.map((block) => block.text)).toEqual(blocks.length === 0 ? [] : [reference(raw)]);
      }),
      { numRuns: 5000 },
    );
  });
});
