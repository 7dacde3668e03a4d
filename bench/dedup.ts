// `npm run bench:dedup`: the dedup store end to end on ../shared/bench/article-extraction.
// Ingests each gold article body as a text file, then each raw HTML page (the same article,
// rendered by its site) through the real pipeline and store on the local stack (dynalite and
// s3rver), and reports how many pages were matched to their own gold article, false merges,
// DynamoDB requests and write units per document, and documents per second. It then sweeps the
// match thresholds offline over the same cleaned documents, to show why settings.ts has the
// values it has.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../bin/local/local-stack.js';
import { DynamoStore } from '../lambdas/adapters/dynamo-store.js';
import { cleanScrape } from '../lambdas/core/pipeline.js';
import { InputRejectedError } from '../lambdas/core/errors.js';
import type { CleanDocument } from '../lambdas/core/types.js';
import { isNearDuplicate, measureSimilarity } from '../lambdas/dedup/match.js';
import type { Similarity } from '../lambdas/dedup/match.js';
import { paragraphSketch } from '../lambdas/dedup/keys.js';
import { fingerprintBands } from '../lambdas/core/simhash.js';
import { resolveDedupOptions } from '../lambdas/dedup/options.js';
import type { DedupOptions } from '../lambdas/dedup/options.js';
import { createObjectProcessor } from '../lambdas/process-object.js';
import type { ProcessedObject } from '../lambdas/process-object.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DATA = resolve(ROOT, '../shared/bench/article-extraction');

interface GroundTruth {
  readonly articleBody: string;
  readonly url?: string;
}

function loadCorpus(limit: number): Array<{ id: string; gold: GroundTruth; html: Buffer }> {
  const truth = JSON.parse(readFileSync(join(DATA, 'ground-truth.json'), 'utf8')) as Record<string, GroundTruth>;
  const files = readdirSync(join(DATA, 'html')).filter((name) => name.endsWith('.html.gz')).sort();
  return files
    .map((name) => name.replace(/\.html\.gz$/, ''))
    .filter((id) => truth[id] !== undefined)
    .slice(0, limit)
    .map((id) => ({ id, gold: truth[id]!, html: gunzipSync(readFileSync(join(DATA, 'html', `${id}.html.gz`))) }));
}

function pct(value: number): string {
  return `${(100 * value).toFixed(1)}%`;
}

function cleanOrUndefined(bytes: Uint8Array, key: string, contentType: string): CleanDocument | undefined {
  try {
    return cleanScrape(bytes, { key, contentType });
  } catch (error) {
    if (error instanceof InputRejectedError) return undefined;
    throw error;
  }
}

/** Whether the index would surface `b` when looking up `a` (a band or a sketch key in common). */
function sharesIndexKey(a: CleanDocument, b: CleanDocument, options: DedupOptions): boolean {
  const bandsA = new Set(fingerprintBands(a.fingerprint, options.bandCount));
  if (fingerprintBands(b.fingerprint, options.bandCount).some((band) => bandsA.has(band))) return true;
  const sketchA = new Set(paragraphSketch(a.paragraphs, a.paragraphFingerprints, options.sketchSize, options.sketchMinChars));
  return paragraphSketch(b.paragraphs, b.paragraphFingerprints, options.sketchSize, options.sketchMinChars).some((fp) => sketchA.has(fp));
}

