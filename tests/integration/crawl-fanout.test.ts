// Fan-out of a crawl file on the local stack, through the real handler: a WARC of 2,000
// records is planned into range messages (the plan itself handed on once), the ranges are
// delivered as SQS would, one is redelivered, and one invocation crashes mid-range. Every
// page and rejected record ends with exactly one source record, and no article counts a
// source twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { buildWarc, syntheticPage } from '../../bench/crawl-files.js';
import type { WarcRecordSpec } from '../../bench/crawl-files.js';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';
import { createHandler } from '../../lambdas/handler.js';
import { Logger } from '@aws-lambda-powertools/logger';
import type { CrawlRangeMessage } from '../../lambdas/process-crawl.js';

/** Decision lines of thousands of records would bury the test report. */
const silentLogger = () => new Logger({ serviceName: 'scrape-dedup-test', logLevel: 'SILENT' });

// Pages cost a full decision each; rejected records two requests: the mix keeps the test lean.
const PAGES = 30;
const COPIES = 10;
const NOT_FOUND = 230;
const IMAGES = 230;

/**
 * 2,000 records: a request before every response and two metadata records after it (skipped,
 * as crawlers write them); pages, copies of pages on another site, 404s, images.
 */
function crawlSpecs(): WarcRecordSpec[] {
  const responses: WarcRecordSpec[] = [];
  for (let n = 0; n < PAGES; n += 1) responses.push({ url: `https://news.example/${n}`, body: syntheticPage(1000 + n) });
  for (let n = 0; n < COPIES; n += 1) responses.push({ url: `https://mirror.example/${n}`, body: syntheticPage(1000 + n) });
  for (let n = 0; n < NOT_FOUND; n += 1) responses.push({ url: `https://news.example/missing/${n}`, status: 404, body: 'Not found' });
  for (let n = 0; n < IMAGES; n += 1) responses.push({ url: `https://news.example/img/${n}.png`, contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, n & 0xff]) });
  return responses.flatMap((response) => [{ type: 'request' as const, url: response.url }, response, { type: 'metadata' as const, url: response.url }, { type: 'metadata' as const, url: response.url }]);
}

let stack: LocalStack;

beforeAll(async () => {
  stack = await startLocalStack();
});

afterAll(async () => {
  await stack?.close();
});

/** A DynamoDB client whose `crashAfter`-th PutItem throws once, as an invocation dying there would. */
function crashingClient(client: DynamoDBClient): DynamoDBClient & { crashAfter?: number } {
  const wrapper = Object.create(client) as DynamoDBClient & { crashAfter?: number };
  wrapper.send = (async (command: unknown, ...rest: unknown[]) => {
    if (command instanceof PutItemCommand && wrapper.crashAfter !== undefined && --wrapper.crashAfter <= 0) {
      wrapper.crashAfter = undefined;
      throw new Error('crash mid-range');
    }
    return (client.send as (c: unknown, ...r: unknown[]) => Promise<unknown>)(command, ...rest);
  }) as DynamoDBClient['send'];
  return wrapper;
}

function sqsBatch(messages: readonly CrawlRangeMessage[]): SQSEvent {
  return { Records: messages.map((message) => ({ ...sqsEventFor({ Records: [] }).Records[0]!, body: JSON.stringify(message) })) };
}

