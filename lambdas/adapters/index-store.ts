// The candidate index on the records table: one item per index key (`IDX#<key>`) holding the
// ids of the articles registered under it and the lease on it. A document registers itself in
// the same write that takes the lease (one write per key); its article item is the commit point
// that turns that entry into an article (docs/architecture.md, "Delivery guarantees").
import { randomInt } from 'node:crypto';
import { LeaseBusyError, LeaseLostError } from '../dedup/errors.js';
import type { DedupOptions } from '../dedup/options.js';
import type { DedupIndex, IndexLease, IndexLookUp } from '../dedup/types.js';
import { N, S, SS, strSet } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import type { DynamoTable } from './dynamo-table.js';
import { KEY_PREFIXES, itemKeys } from './table-schema.js';

/** Attribute names of index bucket items. */
export const INDEX_ATTRS = { ids: 'ids', holder: 'leaseHolder', expires: 'leaseExpires' } as const;

/** Immediate re-tries of a lease write after a read showed the bucket free, full or done. */
const LEASE_QUICK_RETRIES = 8;

/** Which of these article ids are committed (their article item exists). */
export type CommittedCheck = (docIds: readonly string[]) => Promise<ReadonlySet<string>>;

/** The article a lease holder works for (holders are `<docId>:<uuid>`). */
export function docIdOfHolder(holder: string): string {
  const colon = holder.indexOf(':');
  return colon < 0 ? holder : holder.slice(0, colon);
}

/** Construction parameters of {@link DynamoIndex}. */
export interface DynamoIndexConfig {
  readonly table: DynamoTable;
  readonly options: DedupOptions;
  /** Tells which holders are done: a holder whose article is committed needs its lease no more. */
  readonly committed: CommittedCheck;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/**
 * {@link DedupIndex} on DynamoDB: look-ups without leases, and leases that register.
 *
 * A lease is two attributes on the bucket item, taken by one UpdateItem conditioned on "free,
 * lapsed, mine, or held by a holder that is done" which also adds the document's id to the
 * bucket (unless it is full) and returns the item as it was. The lease then ends in one of three
 * ways: the holder commits its article (nothing more is written: a holder whose article exists
 * is done, and the next taker checks that), the holder releases it (a duplicate, or a failure
 * before committing: the id is taken out again), or it lapses.
 */
export class DynamoIndex implements DedupIndex {
  private readonly table: DynamoTable;
  private readonly options: DedupOptions;
  private readonly committed: CommittedCheck;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  public constructor(config: DynamoIndexConfig) {
    this.table = config.table;
    this.options = config.options;
    this.committed = config.committed;
    this.now = config.now;
    this.sleep = config.sleep;
  }

  /**
   * Reads the buckets without leases (eventually consistent, half the read units): what they
   * list and which are full. Only ever used to find a match, never to decide "no match".
   */
  public async lookUp(keys: readonly string[]): Promise<IndexLookUp> {
    const items = await this.table.batchGet([...new Set(keys)].map((key) => itemKeys.index(key)), false);
    const docIds = new Set<string>();
    const saturated: string[] = [];
    for (const item of items) {
      const ids = strSet(item, INDEX_ATTRS.ids);
      // A full bucket's key no longer discriminates (a common phrase, a stock opening): its ids
      // would only cost reads, so they are not candidates.
      if (ids.length >= this.options.indexMaxEntries) saturated.push((item.pk?.S ?? '').slice(KEY_PREFIXES.index.length));
      else for (const id of ids) docIds.add(id);
    }
    return { docIds: [...docIds], saturated };
  }

