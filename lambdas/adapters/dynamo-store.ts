// The DynamoDB side of the dedup layer, assembled: one table (dynamo-table.ts) carrying the
// candidate index (index-store.ts), the records (record-store.ts), the sites' recurring
// paragraphs (site-paragraph-store.ts) and the command line's read model (read-model.ts).
// Only single-item conditional writes: dynalite (the local stack) has no transactions, and the
// design does not need them (docs/architecture.md, "Delivery guarantees").
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DedupOptions } from '../dedup/options.js';
import { resolveDedupOptions } from '../dedup/options.js';
import type {
  CanonicalRecord,
  DedupIndex,
  DocSourceRecord,
  DocSummary,
  IndexLease,
  IndexLookUp,
  NewCanonical,
  RecordStore,
  SourceRecord,
  SourceRef,
} from '../dedup/types.js';
import { DynamoTable } from './dynamo-table.js';
import type { StoreMetrics } from './dynamo-table.js';
import { DynamoIndex } from './index-store.js';
import { DynamoReadModel } from './read-model.js';
import type { CanonicalDetails, ListInput, Page } from './read-model.js';
import { DynamoRecords } from './record-store.js';
import { DynamoSiteParagraphs } from './site-paragraph-store.js';

export { itemClassOf } from './dynamo-table.js';
export type { ItemMetrics, StoreMetrics } from './dynamo-table.js';
export type { CanonicalDetails, Page } from './read-model.js';

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

/**
 * The store, index and read model on one DynamoDB table (layout in table-schema.ts). Inject the
 * client; every write is a single-item (conditional) write, so it runs on DynamoDB and on dynalite.
 *
 * @example
 * const store = new DynamoStore({ client: new DynamoDBClient({}), tableName: 'records' });
 * const outcome = await store.getLatestSource('scrapes', 'incoming/a.html');
 * const page = await store.listCanonical({ limit: 20 });
 */
export class DynamoStore implements RecordStore, DedupIndex {
  public readonly metrics: StoreMetrics;
  private readonly table: DynamoTable;
  private readonly records: DynamoRecords;
  private readonly sites: DynamoSiteParagraphs;
  private readonly index: DynamoIndex;
  private readonly readModel: DynamoReadModel;

  public constructor(config: DynamoStoreConfig) {
    const options = resolveDedupOptions(config.options);
    const sleep = config.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    this.table = new DynamoTable(config.client, config.tableName, sleep, options.leaseRetryBaseMs);
    this.metrics = this.table.metrics;
    this.records = new DynamoRecords(this.table, options.bodyChunkBytes, options.sketchMinHashes);
    this.sites = new DynamoSiteParagraphs(this.table, options.learnedChromeMinDocs);
    this.index = new DynamoIndex({ table: this.table, options, committed: (ids) => this.records.committed(ids), now: config.now ?? Date.now, sleep });
    this.readModel = new DynamoReadModel(this.table, this.records, this.sites);
  }

  // ---- DedupIndex (index-store.ts)
  public lookUp(keys: readonly string[]): Promise<IndexLookUp> {
    return this.index.lookUp(keys);
  }
  public lock(keys: readonly string[], holder: string, maxWaitMs?: number, full?: readonly string[]): Promise<IndexLease> {
    return this.index.lock(keys, holder, maxWaitMs, full);
  }
  public assertHeld(lease: IndexLease): Promise<void> {
    return this.index.assertHeld(lease);
  }
  public release(lease: IndexLease): Promise<void> {
    return this.index.release(lease);
  }
  public query(keys: readonly string[]): Promise<string[]> {
    return this.index.query(keys);
  }
  /** Clears a lease of a process that stopped (local CLI start-up); true when its article was committed. */
  public clearDeadLease(key: string, holder: string): Promise<boolean> {
    return this.index.clearDeadLease(key, holder);
  }

  // ---- RecordStore (record-store.ts, site-paragraph-store.ts)
  public getSource(bucket: string, key: string, version: string, record?: string): Promise<SourceRecord | undefined> {
    return this.records.getSource(bucket, key, version, record);
  }
  public listSourceVersions(bucket: string, key: string): Promise<SourceRecord[]> {
    return this.records.listSourceVersions(bucket, key);
  }
  public putSource(record: SourceRecord): Promise<void> {
    return this.records.putSource(record);
  }
  public getSummaries(docIds: readonly string[], input?: { consistent?: boolean }): Promise<DocSummary[]> {
    return this.records.getSummaries(docIds, input);
  }
  public putCanonical(doc: NewCanonical, beforeCommit?: () => Promise<void>): Promise<void> {
    return this.records.putCanonical(doc, beforeCommit);
  }
  public addSource(docId: string, source: SourceRef, seenAt: string): Promise<void> {
    return this.records.addSource(docId, source, seenAt);
  }
  public recordParagraphs(docId: string, site: string, _paragraphs: readonly string[], fingerprints: readonly string[], seenAt: string): Promise<void> {
    return this.sites.recordParagraphs(docId, site, fingerprints, seenAt);
  }
  public siteParagraphCounts(site: string, fingerprints: readonly string[], excludeDocId?: string): Promise<Map<string, number>> {
    return this.sites.siteParagraphCounts(site, fingerprints, excludeDocId);
  }

  // ---- read model of the command line (read-model.ts)
  public getLatestSource(bucket: string, key: string, version?: string): Promise<SourceRecord | undefined> {
    return this.readModel.getLatestSource(bucket, key, version);
  }
  public getCanonical(docId: string, input?: { withText?: boolean; withCounts?: boolean }): Promise<CanonicalRecord | undefined> {
    return this.readModel.getCanonical(docId, input);
  }
  public listCanonical(input?: ListInput & { withCounts?: boolean }): Promise<Page<CanonicalRecord>> {
    return this.readModel.listCanonical(input);
  }
  public listSources(input?: ListInput): Promise<Page<SourceRecord>> {
    return this.readModel.listSources(input);
  }
  public listDocSources(docId: string): Promise<DocSourceRecord[]> {
    return this.readModel.listDocSources(docId);
  }
  public showCanonical(docId: string): Promise<CanonicalDetails | undefined> {
    return this.readModel.showCanonical(docId);
  }
}
