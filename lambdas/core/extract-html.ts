// Extracts the title and the main-content text blocks of an HTML page (own DOM scorer on htmlparser2).
import type { TextBlock } from './html-blocks.js';
import { TextCounts, segmentBlocks } from './html-blocks.js';
import type { HtmlExtractionOptions, HtmlExtractionSettings } from './html-settings.js';
import { resolveHtmlSettings } from './html-settings.js';
import { getParagraphChars, isParagraphBlock, pruneChrome, selectMainContent } from './html-score.js';
import type { HtmlElement, HtmlTree } from './html-tree.js';
import { parseHtml } from './html-tree.js';
import type { PageMetadata } from './page-metadata.js';
import { getPageMetadata } from './page-metadata.js';

export interface ExtractedPage {
  readonly title: string;
  /** Text blocks (paragraph-like units) of the main content, in document order. */
  readonly blocks: readonly string[];
  /** The tag of the element holding each block (`p`, `li`, `td`, `h2`...), same order as `blocks`. */
  readonly blockTags: readonly string[];
  /** Canonical URL, declared languages, published date and author, as the page states them. */
  readonly metadata: PageMetadata;
}

/**
 * Extracts the article of an HTML page: parses it (scripts and embeds never enter the tree),
 * prunes the chrome, picks the element whose text blocks weigh most, and returns that element's
 * blocks minus link lists. Bounded on hostile input: iterative walks, depth and size caps.
 *
 * @throws InputRejectedError `html-too-large` when the page exceeds `maxChars`.
 * @example
 * const page = extractArticle('<title>T</title><nav><a href="/">Home</a></nav><article><p>Body text.</p></article>');
 * page.blocks; // ['Body text.']
 */
export function extractArticle(html: string, options: HtmlExtractionOptions = {}): ExtractedPage {
  const settings = resolveHtmlSettings(options);
  const tree = parseHtml(html, {
    maxChars: settings.maxChars,
    maxDepth: settings.maxDepth,
    maxNesting: settings.maxNesting,
  });
  const title = getTitle(tree);
  // The headline is reported as the title; a block repeating it (a bold or h2 headline) goes.
  const selected = selectBlocks(tree, settings).filter((block) => block.text !== title);
  return {
    title,
    blocks: selected.map((block) => block.text),
    blockTags: selected.map((block) => block.tag),
    metadata: getPageMetadata(tree),
  };
}

/**
 * The page title: the Open Graph title when present, else the first `<h1>` when `<title>`
 * contains it (that drops the " | Site name" suffix), else `<title>`.
 */
function getTitle(tree: HtmlTree): string {
  const og = tree.meta.get('og:title')?.replace(/\s+/g, ' ').trim();
  if (og !== undefined && og !== '') return og;
  const h1 = tree.elements.find((element) => element.tag === 'h1');
  const heading = h1 === undefined ? '' : getText(h1);
  return heading !== '' && tree.title.includes(heading) ? heading : tree.title;
}

/** Whitespace-collapsed text of an element's subtree (iterative walk). */
function getText(element: HtmlElement): string {
  const parts: string[] = [];
  const stack: (HtmlElement | string)[] = [element];
  while (stack.length > 0) {
    const node = stack.pop() as HtmlElement | string;
    if (typeof node === 'string') parts.push(node);
    else for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as HtmlElement | string);
  }
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function selectBlocks(tree: HtmlTree, settings: HtmlExtractionSettings): TextBlock[] {
  // First pass without pruning measures where the paragraphs are, so that pruning can spare
  // any element holding most of them; the second pass cuts the blocks with the chrome removed.
  const counts = new TextCounts(tree);
  const allBlocks = segmentBlocks(tree, new Uint8Array(tree.elements.length), counts);
  const pruned = pruneChrome(tree, getParagraphChars(tree, allBlocks, settings), settings);
  const blocks = segmentBlocks(tree, pruned, counts);
  const main = selectMainContent(tree, blocks, settings);
  const inside = blocks.filter((block) => isInside(block, main));
  const kept = inside.map((block) => isContentBlock(block, settings));
  keepListItemsLikeTheirSiblings(tree, inside, kept, settings);
  dropLinkListHeaders(tree, inside, kept, settings);
  return inside.filter((_, i) => kept[i]);
}

/**
 * A list item that opens with a linked headline and goes on in plain text ("<a>WeWork is
 * investigated</a>. The company confirmed...") is dropped as link text when the headline is the
 * longer part. In a list whose items are mostly kept, such an item is content like its
 * siblings (a news digest, a list of sources with notes); items that are links only still go.
 */
