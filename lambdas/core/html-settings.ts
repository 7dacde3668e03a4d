// The typed options object of the HTML extractor, resolved once from the defaults in settings.ts.
import {
  ARTICLE_BODY_BONUS,
  LINK_CHAR_COST,
  MAX_BLOCK_LINK_DENSITY,
  MAX_HTML_CHARS,
  MAX_HTML_DEPTH,
  MAX_HTML_NESTING,
  MAX_HINTED_FURNITURE_SHARE,
  MAX_PRUNED_TEXT_SHARE,
  MAX_SCORE_LEVELS,
  SIBLING_SCORE_SHARE,
  MIN_PARAGRAPH_CHARS,
  WIDEN_MAX_HELD_CHARS,
  WIDEN_MAX_LEVELS,
  WIDEN_MAX_LINK_SHARE,
  WIDEN_MIN_GAIN,
  SHORT_BLOCK_COST,
} from './settings.js';

/**
 * Longest line (non-whitespace characters) taken as the header of a link list inside the body
 * ("DON'T MISS", "Lesen Sie auch:", "Mehr zum Thema"), dropped with the list when paragraphs
 * follow it (extract-html.ts `dropLinkListHeaders`). Headers of such boxes are a few words;
 * a sub-heading introducing a paragraph that happens to start with a link is longer.
 */
export const LINK_LIST_HEADER_MAX_CHARS = 40;

/**
 * A block of the main content with more than this share of its text inside `<time>` elements
 * is a date line and is dropped (extract-html.ts `isContentBlock`): "PUBLISHED: 10:48, Tue,
 * Nov 19, 2019" in any language, whatever the date format. A sentence that mentions a marked-up
 * date has most of its text outside the element.
 */
export const MAX_BLOCK_TIME_SHARE = 0.5;

/**
 * A list item dropped for its link text comes back when at least this share of its list's items
 * are kept and it has a paragraph's worth of plain text besides its links (extract-html.ts
 * `keepListItemsLikeTheirSiblings`): a digest item whose linked headline is longer than its note.
 */
export const MIN_KEPT_LIST_ITEM_SHARE = 0.5;

/**
 * The widened container gives way to an ancestor marked as the article body (`entry-content`,
 * `itemprop=articleBody`...) holding at least this many times its paragraph text
 * (html-score.ts `widenContainer`). Pipeline F1 on the tuning halves: 1.1 took the teaser
 * wrappers of two news pages; 1.5, 2 and 3 measured the same (one podcast page's show notes
 * recovered).
 */
export const MARKED_BODY_MIN_TEXT_RATIO = 2;

/**
 * Fewest characters of a lede taken beside the container (html-score.ts `getLedeBefore`): a
 * link-free paragraph box just before the body. Readability appends a sibling paragraph from
 * 80 characters for the same reason; shorter boxes are date or byline lines ("Posted on March
 * 30, 2015 by Admin").
 */
export const LEDE_MIN_CHARS = 80;

/**
 * The best-scoring element gives way to a child scoring at least this share of it, repeatedly
 * (html-score.ts `selectBestElement`): a wrapper that adds a footer line or a stray paragraph
 * to the article should not win by those few characters. Pipeline F1 on the tuning halves,
 * news / multilingual: off 0.9764 / 0.9433; 0.95 0.9765 / 0.9450; 0.9 0.9765 / 0.9454; 0.85
 * 0.9769 / 0.9427; 0.8 0.9769 / 0.9421; 0.7 0.9771 / 0.9401: the multilingual set, whose
 * pages spread their text wider, loses below 0.9.
 */
export const TIGHTER_CONTAINER_MIN_SHARE = 0.9;

/**
 * A sibling of the container with the same tag and class that scores nothing (short lines: an
 * ingredients table beside the steps, an accordion or tab panel of a product page) is taken when
 * at most this share of its text is link text (html-score.ts `isPlainTextPanel`). Teaser boxes
 * of the container's kind are mostly links; an ingredients panel that links its products holds
 * 0.3. Multilingual tuning half, extraction alone: 0.926 to 0.927 (0.2 took nothing there, 0.5
 * took the ingredients); the pipeline is unchanged because the classifier drops the ingredient
 * lines as navigation. News set unchanged.
 */
export const SAME_KIND_PANEL_MAX_LINK_SHARE = 0.5;

