// Finds the main content of a parsed page: prunes the chrome, then scores every element by its text blocks.
import type { TextBlock } from './html-blocks.js';
import type { HtmlElement, HtmlTree } from './html-tree.js';
import {
  ARTICLE_CLASS_TOKENS,
  ARTICLE_ITEMPROPS,
  BREADCRUMB_TOKENS,
  CHROME_CLASS_TOKENS,
  CHROME_ROLES,
  CHROME_TAGS,
  CLOSE_CONTROL_TOKENS,
  CONTENT_HINT_TOKENS,
  FURNITURE_CLASS_TOKENS,
  HIDDEN_CLASS_TOKENS,
  getNameParts,
  tokenPattern,
} from './selectors.js';
import type { HtmlExtractionSettings } from './html-settings.js';

/** Patterns built once from the selector lists (Readability REGEXPS habit). */
const REGEXPS = {
  chrome: tokenPattern(CHROME_CLASS_TOKENS),
  furniture: tokenPattern(FURNITURE_CLASS_TOKENS),
  contentHint: tokenPattern(CONTENT_HINT_TOKENS),
  article: tokenPattern(ARTICLE_CLASS_TOKENS),
  closeControl: tokenPattern(CLOSE_CONTROL_TOKENS),
  breadcrumb: tokenPattern(BREADCRUMB_TOKENS),
  hiddenStyle: /display\s*:\s*none|visibility\s*:\s*hidden/i,
} as const;

/**
 * A word every {@link HIDDEN_CLASS_TOKENS} entry holds, in any case: class lists without one
 * are not split (tests/unit/core/html/hidden-classes.test.ts checks the list against it).
 */
export const HIDING_CLASS_WORD = /hid|none|invisible/i;

const CHROME_TAG_SET: ReadonlySet<string> = new Set(CHROME_TAGS);
const CHROME_ROLE_SET: ReadonlySet<string> = new Set(CHROME_ROLES);
const HIDDEN_CLASS_SET: ReadonlySet<string> = new Set(HIDDEN_CLASS_TOKENS);
const ARTICLE_ITEMPROP_SET: ReadonlySet<string> = new Set(ARTICLE_ITEMPROPS);

/** Elements never pruned: the document wrappers. */
const NEVER_PRUNED: ReadonlySet<string> = new Set(['#root', 'html', 'body']);

/**
 * The `class` and `id` of an element as name parts: what the token lists match. A custom
 * element's tag (`<pp-navigation>`, `<app-footer>`, `<cookie-banner>`) names it as a class
 * would, so it is matched too.
 */
function getClassAndId(element: HtmlElement): string {
  const { class: className, id } = element.attrs;
  const customTag = element.tag.includes('-');
  if (className === undefined && id === undefined && !customTag) return '';
  let parts = element.nameParts;
  if (parts === undefined) {
    // Kept on the element (a WeakMap look-up per call was 3% of the extraction).
    parts = getNameParts(`${customTag ? element.tag : ''} ${className ?? ''} ${id ?? ''}`);
    element.nameParts = parts;
  }
  return parts;
}

/** True when the markup itself says the element is not shown: attributes, inline style, or a hiding class. */
function isHidden(element: HtmlElement): boolean {
  const attrs = element.attrs;
  if (attrs.hidden !== undefined) return true;
  if (attrs['aria-hidden'] === 'true') return true;
  const style = attrs.style;
  if (style !== undefined && REGEXPS.hiddenStyle.test(style)) return true;
  const className = attrs.class;
  // Most class lists hold no hiding word and are not split.
  return (
    className !== undefined &&
    HIDING_CLASS_WORD.test(className) &&
    className.split(/\s+/).some((name) => HIDDEN_CLASS_SET.has(name.toLowerCase()))
  );
}

/** True when class, id or itemprop name the element as the article body. */
export function isArticleBody(element: HtmlElement): boolean {
  const itemprop = element.attrs.itemprop;
  if (itemprop !== undefined && ARTICLE_ITEMPROP_SET.has(itemprop.toLowerCase())) return true;
  const classAndId = getClassAndId(element);
  return classAndId !== '' && REGEXPS.article.test(classAndId);
}

