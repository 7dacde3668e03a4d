// The records table as the store's parts see it: single-item requests (GetItem, PutItem,
// UpdateItem, Query, BatchGetItem) with their consumed capacity counted the way DynamoDB bills
// it, by item class, for the cost benchmark. No transactions: dynalite (the local stack) has
// none, and the design does not need them (docs/architecture.md, "Delivery guarantees").
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { ConsumedCapacity, DynamoDBClient, UpdateItemCommandInput, UpdateItemCommandOutput } from '@aws-sdk/client-dynamodb';
import { S, itemSize } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import { KEY_PREFIXES, KIND_INDEX } from './table-schema.js';

/** BatchGetItem's limit of keys per request. */
const BATCH_GET_MAX_KEYS = 100;
/** Attributes a write copies into the byKind index (with the table's and the index's keys). */
const KIND_INDEX_ATTRIBUTES: ReadonlySet<string> = new Set([...KIND_INDEX.projectedAttributes, 'pk', 'sk', KIND_INDEX.partitionKey, KIND_INDEX.sortKey]);

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
  /** The same figures by item class (article, body, source, site paragraphs, index...), for the cost breakdown. */
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
  if (pk.startsWith(KEY_PREFIXES.doc)) return sk === 'META' ? 'article' : sk.startsWith('BODY#') ? 'body' : 'source link';
  if (pk.startsWith(KEY_PREFIXES.site)) return 'site paragraphs';
  if (pk.startsWith(KEY_PREFIXES.source)) return 'source';
  if (pk.startsWith(KEY_PREFIXES.index)) return 'index';
  return 'other';
}

