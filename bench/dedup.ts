// `npm run bench:dedup`: the dedup engine end to end, through the real processor and store on
// the local stack (dynalite and s3rver), on documents generated from
// ../shared/bench/article-extraction (181 gold article bodies and their raw HTML pages) and
// ../shared/seeds (bench/dedup-copies.ts, seeded):
//   1. recall and cost: every gold body is ingested (each a new article), then one copy of each
//      kind the issue lists per article; a copy counts as matched when it is recorded as a
//      duplicate (or unchanged) of its own gold article, as a false merge when of another;
//   2. precision: on fresh tables, documents that must all stay distinct (the five seed reports
//      of one story, articles sharing three standard paragraphs on many sites and on one site,
//      short briefs of one site sharing half their paragraphs, overlapping list pages).
// Prints the per-kind table, false merges, the DynamoDB cost broken down by item, and as its
// last line one JSON object with the headline figures.
//
// Options: --limit <n> articles (default all), --concurrency <n> (default 4), --kinds a,b,
// --sweep-only (the offline sweep alone, no store), --no-sweep.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../bin/local/local-stack.js';
import type { LocalStack } from '../bin/local/local-stack.js';
import { DynamoStore } from '../lambdas/adapters/dynamo-store.js';
import type { StoreMetrics } from '../lambdas/adapters/dynamo-store.js';
import { createObjectProcessor } from '../lambdas/process-object.js';
import type { ProcessedObject } from '../lambdas/process-object.js';
import { COPY_KINDS, COPY_KIND_LABELS, STANDARD_PARAGRAPHS, asScrape, briefOf, copyOf, listPageOf, splitParagraphs } from './dedup-copies.js';
import type { BenchDocument, CopyKind } from './dedup-copies.js';
import { runDedupSweep } from './dedup-sweep.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '../shared/bench/article-extraction');
const SEEDS = resolve(ROOT, '../shared/seeds');

/** On-demand prices, us-east-1 (docs/architecture.md, cost model). */
const USD_PER_MILLION_WRU = 0.625;
const USD_PER_MILLION_RRU = 0.125;
/** Share of duplicates in the cost line the issue asks for. */
const DUPLICATE_SHARE = 0.3;

interface GroundTruth {
  readonly articleBody: string;
  readonly url?: string;
}

export interface BenchArticle {
  readonly id: string;
  readonly gold: GroundTruth;
  readonly html: Buffer;
}

export function loadCorpus(limit = Number.POSITIVE_INFINITY): BenchArticle[] {
  const truth = JSON.parse(readFileSync(join(DATA, 'ground-truth.json'), 'utf8')) as Record<string, GroundTruth>;
  const files = readdirSync(join(DATA, 'html')).filter((name) => name.endsWith('.html.gz')).sort();
  return files
    .map((name) => name.replace(/\.html\.gz$/, ''))
    .filter((id) => truth[id] !== undefined)
    .slice(0, limit)
    .map((id) => ({ id, gold: truth[id]!, html: gunzipSync(readFileSync(join(DATA, 'html', `${id}.html.gz`))) }));
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function pct(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function snapshot(metrics: StoreMetrics): StoreMetrics {
  return JSON.parse(JSON.stringify(metrics)) as StoreMetrics;
}

function diff(after: StoreMetrics, before: StoreMetrics): StoreMetrics {
  const byItem: StoreMetrics['byItem'] = {};
  for (const [name, item] of Object.entries(after.byItem)) {
    const was = before.byItem[name] ?? { requests: 0, readUnits: 0, writeUnits: 0 };
    byItem[name] = { requests: item.requests - was.requests, readUnits: item.readUnits - was.readUnits, writeUnits: item.writeUnits - was.writeUnits };
  }
  return {
    requests: after.requests - before.requests,
    readUnits: after.readUnits - before.readUnits,
    writeUnits: after.writeUnits - before.writeUnits,
    indexWriteUnits: after.indexWriteUnits - before.indexWriteUnits,
    byItem,
  };
}

/** A local stack with the real processor and a store whose metrics we read. */
async function openStack(): Promise<{ stack: LocalStack; store: DynamoStore; ingest: (docs: readonly BenchDocument[], concurrency: number) => Promise<Map<string, ProcessedObject>> }> {
  const stack = await startLocalStack();
  const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
  const processObject = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, store });
  const ingest = async (docs: readonly BenchDocument[], concurrency: number): Promise<Map<string, ProcessedObject>> => {
    const results = new Map<string, ProcessedObject>();
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.max(1, concurrency) }, async () => {
        while (next < docs.length) {
          const doc = docs[next]!;
          next += 1;
          const put = await stack.s3.send(
            new PutObjectCommand({ Bucket: stack.bucket, Key: doc.key, Body: doc.body, ContentType: doc.contentType, Metadata: doc.url ? { url: doc.url } : undefined }),
          );
          results.set(doc.key, await processObject({ bucket: stack.bucket, key: doc.key, eTag: put.ETag }));
        }
      }),
    );
    return results;
  };
  return { stack, store, ingest };
}

