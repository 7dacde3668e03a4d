// Start-up cleanup of a local state folder: the CLI owns the folder, so an index lease found
// there at start belongs to a run that stopped (killed, crashed) before releasing it. Waiting
// for it to lapse (5 minutes) would only delay the next run; instead the store rolls each
// forward (its article committed: the id stays registered) or clears it (issue 11's index).
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import type { LeaseCleanup } from '../../lambdas/adapters/index-store.js';

export type { LeaseCleanup } from '../../lambdas/adapters/index-store.js';

/**
 * Rolls forward or clears every index lease in the table. Only for a table no other process
 * uses at the moment (the local CLI's own state folder).
 *
 * @example
 * const { cleared, rolledForward } = await clearDeadLeases(stack.dynamo, stack.tableName);
 */
export async function clearDeadLeases(dynamo: DynamoDBClient, tableName: string): Promise<LeaseCleanup> {
  return new DynamoStore({ client: dynamo, tableName }).clearDeadLeases();
}
