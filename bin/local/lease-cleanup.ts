// Start-up cleanup of a local state folder: the CLI owns the folder, so an index lease found
// there at start belongs to a run that stopped (killed, crashed) before releasing it. Waiting
// for it to lapse (5 minutes) would only delay the next run; instead each is rolled forward
// (its article, if written, is registered in the bucket, as a lease taker would) or cleared.
import { GetItemCommand, ScanCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { KEY_PREFIXES, itemKeys } from '../../lambdas/adapters/table-schema.js';

/** What the cleanup did. */
export interface LeaseCleanup {
  /** Leases removed. */
  readonly cleared: number;
  /** Of those, leases whose holder had written its article, now registered in the bucket. */
  readonly rolledForward: number;
}

/**
 * Rolls forward or clears every index lease in the table. Only for a table no other process
 * uses at the moment (the local CLI's own state folder).
 *
 * @example
 * const { cleared, rolledForward } = await clearDeadLeases(stack.dynamo, stack.tableName);
 */
export async function clearDeadLeases(dynamo: DynamoDBClient, tableName: string): Promise<LeaseCleanup> {
  let cleared = 0;
  let rolledForward = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :idx) AND attribute_exists(leaseHolder)',
        ExpressionAttributeValues: { ':idx': { S: KEY_PREFIXES.index } },
        ExclusiveStartKey: start,
      }),
    );
    for (const bucket of page.Items ?? []) {
      const holder = bucket.leaseHolder?.S ?? '';
      const docId = holder.split(':')[0] ?? '';
      const listed = (bucket.entries?.L ?? []).some((entry) => entry.M?.d?.S === docId);
      const sketch = docId && !listed ? (await dynamo.send(new GetItemCommand({ TableName: tableName, Key: { pk: { S: itemKeys.docSketch(docId).pk }, sk: { S: 'SKETCH' } }, ConsistentRead: true }))).Item : undefined;
      const entry = sketch ? { M: { d: { S: docId }, f: sketch.fingerprint ?? { S: '' }, t: sketch.firstSeen ?? { S: '' } } } : undefined;
      await dynamo.send(
        new UpdateItemCommand({
          TableName: tableName,
          Key: { pk: bucket.pk!, sk: bucket.sk! },
          UpdateExpression: entry ? 'SET #entries = list_append(if_not_exists(#entries, :empty), :entry) REMOVE leaseHolder, leaseExpires' : 'REMOVE leaseHolder, leaseExpires',
          ConditionExpression: 'leaseHolder = :holder',
          ExpressionAttributeNames: entry ? { '#entries': 'entries' } : undefined,
          ExpressionAttributeValues: { ':holder': { S: holder }, ...(entry ? { ':empty': { L: [] }, ':entry': { L: [entry] } } : {}) },
        }),
      );
      cleared += 1;
      if (entry) rolledForward += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { cleared, rolledForward };
}
