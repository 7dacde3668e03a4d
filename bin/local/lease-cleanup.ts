// Start-up cleanup of a local state folder: the CLI owns the folder, so an index lease found
// there at start belongs to a run that stopped (killed, crashed) before releasing it. Waiting
// for it to lapse (5 minutes) would only delay the next run; instead each is rolled forward
// (its article committed: the id stays registered) or cleared (the id taken out), by the store.
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { INDEX_ATTRS } from '../../lambdas/adapters/index-store.js';
import { KEY_PREFIXES } from '../../lambdas/adapters/table-schema.js';

/** What the cleanup did. */
export interface LeaseCleanup {
  /** Leases removed. */
  readonly cleared: number;
  /** Of those, leases whose holder had committed its article (its id stays registered). */
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
  const store = new DynamoStore({ client: dynamo, tableName });
  let cleared = 0;
  let rolledForward = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :idx) AND attribute_exists(#holder)',
        ExpressionAttributeNames: { '#holder': INDEX_ATTRS.holder },
        ExpressionAttributeValues: { ':idx': { S: KEY_PREFIXES.index } },
        ExclusiveStartKey: start,
      }),
    );
    for (const bucket of page.Items ?? []) {
      const key = (bucket.pk?.S ?? '').slice(KEY_PREFIXES.index.length);
      const holder = bucket[INDEX_ATTRS.holder]?.S ?? '';
      if (await store.clearDeadLease(key, holder)) rolledForward += 1;
      cleared += 1;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return { cleared, rolledForward };
}