/** True when a block reads like a paragraph: long enough, and mostly not link text. */
export function isParagraphBlock(block: TextBlock, settings: HtmlExtractionSettings): boolean {
  return block.chars >= settings.minParagraphChars && block.linkChars <= block.chars * settings.maxBlockLinkDensity;
}

/**
 * Characters of paragraph-like blocks in every element's subtree, indexed like `tree.elements`:
 * the measure of "how much of the article could be in here".
 */
export function getParagraphChars(
  tree: HtmlTree,
  blocks: readonly TextBlock[],
  settings: HtmlExtractionSettings,
): Float64Array {
  const chars = new Float64Array(tree.elements.length);
  for (const block of blocks) if (isParagraphBlock(block, settings)) chars[block.owner] += block.chars;
  // Reverse document order visits children before parents: one pass, no recursion.
  for (let i = tree.elements.length - 1; i > 0; i--) {
    const element = tree.elements[i] as HtmlElement;
    chars[(element.parent as HtmlElement).index] += chars[i] as number;
  }
  return chars;
}

/**
 * Flags the roots of chrome subtrees: hidden elements, furniture tags and roles, and class/id
 * chrome tokens. Only hidden elements are pruned whatever their size: the other rules are
 * ignored when the element holds more than `maxPrunedTextShare` of the page's paragraph text,
 * because wrappers such as `<div class="has-sidebar">` hold the article, and chrome is small
 * next to the article it surrounds.
 */
export function pruneChrome(
  tree: HtmlTree,
  paragraphChars: Float64Array,
  settings: HtmlExtractionSettings,
): Uint8Array {
  const pruned = new Uint8Array(tree.elements.length);
  const maxChars = (paragraphChars[0] as number) * settings.maxPrunedTextShare;
  const maxFurnitureChars = (paragraphChars[0] as number) * settings.maxHintedFurnitureShare;
  // Paragraph text of the nearest element marked as the article body that holds more than
  // `maxPrunedTextShare` of the page's (the article, not a marked image box), per element
  // (pre-order: parents first). Inside it the share is measured against the body, not the
  // page: a `paywall` wrapper holding most of the body is the body, even on a page whose
  // comments or footer hold as much text again.
  const bodyChars = new Float64Array(tree.elements.length);
  for (const element of tree.elements) {
    if (NEVER_PRUNED.has(element.tag)) continue;
    const parent = element.parent as HtmlElement;
    const chars = paragraphChars[element.index] as number;
    bodyChars[element.index] = chars > maxChars && isArticleBody(element) ? chars : (bodyChars[parent.index] as number);
    if (pruned[parent.index] !== 0) {
      pruned[element.index] = 2; // inside a pruned subtree
      continue;
    }
    const inBody = bodyChars[parent.index] as number;
    const limit = inBody > 0 ? Math.min(maxChars, inBody * settings.maxPrunedTextShare) : maxChars;
    if (isChrome(tree, element, paragraphChars[element.index] as number, limit, maxFurnitureChars)) pruned[element.index] = 1;
  }
  return pruned;
}

/**
 * A `<header>` that opens an article rather than the page: it holds a headline (`h1`, or an
 * `h2` inside an `<article>`) whose text is not a link, and no navigation. Its headline,
 * standfirst and lede belong to the article (issue 12 pattern 3); a site masthead has a menu.
 */
function isArticleHeader(tree: HtmlTree, header: HtmlElement): boolean {
  const inArticle = hasAncestor(header, 'article');
  let headline = false;
  for (let i = header.index + 1; i < header.end; i++) {
    const element = tree.elements[i] as HtmlElement;
    if ((element.tag === 'nav' || element.tag === 'menu' || element.attrs.role === 'navigation') && !isBreadcrumb(element)) return false;
    if ((element.tag === 'h1' || (inArticle && element.tag === 'h2')) && !hasAncestor(element, 'a', header) && !hasLinkChild(element)) headline = true;
  }
  return headline;
}

