// The shapes that flow through the pure core: what a scrape becomes once cleaned.

/** Which rule removed a paragraph; one of {@link RemovalReason}. */
export type RemovalReason = string;

/** A paragraph the cleaner removed, with the rule that removed it. */
export interface RemovedParagraph {
  readonly text: string;
  readonly reason: RemovalReason;
}

/** What the caller knows about the bytes: hints for format and encoding detection. */
export interface ScrapeHints {
  /** Object key or file path; its extension is a format hint. */
  readonly key?: string;
  /** S3 Content-Type, e.g. `text/html; charset=utf-8`. */
  readonly contentType?: string;
  /** S3 Content-Encoding, e.g. `gzip`. */
  readonly contentEncoding?: string;
  /** S3 or HTTP Content-Language, e.g. `de-DE`: a declared language, after the page's own `<html lang>`. */
  readonly contentLanguage?: string;
}

export type ScrapeFormat = 'text' | 'html';

/** A cleaned article: the output of the pure pipeline for one scrape. */
export interface CleanDocument {
  readonly format: ScrapeFormat;
  readonly title: string;
  /** Kept paragraphs, as shown (not normalised), in document order, each once. */
  readonly paragraphs: readonly string[];
  /** The kept paragraphs joined by blank lines. */
  readonly text: string;
  /** 64-bit simhash of the normalised text, 16 lower-case hex digits. */
  readonly fingerprint: string;
  /** 64-bit simhash of each kept paragraph, same order as `paragraphs`. */
  readonly paragraphFingerprints: readonly string[];
  /** Every paragraph removed, with its reason. */
  readonly removed: readonly RemovedParagraph[];
  /**
   * Primary language subtag (`de`, `en`, `pt`...): declared (`<html lang>`, Content-Language,
   * meta tags) or detected from the kept text; `und` when neither tells. Set by the pipeline.
   */
  readonly language?: string;
  /** The page's canonical URL (`<link rel=canonical>`, `og:url`), absolute http(s); HTML only, when declared. */
  readonly canonicalUrl?: string;
  /** Publication date, ISO 8601 UTC, from meta tags or JSON-LD; HTML only, when declared. */
  readonly published?: string;
  /** Author name from meta tags or JSON-LD; HTML only, when declared. */
  readonly author?: string;
}
