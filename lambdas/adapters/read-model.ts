// The read model of the command line (`list`, `show`, `status`, export and report through
// corpus-reader.ts): listings in time order from the byKind index, articles with their bodies,
// their sources and their duplicate counts. Nothing here is on the ingestion path, so it may
// read what ingestion no longer writes (a duplicate count is the number of the article's links).
import { brotliDecompressSync } from 'node:zlib';
import type { RemovedParagraph } from '../core/types.js';
import type { CanonicalRecord, DocSourceRecord, ParagraphSiteRecord, SourceRecord } from '../dedup/types.js';
import { bin, num, str } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import type { DynamoTable } from './dynamo-table.js';
import { sourceFromItem, sourceRefFromItem, summaryFromItem } from './record-store.js';
import type { DynamoRecords } from './record-store.js';
import type { DynamoSiteParagraphs } from './site-paragraph-store.js';
import { ITEM_KINDS, KIND_INDEX, itemKeys } from './table-schema.js';

/** Items per listing page when the caller gives no limit. */
const LIST_PAGE_SIZE = 100;
/** Articles whose links are counted at once when a listing page is completed. */
const CLUSTER_READ_CONCURRENCY = 16;

/** One page of a listing; pass `cursor` back to get the next page. */
export interface Page<T> {
  readonly items: T[];
  readonly cursor?: string;
}

/** Everything known about one canonical article. */
export interface CanonicalDetails {
  readonly record: CanonicalRecord;
  /** Every object seen as this article (the canonical's own source first by time). */
  readonly sources: DocSourceRecord[];
  /** The sources that were duplicates of it. */
  readonly duplicates: DocSourceRecord[];
  /** The article's paragraphs as recorded on its site, in document order. */
  readonly paragraphs: ParagraphSiteRecord[];
}

/** Options of a listing. */
export interface ListInput {
  readonly limit?: number;
  readonly cursor?: string;
  readonly newestFirst?: boolean;
}

/** Duplicates and last sighting of an article, from its links. */
interface ClusterStats {
  readonly duplicateCount: number;
  readonly lastSeen?: string;
}

function byTime<T extends { readonly seenAt: string }>(a: T, b: T): number {
  return a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0;
}

/** An article item (or its byKind projection) as a record without body; counts from its links. */
function recordFromItem(item: Item, stats: ClusterStats): CanonicalRecord {
  const firstSeen = str(item, 'firstSeen') ?? '';
  return {
    ...summaryFromItem(item),
    title: str(item, 'title') ?? '',
    language: str(item, 'language'),
    site: str(item, 'site') ?? '',
    // Tables written before links carried the count kept it on the article item.
    lastSeen: [stats.lastSeen, str(item, 'lastSeen'), firstSeen].filter((t): t is string => t !== undefined).sort().at(-1) ?? firstSeen,
    duplicateCount: Math.max(stats.duplicateCount, num(item, 'duplicateCount')),
    removed: [],
    bodyBytes: num(item, 'bodyBytes'),
    bodyChunks: num(item, 'bodyChunks'),
  };
}

/** The source record a canonical's article item stands for in source listings. */
function sourceFromArticleItem(item: Item): SourceRecord {
  return {
    ...sourceRefFromItem(item),
    outcome: 'canonical',
    docId: str(item, 'docId'),
    site: str(item, 'site'),
    learnedChromeRemoved: item.learnedChromeRemoved ? num(item, 'learnedChromeRemoved') : undefined,
    processedAt: str(item, 'firstSeen') ?? '',
  };
}

/**
 * Listings and article details for the command line, on the table written by the ingestion
 * path (DynamoRecords, DynamoSiteParagraphs).
 */
export class DynamoReadModel {
  public constructor(
    private readonly table: DynamoTable,
    private readonly records: DynamoRecords,
    private readonly sites: DynamoSiteParagraphs,
  ) {}

