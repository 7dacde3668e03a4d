// A retry after a crash at any step completes the work without counting anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';
import { indexKeysFor } from '../../lambdas/dedup/keys.js';
import { DEFAULT_DEDUP_OPTIONS } from '../../lambdas/dedup/options.js';
import type { IndexLease, NewCanonical, SourceRecord } from '../../lambdas/dedup/types.js';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import { createObjectProcessor } from '../../lambdas/process-object.js';
import { proseParagraphs, scrapeText } from '../helpers/factories.js';

/** A store that fails once at a chosen step, as a process dying there would. */
class CrashingStore extends DynamoStore {
  public crashAt: 'commit' | 'recordParagraphs' | 'putSource' | undefined;

  public override async putCanonical(doc: NewCanonical, beforeCommit?: () => Promise<void>): Promise<void> {
    if (this.crashAt !== 'commit') return super.putCanonical(doc, beforeCommit);
    this.crashAt = undefined;
    // The body is written, the article item (the commit point) is not.
    return super.putCanonical(doc, () => Promise.reject(new Error('crash before the commit')));
  }

  public override async recordParagraphs(docId: string, site: string, paragraphs: readonly string[], fingerprints: readonly string[], seenAt: string): Promise<void> {
    if (this.crashAt === 'recordParagraphs') {
      this.crashAt = undefined;
      throw new Error('crash after the commit');
    }
    return super.recordParagraphs(docId, site, paragraphs, fingerprints, seenAt);
  }

  public override async putSource(record: SourceRecord): Promise<void> {
    if (this.crashAt === 'putSource') {
      this.crashAt = undefined;
      throw new Error('crash before the source record');
    }
    return super.putSource(record);
  }
}

let stack: LocalStack;
let store: CrashingStore;

beforeAll(async () => {
  stack = await startLocalStack();
  store = new CrashingStore({ client: stack.dynamo, tableName: stack.tableName });
});

afterAll(async () => {
  await stack?.close();
});

async function upload(key: string, text: string) {
  const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: text }));
  return { bucket: stack.bucket, key, eTag: normalizeETag(put.ETag) };
}

describe('Integration: retries after a crash', () => {
  it.each(['commit', 'recordParagraphs', 'putSource'] as const)('completes a canonical article after a crash at %s, counting once', async (step) => {
    // Prepare
    const paragraphs = proseParagraphs(700 + ['commit', 'recordParagraphs', 'putSource'].indexOf(step), 6);
    const text = scrapeText(`Crash at ${step}`, paragraphs);
    const ref = await upload(`incoming/crash/${step}.txt`, text);
    const processObject = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, store });
    store.crashAt = step;
    // Act
    await expect(processObject(ref)).rejects.toThrow('crash');
    const retried = await processObject(ref);
    // Assess: canonical, registered once per bucket, each paragraph counted once
    expect(retried.outcome).toBe('canonical');
    const doc = cleanScrape(Buffer.from(text), { key: ref.key });
    const keys = indexKeysFor(doc, DEFAULT_DEDUP_OPTIONS);
    const entries = await Promise.all(keys.map((key) => store.query([key])));
    for (const bucket of entries) expect(bucket).toEqual([retried.docId]);
    const counts = await store.siteParagraphCounts('incoming/crash/', doc.paragraphFingerprints);
    expect(counts.get(doc.paragraphFingerprints[0]!)).toBe(1);
    expect(await store.listDocSources(retried.docId!)).toHaveLength(1);
    // A near-duplicate processed afterwards finds the article.
    const copy = await upload(`incoming/crash/${step}-copy.txt`, scrapeText(`Crash at ${step}`, [...paragraphs.slice(0, 5), `${paragraphs[5]} Updated.`]));
    expect(await processObject(copy)).toMatchObject({ outcome: 'duplicate', docId: retried.docId });
  });
  it('rolls a dead holder forward: died after writing its article, lease lapsed, a near-duplicate came, then the retry: one canonical', async () => {
    // Prepare: a clock the leases read, and a store whose process "dies" after writing the article
    let clock = Date.now();
    class DyingStore extends DynamoStore {
      public dead = false;
      public override async putCanonical(doc: NewCanonical, beforeCommit?: () => Promise<void>): Promise<void> {
        await super.putCanonical(doc, beforeCommit);
        this.dead = true;
        throw new Error('killed after the article write');
      }
      public override async release(lease: IndexLease): Promise<void> {
        // A dead process releases nothing: its leases stay until they lapse.
        if (this.dead) return;
        return super.release(lease);
      }
    }
    const dying = new DyingStore({ client: stack.dynamo, tableName: stack.tableName, now: () => clock });
    const live = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName, now: () => clock });
    const paragraphs = proseParagraphs(777, 8);
    const first = await upload('incoming/lapse/original.txt', scrapeText('Lapse story', paragraphs));
    const copy = await upload('incoming/lapse/copy.txt', scrapeText('Lapse story', [...paragraphs.slice(0, 7), `${paragraphs[7]} Corrected.`]));
    // Act: the first processor dies; the lease TTL passes; a near-duplicate; then the retry
    await expect(createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, store: dying })(first)).rejects.toThrow('killed');
    clock += DEFAULT_DEDUP_OPTIONS.leaseTtlMs + 1000;
    const processLive = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, store: live });
    const duplicate = await processLive(copy);
    const retried = await processLive(first);
    // Assess
    expect(retried.outcome).toBe('canonical');
    expect(duplicate).toMatchObject({ outcome: 'duplicate', docId: retried.docId });
    const doc = cleanScrape(Buffer.from(scrapeText('Lapse story', paragraphs)), { key: first.key });
    for (const key of indexKeysFor(doc, DEFAULT_DEDUP_OPTIONS)) expect(await live.query([key])).toContain(retried.docId);
  });
});