function keepListItemsLikeTheirSiblings(tree: HtmlTree, blocks: readonly TextBlock[], kept: boolean[], settings: HtmlExtractionSettings): void {
  const items = new Map<number, { kept: number; all: number }>();
  const listOf = (block: TextBlock): number => (block.tag === 'li' ? ((tree.elements[block.owner] as HtmlElement).parent?.index ?? -1) : -1);
  blocks.forEach((block, i) => {
    const list = listOf(block);
    if (list < 0) return;
    const counts = items.get(list) ?? { kept: 0, all: 0 };
    counts.all += 1;
    if (kept[i]) counts.kept += 1;
    items.set(list, counts);
  });
  blocks.forEach((block, i) => {
    if (kept[i] || block.tag !== 'li') return;
    const counts = items.get(listOf(block));
    if (counts === undefined || counts.kept < counts.all * settings.minKeptListItemShare) return;
    if (block.chars - block.linkChars >= settings.minParagraphChars) kept[i] = true;
  });
}

/** Tags a link-list header stands in: its own paragraph, heading or box (not a list item or a line of one). */
const LINK_LIST_HEADER_TAGS: ReadonlySet<string> = new Set(['p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6']);

/**
 * Drops the short line that introduces a link list inside the body ("DON'T MISS", "Lesen Sie
 * auch:", "Mehr zum Thema") when the body goes on after the list: the list goes as link text,
 * and its header left alone reads as an end-of-article header to the paragraph classifier,
 * which then cuts the rest of the article. The body goes on when the paragraph after the list
 * is of the same kind as the one before the header (same tag, parents of the same tag and
 * class); teaser summaries after a "More stories" list are not, and keep their header so that
 * the cut still ends the article there.
 */
function dropLinkListHeaders(tree: HtmlTree, blocks: readonly TextBlock[], kept: boolean[], settings: HtmlExtractionSettings): void {
  let before: TextBlock | undefined;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as TextBlock;
    if (!kept[i]) continue;
    const isParagraph = isParagraphBlock(block, settings);
    if (!isParagraph && before !== undefined && isLinkListHeader(blocks, kept, i, settings)) {
      const after = findParagraphAfterList(blocks, kept, i + 1, settings);
      if (after !== undefined && isSameKindOfBlock(tree, before, after)) kept[i] = false;
    }
    if (isParagraph) before = block;
  }
}

function isLinkListHeader(blocks: readonly TextBlock[], kept: readonly boolean[], i: number, settings: HtmlExtractionSettings): boolean {
  const block = blocks[i] as TextBlock;
  const next = blocks[i + 1];
  return (
    block.chars <= settings.linkListHeaderMaxChars &&
    LINK_LIST_HEADER_TAGS.has(block.tag) &&
    next !== undefined &&
    !kept[i + 1] &&
    next.linkChars > 0
  );
}

/** The first kept paragraph after the dropped link blocks from `from` on, if the list ends in one. */
function findParagraphAfterList(blocks: readonly TextBlock[], kept: readonly boolean[], from: number, settings: HtmlExtractionSettings): TextBlock | undefined {
  let i = from;
  while (i < blocks.length && !kept[i]) i++;
  const block = blocks[i];
  return block !== undefined && isParagraphBlock(block, settings) ? block : undefined;
}

function isSameKindOfBlock(tree: HtmlTree, a: TextBlock, b: TextBlock): boolean {
  if (a.tag !== b.tag) return false;
  const parentA = (tree.elements[a.owner] as HtmlElement).parent;
  const parentB = (tree.elements[b.owner] as HtmlElement).parent;
  if (parentA === null || parentB === null) return parentA === parentB;
  return parentA.tag === parentB.tag && (parentA.attrs.class ?? '') === (parentB.attrs.class ?? '');
}

function isInside(block: TextBlock, elements: readonly HtmlElement[]): boolean {
  return elements.some((element) => block.owner >= element.index && block.owner < element.end);
}

/**
 * Drops link lists, headings of the page (the title is reported separately) and date lines:
 * blocks whose text is mostly inside `<time>` elements ("PUBLISHED: 10:48, Tue, Nov 19, 2019 |
 * UPDATED: ...") in any language.
 */
function isContentBlock(block: TextBlock, settings: HtmlExtractionSettings): boolean {
  if (block.tag === 'h1') return false;
  if (block.timeChars > block.chars * settings.maxBlockTimeShare) return false;
  return block.linkChars <= block.chars * settings.maxBlockLinkDensity;
}