/**
 * Fewest characters of such a panel (html-score.ts `isPlainTextPanel`): a label box of the
 * container's kind ("sponsored links", "BREAKING NEWS" on three news pages) is a few words; an
 * ingredients or spec panel is a few lines.
 */
export const SAME_KIND_PANEL_MIN_CHARS = 80;

/**
 * Most short lines (kicker, date, author, reading time) passed over between the body and its
 * standfirst when the standfirst sits beside the body rather than in a lede box (html-score.ts
 * `getStandfirstBefore`). An article header has three or four; more means a list, not a header.
 */
export const STANDFIRST_MAX_SKIPPED_LINES = 5;

/** Every tunable of the HTML extractor; see settings.ts for why each exists. */
export interface HtmlExtractionSettings {
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxNesting: number;
  readonly maxPrunedTextShare: number;
  readonly maxHintedFurnitureShare: number;
  readonly minParagraphChars: number;
  readonly shortBlockCost: number;
  readonly linkCharCost: number;
  readonly articleBodyBonus: number;
  readonly maxBlockLinkDensity: number;
  readonly siblingScoreShare: number;
  readonly maxScoreLevels: number;
  readonly widenMinGain: number;
  readonly widenMaxLinkShare: number;
  readonly widenMaxHeldChars: number;
  readonly widenMaxLevels: number;
  readonly linkListHeaderMaxChars: number;
  readonly maxBlockTimeShare: number;
  readonly minKeptListItemShare: number;
  readonly markedBodyMinTextRatio: number;
  readonly ledeMinChars: number;
  readonly tighterContainerMinShare: number;
  readonly sameKindPanelMaxLinkShare: number;
  readonly sameKindPanelMinChars: number;
  readonly standfirstMaxSkippedLines: number;
}

/** Overrides for {@link HtmlExtractionSettings}; anything left out takes the settings.ts default. */
export type HtmlExtractionOptions = Partial<HtmlExtractionSettings>;

/** The defaults, built once. */
export const DEFAULT_HTML_SETTINGS: HtmlExtractionSettings = Object.freeze({
  maxChars: MAX_HTML_CHARS,
  maxDepth: MAX_HTML_DEPTH,
  maxNesting: MAX_HTML_NESTING,
  maxPrunedTextShare: MAX_PRUNED_TEXT_SHARE,
  maxHintedFurnitureShare: MAX_HINTED_FURNITURE_SHARE,
  minParagraphChars: MIN_PARAGRAPH_CHARS,
  shortBlockCost: SHORT_BLOCK_COST,
  linkCharCost: LINK_CHAR_COST,
  articleBodyBonus: ARTICLE_BODY_BONUS,
  maxBlockLinkDensity: MAX_BLOCK_LINK_DENSITY,
  siblingScoreShare: SIBLING_SCORE_SHARE,
  maxScoreLevels: MAX_SCORE_LEVELS,
  widenMinGain: WIDEN_MIN_GAIN,
  widenMaxLinkShare: WIDEN_MAX_LINK_SHARE,
  widenMaxHeldChars: WIDEN_MAX_HELD_CHARS,
  widenMaxLevels: WIDEN_MAX_LEVELS,
  linkListHeaderMaxChars: LINK_LIST_HEADER_MAX_CHARS,
  maxBlockTimeShare: MAX_BLOCK_TIME_SHARE,
  minKeptListItemShare: MIN_KEPT_LIST_ITEM_SHARE,
  markedBodyMinTextRatio: MARKED_BODY_MIN_TEXT_RATIO,
  ledeMinChars: LEDE_MIN_CHARS,
  tighterContainerMinShare: TIGHTER_CONTAINER_MIN_SHARE,
  sameKindPanelMaxLinkShare: SAME_KIND_PANEL_MAX_LINK_SHARE,
  sameKindPanelMinChars: SAME_KIND_PANEL_MIN_CHARS,
  standfirstMaxSkippedLines: STANDFIRST_MAX_SKIPPED_LINES,
});

/**
 * Merges caller overrides over the defaults.
 *
 * @example
 * resolveHtmlSettings({ maxDepth: 64 }).maxDepth; // 64
 */
export function resolveHtmlSettings(options: HtmlExtractionOptions = {}): HtmlExtractionSettings {
  return { ...DEFAULT_HTML_SETTINGS, ...options };
}