/** True for DynamoDB's "the condition was false" (the SDK class, or its name from another copy of the SDK). */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof ConditionalCheckFailedException || (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/**
 * One table and its request counters. Every call is a single-item (conditional) request or a
 * batch of reads, so it runs on DynamoDB and on dynalite alike.
 *
 * @example
 * const table = new DynamoTable(client, 'records', (ms) => new Promise((r) => setTimeout(r, ms)), 15);
 * const item = await table.get({ pk: 'DOC#1', sk: 'META' });
 */
export class DynamoTable {
  public readonly metrics: StoreMetrics = { requests: 0, readUnits: 0, writeUnits: 0, indexWriteUnits: 0, byItem: {} };

  public constructor(
    private readonly client: DynamoDBClient,
    public readonly tableName: string,
    private readonly sleep: (ms: number) => Promise<void>,
    private readonly retryBaseMs: number,
  ) {}

  /** Adds one request and its consumed capacity (TOTAL mode reports only `CapacityUnits`). */
  private count(consumed: ConsumedCapacity | ConsumedCapacity[] | undefined, type: 'read' | 'write', itemClass: string): void {
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

  /**
   * Counts a conditional write whose condition was false: DynamoDB still bills it (the size of
   * the item it compared with, at least one unit); the small items written conditionally here
   * (index buckets, site records, source links) take one.
   */
  private countFailedWrite(itemClass: string): void {
    this.count({ CapacityUnits: 1 }, 'write', itemClass);
  }

  /** Counts the byKind index write of an item carrying `kind` (1 unit per started KB of what it projects). */
  private countKindIndexWrite(item: Item): void {
    if (!item[KIND_INDEX.partitionKey]) return;
    const bytes = itemSize(Object.fromEntries(Object.entries(item).filter(([name]) => KIND_INDEX_ATTRIBUTES.has(name))));
    const units = Math.max(1, Math.ceil(bytes / 1024));
    this.metrics.indexWriteUnits += units;
    const byItem = (this.metrics.byItem['byKind index'] ??= { requests: 0, readUnits: 0, writeUnits: 0 });
    byItem.writeUnits += units;
  }

  /** GetItem; strongly consistent unless `consistent` is false. */
  public async get(key: { pk: string; sk: string }, input: { projection?: string; names?: Record<string, string>; consistent?: boolean } = {}): Promise<Item | undefined> {
    const response = await this.client.send(
      new GetItemCommand({
        TableName: this.tableName,
        Key: { pk: S(key.pk), sk: S(key.sk) },
        ConsistentRead: input.consistent ?? true,
        ProjectionExpression: input.projection,
        ExpressionAttributeNames: input.names,
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    this.count(response.ConsumedCapacity, 'read', itemClassOf(key));
    return response.Item;
  }

  /** Puts an item; with `onlyIfNew`, an existing item is kept and `false` returned. */
  public async put(item: Item, onlyIfNew: boolean): Promise<boolean> {
    const itemClass = itemClassOf({ pk: item.pk?.S, sk: item.sk?.S });
    try {
      const response = await this.client.send(
        new PutItemCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: onlyIfNew ? 'attribute_not_exists(pk)' : undefined,
          ReturnConsumedCapacity: 'TOTAL',
        }),
      );
      this.count(response.ConsumedCapacity, 'write', itemClass);
      this.countKindIndexWrite(item);
      return true;
    } catch (error) {
      if (onlyIfNew && isConditionFailure(error)) {
        this.countFailedWrite(itemClass);
        return false;
      }
      throw error;
    }
  }

  /**
   * Sends a conditional UpdateItem and counts it. Returns the response, or `undefined` when the
   * condition failed (billed as one write); other errors throw. Updates here never touch an
   * attribute the byKind index projects.
   */
  public async update(input: Omit<UpdateItemCommandInput, 'TableName' | 'ReturnConsumedCapacity'>): Promise<UpdateItemCommandOutput | undefined> {
    const itemClass = itemClassOf({ pk: input.Key?.pk?.S, sk: input.Key?.sk?.S });
    try {
      const response = await this.client.send(new UpdateItemCommand({ ...input, TableName: this.tableName, ReturnConsumedCapacity: 'TOTAL' }));
      this.count(response.ConsumedCapacity, 'write', itemClass);
      return response;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      this.countFailedWrite(itemClass);
      return undefined;
    }
  }

  /** One page of a Query on the table (`pk`, optional `sk` prefix) or on the byKind index (`indexKind`). */
  public async queryPage(input: {
    pk: string;
    skPrefix?: string;
    indexKind?: string;
    limit?: number;
    startKey?: Item;
    forward?: boolean;
    projection?: string;
  }): Promise<{ items: Item[]; lastKey?: Item }> {
    const onIndex = input.indexKind !== undefined;
    const withPrefix = input.skPrefix !== undefined && !onIndex;
    const response = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: onIndex ? KIND_INDEX.indexName : undefined,
        KeyConditionExpression: withPrefix ? '#pk = :pk AND begins_with(#sk, :prefix)' : '#pk = :pk',
        ExpressionAttributeNames: onIndex ? { '#pk': KIND_INDEX.partitionKey } : { '#pk': 'pk', ...(withPrefix ? { '#sk': 'sk' } : {}) },
        ExpressionAttributeValues: { ':pk': S(onIndex ? input.indexKind! : input.pk), ...(withPrefix ? { ':prefix': S(input.skPrefix!) } : {}) },
        ProjectionExpression: input.projection,
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

  /** Every item of partition `pk` (under `skPrefix`), all pages. */
  public async queryAll(pk: string, skPrefix?: string, projection?: string): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.queryPage({ pk, skPrefix, startKey, projection });
      items.push(...page.items);
      startKey = page.lastKey;
    } while (startKey);
    return items;
  }

  /**
   * Items by key, 100 per request, unprocessed keys retried with back-off; missing items are
   * left out. Strongly consistent unless `consistent` is false (half the read units).
   */
  public async batchGet(keys: ReadonlyArray<{ pk: string; sk: string }>, consistent = true): Promise<Item[]> {
    const out: Item[] = [];
    for (let i = 0; i < keys.length; i += BATCH_GET_MAX_KEYS) {
      let pending: Item[] | undefined = keys.slice(i, i + BATCH_GET_MAX_KEYS).map((key) => ({ pk: S(key.pk), sk: S(key.sk) }));
      let attempt = 0;
      while (pending && pending.length > 0) {
        const response = await this.client.send(
          new BatchGetItemCommand({
            RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: consistent } },
            ReturnConsumedCapacity: 'TOTAL',
          }),
        );
        this.count(response.ConsumedCapacity, 'read', itemClassOf({ pk: pending[0]?.pk?.S, sk: pending[0]?.sk?.S }));
        out.push(...(response.Responses?.[this.tableName] ?? []));
        pending = response.UnprocessedKeys?.[this.tableName]?.Keys as Item[] | undefined;
        if (pending && pending.length > 0) {
          attempt += 1;
          await this.sleep(this.retryBaseMs * 2 ** Math.min(attempt, 4));
        }
      }
    }
    return out;
  }
}