function goldDocument(article: BenchArticle): BenchDocument {
  return { key: `incoming/gold/${article.id}.txt`, body: article.gold.articleBody, contentType: 'text/plain; charset=utf-8' };
}

function copyDocument(kind: CopyKind, article: BenchArticle, index: number, leads: readonly string[]): BenchDocument {
  if (kind === 'site-chrome') {
    return { key: `incoming/pages/${article.id}.html`, body: article.html, contentType: 'text/html', url: article.gold.url };
  }
  const paragraphs = copyOf(kind, article.gold.articleBody, 1000 * (index + 1) + COPY_KINDS.indexOf(kind), leads.filter((_, i) => i !== index))!;
  return { key: `incoming/copies/${kind}/${article.id}.txt`, body: `${paragraphs.join('\n\n')}\n`, contentType: 'text/plain; charset=utf-8' };
}

function costLine(perNew: { wru: number; rru: number }, perDuplicate: { wru: number; rru: number }): number {
  const unitCost = (c: { wru: number; rru: number }): number => c.wru * USD_PER_MILLION_WRU + c.rru * USD_PER_MILLION_RRU;
  return (1 - DUPLICATE_SHARE) * unitCost(perNew) + DUPLICATE_SHARE * unitCost(perDuplicate);
}

function printBreakdown(label: string, metrics: StoreMetrics, documents: number): void {
  console.log(`\n${label} (per document, ${documents} documents)`);
  console.log('| item | requests | write units | read units |');
  console.log('|---|---|---|---|');
  const rows = Object.entries(metrics.byItem).sort((a, b) => b[1].writeUnits + b[1].readUnits - (a[1].writeUnits + a[1].readUnits));
  for (const [name, item] of rows) {
    console.log(`| ${name} | ${(item.requests / documents).toFixed(2)} | ${(item.writeUnits / documents).toFixed(2)} | ${(item.readUnits / documents).toFixed(2)} |`);
  }
  console.log(`| total | ${(metrics.requests / documents).toFixed(2)} | ${((metrics.writeUnits + metrics.indexWriteUnits) / documents).toFixed(2)} | ${(metrics.readUnits / documents).toFixed(2)} |`);
}

