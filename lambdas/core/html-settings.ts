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