describe('Integration: fan-out of a 2,000-record WARC', () => {
  it('plans ranges, processes each record once through redelivery and a crash mid-range', async () => {
    const { bytes, offsets } = buildWarc(crawlSpecs(), { gzip: true });
    expect(offsets).toHaveLength(2000);
    const key = 'incoming/crawl/fanout.warc.gz';
    const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes }));
    const queue: CrawlRangeMessage[] = [];
    const dynamo = crashingClient(stack.dynamo);
    const handle = createHandler({
      s3: stack.s3,
      dynamo,
      tableName: stack.tableName,
      logger: silentLogger(),
      fanOut: {
        enqueue: async (messages) => void queue.push(...messages),
        minObjectBytes: 1,
        recordsPerMessage: 100,
        // Half the file: the planning pass hands the second half to a second plan message.
        planBytesPerMessage: Math.floor(bytes.byteLength / 2),
        rangeTimeReserveMs: 0,
      },
    });

    // The S3 event: planned, nothing decided yet.
    const first = await handle(sqsEventFor(s3PutEvent({ bucket: stack.bucket, key, size: bytes.byteLength, eTag: normalizeETag(put.ETag) })));
    expect(first.batchItemFailures).toEqual([]);
    expect(queue.some((m) => m.scrapeDedup === 'plan')).toBe(true);

    // Deliver like SQS: batches of 10, failed messages back on the queue; the 40th PutItem crashes.
    dynamo.crashAfter = 40;
    const delivered: CrawlRangeMessage[] = [];
    let failures = 0;
    while (queue.length > 0) {
      const batch = queue.splice(0, 10);
      const event = sqsBatch(batch);
      const response = await handle(event);
      const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
      failures += failed.size;
      batch.forEach((message, index) => (failed.has(event.Records[index]!.messageId) ? queue.push(message) : delivered.push(message)));
    }
    expect(failures).toBeGreaterThanOrEqual(1);
    const plans = delivered.filter((m) => m.scrapeDedup === 'plan');
    const ranges = delivered.filter((m) => m.scrapeDedup === 'records');
    expect(plans.length).toBe(1);
    expect(ranges.length).toBe(20);
    // The ranges tile the file: each starts where the previous ended.
    const sorted = [...ranges].sort((a, b) => a.start - b.start);
    expect(sorted[0]!.start).toBe(offsets[0]);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]!.start).toBe(sorted[i - 1]!.end);
    expect(sorted.at(-1)!.end).toBeUndefined();

    // Redelivering a range changes nothing.
    const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
    const before = await store.listSourceVersions(stack.bucket, key);
    expect((await handle(sqsBatch([sorted[3]!]))).batchItemFailures).toEqual([]);
    const after = await store.listSourceVersions(stack.bucket, key);
    expect(after).toEqual(before);

    // Every response record has exactly one outcome, at its own offset.
    const responseOffsets = offsets.filter((_, index) => index % 4 === 1).map(String);
    expect(after.map((r) => r.record).sort()).toEqual([...responseOffsets].sort());
    const count = (outcome: string) => after.filter((r) => r.outcome === outcome).length;
    expect(count('rejected')).toBe(NOT_FOUND + IMAGES);
    expect(count('canonical')).toBe(PAGES);
    expect(count('duplicate')).toBe(COPIES);
    // No double counting: each article lists each of its sources once, copies included.
    const canonical = after.find((r) => r.outcome === 'canonical' && r.url === 'https://news.example/0')!;
    const sources = await store.listDocSources(canonical.docId!);
    expect(sources.map((s) => s.url).sort()).toEqual(['https://mirror.example/0', 'https://news.example/0']);
  }, 300_000);

  it('processes a backfill message: the key as listed (spaces, +), the ETag with its quotes', async () => {
    const key = 'incoming/backfill/a page+1.warc';
    const { bytes } = buildWarc([{ url: 'https://backfill.example/1', body: syntheticPage(4242) }]);
    const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes }));
    const handle = createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, logger: silentLogger() });
    const body = { scrapeDedup: 'object', bucket: stack.bucket, key, eTag: put.ETag, size: bytes.byteLength };
    const event: SQSEvent = { Records: [{ ...sqsEventFor({ Records: [] }).Records[0]!, body: JSON.stringify(body) }] };
    expect((await handle(event)).batchItemFailures).toEqual([]);
    const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
    const records = await store.listSourceVersions(stack.bucket, key);
    expect(records.map((r) => [r.version, r.record, r.url, r.outcome])).toEqual([[normalizeETag(put.ETag), '0', 'https://backfill.example/1', 'canonical']]);
  });

  it('processes a backfill message naming another bucket and a key outside the incoming prefix: read from, and recorded under, that bucket', async () => {
    const other = 'backfill-other';
    const key = 'old-scrapes/2024/page.warc';
    await stack.s3.send(new CreateBucketCommand({ Bucket: other }));
    const { bytes } = buildWarc([{ url: 'https://backfill.example/other', body: syntheticPage(4343) }]);
    const put = await stack.s3.send(new PutObjectCommand({ Bucket: other, Key: key, Body: bytes }));
    const handle = createHandler({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, logger: silentLogger() });
    const body = { scrapeDedup: 'object', bucket: other, key, eTag: put.ETag, size: bytes.byteLength };
    const event: SQSEvent = { Records: [{ ...sqsEventFor({ Records: [] }).Records[0]!, body: JSON.stringify(body) }] };
    expect((await handle(event)).batchItemFailures).toEqual([]);
    const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
    expect((await store.listSourceVersions(other, key)).map((r) => [r.record, r.url, r.outcome])).toEqual([['0', 'https://backfill.example/other', 'canonical']]);
    // Nothing recorded under the stack's own bucket for that key.
    expect(await store.listSourceVersions(stack.bucket, key)).toEqual([]);
  });
});