/** True when class, id or ARIA label name a navigation element a breadcrumb trail (the article's section path, not a menu). */
function isBreadcrumb(element: HtmlElement): boolean {
  const label = element.attrs['aria-label'];
  return REGEXPS.breadcrumb.test(getClassAndId(element)) || (label !== undefined && REGEXPS.breadcrumb.test(getNameParts(label)));
}

/** True when an ancestor of `element` (below `stop`, when given) has the tag. */
function hasAncestor(element: HtmlElement, tag: string, stop: HtmlElement | null = null): boolean {
  for (let node = element.parent; node !== null && node !== stop; node = node.parent) if (node.tag === tag) return true;
  return false;
}

/** True when an element's only content is one link (a headline that links elsewhere: a teaser). */
function hasLinkChild(element: HtmlElement): boolean {
  const children = element.children.filter((child) => typeof child !== 'string' || child.trim() !== '');
  return children.length === 1 && typeof children[0] !== 'string' && children[0]!.tag === 'a';
}

/**
 * True when the element opens with a close control (issue 12 pattern 5): a popup, overlay or
 * slide-in box (shipping terms, a consent or newsletter layer) whatever its class is called,
 * shown over the page on demand and not part of it. The control is one of its first
 * `CLOSE_CONTROL_POSITIONS` child elements, named `close` or carrying a dismiss attribute.
 */
function hasCloseControl(element: HtmlElement): boolean {
  let seen = 0;
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (seen++ >= CLOSE_CONTROL_POSITIONS) return false;
    const attrs = child.attrs;
    if (attrs['data-dismiss'] !== undefined || attrs['data-bs-dismiss'] !== undefined) return true;
    const classAndId = getClassAndId(child);
    if (classAndId !== '' && REGEXPS.closeControl.test(classAndId)) return true;
  }
  return false;
}

/** How many leading child elements may hold a popup's close control (a header, then the button). */
const CLOSE_CONTROL_POSITIONS = 2;

/** True when one of the element's children is a `<blockquote>`. */
function hasBlockquoteChild(element: HtmlElement): boolean {
  return element.children.some((child) => typeof child !== 'string' && child.tag === 'blockquote');
}

function isChrome(tree: HtmlTree, element: HtmlElement, chars: number, maxChars: number, maxFurnitureChars: number): boolean {
  if (isHidden(element)) return true;
  if (chars > maxChars || isArticleBody(element)) return false;
  if (CHROME_TAG_SET.has(element.tag)) return element.tag !== 'header' || !isArticleHeader(tree, element);
  const role = element.attrs.role;
  if (role !== undefined && CHROME_ROLE_SET.has(role.toLowerCase())) return true;
  if (hasCloseControl(element)) return true;
  const classAndId = getClassAndId(element);
  if (classAndId === '') return false;
  if (REGEXPS.chrome.test(classAndId)) return true;
  if (!REGEXPS.furniture.test(classAndId)) return false;
  // Furniture tokens also name content wrappers (`content-with-sidebar`, WordPress's
  // `author-<name>` on the article): a content hint spares the element unless it is small.
  // A box around a quoted post (`social-media-embed` around a tweet's `<blockquote>`) quotes
  // content whatever its size; the post's markup is a blockquote on every embedding platform.
  if (hasBlockquoteChild(element)) return false;
  return chars <= maxFurnitureChars || !REGEXPS.contentHint.test(classAndId);
}

/**
 * How much a block says "article" (positive) or "chrome" (negative): long text counts its
 * characters, link text counts against, and every short block costs a little.
 */
export function getBlockWeight(block: TextBlock, settings: HtmlExtractionSettings): number {
  const ownText = block.chars - block.linkChars;
  const linkCost = settings.linkCharCost * block.linkChars;
  if (block.chars < settings.minParagraphChars) return -settings.shortBlockCost - linkCost;
  return ownText - linkCost;
}

/**
 * Scores every element from the blocks below it. Chrome (negative weight: link lists, short
 * furniture) counts for every ancestor: a container pays for all the chrome it holds.
 * Paragraph text (positive weight) counts for its element and at most `maxScoreLevels`
 * ancestors: article paragraphs sit close together, so page wrappers far above them gain
 * nothing from them and cannot win by also holding scattered teasers. Measured against
 * Readability's fading credit (1, 1, 1/2, 1/(3·level)): that lost recall on articles split into
 * sections and did worse on the held-out half.
 */
