// The DynamoDB side of the dedup layer: RecordStore and DedupIndex on one table, plus the read
// API the command line uses. Only single-item conditional writes: dynalite (the local stack)
// has no transactions, and the design does not need them (docs/architecture.md).
import { randomInt } from 'node:crypto';
import { brotliCompressSync, brotliDecompressSync, constants as zlibConstants } from 'node:zlib';
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, ConsumedCapacity, DynamoDBClient, UpdateItemCommandInput, UpdateItemCommandOutput } from '@aws-sdk/client-dynamodb';
import type { RemovedParagraph } from '../core/types.js';
import { LeaseBusyError, LeaseLostError } from '../dedup/errors.js';
import type { DedupOptions } from '../dedup/options.js';
import { resolveDedupOptions } from '../dedup/options.js';
import type {
  CanonicalRecord,
  DedupIndex,
  DocSourceRecord,
  DocSummary,
  IndexEntry,
  IndexLease,
  NewCanonical,
  Outcome,
  ParagraphSiteRecord,
  RecordStore,
  SourceRecord,
  SourceRef,
} from '../dedup/types.js';
import { B, N, S, bin, compact, itemSize, num, packFingerprints, str, unpackFingerprints } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import { ITEM_KINDS, KEY_PREFIXES, KIND_INDEX, boundedKeyPart, itemKeys, kindShard } from './table-schema.js';
import { packSketch, unpackSketch } from '../dedup/shingles.js';
import { EMPTY_SITE, paragraphName, siteCounts, withArticle } from '../dedup/site-paragraphs.js';
import type { SiteParagraphs } from '../dedup/site-paragraphs.js';

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_MAX_KEYS = 100;
/** Items per listing page when the caller gives no limit. */
const LIST_PAGE_SIZE = 100;
/** Attempts at a site paragraph record before giving up (each lost only to another writer of the site). */
const SITE_WRITE_ATTEMPTS = 20;
/** Attribute names of index bucket items. */
const INDEX_ATTRS = { entries: 'entries', holder: 'leaseHolder', expires: 'leaseExpires' } as const;

/** Requests and capacity the store consumed, for the cost benchmark. */
export interface StoreMetrics {
  requests: number;
  readUnits: number;
  writeUnits: number;
  /**
   * Writes to the byKind index, counted by the store (one per write of an item carrying
   * `kind`): DynamoDB bills them, dynalite does not report them.
   */
  indexWriteUnits: number;
  /** The same figures by item class (article, body, source, paragraph, index...), for the cost breakdown. */
  byItem: Record<string, ItemMetrics>;
}

/** Requests and units spent on one class of item. */
export interface ItemMetrics {
  requests: number;
  readUnits: number;
  writeUnits: number;
}

/** The class of an item for the cost breakdown, from its key. */
export function itemClassOf(key: { pk?: string; sk?: string }): string {
  const pk = key.pk ?? '';
  const sk = key.sk ?? '';
  if (pk.startsWith(KEY_PREFIXES.doc)) return sk === 'META' ? 'article' : sk === 'SKETCH' ? 'article sketch' : sk.startsWith('BODY#') ? 'body' : 'article-source';
  if (pk.startsWith(KEY_PREFIXES.site)) return 'site paragraphs';
  if (pk.startsWith(KEY_PREFIXES.source)) return 'source';
  if (pk.startsWith(KEY_PREFIXES.paragraph)) return 'paragraph';
  if (pk.startsWith(KEY_PREFIXES.index)) return 'index';
  return 'other';
}

/** Construction parameters of {@link DynamoStore}. */
export interface DynamoStoreConfig {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly options?: Partial<DedupOptions>;
  /** Clock, injectable for lease tests. @default Date.now */
  readonly now?: () => number;
  /** Sleep between lease attempts, injectable for tests. */
  readonly sleep?: (ms: number) => Promise<void>;
}

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

function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

function sourceIdOf(ref: SourceRef): string {
  const base = `${ref.bucket}/${ref.key}#${ref.version}`;
  return ref.record === undefined ? base : `${base}#R#${ref.record}`;
}

function entryFromAttribute(value: AttributeValue): IndexEntry | undefined {
  const map = value.M;
  if (!map?.d?.S || !map.f?.S || !map.t?.S) return undefined;
  return { docId: map.d.S, fingerprint: map.f.S, firstSeen: map.t.S };
}

/** The article a lease holder works for (holders are `<docId>:<uuid>`). */
function docIdOfHolder(holder: string): string {
  const colon = holder.indexOf(':');
  return colon < 0 ? holder : holder.slice(0, colon);
}

function entryToAttribute(entry: IndexEntry): AttributeValue {
  return { M: { d: S(entry.docId), f: S(entry.fingerprint), t: S(entry.firstSeen) } };
}