  /**
   * The outcome of an object: of `version` when given, else of the most recently processed
   * version of the key. `undefined` when it was never processed.
   */
  public async getLatestSource(bucket: string, key: string, version?: string): Promise<SourceRecord | undefined> {
    if (version !== undefined) return this.records.getSource(bucket, key, version);
    return (await this.records.listSourceVersions(bucket, key)).at(-1);
  }

  /** The article's duplicates counted from its links, and the latest sighting among them. */
  private async clusterStats(docId: string): Promise<ClusterStats> {
    const links = await this.table.queryAll(itemKeys.docMeta(docId).pk, 'SRC#');
    const duplicates = links.filter((link) => link.duplicate?.BOOL === true);
    return { duplicateCount: duplicates.length, lastSeen: duplicates.map((link) => str(link, 'seenAt') ?? '').sort().at(-1) };
  }

  private async withStats(items: readonly Item[]): Promise<CanonicalRecord[]> {
    const out: CanonicalRecord[] = new Array(items.length);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CLUSTER_READ_CONCURRENCY, items.length) }, async () => {
        while (next < items.length) {
          const i = next;
          next += 1;
          out[i] = recordFromItem(items[i]!, await this.clusterStats(str(items[i], 'docId') ?? ''));
        }
      }),
    );
    return out;
  }

  /**
   * One article with its body decompressed (when `withText`), or `undefined`; `withCounts:
   * false` skips counting its links (duplicate count 0, last seen = first seen).
   *
   * @example
   * const record = await readModel.getCanonical(docId, { withText: true });
   */
  public async getCanonical(docId: string, input: { withText?: boolean; withCounts?: boolean } = {}): Promise<CanonicalRecord | undefined> {
    const item = await this.table.get(itemKeys.docMeta(docId));
    if (!item) return undefined;
    const record = recordFromItem(item, input.withCounts === false ? { duplicateCount: 0 } : await this.clusterStats(docId));
    if (!input.withText) return record;
    // Only the chunks the article item names: a write interrupted before the article item may
    // have left chunks of another length behind, and the retry that wrote this item rewrote 0..n-1.
    const chunks = await this.table.batchGet(Array.from({ length: record.bodyChunks }, (_, n) => itemKeys.docBody(docId, n)));
    const bySk = new Map(chunks.map((chunk) => [str(chunk, 'sk'), chunk]));
    const compressed = Buffer.concat(Array.from({ length: record.bodyChunks }, (_, n) => bin(bySk.get(itemKeys.docBody(docId, n).sk), 'data') ?? new Uint8Array()));
    const body = JSON.parse(brotliDecompressSync(compressed).toString('utf8')) as { text: string; removed: RemovedParagraph[] };
    return { ...record, text: body.text, removed: body.removed };
  }

  /**
   * Canonical articles in first-seen order (newest first with `newestFirst`), without bodies;
   * `withCounts: false` leaves duplicate counts at 0 and last sightings at the first (one Query
   * per article less, for callers that read the links themselves).
   */
  public async listCanonical(input: ListInput & { withCounts?: boolean } = {}): Promise<Page<CanonicalRecord>> {
    const page = await this.listByKind([ITEM_KINDS.doc], input);
    const items = input.withCounts === false ? page.items.map((item) => recordFromItem(item, { duplicateCount: 0 })) : await this.withStats(page.items);
    return { items, cursor: page.cursor };
  }

  /**
   * Source records in processing order (newest first with `newestFirst`): duplicates and
   * rejections from their own index entries, canonicals from their article items.
   */
  public async listSources(input: ListInput = {}): Promise<Page<SourceRecord>> {
    const page = await this.listByKind([ITEM_KINDS.source, ITEM_KINDS.doc], input);
    return { items: page.items.map((item) => (str(item, 'outcome') === undefined ? sourceFromArticleItem(item) : sourceFromItem(item))), cursor: page.cursor };
  }

  /** Every object seen as article `docId`, in order of first sight. */
  public async listDocSources(docId: string): Promise<DocSourceRecord[]> {
    // The article's own source lives on its article item (no separate write for it); items
    // under SRC# are its duplicates (and, in tables written before, its own source too).
    const [items, meta] = await Promise.all([
      this.table.queryAll(itemKeys.docMeta(docId).pk, 'SRC#'),
      this.table.get(itemKeys.docMeta(docId), { projection: '#b, #k, version, #r, #u, firstSeen', names: { '#b': 'bucket', '#k': 'key', '#r': 'record', '#u': 'url' } }),
    ]);
    const linkOf = (item: Item, duplicate: boolean, seenAt: string): DocSourceRecord => ({ docId, ...sourceRefFromItem(item), duplicate, seenAt });
    const own = meta ? [linkOf(meta, false, str(meta, 'firstSeen') ?? '')] : [];
    const listed = items.map((item) => linkOf(item, item.duplicate?.BOOL === true, str(item, 'seenAt') ?? ''));
    const sameAs = (a: DocSourceRecord, b: DocSourceRecord): boolean => a.bucket === b.bucket && a.key === b.key && a.version === b.version && a.record === b.record;
    return [...own.filter((o) => !listed.some((l) => sameAs(l, o))), ...listed].sort(byTime);
  }

  /**
   * One article with its text, its sources, its duplicates and its paragraph records.
   *
   * @example
   * const details = await readModel.showCanonical(docId);
   * console.log(details?.record.title, details?.duplicates.length);
   */
  public async showCanonical(docId: string): Promise<CanonicalDetails | undefined> {
    const record = await this.getCanonical(docId, { withText: true });
    if (!record) return undefined;
    const sources = await this.listDocSources(docId);
    const paragraphs = await this.sites.paragraphsOf(record);
    return { record, sources, duplicates: sources.filter((source) => source.duplicate), paragraphs };
  }

  /**
   * One page of the items of `kinds` in `createdAt` order, merged from the index's shards. The
   * cursor holds, per shard, the key of the last item returned (or that the shard is done), so
   * items read but not returned are read again on the next page, and none is skipped.
   */
  private async listByKind(kinds: readonly string[], input: ListInput): Promise<{ items: Item[]; cursor?: string }> {
    const limit = input.limit ?? LIST_PAGE_SIZE;
    const state = (input.cursor ? JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8')) : {}) as Record<string, Item | 'done'>;
    const shards = kinds.flatMap((kind) => Array.from({ length: KIND_INDEX.shards }, (_, n) => `${kind}#${n}`));
    const fetched = await Promise.all(
      shards.map(async (shard) => {
        const from = state[shard];
        if (from === 'done') return { shard, items: [] as Item[], more: false };
        const page = await this.table.queryPage({ pk: '', indexKind: shard, limit, startKey: from, forward: !input.newestFirst });
        return { shard, items: page.items, more: page.lastKey !== undefined };
      }),
    );
    const order = (a: Item, b: Item): number => {
      const ka = `${str(a, KIND_INDEX.sortKey) ?? ''}\u0000${str(a, 'pk') ?? ''}`;
      const kb = `${str(b, KIND_INDEX.sortKey) ?? ''}\u0000${str(b, 'pk') ?? ''}`;
      const cmp = ka < kb ? -1 : ka > kb ? 1 : 0;
      return input.newestFirst ? -cmp : cmp;
    };
    const merged = fetched.flatMap(({ shard, items }) => items.map((item) => ({ shard, item }))).sort((a, b) => order(a.item, b.item));
    const page = merged.slice(0, limit);
    const next: Record<string, Item | 'done'> = { ...state };
    for (const { shard, item } of page) {
      next[shard] = { pk: item.pk!, sk: item.sk!, [KIND_INDEX.partitionKey]: item[KIND_INDEX.partitionKey]!, [KIND_INDEX.sortKey]: item[KIND_INDEX.sortKey]! };
    }
    for (const { shard, items, more } of fetched) {
      const returned = page.filter((entry) => entry.shard === shard).length;
      if (!more && returned === items.length) next[shard] = 'done';
    }
    const finished = shards.every((shard) => next[shard] === 'done');
    return { items: page.map((entry) => entry.item), cursor: finished ? undefined : Buffer.from(JSON.stringify(next)).toString('base64url') };
  }
}