  /** The lease write on one bucket: takes it when free, lapsed, ours or `doneHolder`'s, and registers `docId` unless full. */
  private async takeLease(key: string, holder: string, register: boolean, now: number, doneHolder: string | undefined): Promise<Item | undefined> {
    const k = itemKeys.index(key);
    const free = `attribute_not_exists(#holder) OR #expires < :now OR #holder = :holder${doneHolder !== undefined ? ' OR #holder = :done' : ''}`;
    const response = await this.table.update({
      Key: { pk: S(k.pk), sk: S(k.sk) },
      UpdateExpression: register ? 'SET #holder = :holder, #expires = :expires ADD #ids :me' : 'SET #holder = :holder, #expires = :expires',
      // A full bucket is not registered in (its key no longer discriminates): the size check makes
      // a stale "not full" from the look-up fail here instead of growing the bucket.
      ConditionExpression: register ? `(${free}) AND (attribute_not_exists(#ids) OR size(#ids) < :cap)` : free,
      ExpressionAttributeNames: { '#holder': INDEX_ATTRS.holder, '#expires': INDEX_ATTRS.expires, ...(register ? { '#ids': INDEX_ATTRS.ids } : {}) },
      ExpressionAttributeValues: {
        ':holder': S(holder),
        ':expires': N(now + this.options.leaseTtlMs),
        ':now': N(now),
        ...(doneHolder !== undefined ? { ':done': S(doneHolder) } : {}),
        ...(register ? { ':me': SS([docIdOfHolder(holder)]), ':cap': N(this.options.indexMaxEntries) } : {}),
      },
      // The item as it was: the ids listed before this write, and who held it.
      ReturnValues: 'ALL_OLD',
    });
    return response ? (response.Attributes ?? {}) : undefined;
  }

  /**
   * Takes a lease on each bucket in sorted key order (so two holders never wait on each other
   * in a cycle), registering the holder's article id in each that is not full. A bucket held
   * by a live holder that is not done is waited for with jittered back-off, at most `maxWaitMs`
   * in all; then what was taken is released and `LeaseBusyError` names the bucket, the wait and
   * when its lease lapses.
   */
  public async lock(keys: readonly string[], holder: string, maxWaitMs = this.options.leaseMaxWaitMs, full: readonly string[] = []): Promise<IndexLease> {
    const sorted = [...new Set(keys)].sort();
    const me = docIdOfHolder(holder);
    const saturated = new Set(full);
    const taken: string[] = [];
    const listed = new Set<string>();
    const lapsed = new Set<string>();
    let registeredBefore = true;
    const started = this.now();
    let expiresAt = Number.POSITIVE_INFINITY;
    try {
      for (const key of sorted) {
        let attempt = 0;
        let doneHolder: string | undefined;
        for (;;) {
          const now = this.now();
          const register = !saturated.has(key);
          const old = await this.takeLease(key, holder, register, now, doneHolder);
          if (old) {
            const previous = old[INDEX_ATTRS.holder]?.S;
            const previousExpiry = Number(old[INDEX_ATTRS.expires]?.N ?? Number.POSITIVE_INFINITY);
            if (previous !== undefined && previous !== holder && previous !== doneHolder && previousExpiry < now) lapsed.add(docIdOfHolder(previous));
            const ids = strSet(old, INDEX_ATTRS.ids);
            const full = ids.length >= this.options.indexMaxEntries;
            if (full) saturated.add(key);
            else for (const id of ids) if (id !== me) listed.add(id);
            // Absent from a bucket it could have been registered in: no earlier attempt of this
            // document took every lease, so none committed its article.
            if (register && !ids.includes(me)) registeredBefore = false;
            taken.push(key);
            expiresAt = Math.min(expiresAt, now + this.options.leaseTtlMs);
            break;
          }
          // Refused: the bucket is held, or it is full. A strongly consistent read tells which,
          // and whether its holder is done (its article committed: it needs the lease no more).
          const bucket = await this.table.get(itemKeys.index(key));
          const current = bucket?.[INDEX_ATTRS.holder]?.S;
          const heldUntil = Number(bucket?.[INDEX_ATTRS.expires]?.N ?? 0);
          let retryNow = false;
          if (strSet(bucket, INDEX_ATTRS.ids).length >= this.options.indexMaxEntries && !saturated.has(key)) {
            saturated.add(key);
            retryNow = true;
          } else if (current === undefined || heldUntil < this.now()) {
            retryNow = true;
          } else if (current !== doneHolder && (await this.committed([docIdOfHolder(current)])).has(docIdOfHolder(current))) {
            doneHolder = current;
            retryNow = true;
          }
          attempt += 1;
          const waited = this.now() - started;
          // Bounded even when the bucket keeps changing under us between the write and the read.
          if (retryNow && attempt < LEASE_QUICK_RETRIES) continue;
          if (waited >= maxWaitMs) throw new LeaseBusyError(key, waited, heldUntil || undefined);
          const ceiling = this.options.leaseRetryBaseMs * 2 ** Math.min(attempt, 4);
          await this.sleep(ceiling / 2 + randomInt(Math.max(1, Math.ceil(ceiling / 2))));
        }
      }
    } catch (error) {
      await this.releaseKeys(taken, holder, true);
      throw error;
    }
    return {
      holder,
      keys: sorted,
      listed: [...listed],
      saturated: [...saturated],
      expiresAt,
      lapsedHolders: [...lapsed],
      mayHaveCommitted: registeredBefore,
    };
  }

