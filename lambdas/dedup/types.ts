// Shapes of the dedup layer and the two storage interfaces it is written against.
import type { RemovedParagraph } from '../core/types.js';
import type { ShingleSketch } from './shingles.js';

/** How an ingested object ended. */
export const OUTCOMES = {
  /** A new distinct article; this object's document is the canonical record. */
  canonical: 'canonical',
  /** A near-duplicate of an earlier canonical article (`docId`, `distance`). */
  duplicate: 'duplicate',
  /** A new version of a key already ingested whose article is the same canonical, identical. */
  unchanged: 'unchanged',
  /** Not an article (binary, empty, too large, only chrome...): `code` and `reason` say why. */
  rejected: 'rejected',
} as const;

export type Outcome = (typeof OUTCOMES)[keyof typeof OUTCOMES];

/** A canonical article's identity and ordering: "earliest" among matches is by (firstSeen, docId). */
export interface IndexEntry {
  readonly docId: string;
  readonly fingerprint: string;
  /** ISO time the article was first seen; "earliest" among matches is by (firstSeen, docId). */
  readonly firstSeen: string;
}

/** What verification needs of a stored canonical article. */
export interface DocSummary extends IndexEntry {
  readonly paragraphFingerprints: readonly string[];
  /** The stored shingle sample (lambdas/dedup/shingles.ts), one list per paragraph. */
  readonly sketch: ShingleSketch;
}

/** The ingested object a record came from. */
export interface SourceRef {
  readonly bucket: string;
  readonly key: string;
  /** Version id when versioned, else the ETag: with bucket and key it names exactly this content. */
  readonly version: string;
  /**
   * Position of the document inside the object when it holds several (a WARC record's byte
   * offset, `line:<n>` for JSON Lines); absent for a single-document file.
   */
  readonly record?: string;
  readonly url?: string;
}

/** The decision for one object version: what the source record stores and the handler logs. */
export interface OutcomeDetails {
  readonly outcome: Outcome;
  /** The canonical article (itself when canonical); absent when rejected. */
  readonly docId?: string;
  /** Whole-document distance to the canonical (duplicate, unchanged). */
  readonly distance?: number;
  /** Share of paragraphs shared verbatim with the canonical (duplicate, unchanged). */
  readonly paragraphOverlap?: number;
  /** Share of the smaller document's shingles found in the other (duplicate, unchanged). */
  readonly containment?: number;
  /** Rejection code (`InputRejectedError.code`) and message. */
  readonly code?: string;
  readonly reason?: string;
  /** Site the object was attributed to (URL host, else the key's folder). */
  readonly site?: string;
  /** Paragraphs removed as learned chrome of the site. */
  readonly learnedChromeRemoved?: number;
}

/** The visible result of ingesting one object version. */
export interface SourceRecord extends SourceRef, OutcomeDetails {
  readonly processedAt: string;
}

/** A canonical article about to be stored. */
export interface NewCanonical {
  readonly docId: string;
  readonly title: string;
  /** Primary language subtag the cleaner found (`de`, `en`...), when it found one. */
  readonly language?: string;
  readonly text: string;
  readonly fingerprint: string;
  readonly paragraphFingerprints: readonly string[];
  /** The shingle sample stored for verification (capped at `sketchMaxHashes`). */
  readonly sketch: ShingleSketch;
  readonly removed: readonly RemovedParagraph[];
  readonly site: string;
  readonly firstSeen: string;
  readonly source: SourceRef;
  /** Paragraphs removed from it as the site's learned chrome (its source record's figure). */
  readonly learnedChromeRemoved?: number;
}

/** A stored canonical article as read back. */
export interface CanonicalRecord extends DocSummary {
  readonly title: string;
  /** Primary language subtag of the canonical's text, when the cleaner found one. */
  readonly language?: string;
  readonly site: string;
  readonly lastSeen: string;
  readonly duplicateCount: number;
  readonly removed: readonly RemovedParagraph[];
  /** Present when the body was asked for. */
  readonly text?: string;
  readonly bodyBytes: number;
  readonly bodyChunks: number;
}

/** Where a canonical article was seen: one per source object. */
export interface DocSourceRecord extends SourceRef {
  readonly docId: string;
  readonly duplicate: boolean;
  readonly seenAt: string;
}

