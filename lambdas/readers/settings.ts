// Thresholds and vocabularies of the readers, each with its reason.
import type { JsonlFields } from './types.js';

/**
 * Largest payload of one record (WARC) or one line (JSON Lines) that is read into memory.
 * Matches the single-object limit of the stack (MAX_OBJECT_BYTES, 25 MiB): a record is one
 * page, and a larger "page" in a crawl is a video or a dump, refused as a single file would be.
 */
export const MAX_RECORD_BYTES = 25 * 1024 * 1024;

/**
 * JSON Lines field names, most specific first. Scrapy items usually say `url`/`html` or
 * `url`/`text`; Common Crawl derived sets and LLM corpora say `raw_content`/`content`;
 * news scrapers say `body`. A line's first non-empty string field of each list wins.
 */
export const JSONL_FIELDS: JsonlFields = {
  url: ['url', 'link', 'source_url', 'page_url'],
  html: ['html', 'raw_html', 'page_html'],
  text: ['text', 'content', 'body', 'raw_content', 'article'],
  title: ['title', 'headline'],
  fetchedAt: ['fetched_at', 'fetch_time', 'crawled_at', 'timestamp', 'date'],
};

/**
 * HTTP content types whose payload is a page the cleaner reads. Everything else (images, PDF,
 * JavaScript, CSS, fonts, JSON APIs) is a per-record `not-text` rejection, as a single PNG is.
 * A response without a Content-Type is sniffed by the cleaner (it refuses binary itself).
 */
export const PAGE_CONTENT_TYPES: readonly string[] = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown'];

/** WARC record types that carry a page; the others are skipped and counted. */
export const PAGE_RECORD_TYPES: readonly string[] = ['response', 'resource'];
