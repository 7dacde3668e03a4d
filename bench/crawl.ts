// `node bin/run-ts.js bench/crawl.ts`: crawl files end to end on the local stack, through the
// real processor (lambdas/process-object.ts) and store. The 181 pages of
// ../shared/bench/article-extraction are ingested twice, each time after their gold article
// bodies, on fresh tables in the same run:
//   single files: 181 gold bodies as .txt objects, then 181 pages as .html objects;
//   crawl files:  the 181 gold bodies as one JSON Lines file, then the 181 pages as one WARC
//                 (gzip per record, a request record before each response, as crawlers write).
// A page counts as matched when it is recorded as a duplicate of its own gold article, as a
// false merge when of another. Speed is pages per second of the page phase, the WARC against
// the same pages as single files (a ratio measured in the same run: the machine is shared).
// Options: --limit <n> pages.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../bin/local/local-stack.js';
import { normalizeETag } from '../lambdas/adapters/s3-source.js';
import { sanitizePageUrl } from '../lambdas/core/page-url.js';
import type { CrawlProcessed } from '../lambdas/process-crawl.js';
import { createObjectProcessor } from '../lambdas/process-object.js';
import type { ProcessedObject } from '../lambdas/process-object.js';
import { buildJsonl, buildWarc } from './crawl-files.js';
import type { WarcRecordSpec } from './crawl-files.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '../shared/bench/article-extraction');

interface Page {
  readonly id: string;
  readonly url: string;
  readonly gold: string;
  readonly html: Buffer;
}

function loadPages(limit: number): Page[] {
  const truth = JSON.parse(readFileSync(join(DATA, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  return readdirSync(join(DATA, 'html'))
    .filter((name) => name.endsWith('.html.gz'))
    .sort()
    .map((name) => name.replace(/\.html\.gz$/, ''))
    .filter((id) => truth[id] !== undefined)
    .slice(0, limit)
    .map((id) => ({ id, url: truth[id]!.url || `https://bench.example/${id}`, gold: truth[id]!.articleBody, html: gunzipSync(readFileSync(join(DATA, 'html', `${id}.html.gz`))) }));
}

interface PhaseResult {
  readonly matched: number;
  /** Pages not matched to their own gold article: id and what they became. */
  readonly missed: readonly string[];
  readonly falseMerges: number;
  readonly pagesPerSecond: number;
  readonly seconds: number;
}

/** Counts each page whose outcome points at its own gold article (by the gold's doc id). */
function score(pages: readonly Page[], goldIds: ReadonlyMap<string, string | undefined>, pageResults: ReadonlyMap<string, ProcessedObject>, seconds: number): PhaseResult {
  let matched = 0;
  let falseMerges = 0;
  const missed: string[] = [];
  const goldOf = new Map([...goldIds].filter(([, docId]) => docId !== undefined).map(([id, docId]) => [docId!, id]));
  for (const page of pages) {
    const result = pageResults.get(page.id);
    const own = goldIds.get(page.id);
    if ((result?.outcome === 'duplicate' || result?.outcome === 'unchanged') && result.docId === own) {
      matched += 1;
      continue;
    }
    if (result?.docId !== undefined && result.docId !== own && goldOf.has(result.docId)) falseMerges += 1;
    missed.push(`${page.id}: ${result?.outcome ?? 'no result'}${result?.reason ? ` (${result.reason})` : ''}`);
  }
  return { matched, missed, falseMerges, pagesPerSecond: pages.length / seconds, seconds };
}

async function singleFiles(pages: readonly Page[]): Promise<PhaseResult> {
  const stack = await startLocalStack();
  try {
    const process = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName });
    const put = async (key: string, body: Buffer | string, contentType: string) => {
      const response = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: body, ContentType: contentType, Metadata: { url: '' } }));
      return { bucket: stack.bucket, key, eTag: normalizeETag(response.ETag) };
    };
    const goldIds = new Map<string, string | undefined>();
    for (const page of pages) {
      const ref = await put(`incoming/gold/${page.id}.txt`, page.gold, 'text/plain; charset=utf-8');
      goldIds.set(page.id, (await process(ref)).docId);
    }
    const refs = [];
    for (const page of pages) refs.push({ id: page.id, ref: await put(`incoming/pages/${page.id}.html`, page.html, 'text/html') });
    const results = new Map<string, ProcessedObject>();
    const started = performance.now();
    for (const { id, ref } of refs) results.set(id, await process(ref));
    return score(pages, goldIds, results, (performance.now() - started) / 1000);
  } finally {
    await stack.close();
  }
}