/**
 * The store and index on one DynamoDB table (layout in table-schema.ts). Inject the client;
 * every write is a single-item (conditional) write, so it runs on DynamoDB and on dynalite.
 *
 * @example
 * const store = new DynamoStore({ client: new DynamoDBClient({}), tableName: 'records' });
 * const outcome = await store.getLatestSource('scrapes', 'incoming/a.html');
 * const page = await store.listCanonical({ limit: 20 });
 */
export class DynamoStore implements RecordStore, DedupIndex {
  public readonly metrics: StoreMetrics = { requests: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0, byItem: {} };
  private readonly client: DynamoDBClient;
  private readonly tableName: string;
  private readonly options: DedupOptions;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The site records this store last read or wrote, so recording an article needs no second read. */
  private readonly siteCache = new Map<string, SiteParagraphs>();

  public constructor(config: DynamoStoreConfig) {
    this.client = config.client;
    this.tableName = config.tableName;
    this.options = resolveDedupOptions(config.options);
    this.now = config.now ?? Date.now;
    this.sleep = config.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  // ---------------------------------------------------------------- plumbing

  /** Adds one request and its consumed capacity (TOTAL mode reports only `CapacityUnits`). */
  private count(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, type: 'read' | 'write', itemClass = 'other'): void {
    this.metrics.requests += 1;
    const byItem = (this.metrics.byItem[itemClass] ??= { requests: 0, readUnits: 0, writeUnits: 0 });
    byItem.requests += 1;
    for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
      const units = entry.CapacityUnits ?? (type === 'read' ? entry.ReadCapacityUnits : entry.WriteCapacityUnits) ?? 0;
      if (type === 'read') {
        this.metrics.readUnits += units;
        byItem.readUnits += units;
      } else {
        this.metrics.writeUnits += units;
        byItem.writeUnits += units;
      }
    }
  }

  /** Counts a write to the byKind index under its own class. */
  private countKindIndex(units: number): void {
    this.metrics.indexWriteUnits += units;
    const byItem = (this.metrics.byItem['byKind index'] ??= { requests: 0, readUnits: 0, writeUnits: 0 });
    byItem.writeUnits += units;
  }

  /** Counts the byKind index write of an item carrying `kind` (1 unit per started KB). */
  private countIndexWrite(item: Item): void {
    if (!item.kind) return;
    const projected = new Set<string>([...KIND_INDEX.projectedAttributes, 'pk', 'sk', KIND_INDEX.partitionKey, KIND_INDEX.sortKey]);
    const bytes = itemSize(Object.fromEntries(Object.entries(item).filter(([name]) => projected.has(name))));
    this.countKindIndex(Math.max(1, Math.ceil(bytes / 1024)));
  }

