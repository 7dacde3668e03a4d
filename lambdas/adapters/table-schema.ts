// The DynamoDB table layout, shared by the CDK stack, the local stack and the store
// adapter so that all three create and read the same table.
import { createHash } from 'node:crypto';

/** Attribute names of the single records table. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/**
 * Secondary index used to list records of one kind (all canonical articles, all source records)
 * in time order. Its partition key is sharded (`doc#0`..`doc#7`, by a hash of the item's key): one
 * value per kind would put every write of the index on one partition (about 1,000 writes/s), and
 * listing merges the shards by `createdAt`. It projects only what listing reads, so an article's
 * shingle sample is never copied into it (a write unit per KB, billed on the index too).
 */
export const KIND_INDEX = {
  indexName: 'byKind',
  partitionKey: 'kind',
  sortKey: 'createdAt',
  shards: 8,
  projectedAttributes: [
    'docId', 'title', 'site', 'firstSeen', 'lastSeen', 'duplicateCount', 'bodyBytes', 'bodyChunks', 'textChars',
    'fingerprint', 'paragraphFps', 'paragraphCount', 'bucket', 'key', 'version', 'record', 'url',
    'outcome', 'distance', 'paragraphOverlap', 'containment', 'code', 'reason', 'learnedChromeRemoved', 'processedAt',
  ],
} as const;

/**
 * The sharded `kind` value of an item: `<kind>#<n>`, n from a hash of its partition key.
 *
 * @example
 * kindShard('doc', 'DOC#0123abcd'); // 'doc#5'
 */
export function kindShard(kind: string, pk: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < pk.length; i += 1) h = Math.imul(h ^ pk.charCodeAt(i), 0x01000193);
  return `${kind}#${(h >>> 0) % KIND_INDEX.shards}`;
}

/** Default S3 prefix whose objects the pipeline processes. */
export const DEFAULT_INCOMING_PREFIX = 'incoming/';

/**
 * Key prefixes of the single-table design (documented in docs/architecture.md, "Data model").
 * Every item's `pk` starts with one of these; the store builds keys only through {@link itemKeys}.
 */
export const KEY_PREFIXES = {
  /**
   * Canonical article: `DOC#<docId>`; sort keys `META` (the article item, its commit point),
   * `BODY#<n>` and `SRC#<sourceId>` (one link per duplicate).
   */
  doc: 'DOC#',
  /**
   * One ingested document: `SRC#<bucket>/<key>`, sort key `V#<versionId or ETag>`, followed by
   * `#R#<record>` for one record of a multi-document object (WARC, JSON Lines).
   */
  source: 'SRC#',
  /**
   * The recurring paragraphs of one site (learned chrome): `SITE#<site>`, sort key `PARAS`. One
   * small item per site: the opening and closing paragraphs of its latest canonical articles
   * and the paragraphs learned as chrome.
   */
  site: 'SITE#',
  /** One index bucket (shingle or lead key): `IDX#<key>`, sort key `IDX`; the ids registered under it and its lease. */
  index: 'IDX#',
} as const;

/** Values of the `kind` attribute, the partition key of {@link KIND_INDEX}. */
export const ITEM_KINDS = {
  /** Canonical article records (listable in first-seen order). */
  doc: 'doc',
  /** Source records, one per ingested object version (listable in processing order). */
  source: 'source',
} as const;

/**
 * Longest part of a sort key taken from outside data (an S3 key, a site folder), in UTF-8 bytes.
 * DynamoDB refuses sort keys over 1,024 bytes, and S3 keys may be 1,024 bytes themselves: a
 * longer part is cut and suffixed with its SHA-256, so it stays unique and fits (issue 7: a
 * 1,024-byte object key failed on every delivery and ended in the dead-letter queue).
 */
export const MAX_SORT_KEY_PART_BYTES = 700;

/**
 * `value` when it fits {@link MAX_SORT_KEY_PART_BYTES}, else its head and a digest of the whole.
 *
 * @example
 * boundedKeyPart('scrapes/incoming/a.txt#e1'); // unchanged
 * boundedKeyPart('x'.repeat(2000)).length;      // 700
 */
export function boundedKeyPart(value: string): string {
  if (Buffer.byteLength(value, 'utf8') <= MAX_SORT_KEY_PART_BYTES) return value;
  const digest = createHash('sha256').update(value).digest('hex');
  const budget = MAX_SORT_KEY_PART_BYTES - digest.length - 1;
  let head = '';
  let bytes = 0;
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > budget) break;
    head += char;
    bytes += size;
  }
  return `${head}~${digest}`;
}

/** Builders of every key the store reads or writes, so no other file spells a key. */
export const itemKeys = {
  docMeta: (docId: string) => ({ pk: `${KEY_PREFIXES.doc}${docId}`, sk: 'META' }),
  docBody: (docId: string, chunk: number) => ({
    pk: `${KEY_PREFIXES.doc}${docId}`,
    sk: `BODY#${String(chunk).padStart(4, '0')}`,
  }),
  docSource: (docId: string, sourceId: string) => ({ pk: `${KEY_PREFIXES.doc}${docId}`, sk: `SRC#${boundedKeyPart(sourceId)}` }),
  source: (bucket: string, key: string, version: string, record?: string) => ({
    pk: `${KEY_PREFIXES.source}${bucket}/${key}`,
    sk: record === undefined ? `V#${version}` : `V#${version}#R#${boundedKeyPart(record)}`,
  }),
  index: (indexKey: string) => ({ pk: `${KEY_PREFIXES.index}${indexKey}`, sk: 'IDX' }),
  siteParagraphs: (site: string) => ({ pk: `${KEY_PREFIXES.site}${boundedKeyPart(site)}`, sk: 'PARAS' }),
} as const;

/**
 * The DynamoDB API calls the store makes, and so the only ones the stack grants the function
 * (least privilege: no Scan, DeleteItem or BatchWriteItem, which `grantReadWriteData` would add).
 * `tests/unit/adapters/table-actions.test.ts` fails when the store sends a command not listed here.
 */
export const STORE_TABLE_ACTIONS = ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'] as const;
