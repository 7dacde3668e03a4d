// The real handler, pipeline and store against dynalite and s3rver started in-process on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { Logger } from '@aws-lambda-powertools/logger';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';
import { LEARNED_CHROME_REASON } from '../../lambdas/dedup/chrome.js';
import { createHandler } from '../../lambdas/handler.js';
import { articleIdFor, createDocumentDecider } from '../../lambdas/process-object.js';
import { proseParagraphs, s3Event, scrapeText, sqsEvent } from '../helpers/factories.js';

let stack: LocalStack;
let store: DynamoStore;
let handle: ReturnType<typeof createHandler>;

/** Uploads an object and returns the SQS event S3 would have queued for it. */
async function upload(key: string, body: string | Uint8Array, metadata?: Record<string, string>) {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes, Metadata: metadata }));
  return sqsEvent(s3Event({ bucket: stack.bucket, key, size: bytes.byteLength, eTag: normalizeETag(put.ETag) }));
}

async function tableItems(): Promise<Array<Record<string, AttributeValue>>> {
  const items: Array<Record<string, AttributeValue>> = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await stack.dynamo.send(new ScanCommand({ TableName: stack.tableName, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** DynamoDB's size of an item: attribute names plus values (binary by length, text as UTF-8). */
function itemBytes(item: Record<string, AttributeValue>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) {
    bytes += Buffer.byteLength(name);
    if (value.B) bytes += value.B.byteLength;
    else if (value.S !== undefined) bytes += Buffer.byteLength(value.S);
    else bytes += Buffer.byteLength(JSON.stringify(value));
  }
  return bytes;
}

/** Items other than the index buckets (whose lease attributes come and go by design). */
async function recordSnapshot(): Promise<string[]> {
  return (await tableItems())
    .filter((item) => !item.pk?.S?.startsWith('IDX#'))
    .map((item) => JSON.stringify(item, Object.keys(item).sort()))
    .sort();
}

beforeAll(async () => {
  stack = await startLocalStack();
  store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
  handle = createHandler({
    s3: stack.s3,
    dynamo: stack.dynamo,
    tableName: stack.tableName,
    logger: new Logger({ serviceName: 'scrape-dedup-test', logLevel: 'SILENT' }),
    maxObjectBytes: 4 * 1024 * 1024,
  });
});

afterAll(async () => {
  await stack?.close();
});

describe('Integration: handler + store on dynalite and s3rver', () => {
  it('stores a canonical article, then marks its near-duplicate', async () => {
    // Prepare
    const paragraphs = proseParagraphs(101, 8);
    const edited = [...paragraphs];
    edited[2] = edited[2]!.replace(/\bthe\b/, 'a');
    // Act
    const first = await handle(await upload('incoming/news/harbour.txt', scrapeText('Harbour plan approved', paragraphs)));
    const second = await handle(await upload('incoming/mirror/harbour copy.txt', scrapeText('Harbour plan approved', edited)));
    // Assess
    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    const canonical = await store.getLatestSource(stack.bucket, 'incoming/news/harbour.txt');
    const duplicate = await store.getLatestSource(stack.bucket, 'incoming/mirror/harbour copy.txt');
    expect(canonical?.outcome).toBe('canonical');
    expect(duplicate?.outcome).toBe('duplicate');
    expect(duplicate?.docId).toBe(canonical?.docId);
    expect(duplicate?.distance).toBeGreaterThanOrEqual(0);
    const details = await store.showCanonical(canonical!.docId!);
    expect(details?.record.duplicateCount).toBe(1);
    expect(details?.record.text).toBe(paragraphs.join('\n\n'));
    expect(details?.sources.map((source) => source.key)).toEqual(['incoming/news/harbour.txt', 'incoming/mirror/harbour copy.txt']);
    expect(details?.duplicates).toHaveLength(1);
    expect(details?.paragraphs).toHaveLength(paragraphs.length);
  });

  it('keeps the language the cleaner found on the canonical article record', async () => {
    // Prepare: an HTML page that declares its language
    const paragraphs = proseParagraphs(515, 6);
    const html = `<!doctype html><html lang="en-GB"><head><title>Quay works</title></head><body><article><h1>Quay works</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
    // Act
    const result = await handle(await upload('incoming/lang/quay.html', html));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const source = await store.getLatestSource(stack.bucket, 'incoming/lang/quay.html');
    expect(source?.outcome).toBe('canonical');
    expect((await store.getCanonical(source!.docId!))?.language).toBe('en');
  });

  it('changes nothing when an event is delivered again', async () => {
    // Prepare
    const event = await upload('incoming/news/redelivered.txt', scrapeText('Redelivered story', proseParagraphs(202, 6)));
    await handle(event);
    const before = await recordSnapshot();
    // Act
    const again = await handle(event);
    // Assess
    expect(again.batchItemFailures).toEqual([]);
    expect(await recordSnapshot()).toEqual(before);
  });

  it('makes exactly one canonical out of 50 near-duplicates processed at once', async () => {
    // Prepare: 50 copies of one article, each with a different sentence added
    const paragraphs = proseParagraphs(303, 10);
    const events = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const copy = [...paragraphs];
        copy[i % copy.length] = `${copy[i % copy.length]} Update ${i}.`;
        return upload(`incoming/burst/copy-${i}.txt`, scrapeText('Burst story', copy));
      }),
    );
    // Act
    const results = await Promise.all(events.map((event) => handle(event)));
    // Assess
    expect(results.flatMap((result) => result.batchItemFailures)).toEqual([]);
    const sources = await Promise.all(events.map((_, i) => store.getLatestSource(stack.bucket, `incoming/burst/copy-${i}.txt`)));
    const canonical = sources.filter((source) => source?.outcome === 'canonical');
    expect(canonical).toHaveLength(1);
    expect(sources.filter((source) => source?.outcome === 'duplicate')).toHaveLength(49);
    expect(new Set(sources.map((source) => source?.docId))).toEqual(new Set([canonical[0]!.docId]));
    expect((await store.getCanonical(canonical[0]!.docId!))?.duplicateCount).toBe(49);
  });

  it('learns a site chrome paragraph and removes it from the third page of the site', async () => {
    // Prepare: three different articles of one site sharing one boilerplate paragraph
    const chrome = 'The Harbour Gazette is published by the Coastal Media Cooperative in Portsmouth every weekday morning.';
    const url = (n: number) => ({ url: `https://www.harbour-gazette.example/story-${n}` });
    // Act
    for (let n = 1; n <= 3; n += 1) {
      const result = await handle(await upload(`incoming/gazette/story-${n}.txt`, scrapeText(`Story ${n}`, [...proseParagraphs(400 + n, 5), chrome]), url(n)));
      expect(result.batchItemFailures).toEqual([]);
    }
    // Assess
    const sources = await Promise.all([1, 2, 3].map((n) => store.getLatestSource(stack.bucket, `incoming/gazette/story-${n}.txt`)));
    expect(sources.map((source) => source?.outcome)).toEqual(['canonical', 'canonical', 'canonical']);
    expect(sources.map((source) => source?.site)).toEqual(['harbour-gazette.example', 'harbour-gazette.example', 'harbour-gazette.example']);
    expect(sources.map((source) => source?.learnedChromeRemoved)).toEqual([0, 0, 1]);
    const third = await store.getCanonical(sources[2]!.docId!, { withText: true });
    expect(third?.text).not.toContain('Coastal Media Cooperative');
    expect(third?.removed).toContainEqual({ text: chrome, reason: LEARNED_CHROME_REASON });
    const second = await store.getCanonical(sources[1]!.docId!, { withText: true });
    expect(second?.text).toContain('Coastal Media Cooperative');
  });

  it('stores a 2 MB article in compressed chunks under the item limit and reads it back', async () => {
    // Prepare
    const paragraphs = proseParagraphs(500, 200, 110);
    const text = scrapeText('A very long report', paragraphs);
    expect(text.length).toBeGreaterThan(2_000_000);
    // Act
    const result = await handle(await upload('incoming/long/report.txt', text));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const source = await store.getLatestSource(stack.bucket, 'incoming/long/report.txt');
    expect(source?.outcome).toBe('canonical');
    const record = await store.getCanonical(source!.docId!, { withText: true });
    expect(record?.bodyChunks).toBeGreaterThan(1);
    expect(record?.text).toBe(paragraphs.join('\n\n'));
    const largest = Math.max(...(await tableItems()).map(itemBytes));
    expect(largest).toBeLessThan(400 * 1024);
  });

  it('records rejected input as an outcome, not a failure', async () => {
    // Prepare: a PNG signature followed by binary bytes
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);
    // Act
    const result = await handle(await upload('incoming/misc/picture.txt', png));
    // Assess
    expect(result.batchItemFailures).toEqual([]);
    const source = await store.getLatestSource(stack.bucket, 'incoming/misc/picture.txt');
    expect(source?.outcome).toBe('rejected');
    expect(source?.code).toBeTruthy();
    expect(source?.docId).toBeUndefined();
  });

  it('rejects an object over the size limit without reading it', async () => {
    const event = await upload('incoming/misc/huge.txt', scrapeText('Huge', proseParagraphs(600, 2)));
    const body = JSON.parse(event.Records[0]!.body) as { Records: Array<{ s3: { object: { size: number } } }> };
    body.Records[0]!.s3.object.size = 5 * 1024 * 1024;
    const result = await handle({ Records: [{ ...event.Records[0]!, body: JSON.stringify(body) }] });
    expect(result.batchItemFailures).toEqual([]);
    const source = await store.getLatestSource(stack.bucket, 'incoming/misc/huge.txt');
    expect(source).toMatchObject({ outcome: 'rejected', code: 'too-large' });
  });
  it('decides per-record documents of one object (the seam for readers) with their own identity', async () => {
    // Prepare: two records of one crawl file, the second a copy of the first
    const decideDocument = createDocumentDecider({ store });
    const text = scrapeText('Record story', proseParagraphs(707, 6));
    const object = { bucket: stack.bucket, key: 'incoming/crawl/part-0.warc', version: 'v1' };
    const hints = { key: 'record.txt', contentType: 'text/plain' };
    // Act
    const first = await decideDocument({ ...object, record: '0', url: 'https://a.example/story', bytes: Buffer.from(text), hints });
    const second = await decideDocument({ ...object, record: '4096', url: 'https://b.example/story', bytes: Buffer.from(text), hints });
    const replay = await decideDocument({ ...object, record: '4096', url: 'https://b.example/story', bytes: Buffer.from(text), hints });
    // Assess
    expect(first).toMatchObject({ outcome: 'canonical', record: '0', url: 'https://a.example/story', docId: articleIdFor(object.bucket, object.key, 'v1', '0') });
    expect(second).toMatchObject({ outcome: 'duplicate', record: '4096', docId: first.docId });
    expect(replay.replay).toBe(true);
    expect(await store.getSource(object.bucket, object.key, 'v1', '4096')).toMatchObject({ record: '4096', url: 'https://b.example/story', outcome: 'duplicate' });
    expect(articleIdFor('b', 'k', 'v')).not.toBe(articleIdFor('b', 'k', 'v', '0'));
    const sources = await store.listDocSources(first.docId!);
    expect(sources.map((source) => source.record)).toEqual(['0', '4096']);
  });
  it('lists every canonical article once, in first-seen order, across the sharded byKind index', async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listCanonical({ limit: 3, cursor });
      all.push(...page.items.map((item) => `${item.firstSeen}#${item.docId}`));
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 100);
    expect(all.length).toBeGreaterThan(3);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
    const newest = await store.listCanonical({ limit: 2, newestFirst: true });
    expect(newest.items.map((item) => `${item.firstSeen}#${item.docId}`)).toEqual([...all].reverse().slice(0, 2));
  });

  it('lists every source once in processing order: duplicates and rejections from their records, canonicals from their article items', async () => {
    const sources = [];
    let cursor: string | undefined;
    do {
      const page = await store.listSources({ limit: 4, cursor });
      sources.push(...page.items);
      cursor = page.cursor;
    } while (cursor);
    const ids = sources.map((source) => `${source.bucket}/${source.key}#${source.version}#${source.record ?? ''}`);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...sources.map((source) => source.processedAt)].sort()).toEqual(sources.map((source) => source.processedAt));
    const outcomes = new Set(sources.map((source) => source.outcome));
    for (const outcome of ['canonical', 'duplicate', 'rejected']) expect(outcomes).toContain(outcome);
    // Each canonical listed is an article whose own source it names, and each has a source record.
    for (const canonical of sources.filter((source) => source.outcome === 'canonical')) {
      expect((await store.getCanonical(canonical.docId!))?.docId).toBe(canonical.docId);
      expect(await store.getSource(canonical.bucket, canonical.key, canonical.version, canonical.record)).toMatchObject({ outcome: 'canonical', docId: canonical.docId });
    }
    // The article items of the table and the canonicals listed are the same set.
    const articles = (await tableItems()).filter((item) => item.sk?.S === 'META').map((item) => item.docId?.S);
    expect(sources.filter((source) => source.outcome === 'canonical').map((source) => source.docId).sort()).toEqual(articles.sort());
  });
});