async function main(): Promise<void> {
  if (!existsSync(DATA)) {
    console.error(`bench:dedup needs ${DATA} (the shared benchmark data); not found.`);
    process.exitCode = 2;
    return;
  }
  const limitArg = process.argv.indexOf('--limit');
  const limit = limitArg >= 0 ? Number(process.argv[limitArg + 1]) : Number.POSITIVE_INFINITY;
  const corpus = loadCorpus(limit);
  const options = resolveDedupOptions();

  const stack = await startLocalStack();
  const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName, options });
  const processObject = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName: stack.tableName, store });
  const goldDoc = new Map<string, string>();
  const pageResult = new Map<string, ProcessedObject>();
  const outcomes: Record<string, number> = {};
  let storeMs = 0;
  let docs = 0;
  try {
    const phase = async (kind: 'gold' | 'page'): Promise<void> => {
      for (const { id, gold, html } of corpus) {
        const key = kind === 'gold' ? `incoming/gold/${id}.txt` : `incoming/pages/${id}.html`;
        const body = kind === 'gold' ? Buffer.from(gold.articleBody) : html;
        const put = await stack.s3.send(
          new PutObjectCommand({
            Bucket: stack.bucket,
            Key: key,
            Body: body,
            ContentType: kind === 'gold' ? 'text/plain; charset=utf-8' : 'text/html',
            // Pages carry their URL (site = host); gold bodies have none (site = their folder).
            Metadata: kind === 'page' && gold.url ? { url: gold.url } : undefined,
          }),
        );
        const started = performance.now();
        const result = await processObject({ bucket: stack.bucket, key, eTag: put.ETag });
        storeMs += performance.now() - started;
        docs += 1;
        outcomes[`${kind} ${result.outcome}`] = (outcomes[`${kind} ${result.outcome}`] ?? 0) + 1;
        if (kind === 'gold' && result.docId) goldDoc.set(id, result.docId);
        if (kind === 'page') pageResult.set(id, result);
      }
    };
    await phase('gold');
    const goldMetrics = { ...store.metrics };
    await phase('page');

    // --- end-to-end figures
    let matchedOwn = 0;
    let falseMerges = 0;
    const idOfDoc = new Map([...goldDoc.entries()].map(([id, docId]) => [docId, id]));
    const goldMergedIntoOther = [...goldDoc.entries()].filter(([id, docId]) => idOfDoc.get(docId) !== id).length;
    const pagesWithGold = corpus.filter(({ id }) => goldDoc.has(id));
    for (const { id } of pagesWithGold) {
      const result = pageResult.get(id);
      if (result?.docId === goldDoc.get(id) && result?.outcome !== 'canonical') matchedOwn += 1;
      else if (result?.docId !== undefined && idOfDoc.has(result.docId) && idOfDoc.get(result.docId) !== id) falseMerges += 1;
    }
    const m = store.metrics;
    const pageRequests = m.requests - goldMetrics.requests;
    const pageWrites = m.writeUnits + m.indexWriteUnits - goldMetrics.writeUnits - goldMetrics.indexWriteUnits;
    console.log(`\nbench:dedup on ${corpus.length} articles (${docs} documents: gold bodies as text, then raw HTML pages)\n`);
    console.log('| measure | value | target |');
    console.log('|---|---|---|');
    console.log(`| pages marked duplicate of their own gold article | ${matchedOwn}/${pagesWithGold.length} = ${pct(matchedOwn / Math.max(1, pagesWithGold.length))} | >= 95% |`);
    console.log(`| false merges (page into another article, or gold into another gold) | ${falseMerges + goldMergedIntoOther} | 0 |`);
    console.log(`| DynamoDB requests per document | ${(m.requests / docs).toFixed(1)} (gold ${(goldMetrics.requests / corpus.length).toFixed(1)}, pages ${(pageRequests / corpus.length).toFixed(1)}) | |`);
    console.log(`| write units per document (table + byKind index) | ${((m.writeUnits + m.indexWriteUnits) / docs).toFixed(1)} (canonical gold ${((goldMetrics.writeUnits + goldMetrics.indexWriteUnits) / corpus.length).toFixed(1)}, pages ${(pageWrites / corpus.length).toFixed(1)}) | |`);
    console.log(`| read units per document | ${(m.readUnits / docs).toFixed(1)} | |`);
    console.log(`| documents/s (one stream, local stack) | ${(docs / (storeMs / 1000)).toFixed(1)} | |`);
    console.log(`\noutcomes: ${JSON.stringify(outcomes)}`);

    // --- offline: the signals over the same cleaned documents, and a threshold sweep
    const cleanedGold = new Map<string, CleanDocument>();
    const cleanedPage = new Map<string, CleanDocument>();
    const cleanStarted = performance.now();
    for (const { id, gold, html } of corpus) {
      const g = cleanOrUndefined(Buffer.from(gold.articleBody), `gold/${id}.txt`, 'text/plain');
      const p = cleanOrUndefined(html, `pages/${id}.html`, 'text/html');
      if (g) cleanedGold.set(id, g);
      if (p) cleanedPage.set(id, p);
    }
    const cleanMs = performance.now() - cleanStarted;
    // Baseline from the same run: the pure pipeline alone on the same documents.
    console.log(`\nbaseline, same run: cleaning alone ${(docs / (cleanMs / 1000)).toFixed(1)} documents/s; the whole store path takes ${(storeMs / cleanMs).toFixed(1)}x as long (S3 read, DynamoDB round trips on dynalite)`);
    const own: Array<{ id: string; similarity: Similarity; indexed: boolean }> = [];
    for (const [id, page] of cleanedPage) {
      const gold = cleanedGold.get(id);
      if (gold) own.push({ id, similarity: measureSimilarity(page, gold, options.paragraphMatchDistance), indexed: sharesIndexKey(page, gold, options) });
    }
    const cross: Similarity[] = [];
    const ids = [...cleanedGold.keys()];
    for (let i = 0; i < ids.length; i += 1) {
      for (let j = i + 1; j < ids.length; j += 1) {
        cross.push(measureSimilarity(cleanedGold.get(ids[i]!)!, cleanedGold.get(ids[j]!)!, options.paragraphMatchDistance));
      }
      // A page against every other article's gold body is the realistic false-merge risk.
      const page = cleanedPage.get(ids[i]!);
      if (!page) continue;
      for (let j = 0; j < ids.length; j += 1) {
        if (j !== i) cross.push(measureSimilarity(page, cleanedGold.get(ids[j]!)!, options.paragraphMatchDistance));
      }
    }
    const minCross = Math.min(...cross.map((s) => s.distance));
    const maxCrossOverlap = Math.max(...cross.map((s) => s.paragraphOverlap));
    console.log(`\noffline over cleaned documents: ${own.length} page/gold pairs, ${cross.length} pairs of different articles`);
    console.log(`- different articles: smallest distance ${minCross} bits, largest paragraph overlap ${pct(maxCrossOverlap)}`);
    console.log(`- page vs own gold surfaced by the index (band or sketch key in common): ${pct(own.filter((o) => o.indexed).length / Math.max(1, own.length))}`);
    for (const bandCount of [1, 2, 4, 8]) {
      const layout = { ...options, bandCount };
      const surfaced = own.filter((o) => {
        const page = cleanedPage.get(o.id)!;
        return sharesIndexKey(page, cleanedGold.get(o.id)!, layout) && isNearDuplicate(o.similarity, options);
      }).length;
      console.log(`- with ${bandCount} band(s) of ${64 / bandCount} bits + sketch: surfaced and matched ${pct(surfaced / Math.max(1, own.length))}`);
    }
    const sketchOnly = own.filter((o) => {
      const page = cleanedPage.get(o.id)!;
      const gold = cleanedGold.get(o.id)!;
      const a = new Set(paragraphSketch(page.paragraphs, page.paragraphFingerprints, options.sketchSize, options.sketchMinChars));
      return paragraphSketch(gold.paragraphs, gold.paragraphFingerprints, options.sketchSize, options.sketchMinChars).some((fp) => a.has(fp));
    }).length;
    console.log(`- sketch alone surfaces ${pct(sketchOnly / Math.max(1, own.length))}`);
    const distances = own.map((o) => o.similarity.distance).sort((a, b) => a - b);
    for (const bits of [0, 3, 6, 10, 16, 24]) {
      console.log(`- page vs own gold within ${bits} bits: ${pct(distances.filter((d) => d <= bits).length / Math.max(1, distances.length))}`);
    }
    const sweep: Array<Partial<DedupOptions>> = [
      { maxDistance: 3, minParagraphOverlap: 1, maxDistanceWithOverlap: 3 },
      { maxDistance: 6, minParagraphOverlap: 1, maxDistanceWithOverlap: 6 },
      { maxDistance: 10, minParagraphOverlap: 1, maxDistanceWithOverlap: 10 },
      { maxDistance: 3, minParagraphOverlap: 0.5, maxDistanceWithOverlap: 12, minSharedParagraphs: 2 },
      { maxDistance: 3, minParagraphOverlap: 0.5, maxDistanceWithOverlap: 16, minSharedParagraphs: 2 },
      { maxDistance: 3, minParagraphOverlap: 0.5, maxDistanceWithOverlap: 24, minSharedParagraphs: 2 },
      { maxDistance: 3, minParagraphOverlap: 0.5, maxDistanceWithOverlap: 24, minSharedParagraphs: 3 },
      { maxDistance: 3, minParagraphOverlap: 0.4, maxDistanceWithOverlap: 28, minSharedParagraphs: 2 },
      { maxDistance: 6, minParagraphOverlap: 0.5, maxDistanceWithOverlap: 24, minSharedParagraphs: 2 },
      { maxDistance: 3, minParagraphOverlap: 0.3, maxDistanceWithOverlap: 32, minSharedParagraphs: 1 },
      {},
    ];
    console.log('\n| maxDistance | overlap >= | shared >= | with distance <= | own gold matched (if surfaced) | false merges among different pairs |');
    console.log('|---|---|---|---|---|---|');
    for (const overrides of sweep) {
      const o = { ...options, ...overrides };
      const hits = own.filter((x) => isNearDuplicate(x.similarity, o)).length;
      const merges = cross.filter((s) => isNearDuplicate(s, o)).length;
      const label = Object.keys(overrides).length === 0 ? ' (settings.ts)' : '';
      console.log(`| ${o.maxDistance}${label} | ${o.minParagraphOverlap} | ${o.minSharedParagraphs} | ${o.maxDistanceWithOverlap} | ${pct(hits / Math.max(1, own.length))} | ${merges} |`);
    }
    const missed = own.filter((x) => !x.indexed || !isNearDuplicate(x.similarity, options));
    if (missed.length > 0) {
      console.log(`\nmissed pages (first 15 of ${missed.length}): id, distance, paragraph overlap, surfaced by index`);
      for (const x of missed.slice(0, 15)) {
        console.log(`  ${x.id.slice(0, 12)} d=${x.similarity.distance} overlap=${pct(x.similarity.paragraphOverlap)} shared=${x.similarity.sharedParagraphs} indexed=${x.indexed}`);
      }
    }
  } finally {
    await stack.close();
  }
}

await main();
