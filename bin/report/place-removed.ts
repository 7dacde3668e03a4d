// Puts the chrome the cleaner removed back where it stood in the original scrape, so the report
// can show a document as it was read: kept paragraphs, and removed ones struck through in place.
// The store keeps kept text and removed paragraphs apart; their order comes from the original.
import type { RemovedParagraph } from '../../lambdas/core/types.js';

/** One paragraph of a document as the report shows it. */
export interface DocumentBlock {
  readonly kind: 'kept' | 'removed';
  readonly text: string;
  /** Why it was removed (`navigation`, `learned-chrome`, ...). */
  readonly reason?: string;
  /** False for a removed paragraph whose place in the original was not found (shown at the end). */
  readonly placed: boolean;
}

/** The reason the dedup layer gives paragraphs recurring across a site's articles. */
export const LEARNED_CHROME_REASON = 'learned-chrome';

/** Characters of a paragraph's start searched for when the whole paragraph is not found verbatim. */
const PREFIX_CHARS = 48;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'", mdash: '—', ndash: '–', hellip: '…', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“' };

/**
 * The visible text of a scrape, flattened to single spaces: markup, scripts and styles dropped
 * and common entities decoded for HTML. Only used to find where paragraphs stood.
 *
 * @example
 * flattenOriginal('<p>Caf&eacute; <b>opens</b></p>', 'html'); // 'Caf&eacute; opens'
 */
export function flattenOriginal(original: string, format: 'text' | 'html'): string {
  let text = original;
  if (format === 'html') {
    text = text
      .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
      .replace(/<!--[\s\S]*?-->/g, ' ')
      .replace(/<[^>]*>/g, ' ')
      .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (whole, name: string) => {
        if (name[0] === '#') {
          const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
          return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
        }
        return ENTITIES[name.toLowerCase()] ?? whole;
      });
  }
  return text.replace(/\s+/g, ' ');
}

const flat = (text: string): string => text.replace(/\s+/g, ' ').trim();

function find(haystack: string, paragraph: string, from: number): number {
  const needle = flat(paragraph);
  if (needle === '') return -1;
  const at = haystack.indexOf(needle, from);
  if (at >= 0 || needle.length <= PREFIX_CHARS) return at;
  return haystack.indexOf(needle.slice(0, PREFIX_CHARS), from);
}

/**
 * Kept and removed paragraphs in the order they stood in `flatOriginal` (from
 * {@link flattenOriginal}). Without an original, or for a removed paragraph not found in it,
 * removed paragraphs follow the kept text with `placed: false`.
 *
 * @example
 * placeRemoved(['Body.'], [{ text: 'Home | News', reason: 'navigation' }], 'Home | News Body.');
 * // [{ kind: 'removed', text: 'Home | News', reason: 'navigation', placed: true }, { kind: 'kept', text: 'Body.', placed: true }]
 */
export function placeRemoved(kept: readonly string[], removed: readonly RemovedParagraph[], flatOriginal?: string): DocumentBlock[] {
  if (flatOriginal === undefined) {
    return [
      ...kept.map((text) => ({ kind: 'kept' as const, text, placed: true })),
      ...removed.map((r) => ({ kind: 'removed' as const, text: r.text, reason: r.reason, placed: false })),
    ];
  }
  const positioned: { block: DocumentBlock; at: number; order: number }[] = [];
  const claimed = new Set<number>();
  // Kept paragraphs are in document order: each is searched after the previous one.
  let cursor = 0;
  kept.forEach((text, order) => {
    const at = find(flatOriginal, text, cursor);
    const position = at >= 0 ? at : cursor;
    if (at >= 0) {
      claimed.add(at);
      cursor = at + 1;
    }
    positioned.push({ block: { kind: 'kept', text, placed: true }, at: position, order });
  });
  const unplaced: DocumentBlock[] = [];
  removed.forEach((r, order) => {
    // A repeated paragraph removed as a copy stands at a later occurrence than the kept one.
    let at = find(flatOriginal, r.text, 0);
    while (at >= 0 && claimed.has(at)) at = find(flatOriginal, r.text, at + 1);
    if (at < 0) {
      unplaced.push({ kind: 'removed', text: r.text, reason: r.reason, placed: false });
      return;
    }
    claimed.add(at);
    positioned.push({ block: { kind: 'removed', text: r.text, reason: r.reason, placed: true }, at, order: kept.length + order });
  });
  positioned.sort((a, b) => a.at - b.at || a.order - b.order);
  return [...positioned.map((p) => p.block), ...unplaced];
}
