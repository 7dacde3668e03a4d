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
