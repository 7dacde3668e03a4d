// Cuts a parsed page into text blocks (paragraph-like runs of inline content) with link statistics.
import type { HtmlElement, HtmlTree } from './html-tree.js';
import { BLOCK_TAGS } from './selectors.js';

/** One paragraph-like run of text and the element that holds it. */
export interface TextBlock {
  /** Whitespace-collapsed, trimmed text. */
  readonly text: string;
  /** Non-whitespace characters in the block. */
  readonly chars: number;
  /** Non-whitespace characters inside links (`<a href>`). */
  readonly linkChars: number;
  /** Non-whitespace characters inside `<time>` elements (dates and times the markup names as such). */
  readonly timeChars: number;
  /** Pre-order index of the innermost block-level element holding the text. */
  readonly owner: number;
  /** Tag of that element (`p`, `h2`, `li`, `div`...). */
  readonly tag: string;
}

const BLOCK_TAG_SET: ReadonlySet<string> = new Set(BLOCK_TAGS);

/** Table cells: a block of their own only when they hold block-level content (layout tables). */
const CELL_TAGS: ReadonlySet<string> = new Set(['td', 'th']);

/**
 * True when an element starts a new block. A data cell (inline content only) continues its
 * row, so a table row reads as one line ("1 Kyle Busch 5040 5"): cells of a results table
 * are not paragraphs, and as single numbers they would look like repeated chrome.
 */
function isBlockBoundary(element: HtmlElement): boolean {
  if (!BLOCK_TAG_SET.has(element.tag)) return false;
  if (!CELL_TAGS.has(element.tag)) return true;
  return element.children.some((child) => typeof child !== 'string' && BLOCK_TAG_SET.has(child.tag));
}

/** A combining mark (Unicode category M): only text holding one can change under NFC. */
const COMBINING_MARK = /\p{M}/u;

/**
 * An `<a>` that links somewhere. A named anchor (`<a name="faq">`, `<a id="faq">` without an
 * `href`) only marks a place in the text; an `<a>` without either is a script-driven link
 * ("Add the ingredients to your basket") and counts as one.
 */
function isLink(element: HtmlElement): boolean {
  if (element.tag !== 'a') return false;
  const { href, name, id } = element.attrs;
  return href !== undefined || (name === undefined && id === undefined);
}

/** Characters that do not count toward a block's length (ASCII and no-break spaces). */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 160;
}

/** Non-whitespace characters of a string: a length measure that ignores markup indentation. */
export function countChars(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) count += 1;
  return count;
}

/**
 * A block whose text is collapsed on first read: the scorer reads only the counts of every
 * block, and the text of the few it keeps (collapsing and normalising every block of a page
 * twice, once per segmentation pass, was a tenth of the extraction's time).
 */
class SegmentedBlock implements TextBlock {
  private raw: string;
  private collapsed: string | undefined = undefined;

  constructor(
    raw: string,
    readonly chars: number,
    readonly linkChars: number,
    readonly timeChars: number,
    readonly owner: number,
    readonly tag: string,
  ) {
    this.raw = raw;
  }

  get text(): string {
    if (this.collapsed === undefined) {
      const raw = this.raw;
      const shape = getTextShape(raw);
      const text = (shape & NEEDS_COLLAPSE) !== 0 ? raw.replace(/\s+/g, ' ').trim() : raw;
      // Composed form (NFC): pages written on macOS carry decomposed accents ("u" + U+0308),
      // which would neither match the same words typed elsewhere nor fingerprint alike.
      this.collapsed = (shape & MAY_HOLD_MARK) !== 0 && COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
      this.raw = '';
    }
    return this.collapsed;
  }
}

/** {@link getTextShape} bits. */
const NEEDS_COLLAPSE = 1;
const MAY_HOLD_MARK = 2;

/** True for the code units `\s` matches (and `trim` strips) at or above U+00A0. */
function isWideSpace(code: number): boolean {
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/**
 * One pass over a block's raw text: whether collapsing its whitespace and trimming can change
 * it (a `\s` other than a single space between other characters), and whether it holds a code
 * unit at or above U+0300, the first combining mark. Most kept paragraphs need neither the
 * pattern nor the NFC check.
 */
function getTextShape(raw: string): number {
  let shape = 0;
  let previousSpace = true; // a leading space is trimmed
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code > 32 && code < 0xa0) {
      previousSpace = false;
      continue;
    }
    if (code === 32) {
      if (previousSpace) shape |= NEEDS_COLLAPSE;
      previousSpace = true;
    } else if (code >= 9 && code <= 13) {
      shape |= NEEDS_COLLAPSE;
      previousSpace = true;
    } else if (code >= 0xa0) {
      if (code >= 0x300) shape |= MAY_HOLD_MARK;
      if (isWideSpace(code)) {
        shape |= NEEDS_COLLAPSE;
        previousSpace = true;
      } else {
        previousSpace = false;
      }
    } else {
      previousSpace = false; // other control characters are not \s
    }
  }
  if (previousSpace) shape |= NEEDS_COLLAPSE; // a trailing space (or an empty text)
  return shape;
}