  /**
   * Throws `LeaseLostError` (after releasing) when the lease is too close to expiry to commit
   * under: the article write that follows must land while every lease is still ours.
   */
  public async assertHeld(lease: IndexLease): Promise<void> {
    if (this.now() <= lease.expiresAt - this.options.leaseSafetyMarginMs) return;
    await this.release(lease);
    throw new LeaseLostError(lease.keys[0] ?? '(none)');
  }

  /**
   * Releases the leases of a holder that did not commit, taking its id out of the buckets again.
   * A lease already lost (lapsed and taken over) is left alone: the condition fails quietly.
   */
  public async release(lease: IndexLease): Promise<void> {
    await this.releaseKeys(lease.keys, lease.holder, true);
  }

  private async releaseKeys(keys: readonly string[], holder: string, unregister: boolean): Promise<void> {
    await Promise.all(keys.map((key) => endLease(this.table, key, holder, unregister)));
  }

  /**
   * Start-up cleanup of one bucket's lease in a table no other process uses at the moment (the
   * local CLI's own state folder, whose scan finds the buckets): the lease is removed; the
   * holder's id stays registered when its article was committed (rolled forward: returns true)
   * and is taken out when it was not.
   */
  public async clearDeadLease(key: string, holder: string): Promise<boolean> {
    const docId = docIdOfHolder(holder);
    const done = (await this.committed([docId])).has(docId);
    await endLease(this.table, key, holder, !done);
    return done;
  }

  /** The committed articles registered under `keys` (strongly consistent; inspection and tests). */
  public async query(keys: readonly string[]): Promise<string[]> {
    const items = await this.table.batchGet([...new Set(keys)].map((key) => itemKeys.index(key)));
    const ids = [...new Set(items.flatMap((item) => strSet(item, INDEX_ATTRS.ids)))];
    const committed = await this.committed(ids);
    return ids.filter((id) => committed.has(id));
  }
}

/**
 * Ends `holder`'s lease on one bucket, taking its id out too when `unregister`. A lease already
 * lost (lapsed and taken over) is not ours to end: the condition fails quietly.
 */
async function endLease(table: DynamoTable, key: string, holder: string, unregister: boolean): Promise<void> {
  const k = itemKeys.index(key);
  await table.update({
    Key: { pk: S(k.pk), sk: S(k.sk) },
    UpdateExpression: unregister ? 'REMOVE #holder, #expires DELETE #ids :me' : 'REMOVE #holder, #expires',
    ConditionExpression: '#holder = :holder',
    ExpressionAttributeNames: { '#holder': INDEX_ATTRS.holder, '#expires': INDEX_ATTRS.expires, ...(unregister ? { '#ids': INDEX_ATTRS.ids } : {}) },
    ExpressionAttributeValues: { ':holder': S(holder), ...(unregister ? { ':me': SS([docIdOfHolder(holder)]) } : {}) },
  });
}
