// Metadata of an HTML page the dedup and the users need: canonical URL, declared language, published date, author.
import type { HtmlTree } from './html-tree.js';

/** What a page says about itself; a field is absent when the page does not say it. */
export interface PageMetadata {
  /** Absolute http(s) URL from `<link rel=canonical>`, else `og:url`. */
  readonly canonicalUrl?: string;
  /** The `<html lang>` tag, the most trusted declaration. */
  readonly htmlLanguage?: string;
  /** Other language tags the page declares, most trusted first: `Content-Language` meta, `og:locale`, JSON-LD `inLanguage`. */
  readonly declaredLanguages: readonly string[];
  /** Publication date as ISO 8601 (UTC), from meta tags or JSON-LD `datePublished`. */
  readonly published?: string;
  /** Author name from meta tags or JSON-LD `author` (a URL is not a name). */
  readonly author?: string;
}

/** Meta keys (lower-cased) that carry the publication date, most specific first. */
const PUBLISHED_KEYS = ['article:published_time', 'datepublished', 'og:published_time', 'publishdate', 'pubdate', 'dc.date.issued', 'dc.date', 'date'];
/** Meta keys that carry the author's name. */
const AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'byl', 'sailthru.author', 'parsely-author'];

/** Longest author name kept: longer values are descriptions or lists, not a name. */
const MAX_AUTHOR_CHARS = 120;

/**
 * Reads a page's metadata from its head (meta and link tags) and its JSON-LD blocks. Never
 * throws: malformed JSON-LD or URLs are skipped.
 *
 * @example
 * getPageMetadata(parseHtml('<html lang="de"><link rel="canonical" href="https://example.org/a">')).canonicalUrl;
 * // 'https://example.org/a'
 */
export function getPageMetadata(tree: HtmlTree): PageMetadata {
  const ld = readJsonLd(tree.jsonLd);
  const canonicalUrl = toAbsoluteUrl(tree.links.get('canonical')) ?? toAbsoluteUrl(tree.meta.get('og:url'));
  const declaredLanguages = [tree.meta.get('content-language'), tree.meta.get('og:locale'), ld.inLanguage].filter(
    (tag): tag is string => tag !== undefined && tag.trim() !== '',
  );
  const published = [...PUBLISHED_KEYS.map((key) => tree.meta.get(key)), ld.datePublished].map(toIsoDate).find((date) => date !== undefined);
  const author = [...AUTHOR_KEYS.map((key) => tree.meta.get(key)), ld.author].map(toAuthorName).find((name) => name !== undefined);
  return {
    ...(canonicalUrl === undefined ? {} : { canonicalUrl }),
    ...(tree.lang === '' ? {} : { htmlLanguage: tree.lang }),
    declaredLanguages,
    ...(published === undefined ? {} : { published }),
    ...(author === undefined ? {} : { author }),
  };
}

function toAbsoluteUrl(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function toIsoDate(value: string | undefined): string | undefined {
  // Only values that start like a date: `Date.parse` accepts odd strings ("1") as years.
  if (value === undefined || !/^\s*\d{4}-\d{2}-\d{2}/.test(value)) return undefined;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function toAuthorName(value: string | undefined): string | undefined {
  const name = value?.replace(/\s+/g, ' ').trim();
  if (name === undefined || name === '' || name.length > MAX_AUTHOR_CHARS || /^https?:\/\//i.test(name)) return undefined;
  return name;
}

interface JsonLdFields {
  inLanguage?: string;
  datePublished?: string;
  author?: string;
}

/** The first `inLanguage`, `datePublished` and author name found in the JSON-LD blocks (breadth-first, bounded). */
function readJsonLd(blocks: readonly string[]): JsonLdFields {
  const found: JsonLdFields = {};
  const queue: unknown[] = [];
  for (const block of blocks) {
    try {
      queue.push(JSON.parse(block) as unknown);
    } catch {
      // Malformed JSON-LD is common (trailing commas, HTML comments): skip the block.
    }
  }
  // Bounded walk: metadata sits near the top; a huge graph is not searched to the end.
  for (let visited = 0; queue.length > 0 && visited < 2000; visited++) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      queue.push(...node);
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const record = node as Record<string, unknown>;
    if (found.inLanguage === undefined && typeof record.inLanguage === 'string') found.inLanguage = record.inLanguage;
    if (found.datePublished === undefined && typeof record.datePublished === 'string') found.datePublished = record.datePublished;
    if (found.author === undefined) found.author = getAuthorName(record.author);
    for (const value of Object.values(record)) if (value !== null && typeof value === 'object') queue.push(value);
  }
  return found;
}

function getAuthorName(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return getAuthorName(value[0]);
  if (value !== null && typeof value === 'object') {
    const name = (value as Record<string, unknown>).name;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
