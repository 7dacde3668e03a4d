// The DynamoDB table layout, shared by the CDK stack, the local stack and the store
// adapter so that all three create and read the same table.

/** Attribute names of the single records table. */
export const TABLE_KEYS = {
  partitionKey: 'pk',
  sortKey: 'sk',
} as const;

/** Secondary index used to list records of one kind (e.g. all canonical articles) in time order. */
export const KIND_INDEX = {
  indexName: 'byKind',
  partitionKey: 'kind',
  sortKey: 'createdAt',
} as const;

/** Default S3 prefix whose objects the pipeline processes. */
export const DEFAULT_INCOMING_PREFIX = 'incoming/';

/**
 * Key prefixes of the single-table design (documented in docs/architecture.md, "Data model").
 * Every item's `pk` starts with one of these; the store builds keys only through {@link itemKeys}.
 */
export const KEY_PREFIXES = {
  /** Canonical article: `DOC#<docId>`; sort keys `META`, `BODY#<n>` and `SRC#<sourceId>`. */
  doc: 'DOC#',
  /** One ingested object: `SRC#<bucket>/<key>`, sort key `V#<versionId or ETag>`. */
  source: 'SRC#',
  /** One paragraph fingerprint seen on one site: `PARA#<fp>`, sort key `SITE#<site>`. */
  paragraph: 'PARA#',
  /** One index bucket (fingerprint band or paragraph sketch key): `IDX#<key>`, sort key `IDX`. */
  index: 'IDX#',
} as const;

/** Values of the `kind` attribute, the partition key of {@link KIND_INDEX}. */
export const ITEM_KINDS = {
  /** Canonical article records (listable in first-seen order). */
  doc: 'doc',
  /** Source records, one per ingested object version (listable in processing order). */
  source: 'source',
} as const;

/** Builders of every key the store reads or writes, so no other file spells a key. */
export const itemKeys = {
  docMeta: (docId: string) => ({ pk: `${KEY_PREFIXES.doc}${docId}`, sk: 'META' }),
  docBody: (docId: string, chunk: number) => ({
    pk: `${KEY_PREFIXES.doc}${docId}`,
    sk: `BODY#${String(chunk).padStart(4, '0')}`,
  }),
  docSource: (docId: string, sourceId: string) => ({ pk: `${KEY_PREFIXES.doc}${docId}`, sk: `SRC#${sourceId}` }),
  source: (bucket: string, key: string, version: string) => ({
    pk: `${KEY_PREFIXES.source}${bucket}/${key}`,
    sk: `V#${version}`,
  }),
  paragraphSite: (fingerprint: string, site: string) => ({
    pk: `${KEY_PREFIXES.paragraph}${fingerprint}`,
    sk: `SITE#${site}`,
  }),
  index: (indexKey: string) => ({ pk: `${KEY_PREFIXES.index}${indexKey}`, sk: 'IDX' }),
} as const;
