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

/**
 * Fan-out (docs/architecture.md, "Crawl files and fan-out"). A crawl object at least this large
 * is planned into messages of record ranges instead of being read in one invocation: 8 MiB is
 * about 300 pages of a Common Crawl WARC (about 27 KB per gzipped record), which at the
 * measured 0.2 s per page on the deployed function is a minute of work, the most one message
 * should hold.
 */
export const FAN_OUT_MIN_OBJECT_BYTES = 8 * 1024 * 1024;

/**
 * Records per range message: 25 pages at 0.2 s each is about 5 s, so a batch of 10 messages
 * (the event source's batch size) stays near 50 s, well inside the 240 s timeout; a range
 * that runs slow hands its rest on (see RANGE_TIME_RESERVE_MS).
 */
export const RECORDS_PER_MESSAGE = 25;

/**
 * Bytes of the object one planning message reads before it hands the rest of the file to the
 * next one. The WARC reader inflates and parses 8-30 MB/s of uncompressed WARC on one shared
 * core and about 100 MB/s idle (bench/crawl-reader.ts); a gzipped WARC is 4-5x smaller than
 * its content, so 256 MiB of file is about 1.2 GB to read: 40-150 s at the slow figures,
 * inside the 240 s timeout, and a Common Crawl file of 1 GB is planned by four messages in turn.
 */
export const PLAN_BYTES_PER_MESSAGE = 256 * 1024 * 1024;

/**
 * A range stops starting new records with less time than this left in the invocation and
 * sends the rest of its range as a new message: one record at the document limits (about
 * 35 s of CPU and writes, see handler-settings.ts) plus one index-lease wait (60 s).
 */
export const RANGE_TIME_RESERVE_MS = 95_000;