async function crawlFiles(pages: readonly Page[]): Promise<PhaseResult & { readonly skipped: number; readonly warcBytes: number }> {
  const stack = await startLocalStack();
  try {
    const process = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName });
    const upload = async (key: string, bytes: Uint8Array) => {
      const response = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: bytes }));
      return { bucket: stack.bucket, key, eTag: normalizeETag(response.ETag), size: bytes.byteLength };
    };
    const jsonl = buildJsonl(pages.map((page) => ({ url: page.url, text: page.gold })));
    const gold = (await process(await upload('incoming/gold/bodies.jsonl', jsonl.bytes))) as CrawlProcessed;
    const goldIds = new Map(pages.map((page, index) => [page.id, gold.records[index]?.docId]));
    const specs: WarcRecordSpec[] = [{ type: 'warcinfo' }, ...pages.flatMap((page): WarcRecordSpec[] => [{ type: 'request', url: page.url }, { url: page.url, body: page.html }])];
    const warc = buildWarc(specs, { gzip: true });
    const ref = await upload('incoming/crawl/pages.warc.gz', warc.bytes);
    const started = performance.now();
    const crawl = (await process(ref)) as CrawlProcessed;
    const seconds = (performance.now() - started) / 1000;
    const results = new Map(pages.map((page, index) => [page.id, crawl.records[index]!]));
    for (const [index, record] of crawl.records.entries()) {
      // Record URLs are stored sanitised (no fragment, secrets or tracking parameters).
      const expected = sanitizePageUrl(pages[index]!.url);
      if (record.url !== expected) throw new Error(`record ${index} is ${record.url}, expected ${expected}`);
    }
    return { ...score(pages, goldIds, results, seconds), skipped: crawl.totals.skipped, warcBytes: warc.bytes.byteLength };
  } finally {
    await stack.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(join(DATA, 'ground-truth.json'))) {
    console.log(`skipped: ${DATA} is absent`);
    return;
  }
  const limitArg = process.argv.indexOf('--limit');
  const pages = loadPages(limitArg > 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY);
  const single = await singleFiles(pages);
  const crawl = await crawlFiles(pages);
  const pct = (n: number) => `${((100 * n) / pages.length).toFixed(1)}%`;
  console.log(`pages: ${pages.length}; WARC ${(crawl.warcBytes / 1e6).toFixed(1)} MB gzip per record, ${crawl.skipped} records skipped (warcinfo, requests)`);
  console.log(`single files: ${single.matched}/${pages.length} pages matched to their own gold article (${pct(single.matched)}), ${single.falseMerges} false merges, ${single.pagesPerSecond.toFixed(1)} pages/s`);
  console.log(`WARC + JSONL: ${crawl.matched}/${pages.length} pages matched to their own gold article (${pct(crawl.matched)}), ${crawl.falseMerges} false merges, ${crawl.pagesPerSecond.toFixed(1)} records/s`);
  if (single.missed.length > 0) console.log(`  missed as single files: ${single.missed.join('; ')}`);
  if (crawl.missed.length > 0) console.log(`  missed in the WARC: ${crawl.missed.join('; ')}`);
  console.log(`WARC records/s over single files/s, same run: ${(crawl.pagesPerSecond / single.pagesPerSecond).toFixed(2)}x`);
  console.log(JSON.stringify({ pages: pages.length, singleMatched: single.matched, crawlMatched: crawl.matched, falseMerges: single.falseMerges + crawl.falseMerges, singlePagesPerSecond: Number(single.pagesPerSecond.toFixed(2)), warcRecordsPerSecond: Number(crawl.pagesPerSecond.toFixed(2)), ratio: Number((crawl.pagesPerSecond / single.pagesPerSecond).toFixed(2)) }));
}

await main();