export function getElementScores(
  tree: HtmlTree,
  blocks: readonly TextBlock[],
  settings: HtmlExtractionSettings,
): Float64Array {
  const scores = new Float64Array(tree.elements.length);
  const chrome = new Float64Array(tree.elements.length);
  for (const block of blocks) {
    const weight = getBlockWeight(block, settings);
    if (weight < 0) {
      chrome[block.owner] += weight;
      continue;
    }
    let element: HtmlElement | null = tree.elements[block.owner] as HtmlElement;
    for (let level = 0; element !== null && level <= settings.maxScoreLevels; level++) {
      scores[element.index] += weight;
      element = element.parent;
    }
  }
  // Reverse document order visits children before parents: one pass, no recursion.
  for (let i = tree.elements.length - 1; i > 0; i--) {
    const element = tree.elements[i] as HtmlElement;
    chrome[(element.parent as HtmlElement).index] += chrome[i] as number;
  }
  for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) + (chrome[i] as number);
  return scores;
}

/**
 * Picks the main content: the element whose blocks weigh most, plus those of its siblings that
 * carry the same article (Readability's sibling pass): siblings with the same tag and class,
 * or scoring at least `siblingScoreShare` of the best. Articles split into several sibling
 * sections (lede box, body, "continued" part) are taken whole that way.
 */
export function selectMainContent(
  tree: HtmlTree,
  blocks: readonly TextBlock[],
  settings: HtmlExtractionSettings,
): HtmlElement[] {
  const scores = getElementScores(tree, blocks, settings);
  const narrow = selectBestElement(tree, scores, settings);
  const totals = getTextTotals(tree, blocks, settings);
  const best = widenContainer(totals, narrow, settings);
  const parent = best.parent;
  if (parent === null) return [best];
  // Siblings must match what the narrow winner scored: a widened container may score less.
  const bestScore = Math.max(scores[best.index] as number, scores[narrow.index] as number);
  const minScore = bestScore * settings.siblingScoreShare;
  const lede = getLedeBefore(best, totals, settings) ?? getStandfirstBefore(tree, blocks, best, settings);
  const selected: HtmlElement[] = [];
  for (const sibling of parent.children) {
    if (typeof sibling === 'string') continue;
    const score = scores[sibling.index] as number;
    if (sibling === best || sibling === lede || (score > 0 && (score >= minScore || isSameKind(sibling, best)))) selected.push(sibling);
    else if (isSameKind(sibling, best) && isPlainTextPanel(sibling, totals, settings)) selected.push(sibling);
  }
  return selected;
}

/**
 * A sibling of the container's own kind that scores nothing because its text is short lines
 * (an ingredients table, a spec list, a tab or accordion panel of a shop or recipe page: issue
 * 12 pattern 4) but is not a link list or a label: it holds at least `sameKindPanelMinChars`
 * of text, and its link text stays within `sameKindPanelMaxLinkShare` of it.
 */
function isPlainTextPanel(sibling: HtmlElement, totals: TextTotals, settings: HtmlExtractionSettings): boolean {
  const text = totals.allChars[sibling.index] as number;
  return text >= settings.sameKindPanelMinChars && (totals.linkChars[sibling.index] as number) <= text * settings.sameKindPanelMaxLinkShare;
}

/**
 * The element just before the container when it is a lede (a standfirst box beside the body
 * div): paragraph text only, at least `ledeMinChars` of it, no link and nothing else. Too short
 * to pass the sibling share next to a long body, it still opens the article.
 */