/**
 * Non-whitespace counts of a tree's text nodes in document order, recorded by the first
 * segmentation of a tree (nothing pruned) and read by the next ones, which skip pruned subtrees
 * by `after`: counting every text node again was 2% of the extraction.
 */
export class TextCounts {
  /** Count of each text node, in document order. */
  readonly counts: number[] = [];
  /** Per element (by index): how many text nodes come before the end of its subtree. */
  readonly after: Int32Array;
  /** Set when a segmentation walked the whole tree and recorded every count. */
  complete = false;

  constructor(tree: HtmlTree) {
    this.after = new Int32Array(tree.elements.length);
  }
}

/** Frame kinds of the walk below: what closing the element ends. */
const PLAIN = 0;
const LINK = 1;
const TIME = 2;

/**
 * Walks the tree in document order (iteratively: no recursion, whatever the depth) and returns
 * its text blocks, skipping every subtree whose root is flagged in `pruned`. Given `counts`,
 * the walk records the text nodes' counts there (nothing pruned) or reads them.
 *
 * @example
 * const tree = parseHtml('<div><p>One <a href="#">two</a></p>three</div>');
 * segmentBlocks(tree, new Uint8Array(tree.elements.length)).map((b) => b.text); // ['One two', 'three']
 */
export function segmentBlocks(tree: HtmlTree, pruned: Uint8Array, counts?: TextCounts): TextBlock[] {
  const blocks: TextBlock[] = [];
  let buffer = '';
  let chars = 0;
  let linkChars = 0;
  let linkDepth = 0;
  let timeChars = 0;
  let timeDepth = 0;
  const owners: HtmlElement[] = [tree.root];
  const known = counts !== undefined && counts.complete ? counts : undefined;
  let recording = counts !== undefined && !counts.complete ? counts : undefined;
  if (recording !== undefined) recording.counts.length = 0; // what an interrupted record left
  let textIndex = 0;

  const flush = (): void => {
    if (chars > 0) {
      const owner = owners[owners.length - 1] as HtmlElement;
      blocks.push(new SegmentedBlock(buffer, chars, linkChars, timeChars, owner.index, owner.tag));
    }
    buffer = '';
    chars = 0;
    linkChars = 0;
    timeChars = 0;
  };

  // Explicit stack of elements, the next child position of each and what closing it ends.
  const elements: HtmlElement[] = [tree.root];
  const positions: number[] = [0];
  const kinds: number[] = [PLAIN];
  while (elements.length > 0) {
    const top = elements.length - 1;
    const element = elements[top] as HtmlElement;
    const position = positions[top] as number;
    const children = element.children;
    if (position >= children.length) {
      elements.pop();
      positions.pop();
      const kind = kinds.pop();
      if (kind === LINK) linkDepth -= 1;
      else if (kind === TIME) timeDepth -= 1;
      if (recording !== undefined) recording.after[element.index] = textIndex;
      if (owners[owners.length - 1] === element) {
        flush();
        owners.pop();
      } else if (CELL_TAGS.has(element.tag)) {
        buffer += ' '; // cells of one row stay apart
      }
      continue;
    }
    positions[top] = position + 1;
    const child = children[position] as HtmlElement | string;
    if (typeof child === 'string') {
      const count = known !== undefined ? (known.counts[textIndex] as number) : countChars(child);
      if (recording !== undefined) recording.counts.push(count);
      textIndex += 1;
      buffer += child;
      chars += count;
      if (linkDepth > 0) linkChars += count;
      if (timeDepth > 0) timeChars += count;
      continue;
    }
    if (pruned[child.index] === 1) {
      // A pruned inline element still separates words.
      buffer += ' ';
      if (known !== undefined) textIndex = known.after[child.index] as number;
      recording = undefined; // its text nodes go uncounted: the record would be incomplete
      continue;
    }
    if (isBlockBoundary(child)) {
      flush();
      owners.push(child);
    }
    let kind = PLAIN;
    if (isLink(child)) {
      linkDepth += 1;
      kind = LINK;
    } else if (child.tag === 'time') {
      timeDepth += 1;
      kind = TIME;
    }
    elements.push(child);
    positions.push(0);
    kinds.push(kind);
  }
  flush();
  if (recording !== undefined) recording.complete = true;
  return blocks;
}