  private async get(key: { pk: string; sk: string }, projection?: string, names?: Record<string, string>): Promise<Item | undefined> {
    const response = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: S(key.pk), sk: S(key.sk) },
        ConsistentRead: true,
        ProjectionExpression: projection,
        ExpressionAttributeNames: names,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.count(response.ConsumedCapacity, 'read', itemClassOf(key));
    return response.Item;
  }

  /** Puts an item; with `onlyIfNew`, an existing item is kept and `false` returned. */
  private async put(item: Item, onlyIfNew: boolean): Promise<boolean> {
    try {
      const response = await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: onlyIfNew ? 'attribute_not_exists(pk)' : undefined,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.count(response.ConsumedCapacity, 'write', itemClassOf({ pk: item.pk?.S, sk: item.sk?.S }));
      this.countIndexWrite(item);
      return true;
    } catch (error) {
      if (onlyIfNew && isConditionFailure(error)) {
        this.metrics.requests += 1;
        return false;
      }
      throw error;
    }
  }

  /**
   * Sends a conditional UpdateItem on this table and counts it. Returns the response, or
   * `undefined` when the condition failed (counted as a request, no capacity); other errors throw.
   */
  private async update(input: Omit<UpdateItemCommandInput, 'TableName' | 'ReturnConsumedCapacity'>): Promise<UpdateItemCommandOutput | undefined> {
    try {
      const response = await this.client.send(
        new UpdateItemCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }),
      );
      this.count(response.ConsumedCapacity, 'write', itemClassOf({ pk: input.Key?.pk?.S, sk: input.Key?.sk?.S }));
      return response;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      this.metrics.requests += 1;
      return undefined;
    }
  }

  private async queryItems(input: {
    pk: string;
    skPrefix?: string;
    indexKind?: string;
    limit?: number;
    startKey?: Item;
    forward?: boolean;
  }): Promise<{ items: Item[]; lastKey?: Item }> {
    const onIndex = input.indexKind !== undefined;
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: onIndex ? KIND_INDEX.indexName : undefined,
        KeyConditionExpression: onIndex
          ? '#pk = :pk'
          : input.skPrefix !== undefined
            ? '#pk = :pk AND begins_with(#sk, :prefix)'
            : '#pk = :pk',
        ExpressionAttributeNames: onIndex ? { '#pk': KIND_INDEX.partitionKey } : { '#pk': 'pk', ...(input.skPrefix !== undefined ? { '#sk': 'sk' } : {}) },
        ExpressionAttributeValues: {
          ':pk': S(onIndex ? input.indexKind! : input.pk),
          ...(input.skPrefix !== undefined && !onIndex ? { ':prefix': S(input.skPrefix) } : {}),
        },
        ConsistentRead: onIndex ? undefined : true,
        Limit: input.limit,
        ExclusiveStartKey: input.startKey,
        ScanIndexForward: input.forward ?? true,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.count(response.ConsumedCapacity, 'read', onIndex ? 'byKind index' : itemClassOf({ pk: input.pk, sk: input.skPrefix }));
    return { items: response.Items ?? [], lastKey: response.LastEvaluatedKey };
  }

  private async queryAll(pk: string, skPrefix?: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.queryItems({ pk, skPrefix, startKey });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  private async batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>, projection?: string, consistent = true): Promise<Item[]> {
    const out: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) {
      let pending: Item[] | undefined = keys.slice(i, i + BATCH_GET_MAX_KEYS).map((key) => ({ pk: S(key.pk), sk: S(key.sk) }));
      let attempt = 0;
      while (pending && pending.length > 0) {
        const response = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: {
              [this.tableName]: { Keys: pending, ConsistentRead: consistent, ProjectionExpression: projection },
            },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.count(response.ConsumedCapacity, 'read', itemClassOf({ pk: pending[0]?.pk?.S, sk: pending[0]?.sk?.S }));
        out.push(...(response.Responses?.[this.tableName] ?? []));
        pending = response.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        if (pending && pending.length > 0) {
          attempt += 1;
          await this.sleep(this.options.leaseRetryBaseMs * 2 ** Math.min(attempt, 4));
        }
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- DedupIndex

  /**
   * Takes a lease on each bucket in sorted key order (so two holders never wait on each other
   * in a cycle), waiting with jittered back-off while a bucket is held by a live holder. A lease
   * whose `leaseExpires` has passed is taken over: its holder is dead (see LEASE_TTL_MS).
   */
  public async lock(keys: readonly string[], holder: string, maxWaitMs = this.options.leaseMaxWaitMs): Promise<IndexLease> {
    const sorted = [...new Set(keys)].sort();
    const taken: string[] = [];
    const entries = new Map<string, IndexEntry>();
    const saturated: string[] = [];
    const listed = new Map<string, Set<string>>();
    const lapsed = new Set<string>();
    const started = this.now();
    let expiresAt = Number.POSITIVE_INFINITY;
    try {
      for (const key of sorted) {
        let attempt = 0;
        for (;;) {
          const now = this.now();
          const expires = now + this.options.leaseTtlMs;
          const k = itemKeys.index(key);
          const response = await this.update({
            Key: { pk: S(k.pk), sk: S(k.sk) },
            UpdateExpression: 'SET #holder = :holder, #expires = :expires',
            ConditionExpression: 'attribute_not_exists(#holder) OR #expires < :now OR #holder = :holder',
            ExpressionAttributeNames: { '#holder': INDEX_ATTRS.holder, '#expires': INDEX_ATTRS.expires },
            ExpressionAttributeValues: { ':holder': S(holder), ':expires': N(expires), ':now': N(now) },
            // The item as it was: its entries (unchanged by this write) and who held it before.
            ReturnValues: 'ALL_OLD',
          });
          if (response) {
            const previous = response.Attributes?.[INDEX_ATTRS.holder]?.S;
            const previousExpiry = Number(response.Attributes?.[INDEX_ATTRS.expires]?.N ?? Number.POSITIVE_INFINITY);
            if (previous !== undefined && previous !== holder && previousExpiry < now) lapsed.add(docIdOfHolder(previous));
            taken.push(key);
            expiresAt = Math.min(expiresAt, expires);
            const list = response.Attributes?.[INDEX_ATTRS.entries]?.L ?? [];
            if (list.length >= this.options.indexMaxEntries) saturated.push(key);
            const ids = new Set<string>();
            for (const value of list) {
              const entry = entryFromAttribute(value);
              if (!entry) continue;
              ids.add(entry.docId);
              if (!entries.has(entry.docId)) entries.set(entry.docId, entry);
            }
            listed.set(key, ids);
            break;
          }
          // Held by another live holder: back off (jittered, doubling) until the wait budget runs out.
          const waited = this.now() - started;
          if (waited >= maxWaitMs) {
            // Best effort: the error names when the lease lapses; the read failing changes nothing.
            const busy = await this.get(k, '#expires', { '#expires': INDEX_ATTRS.expires }).catch(() => undefined);
            throw new LeaseBusyError(key, waited, busy?.[INDEX_ATTRS.expires]?.N !== undefined ? Number(busy[INDEX_ATTRS.expires]!.N) : undefined);
          }
          attempt += 1;
          const ceiling = this.options.leaseRetryBaseMs * 2 ** Math.min(attempt, 4);
          await this.sleep(ceiling / 2 + randomInt(Math.max(1, Math.ceil(ceiling / 2))));
        }
      }
    } catch (error) {
      await this.releaseKeys(taken, holder);
      throw error;
    }
    return { holder, keys: sorted, entries: [...entries.values()], listed, saturated, expiresAt, lapsedHolders: [...lapsed] };
  }

  /**
   * Registers `entry` in every leased bucket that lacks it and is not full, releasing each
   * lease in the same conditional write. Refuses (and releases) when the lease is too close to
   * expiry to be sure it is still ours: nothing is registered then, and the caller retries.
   */
  public async insert(lease: IndexLease, entry: IndexEntry): Promise<void> {
    if (this.now() > lease.expiresAt - this.options.leaseSafetyMarginMs) {
      await this.release(lease);
      throw new LeaseLostError(lease.keys[0] ?? '(none)');
    }
    await this.registerAndRelease(lease, [entry, ...(lease.rollForward ?? [])]);
  }

  /** Appends the entries each leased bucket lacks (unless full) and releases every lease, one write per bucket. */
  private async registerAndRelease(lease: IndexLease, newEntries: readonly IndexEntry[]): Promise<void> {
    const full = new Set(lease.saturated);
    await Promise.all(
      lease.keys.map(async (key) => {
        const k = itemKeys.index(key);
        const missing = full.has(key) ? [] : newEntries.filter((e, i) => !lease.listed.get(key)?.has(e.docId) && newEntries.findIndex((o) => o.docId === e.docId) === i);
        const append = missing.length > 0;
        const response = await this.update({
          Key: { pk: S(k.pk), sk: S(k.sk) },
          // The entry is appended only if absent: a retry after a crash does not list it twice.
          UpdateExpression: append
            ? 'SET #entries = list_append(if_not_exists(#entries, :empty), :entry) REMOVE #holder, #expires'
            : 'REMOVE #holder, #expires',
          ConditionExpression: '#holder = :holder',
          ExpressionAttributeNames: {
            '#holder': INDEX_ATTRS.holder,
            '#expires': INDEX_ATTRS.expires,
            ...(append ? { '#entries': INDEX_ATTRS.entries } : {}),
          },
          ExpressionAttributeValues: {
            ':holder': S(lease.holder),
            ...(append ? { ':empty': { L: [] }, ':entry': { L: missing.map(entryToAttribute) } } : {}),
          },
          ReturnValues: 'UPDATED_OLD',
        });
        if (!response) throw new LeaseLostError(key);
      }),
    );
  }

  /**
   * Releases the leases; a lease already lost is ignored. Rolled-forward articles of lapsed
   * holders are registered on the way out, so a document found to be a duplicate still finishes
   * the dead holder's registration.
   */
  public async release(lease: IndexLease): Promise<void> {
    if (lease.rollForward && lease.rollForward.length > 0) {
      await this.registerAndRelease(lease, lease.rollForward).catch(() => this.releaseKeys(lease.keys, lease.holder));
      return;
    }
    await this.releaseKeys(lease.keys, lease.holder);
  }

  private async releaseKeys(keys: readonly string[], holder: string): Promise<void> {
    await Promise.all(
      keys.map(async (key) => {
        const k = itemKeys.index(key);
        // A lease another holder took over after expiry is not ours to release: the condition fails quietly.
        await this.update({
          Key: { pk: S(k.pk), sk: S(k.sk) },
          UpdateExpression: 'REMOVE #holder, #expires',
          ConditionExpression: '#holder = :holder',
          ExpressionAttributeNames: { '#holder': INDEX_ATTRS.holder, '#expires': INDEX_ATTRS.expires },
          ExpressionAttributeValues: { ':holder': S(holder) },
        });
      }),
    );
  }

  /** Reads buckets without leases; each document once. */
  public async query(keys: readonly string[]): Promise<IndexEntry[]> {
    const items = await this.batchGet([...new Set(keys)].map((key) => itemKeys.index(key)));
    const entries = new Map<string, IndexEntry>();
    for (const item of items) {
      for (const value of item[INDEX_ATTRS.entries]?.L ?? []) {
        const entry = entryFromAttribute(value);
        if (entry && !entries.has(entry.docId)) entries.set(entry.docId, entry);
      }
    }
    return [...entries.values()];
  }

  // ---------------------------------------------------------------- sources

  private sourceFromItem(item: Item): SourceRecord {
    const outcome = str(item, 'outcome') as Outcome;
    return {
      bucket: str(item, 'bucket') ?? '',
      key: str(item, 'key') ?? '',
      version: str(item, 'version') ?? '',
      record: str(item, 'record'),
      url: str(item, 'url'),
      outcome,
      docId: str(item, 'docId'),
      distance: item.distance ? num(item, 'distance') : undefined,
      paragraphOverlap: item.paragraphOverlap ? num(item, 'paragraphOverlap') : undefined,
      containment: item.containment ? num(item, 'containment') : undefined,
      code: str(item, 'code'),
      reason: str(item, 'reason'),
      site: str(item, 'site'),
      learnedChromeRemoved: item.learnedChromeRemoved ? num(item, 'learnedChromeRemoved') : undefined,
      processedAt: str(item, 'processedAt') ?? '',
    };
  }

  /** The recorded outcome of one object version (or one `record` of it), if it was processed. */
  public async getSource(bucket: string, key: string, version: string, record?: string): Promise<SourceRecord | undefined> {
    const item = await this.get(itemKeys.source(bucket, key, version, record));
    return item ? this.sourceFromItem(item) : undefined;
  }

  /** Every processed version of one key, in processing order. */
  public async listSourceVersions(bucket: string, key: string): Promise<SourceRecord[]> {
    const pk = itemKeys.source(bucket, key, '').pk;
    const items = await this.queryAll(pk, 'V#');
    return items.map((item) => this.sourceFromItem(item)).sort((a, b) => (a.processedAt < b.processedAt ? -1 : a.processedAt > b.processedAt ? 1 : 0));
  }

  /**
   * The outcome of an object: of `version` when given, else of the most recently processed
   * version of the key. `undefined` when it was never processed.
   *
   * @example
   * const source = await store.getLatestSource('scrapes', 'incoming/a.html');
   * if (source?.outcome === 'duplicate') console.log(`duplicate of ${source.docId} at ${source.distance} bits`);
   */
  public async getLatestSource(bucket: string, key: string, version?: string): Promise<SourceRecord | undefined> {
    if (version !== undefined) return this.getSource(bucket, key, version);
    const versions = await this.listSourceVersions(bucket, key);
    return versions.at(-1);
  }

  /** Writes (or rewrites, identically on a replay) the outcome of one object version. */
  public async putSource(record: SourceRecord): Promise<void> {
    const key = itemKeys.source(record.bucket, record.key, record.version, record.record);
    await this.put(
      compact({
        pk: S(key.pk),
        sk: S(key.sk),
        kind: S(kindShard(ITEM_KINDS.source, key.pk)),
        createdAt: S(record.processedAt),
        bucket: S(record.bucket),
        key: S(record.key),
        version: S(record.version),
        record: record.record !== undefined ? S(record.record) : undefined,
        url: record.url !== undefined ? S(record.url) : undefined,
        outcome: S(record.outcome),
        docId: record.docId !== undefined ? S(record.docId) : undefined,
        distance: record.distance !== undefined ? N(record.distance) : undefined,
        paragraphOverlap: record.paragraphOverlap !== undefined ? N(record.paragraphOverlap) : undefined,
        containment: record.containment !== undefined ? N(record.containment) : undefined,
        code: record.code !== undefined ? S(record.code) : undefined,
        reason: record.reason !== undefined ? S(record.reason) : undefined,
        site: record.site !== undefined ? S(record.site) : undefined,
        learnedChromeRemoved: record.learnedChromeRemoved !== undefined ? N(record.learnedChromeRemoved) : undefined,
        processedAt: S(record.processedAt),
      }),
      false,
    );
  }

  /**
   * Source records in processing order (newest first with `newestFirst`).
   *
   * @example
   * const { items, cursor } = await store.listSources({ limit: 50 });
   */
  public async listSources(input: { limit?: number; cursor?: string; newestFirst?: boolean } = {}): Promise<Page<SourceRecord>> {
    const page = await this.listByKind(ITEM_KINDS.source, input);
    return { items: page.items.map((item) => this.sourceFromItem(item)), cursor: page.cursor };
  }

  /**
   * One page of the items of `kind` in `createdAt` order, merged from the index's shards. The
   * cursor holds, per shard, the key of the last item returned (or that the shard is done), so
   * items read but not returned are read again on the next page, and none is skipped.
   */
  private async listByKind(kind: string, input: { limit?: number; cursor?: string; newestFirst?: boolean }): Promise<{ items: Item[]; cursor?: string }> {
    const limit = input.limit ?? LIST_PAGE_SIZE;
    const state = (input.cursor ? JSON.parse(Buffer.from(input.cursor, 'base64url').toString('utf8')) : {}) as Record<string, Item | 'done'>;
    const shards = Array.from({ length: KIND_INDEX.shards }, (_, n) => `${kind}#${n}`);
    const fetched = await Promise.all(
      shards.map(async (shard) => {
        const from = state[shard];
        if (from === 'done') return { shard, items: [] as Item[], more: false };
        const page = await this.queryItems({ pk: '', indexKind: shard, limit, startKey: from, forward: !input.newestFirst });
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

  // ---------------------------------------------------------------- canonical articles

  private summaryFromItem(item: Item): DocSummary {
    return {
      docId: str(item, 'docId') ?? '',
      fingerprint: str(item, 'fingerprint') ?? '',
      firstSeen: str(item, 'firstSeen') ?? '',
      paragraphFingerprints: unpackFingerprints(bin(item, 'paragraphFps')),
      sketch: unpackSketch(bin(item, 'shingles')),
    };
  }

  private recordFromItem(item: Item): CanonicalRecord {
    return {
      ...this.summaryFromItem(item),
      title: str(item, 'title') ?? '',
      language: str(item, 'language'),
      site: str(item, 'site') ?? '',
      lastSeen: str(item, 'lastSeen') ?? str(item, 'firstSeen') ?? '',
      duplicateCount: num(item, 'duplicateCount'),
      removed: [],
      bodyBytes: num(item, 'bodyBytes'),
      bodyChunks: num(item, 'bodyChunks'),
    };
  }

  /** Summaries (fingerprints, first seen) of stored articles; unknown ids are left out. */
  public async getSummaries(docIds: readonly string[]): Promise<DocSummary[]> {
    const unique = [...new Set(docIds)];
    if (unique.length === 0) return [];
    const items = await this.batchGet(unique.map((id) => itemKeys.docSketch(id)));
    return items.map((item) => this.summaryFromItem(item));
  }

  /**
   * Stores a canonical article: body (text and removed paragraphs, brotli-compressed) in
   * `BODY#n` items of at most `bodyChunkBytes`, then the article item (small: what listing
   * shows, updated once per duplicate), then the sketch item (what verification reads). Both
   * are written only if absent, so a replay changes nothing.
   */
  public async putCanonical(doc: NewCanonical): Promise<void> {
    const body = brotliCompressSync(Buffer.from(JSON.stringify({ text: doc.text, removed: doc.removed })), {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 5 },
    });
    const chunkBytes = this.options.bodyChunkBytes;
    const chunks = Math.max(1, Math.ceil(body.byteLength / chunkBytes));
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      const key = itemKeys.docBody(doc.docId, chunk);
      await this.put({ pk: S(key.pk), sk: S(key.sk), data: B(body.subarray(chunk * chunkBytes, (chunk + 1) * chunkBytes)) }, false);
    }
    const key = itemKeys.docMeta(doc.docId);
    await this.put(
      compact({
        pk: S(key.pk),
        sk: S(key.sk),
        kind: S(kindShard(ITEM_KINDS.doc, key.pk)),
        createdAt: S(`${doc.firstSeen}#${doc.docId}`),
        docId: S(doc.docId),
        title: S(doc.title),
        language: doc.language === undefined ? undefined : S(doc.language),
        fingerprint: S(doc.fingerprint),
        paragraphFps: B(packFingerprints(doc.paragraphFingerprints)),
        paragraphCount: N(doc.paragraphFingerprints.length),
        site: S(doc.site),
        firstSeen: S(doc.firstSeen),
        lastSeen: S(doc.firstSeen),
        duplicateCount: N(0),
        bodyBytes: N(body.byteLength),
        bodyChunks: N(chunks),
        textChars: N(doc.text.length),
        bucket: S(doc.source.bucket),
        key: S(doc.source.key),
        version: S(doc.source.version),
        record: doc.source.record !== undefined ? S(doc.source.record) : undefined,
        url: doc.source.url !== undefined ? S(doc.source.url) : undefined,
      }),
      true,
    );
    // The sketch item last: verification (getSummaries) only ever sees a complete article, and
    // it is what tells a retry that its own article was written.
    const sketch = itemKeys.docSketch(doc.docId);
    await this.put(
      {
        pk: S(sketch.pk),
        sk: S(sketch.sk),
        docId: S(doc.docId),
        fingerprint: S(doc.fingerprint),
        firstSeen: S(doc.firstSeen),
        paragraphFps: B(packFingerprints(doc.paragraphFingerprints)),
        shingles: B(packSketch(doc.sketch)),
      },
      true,
    );
  }

  /**
   * Records that `source` was seen as article `docId` (idempotent: one item per source), and
   * for a duplicate recomputes the article's duplicate count from those items. The count is
   * written with "only if larger", so concurrent duplicates converge on the true count: the
   * last one to add its item counts after every other item exists.
   */
  public async addSource(docId: string, source: SourceRef, seenAt: string, duplicate: boolean): Promise<number> {
    const key = itemKeys.docSource(docId, sourceIdOf(source));
    await this.put(
      compact({
        pk: S(key.pk),
        sk: S(key.sk),
        docId: S(docId),
        bucket: S(source.bucket),
        key: S(source.key),
        version: S(source.version),
        record: source.record !== undefined ? S(source.record) : undefined,
        url: source.url !== undefined ? S(source.url) : undefined,
        duplicate: { BOOL: duplicate },
        seenAt: S(seenAt),
      }),
      true,
    );
    if (!duplicate) return 0;
    // One increment per source, whatever the cluster's size (no re-count of its sources): the
    // condition makes the retry of the source counted last a no-op. A retry after another
    // duplicate of the same article was counted in between would count twice (see
    // docs/architecture.md, "Correctness"); the source items stay exact.
    const meta = itemKeys.docMeta(docId);
    const id = boundedKeyPart(sourceIdOf(source));
    const updated = await this.update({
      Key: { pk: S(meta.pk), sk: S(meta.sk) },
      UpdateExpression: 'ADD duplicateCount :one SET lastSeen = :seen, lastSource = :id',
      ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(lastSource) OR lastSource <> :id)',
      ExpressionAttributeValues: { ':one': N(1), ':seen': S(seenAt), ':id': S(id) },
      ReturnValues: 'UPDATED_NEW',
    });
    if (updated) this.countKindIndex(1);
    return updated ? num(updated.Attributes, 'duplicateCount') : 0;
  }

  /**
   * One article with its body decompressed (when `withText`), or `undefined`.
   *
   * @example
   * const record = await store.getCanonical(docId, { withText: true });
   */
  public async getCanonical(docId: string, input: { withText?: boolean } = {}): Promise<CanonicalRecord | undefined> {
    const item = await this.get(itemKeys.docMeta(docId));
    if (!item) return undefined;
    const record = this.recordFromItem(item);
    if (!input.withText) return record;
    // Only the chunks the article item names: a write interrupted before the article item may
    // have left chunks of another length behind, and the retry that wrote this item rewrote 0..n-1.
    const chunks = await this.batchGet(Array.from({ length: record.bodyChunks }, (_, n) => itemKeys.docBody(docId, n)));
    const bySk = new Map(chunks.map((chunk) => [str(chunk, 'sk'), chunk]));
    const compressed = Buffer.concat(
      Array.from({ length: record.bodyChunks }, (_, n) => bin(bySk.get(itemKeys.docBody(docId, n).sk), 'data') ?? new Uint8Array()),
    );
    const body = JSON.parse(brotliDecompressSync(compressed).toString('utf8')) as { text: string; removed: RemovedParagraph[] };
    return { ...record, text: body.text, removed: body.removed };
  }

  /**
   * Canonical articles in first-seen order (newest first with `newestFirst`), without bodies.
   *
   * @example
   * for (const record of (await store.listCanonical({ limit: 20 })).items) console.log(record.docId, record.title);
   */
  public async listCanonical(input: { limit?: number; cursor?: string; newestFirst?: boolean } = {}): Promise<Page<CanonicalRecord>> {
    const page = await this.listByKind(ITEM_KINDS.doc, input);
    return { items: page.items.map((item) => this.recordFromItem(item)), cursor: page.cursor };
  }

  /** Every object seen as article `docId`, in order of first sight. */
  public async listDocSources(docId: string): Promise<DocSourceRecord[]> {
    // The article's own source lives on its article item (no separate write for it); items
    // under SRC# are its duplicates (and, in tables written before, its own source too).
    const [items, meta] = await Promise.all([this.queryAll(itemKeys.docMeta(docId).pk, 'SRC#'), this.get(itemKeys.docMeta(docId), '#b, #k, version, #r, #u, firstSeen', { '#b': 'bucket', '#k': 'key', '#r': 'record', '#u': 'url' })]);
    const own: DocSourceRecord[] = meta
      ? [{ docId, bucket: str(meta, 'bucket') ?? '', key: str(meta, 'key') ?? '', version: str(meta, 'version') ?? '', record: str(meta, 'record'), url: str(meta, 'url'), duplicate: false, seenAt: str(meta, 'firstSeen') ?? '' }]
      : [];
    const listed = items
      .map((item) => ({
        docId,
        bucket: str(item, 'bucket') ?? '',
        key: str(item, 'key') ?? '',
        version: str(item, 'version') ?? '',
        record: str(item, 'record'),
        url: str(item, 'url'),
        duplicate: item.duplicate?.BOOL === true,
        seenAt: str(item, 'seenAt') ?? '',
      }));
    const sameAs = (a: DocSourceRecord, b: DocSourceRecord): boolean => a.bucket === b.bucket && a.key === b.key && a.version === b.version && a.record === b.record;
    return [...own.filter((o) => !listed.some((l) => sameAs(l, o))), ...listed].sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
  }

  /**
   * One article with its text, its sources, its duplicates and its paragraph records.
   *
   * @example
   * const details = await store.showCanonical(docId);
   * console.log(details?.record.title, details?.duplicates.length);
   */
  public async showCanonical(docId: string): Promise<CanonicalDetails | undefined> {
    const record = await this.getCanonical(docId, { withText: true });
    if (!record) return undefined;
    const sources = await this.listDocSources(docId);
    const paragraphs = await this.paragraphsOf(record);
    return { record, sources, duplicates: sources.filter((source) => source.duplicate), paragraphs };
  }

  // ---------------------------------------------------------------- site paragraphs (learned chrome)

  private siteFromItem(item: Item | undefined): SiteParagraphs {
    if (!item) return EMPTY_SITE;
    const names = (bytes: Uint8Array | undefined): number[] => {
      if (!bytes) return [];
      const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return Array.from({ length: Math.floor(buffer.byteLength / 4) }, (_, i) => buffer.readUInt32BE(4 * i));
    };
    return {
      version: num(item, 'version'),
      recent: (item.recent?.L ?? []).map((value) => ({ docId: value.M?.d?.S ?? '', paragraphs: names(value.M?.p?.B) })),
      learned: names(bin(item, 'learned')),
    };
  }

  private async readSite(site: string): Promise<SiteParagraphs> {
    return this.siteFromItem(await this.get(itemKeys.siteParagraphs(site)));
  }

  /**
   * Adds canonical article `docId` to its site's paragraph record (see lambdas/dedup/site-paragraphs.ts):
   * one conditional write on the version read, retried on a concurrent change, so concurrent
   * articles of a site never lose each other's counts; a replay changes nothing.
   */
  public async recordParagraphs(docId: string, site: string, _paragraphs: readonly string[], fingerprints: readonly string[], seenAt: string): Promise<void> {
    const key = itemKeys.siteParagraphs(site);
    const pack = (names: readonly number[]): Uint8Array => {
      const buffer = Buffer.alloc(4 * names.length);
      names.forEach((name, i) => buffer.writeUInt32BE(name >>> 0, 4 * i));
      return Uint8Array.from(buffer);
    };
    let current = this.siteCache.get(site) ?? (await this.readSite(site));
    for (let attempt = 0; ; attempt += 1) {
      const next = withArticle(current, docId, fingerprints, this.options.learnedChromeMinDocs);
      if (!next) return;
      const response = await this.update({
        Key: { pk: S(key.pk), sk: S(key.sk) },
        UpdateExpression: 'SET version = :next, recent = :recent, learned = :learned, site = :site, lastSeen = :seen',
        ConditionExpression: 'attribute_not_exists(version) OR version = :version',
        ExpressionAttributeValues: {
          ':next': N(next.version),
          ':version': N(current.version),
          ':recent': { L: next.recent.map((entry) => ({ M: { d: S(entry.docId), p: B(pack(entry.paragraphs)) } })) },
          ':learned': B(pack(next.learned)),
          ':site': S(site),
          ':seen': S(seenAt),
        },
      });
      if (response) {
        this.siteCache.set(site, next);
        return;
      }
      if (attempt >= SITE_WRITE_ATTEMPTS) throw new Error(`site paragraph record of ${site} kept changing (${attempt + 1} attempts)`);
      current = await this.readSite(site);
    }
  }

  /**
   * Distinct canonical articles of `site` each fingerprint was counted in, not counting
   * `excludeDocId` (so replaying an article does not see its own earlier count). One read.
   */
  public async siteParagraphCounts(site: string, fingerprints: readonly string[], excludeDocId?: string): Promise<Map<string, number>> {
    const record = await this.readSite(site);
    this.siteCache.set(site, record);
    return siteCounts(record, fingerprints, excludeDocId, this.options.learnedChromeMinDocs);
  }

  /**
   * The paragraphs of one article as its site's record counts them (the articles of the site
   * each was seen in, among the site's latest).
   */
  private async paragraphsOf(record: CanonicalRecord): Promise<ParagraphSiteRecord[]> {
    const site = await this.readSite(record.site);
    const texts = (record.text ?? '').split('\n\n');
    const learned = new Set(site.learned);
    return record.paragraphFingerprints.map((fp, i) => {
      const name = paragraphName(fp);
      const docIds = site.recent.filter((entry) => entry.paragraphs.includes(name)).map((entry) => entry.docId);
      return {
        fingerprint: fp,
        site: record.site,
        text: texts[i] ?? '',
        docCount: learned.has(name) ? Math.max(docIds.length, this.options.learnedChromeMinDocs) : docIds.length,
        docIds,
        firstSeen: record.firstSeen,
        lastSeen: record.lastSeen,
      };
    });
  }
}