function getLedeBefore(best: HtmlElement, totals: TextTotals, settings: HtmlExtractionSettings): HtmlElement | undefined {
  const siblings = (best.parent as HtmlElement).children;
  for (let i = siblings.indexOf(best) - 1; i >= 0; i--) {
    const sibling = siblings[i] as HtmlElement | string;
    if (typeof sibling === 'string') {
      if (sibling.trim() === '') continue;
      return undefined;
    }
    const text = totals.allChars[sibling.index] as number;
    if (text === 0) continue; // an image or an empty wrapper between lede and body
    const isLede = totals.linkChars[sibling.index] === 0 && totals.paragraphChars[sibling.index] === text && text >= settings.ledeMinChars;
    return isLede ? sibling : undefined;
  }
  return undefined;
}

/**
 * The standfirst of an article whose headline block sits beside the body (issue 12 pattern 3):
 * the nearest block before the container, within its parent, that is not a short line (kicker,
 * date, author, reading time: under `minParagraphChars`) or a caption inside a `<figure>`.
 * It is taken when it is link-free prose of at least `ledeMinChars` and not the `<h1>`; anything
 * else there (a teaser, a link list) means the parent holds no standfirst. At most
 * `standfirstMaxSkippedLines` short lines are passed over.
 */
function getStandfirstBefore(tree: HtmlTree, blocks: readonly TextBlock[], best: HtmlElement, settings: HtmlExtractionSettings): HtmlElement | undefined {
  const parent = best.parent;
  if (parent === null || PAGE_WRAPPERS.has(parent.tag)) return undefined;
  let skipped = 0;
  for (let i = blocks.length - 1; i >= 0; i--) {
    const block = blocks[i] as TextBlock;
    if (block.owner >= best.index || block.owner < parent.index) continue;
    const owner = tree.elements[block.owner] as HtmlElement;
    if (owner.tag === 'figcaption' || hasAncestor(owner, 'figure', parent)) continue;
    if (block.chars < settings.minParagraphChars) {
      if (++skipped > settings.standfirstMaxSkippedLines) return undefined;
      continue;
    }
    const isStandfirst = block.linkChars === 0 && block.chars >= settings.ledeMinChars && owner.tag !== 'h1';
    return isStandfirst ? owner : undefined;
  }
  return undefined;
}

/** Characters of text below each element (indexed like `tree.elements`), by kind. */
interface TextTotals {
  /** Of paragraph blocks ({@link isParagraphBlock}). */
  readonly paragraphChars: Float64Array;
  /** Inside links. */
  readonly linkChars: Float64Array;
  /** Of all blocks except headings without links. */
  readonly allChars: Float64Array;
}

function getTextTotals(tree: HtmlTree, blocks: readonly TextBlock[], settings: HtmlExtractionSettings): TextTotals {
  const paragraphChars = new Float64Array(tree.elements.length);
  const linkChars = new Float64Array(tree.elements.length);
  const allChars = new Float64Array(tree.elements.length);
  for (const block of blocks) {
    if (isParagraphBlock(block, settings)) paragraphChars[block.owner] += block.chars;
    linkChars[block.owner] += block.linkChars;
    // A heading without links costs the widening nothing: the title of a review or section above its text.
    if (!HEADING_TAGS.has(block.tag) || block.linkChars > 0) allChars[block.owner] += block.chars;
  }
  for (let i = tree.elements.length - 1; i > 0; i--) {
    const up = (tree.elements[i] as HtmlElement).parent as HtmlElement;
    paragraphChars[up.index] += paragraphChars[i] as number;
    linkChars[up.index] += linkChars[i] as number;
    allChars[up.index] += allChars[i] as number;
  }
  return { paragraphChars, linkChars, allChars };
}