/** A paragraph fingerprint as seen on one site. */
export interface ParagraphSiteRecord {
  readonly fingerprint: string;
  readonly site: string;
  readonly text: string;
  /** Distinct canonical articles of the site containing it (stops at the listed-docs cap). */
  readonly docCount: number;
  readonly docIds: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/** What a look-up without leases found in the buckets of a document's keys. */
export interface IndexLookUp {
  /** Ids listed in the buckets: committed articles and, for a moment, holders that have not committed yet. */
  readonly docIds: readonly string[];
  /** Keys whose bucket is full (nothing more is registered in them). */
  readonly saturated: readonly string[];
}

/** Leases held on a set of index buckets, with what the buckets listed when taken. */
export interface IndexLease {
  readonly holder: string;
  /** Sorted, unique. */
  readonly keys: readonly string[];
  /** Ids the buckets listed before this lease, other than the holder's own (candidates once committed). */
  readonly listed: readonly string[];
  /** Keys whose bucket is full: the holder was not registered in them. */
  readonly saturated: readonly string[];
  /** Epoch ms when the earliest-taken lease lapses. */
  readonly expiresAt: number;
  /**
   * Articles whose holders' leases had lapsed and were taken over here (holders that died). Their
   * ids are in the buckets already (registered with their leases): if the article was committed
   * it is a candidate like any other (roll-forward); if not, the id names no article.
   */
  readonly lapsedHolders: readonly string[];
  /**
   * False when the holder's id was missing from a bucket it could have been registered in: no
   * earlier attempt of this document leased every key, so none committed. True means "check".
   */
  readonly mayHaveCommitted: boolean;
}

/**
 * The candidate index: buckets keyed by shingle or lead key, each listing article ids. A
 * document registers in the write that takes its lease; its article item commits it.
 */
export interface DedupIndex {
  /** Reads the buckets without leases (may be slightly stale: used only to find a match). */
  lookUp(keys: readonly string[]): Promise<IndexLookUp>;
  /**
   * Takes the leases on `keys` in sorted order, registering the holder's id in each bucket not
   * full (waiting while busy, at most `maxWaitMs`, then releasing what it took and throwing
   * `LeaseBusyError`). `full` names buckets a look-up found full.
   */
  lock(keys: readonly string[], holder: string, maxWaitMs?: number, full?: readonly string[]): Promise<IndexLease>;
  /** Throws `LeaseLostError` (after releasing) when the lease is too close to expiry to commit under. */
  assertHeld(lease: IndexLease): Promise<void>;
  /** Releases the leases of a holder that will not commit, taking its id out of the buckets. */
  release(lease: IndexLease): Promise<void>;
  /** The committed articles registered under `keys` (inspection and tests). */
  query(keys: readonly string[]): Promise<string[]>;
}

/** Durable records: sources, canonical articles and paragraphs. Every write is idempotent. */
export interface RecordStore {
  /** The recorded outcome of one document: an object version, or one `record` inside it. */
  getSource(bucket: string, key: string, version: string, record?: string): Promise<SourceRecord | undefined>;
  /** All recorded versions of one key, oldest processing first. */
  listSourceVersions(bucket: string, key: string): Promise<SourceRecord[]>;
  putSource(record: SourceRecord): Promise<void>;
  /**
   * Summaries of committed canonical articles; unknown ids are left out. `consistent: false`
   * reads at half the cost and may miss an article committed a moment ago (never invents one).
   */
  getSummaries(docIds: readonly string[], input?: { consistent?: boolean }): Promise<DocSummary[]>;
  /**
   * Stores a canonical article: the body, then (after `beforeCommit`, which may throw) the
   * article item, which commits it. A repeat is a no-op.
   */
  putCanonical(doc: NewCanonical, beforeCommit?: () => Promise<void>): Promise<void>;
  /** Records that duplicate `source` was seen as article `docId` (one link per source; a repeat is a no-op). */
  addSource(docId: string, source: SourceRef, seenAt: string): Promise<void>;
  /** Counts the paragraphs of a canonical article on its site (once per article). */
  recordParagraphs(docId: string, site: string, paragraphs: readonly string[], fingerprints: readonly string[], seenAt: string): Promise<void>;
  /** Distinct canonical articles of `site` each paragraph fingerprint was counted in, `excludeDocId` not counted. */
  siteParagraphCounts(site: string, fingerprints: readonly string[], excludeDocId?: string): Promise<Map<string, number>>;
}