/** Documents that must all stay distinct, by set. */
function distinctSets(corpus: readonly BenchArticle[], leads: readonly string[]): Array<{ name: string; docs: BenchDocument[] }> {
  const seeds = existsSync(SEEDS) ? readdirSync(SEEDS).filter((name) => name.endsWith('.txt')).sort() : [];
  const boilerplated = (article: BenchArticle): string => `${[...splitParagraphs(article.gold.articleBody), ...STANDARD_PARAGRAPHS].join('\n\n')}\n`;
  return [
    {
      name: 'seed reports of one story (5 outlets)',
      docs: seeds.map((name) => ({ key: `incoming/seeds/${name}`, body: readFileSync(join(SEEDS, name)), contentType: 'text/plain; charset=utf-8' })),
    },
    {
      name: 'articles + 3 standard paragraphs, each its own site',
      docs: corpus.map((article, i) => ({ key: `incoming/many/${article.id}.txt`, body: boilerplated(article), contentType: 'text/plain; charset=utf-8', url: `https://site${i}.example/story/${article.id}` })),
    },
    {
      name: 'short briefs of one site sharing 3 of 6 paragraphs',
      docs: Array.from({ length: 40 }, (_, i) => ({ key: `incoming/briefs/brief-${i}.txt`, body: asScrape(`Brief ${i}`, briefOf(9000 + i)), contentType: 'text/plain; charset=utf-8', url: `https://briefs.example/brief-${i}` })),
    },
    {
      name: 'list pages (10 leads each, neighbours share 5)',
      docs: Array.from({ length: Math.max(2, Math.floor(leads.length / 5)) }, (_, i) => ({ key: `incoming/lists/page-${i}.txt`, body: asScrape(`Latest news, page ${i + 1}`, listPageOf(leads, i * 5, 10)), contentType: 'text/plain; charset=utf-8', url: `https://lists.example/latest/${i + 1}` })),
    },
  ];
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.error(`bench:dedup needs ${DATA} (the shared benchmark data); not found.`);
    process.exitCode = 2;
    return;
  }
  const limit = Number(argValue('--limit') ?? Number.POSITIVE_INFINITY);
  const concurrency = Number(argValue('--concurrency') ?? 4);
  const kinds = (argValue('--kinds')?.split(',') as CopyKind[] | undefined) ?? [...COPY_KINDS];
  const corpus = loadCorpus(limit);
  const leads = corpus.map((article) => splitParagraphs(article.gold.articleBody)[0]!.split(' ').slice(0, 40).join(' '));
  const started = performance.now();
  const oneSite = corpus.map((article) => ({
    key: `incoming/one-site/${article.id}.txt`,
    body: `${[...splitParagraphs(article.gold.articleBody), ...STANDARD_PARAGRAPHS].join('\n\n')}\n`,
    contentType: 'text/plain; charset=utf-8',
    url: `https://onesite.example/story/${article.id}`,
  }));
  const sweepInput = {
    golds: corpus.map((article) => ({ id: article.id, doc: goldDocument(article) })),
    copies: corpus.flatMap((article, index) => kinds.map((kind) => ({ id: article.id, kind, doc: copyDocument(kind, article, index, leads) }))),
    distinctSets: [...distinctSets(corpus, leads), { name: 'one site', docs: oneSite }],
  };
  if (process.argv.includes('--sweep-only')) {
    runDedupSweep(sweepInput);
    return;
  }

  // ---- 1. recall and cost
  const recall = await openStack();
  const perKind = new Map<CopyKind, { matched: number; merged: number; total: number; missed: string[] }>();
  let goldMergedIntoOther = 0;
  let perNew = { wru: 0, rru: 0 };
  let perDuplicate = { wru: 0, rru: 0 };
  let rruPerDocument = 0;
  let goldCanonicals = 0;
  let copies = 0;
  try {
    const goldResults = await recall.ingest(corpus.map(goldDocument), concurrency);
    const afterGold = snapshot(recall.store.metrics);
    const goldDoc = new Map(corpus.map((article) => [article.id, goldResults.get(goldDocument(article).key)?.docId]));
    const idOfDoc = new Map([...goldDoc.entries()].map(([id, docId]) => [docId, id]));
    goldMergedIntoOther = [...goldDoc.entries()].filter(([id, docId]) => docId !== undefined && idOfDoc.get(docId) !== id).length;
    goldCanonicals = [...goldResults.values()].filter((result) => result.outcome === 'canonical').length;

    const copyDocs: Array<{ kind: CopyKind; article: BenchArticle; doc: BenchDocument }> = [];
    corpus.forEach((article, index) => {
      for (const kind of kinds) copyDocs.push({ kind, article, doc: copyDocument(kind, article, index, leads) });
    });
    const copyResults = await recall.ingest(copyDocs.map((c) => c.doc), concurrency);
    const copyMetrics = diff(recall.store.metrics, afterGold);
    copies = copyDocs.length;
    for (const { kind, article, doc } of copyDocs) {
      const row = perKind.get(kind) ?? { matched: 0, merged: 0, total: 0, missed: [] };
      const result = copyResults.get(doc.key);
      const own = goldDoc.get(article.id);
      if (own === undefined) continue; // gold rejected (empty after cleaning): nothing to match
      row.total += 1;
      if (result?.docId === own && (result.outcome === 'duplicate' || result.outcome === 'unchanged')) row.matched += 1;
      else {
        if (result?.docId !== undefined && result.docId !== own && result.outcome !== 'canonical') row.merged += 1;
        row.missed.push(`${article.id.slice(0, 10)}:${result?.outcome ?? '?'}`);
      }
      perKind.set(kind, row);
    }
    const goldMetrics = afterGold;
    perNew = { wru: (goldMetrics.writeUnits + goldMetrics.indexWriteUnits) / corpus.length, rru: goldMetrics.readUnits / corpus.length };
    perDuplicate = { wru: (copyMetrics.writeUnits + copyMetrics.indexWriteUnits) / copies, rru: copyMetrics.readUnits / copies };
    rruPerDocument = recall.store.metrics.readUnits / (corpus.length + copies);
    console.log(`\nbench:dedup: ${corpus.length} gold articles (${goldCanonicals} canonical), then ${copies} copies of ${kinds.length} kinds, concurrency ${concurrency}`);
    console.log('\n| copy kind | matched to own article | merged into another | missed (first 3) |');
    console.log('|---|---|---|---|');
    for (const kind of kinds) {
      const row = perKind.get(kind)!;
      console.log(`| ${COPY_KIND_LABELS[kind]} | ${row.matched}/${row.total} = ${pct(row.matched / Math.max(1, row.total))} | ${row.merged} | ${row.missed.slice(0, 3).join(' ')} |`);
    }
    printBreakdown('new articles (gold bodies)', goldMetrics, corpus.length);
    printBreakdown('copies (duplicates)', copyMetrics, copies);
  } finally {
    await recall.stack.close();
  }

  // ---- 2. precision: every document of each set must stay distinct
  let falseMerges = goldMergedIntoOther;
  for (const kind of perKind.values()) falseMerges += kind.merged;
  console.log('\n| must stay distinct | documents | canonical | merged (false merges) |');
  console.log('|---|---|---|---|');
  console.log(`| gold bodies of different articles (step 1) | ${corpus.length} | ${goldCanonicals} | ${goldMergedIntoOther} |`);
  console.log(`| copies merged into another article (step 1) | ${copies} | - | ${falseMerges - goldMergedIntoOther} |`);
  const sets = distinctSets(corpus, leads);
  // The one-site set has the same articles as the many-sites set: it gets its own table.
  for (const group of [sets, [{ name: 'articles + 3 standard paragraphs, all one site', docs: oneSite }]]) {
    const precision = await openStack();
    try {
      for (const set of group) {
        const results = await precision.ingest(set.docs, concurrency);
        const merged = [...results.values()].filter((result) => result.outcome === 'duplicate' || result.outcome === 'unchanged');
        const canonical = [...results.values()].filter((result) => result.outcome === 'canonical').length;
        falseMerges += merged.length;
        console.log(`| ${set.name} | ${set.docs.length} | ${canonical} | ${merged.length} |`);
      }
    } finally {
      await precision.stack.close();
    }
  }

  const matchedTotal = [...perKind.values()].reduce((n, row) => n + row.matched, 0);
  const copyTotal = [...perKind.values()].reduce((n, row) => n + row.total, 0);
  const usd = costLine(perNew, perDuplicate);
  console.log(`\ncost: ${perNew.wru.toFixed(1)} write units and ${perNew.rru.toFixed(1)} read units per new article, ${perDuplicate.wru.toFixed(1)} and ${perDuplicate.rru.toFixed(1)} per duplicate; $${usd.toFixed(2)} per million documents at ${DUPLICATE_SHARE * 100}% duplicates (on-demand, us-east-1, without the uploader's PUT)`);
  console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (!process.argv.includes('--no-sweep')) runDedupSweep(sweepInput);
  console.log(
    JSON.stringify({
      matched: round(matchedTotal / Math.max(1, copyTotal), 4),
      falseMerges,
      wruPerNewArticle: round(perNew.wru),
      wruPerDuplicate: round(perDuplicate.wru),
      rruPerDocument: round(rruPerDocument),
      usdPerMillionAt30PctDuplicates: round(usd),
    }),
  );
}

await main();