/** Headings below the page's `<h1>`. */
const HEADING_TAGS: ReadonlySet<string> = new Set(['h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements the widening never climbs into: the page wrappers. */
const PAGE_WRAPPERS: ReadonlySet<string> = new Set(['#root', 'html', 'body']);

/**
 * Climbs from the best element to ancestors that add article text and little else (issue 12
 * pattern 4): an intro outside the body div, sections, ingredients beside the steps, the posts
 * of a thread. A parent is taken when what it adds is free of text, or when it adds paragraph
 * text of at least `widenMinGain` of what is already held while its added link text stays
 * within `widenMaxLinkShare` of the added text (a sidebar or teaser rail adds links).
 */
function widenContainer(totals: TextTotals, best: HtmlElement, settings: HtmlExtractionSettings): HtmlElement {
  if (settings.widenMinGain <= 0 && settings.widenMaxLinkShare <= 0) return best;
  const { paragraphChars, linkChars, allChars } = totals;
  let current = best;
  let levels = 0;
  for (let parent = current.parent; parent !== null && !PAGE_WRAPPERS.has(parent.tag); parent = current.parent) {
    const addedText = (allChars[parent.index] as number) - (allChars[current.index] as number);
    const addedParagraphs = (paragraphChars[parent.index] as number) - (paragraphChars[current.index] as number);
    const addedLinks = (linkChars[parent.index] as number) - (linkChars[current.index] as number);
    const free = addedText === 0;
    const gains =
      addedParagraphs >= settings.widenMinGain * (paragraphChars[current.index] as number) &&
      addedParagraphs > 0 &&
      addedLinks <= settings.widenMaxLinkShare * addedText;
    if (!free && (!gains || (paragraphChars[current.index] as number) >= settings.widenMaxHeldChars)) break;
    // Only steps that add text count: empty wrappers are climbed for free.
    if (!free && ++levels > settings.widenMaxLevels) break;
    current = parent;
  }
  // A marked article body above the container holding `markedBodyMinTextRatio` times its
  // paragraph text is the article (trafilatura tries its body markers first): show notes whose
  // link-rich lists stop the widening halfway.
  const held = (paragraphChars[current.index] as number) * settings.markedBodyMinTextRatio;
  for (let parent = current.parent; parent !== null && !PAGE_WRAPPERS.has(parent.tag); parent = parent.parent) {
    if ((paragraphChars[parent.index] as number) >= held && isArticleBody(parent)) return parent;
  }
  return current;
}

/** Same tag and the same class names (spacing aside: templates emit `a  b` and `a b` for one kind). */
function isSameKind(a: HtmlElement, b: HtmlElement): boolean {
  return a.tag === b.tag && getClassNames(a) === getClassNames(b);
}

function getClassNames(element: HtmlElement): string {
  const className = element.attrs.class;
  return className === undefined ? '' : className.trim().split(/\s+/).join(' ');
}

/** A score with the article-body bonus applied. */
function getBonusedScore(element: HtmlElement, scores: Float64Array, settings: HtmlExtractionSettings): number {
  const score = scores[element.index] as number;
  return score > 0 && isArticleBody(element) ? score * settings.articleBodyBonus : score;
}

/** The first child of `element` scoring at least `tighterContainerMinShare` of it, if any. */
function findNearlyAsGoodChild(element: HtmlElement, scores: Float64Array, settings: HtmlExtractionSettings): HtmlElement | undefined {
  const score = getBonusedScore(element, scores, settings);
  if (score <= 0) return undefined; // nothing scores: the whole page stays the best guess
  const minScore = score * settings.tighterContainerMinShare;
  for (const child of element.children) {
    if (typeof child !== 'string' && getBonusedScore(child, scores, settings) >= minScore) return child;
  }
  return undefined;
}

/**
 * The element whose blocks weigh most: the smallest subtree holding the article text with the
 * least chrome. Article-body markers multiply a positive score by `articleBodyBonus`.
 */
function selectBestElement(tree: HtmlTree, scores: Float64Array, settings: HtmlExtractionSettings): HtmlElement {
  // When nothing scores above zero (no paragraph anywhere), the whole page is the best guess.
  let best = tree.root;
  let bestScore = 0;
  for (const element of tree.elements) {
    const score = getBonusedScore(element, scores, settings);
    // `>=`: on a tie the deeper element wins, since its parent added nothing.
    if (score >= bestScore && score > 0) {
      best = element;
      bestScore = score;
    }
  }
  // A child scoring nearly as much is the tighter container: what its parent adds (a footer
  // line, a caption, a stray link) earns the parent little, and the widening below climbs back
  // to parents that add article text.
  for (let child = findNearlyAsGoodChild(best, scores, settings); child !== undefined; child = findNearlyAsGoodChild(best, scores, settings)) {
    best = child;
  }
  return best;
}
