// Extracts the title and the main-content text blocks of an HTML page (own DOM scorer on htmlparser2).
import type { TextBlock } from './html-blocks.js';
import { segmentBlocks } from './html-blocks.js';
import type { HtmlExtractionOptions, HtmlExtractionSettings } from './html-settings.js';
import { resolveHtmlSettings } from './html-settings.js';
import { getParagraphChars, pruneChrome, selectMainContent } from './html-score.js';
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
  const allBlocks = segmentBlocks(tree, new Uint8Array(tree.elements.length));
  const pruned = pruneChrome(tree, getParagraphChars(tree, allBlocks, settings), settings);
  const blocks = segmentBlocks(tree, pruned);
  const main = selectMainContent(tree, blocks, settings);
  return blocks.filter((block) => isInside(block, main) && isContentBlock(block, settings));
}

function isInside(block: TextBlock, elements: readonly HtmlElement[]): boolean {
  return elements.some((element) => block.owner >= element.index && block.owner < element.end);
}

/** Drops link lists and headings of the page (the title is reported separately). */
function isContentBlock(block: TextBlock, settings: HtmlExtractionSettings): boolean {
  if (block.tag === 'h1') return false;
  return block.linkChars <= block.chars * settings.maxBlockLinkDensity;
}
