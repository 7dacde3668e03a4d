// Counts the DynamoDB capacity a client's calls consume, for the function's metrics: an AWS SDK
// middleware that reads `ConsumedCapacity` from each response where the caller asked for it
// (the store asks on every call, ReturnConsumedCapacity TOTAL). It never changes a request,
// so what it counts is what DynamoDB billed, index writes included (TOTAL covers them).
import type { DynamoDBClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-dynamodb';
// Types only (erased at build): the SDK's own middleware types, which @aws-sdk/* depend on.
import type { InitializeMiddleware } from '@smithy/types';

/** Capacity counted since the last {@link CapacityMeter.take}. */
export interface CapacityCounts {
  /** Write capacity units DynamoDB reported (tables and their indexes). */
  readonly writeUnits: number;
  /** Read capacity units DynamoDB reported. */
  readonly readUnits: number;
  /**
   * Conditional writes DynamoDB refused (ConditionalCheckFailedException). DynamoDB bills each
   * at least one write unit (the size of the item it checked) but reports none.
   */
  readonly failedConditionalWrites: number;
  /** Successful writes sent without ReturnConsumedCapacity: billed, but not in `writeUnits`. */
  readonly unmeteredWrites: number;
}

/** Calls that write (their units are write units). */
const WRITE_COMMANDS = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);

/** Calls that read. */
const READ_COMMANDS = new Set(['GetItemCommand', 'BatchGetItemCommand', 'QueryCommand', 'ScanCommand', 'TransactGetItemsCommand']);

/** One entry of a response's ConsumedCapacity (a list for batch and transaction calls). */
interface Consumed {
  readonly CapacityUnits?: number;
  readonly ReadCapacityUnits?: number;
  readonly WriteCapacityUnits?: number;
}

/** Name under which the meter sits in a client's middleware stack (attaching twice replaces it). */
export const CAPACITY_METER_MIDDLEWARE = 'scrapeDedupCapacityMeter';

type Middleware = InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes>;

const zero = (): { -readonly [K in keyof CapacityCounts]: number } => ({ writeUnits: 0, readUnits: 0, failedConditionalWrites: 0, unmeteredWrites: 0 });

/**
 * Meters the DynamoDB capacity of every client it is attached to.
 *
 * @example
 * const meter = new CapacityMeter();
 * meter.attach(dynamo);
 * await store.putSource(...);
 * meter.take(); // { writeUnits: 1, readUnits: 0, failedConditionalWrites: 0, unmeteredWrites: 0 }
 */
export class CapacityMeter {
  private counts = zero();

  /** Adds the meter to `client`'s middleware stack (initialize step: once per call, after retries). */
  public attach(client: DynamoDBClient): DynamoDBClient {
    client.middlewareStack.add(this.middleware, { step: 'initialize', name: CAPACITY_METER_MIDDLEWARE, override: true });
    return client;
  }

  /** The counts since the last call, and a fresh start. */
  public take(): CapacityCounts {
    const counts = this.counts;
    this.counts = zero();
    return counts;
  }

  private readonly middleware: Middleware = (next, context) => async (args) => {
    const kind = WRITE_COMMANDS.has(context.commandName ?? '') ? 'write' : READ_COMMANDS.has(context.commandName ?? '') ? 'read' : undefined;
    try {
      const result = await next(args);
      if (kind !== undefined) this.count(kind, (result.output as { ConsumedCapacity?: Consumed | Consumed[] }).ConsumedCapacity);
      return result;
    } catch (error) {
      if (kind === 'write' && (error as { name?: unknown }).name === 'ConditionalCheckFailedException') this.counts.failedConditionalWrites += 1;
      throw error;
    }
  };

  private count(kind: 'read' | 'write', consumed: Consumed | Consumed[] | undefined): void {
    if (consumed === undefined) {
      if (kind === 'write') this.counts.unmeteredWrites += 1;
      return;
    }
    for (const entry of Array.isArray(consumed) ? consumed : [consumed]) {
      // TOTAL and INDEXES modes report CapacityUnits; the per-kind fields are a fallback.
      const units = entry.CapacityUnits ?? (kind === 'write' ? entry.WriteCapacityUnits : entry.ReadCapacityUnits) ?? 0;
      if (kind === 'write') this.counts.writeUnits += units;
      else this.counts.readUnits += units;
    }
  }
}
