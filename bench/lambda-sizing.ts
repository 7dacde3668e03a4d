// Benchmark: peak memory and time of the deployed function on the largest realistic inputs,
// to choose the function's memory and timeout (lib/defaults.ts DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT).
//
//   node bin/run-ts.js bench/lambda-sizing.ts            # 3 runs per input, median time
//   node bin/run-ts.js bench/lambda-sizing.ts --runs 5
//
// The app is synthesised as `cdk synth` does and the asset's index.mjs (the deployed bundle) is
// run in a fresh Node process per input, one S3-in-SQS event each, against dynalite and s3rver
// running in this (parent) process, so the child's peak RSS is the function's alone: Node, the
// AWS SDK, the bundle and the work on one object. Inputs are generated (seeded, no data files):
//   typical  a 5 KB news article (text)
//   2 MB     a 2 MB plain-text article: ~2,900 distinct paragraphs
//   20 MB    a 20 MB HTML page: an 8 MB inline JSON state script, 1 MB of CSS, a 40-paragraph
//            article and a 10 MB comment thread of ~24,000 comments in nested divs
//   worst    the worst accepted document (issue 10): 4,990 distinct paragraphs (the limit is
//            MAX_DOCUMENT_PARAGRAPHS, 5,000) of ~1,450 characters, about 7.2 million characters kept
//            (the limit is MAX_KEPT_CHARS, 8 million)
//   refused  the 22 MB HTML page of 200,000 distinct paragraphs that used to fail on every
//            delivery: rejected as too-many-paragraphs before the first write
//
//   node bin/run-ts.js bench/lambda-sizing.ts --only worst,refused --runs 1   # some inputs only
import { spawn } from 'node:child_process';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../bin/local/local-stack.js';
import { s3PutEvent, sqsEventFor } from '../bin/local/s3-event.js';
import { DynamoStore } from '../lambdas/adapters/dynamo-store.js';
import { buildApp, findDeployedFunction, removeOutdir } from '../tests/helpers/cdk-app.js';
import { seededRandom } from '../tests/helpers/seeded-random.js';

interface ChildResult {
  /** Resident set size after importing the bundle, before the event (MB). */
  readonly importedRssMb: number;
  /** Peak resident set size of the whole process (MB). */
  readonly peakRssMb: number;
  /** Wall time of the first (warm-up) call, which pays for lazy set-up (ms). */
  readonly firstCallMs: number;
  /** Wall time of the measured handler call (ms). */
  readonly handlerMs: number;
  /** CPU time (user + system) of the measured call (ms). */
  readonly cpuMs: number;
  /** Wall time to import the bundle (ms). */
  readonly importMs: number;
  readonly failures: number;
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ren', 'to', 'sa', 'vel', 'dor', 'an', 'is', 'pe', 'qua', 'bri', 'nor', 'te', 'ul', 'gos', 'ha', 'fin', 'e'];

/** A word list of `size` pseudo-words built from syllables. */
function vocabulary(random: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const syllables = 1 + Math.floor(random() * 3);
    let word = '';
    for (let i = 0; i < syllables; i++) word += SYLLABLES[Math.floor(random() * SYLLABLES.length)];
    words.add(word);
  }
  return [...words];
}

/** Paragraphs of 3 to 6 sentences of 8 to 20 words, until `bytes` characters are written. */
function paragraphs(random: () => number, words: readonly string[], bytes: number): string[] {
  const out: string[] = [];
  let total = 0;
  while (total < bytes) {
    const sentences: string[] = [];
    const count = 3 + Math.floor(random() * 4);
    for (let s = 0; s < count; s++) {
      const length = 8 + Math.floor(random() * 13);
      const sentence = Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
      sentences.push(`${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`);
    }
    const paragraph = sentences.join(' ');
    out.push(paragraph);
    total += paragraph.length + 2;
  }
  return out;
}

function textArticle(seed: number, bytes: number): string {
  const random = seededRandom(seed);
  const words = vocabulary(random, 3000);
  return [`Report number ${seed} on the harbour works`, ...paragraphs(random, words, bytes)].join('\n\n');
}

/** A text article of `count` paragraphs of about `chars` characters each (all distinct). */
function manyParagraphsArticle(seed: number, count: number, chars: number): string {
  const random = seededRandom(seed);
  const words = vocabulary(random, 3000);
  const out = [`Report number ${seed} on the harbour works, in full`];
  for (let i = 0; i < count; i++) out.push(`${i + 1}. ${paragraphs(random, words, chars).join(' ')}`);
  return out.join('\n\n');
}

/** An HTML page of `count` short distinct paragraphs (the shape that overflowed the article item). */
function paragraphPage(seed: number, count: number): string {
  const random = seededRandom(seed);
  const words = vocabulary(random, 3000);
  const sentence = (): string => Array.from({ length: 14 }, () => words[Math.floor(random() * words.length)]).join(' ');
  const body = Array.from({ length: count }, (_, i) => `<p>${i + 1}. ${sentence()}.</p>`).join('\n');
  return `<!doctype html><html><head><title>Register ${seed}</title></head><body><article><h1>Register ${seed}</h1>${body}</article></body></html>`;
}

function bigPage(seed: number): string {
  const random = seededRandom(seed);
  const words = vocabulary(random, 3000);
  const state = JSON.stringify({
    items: Array.from({ length: 60_000 }, (_, i) => ({ id: i, title: paragraphs(random, words, 60)[0], score: random() })),
  }).slice(0, 8_000_000);
  const css = Array.from({ length: 20_000 }, (_, i) => `.c${i}{margin:${i % 7}px;color:#${(i * 2654435761 % 0xffffff).toString(16).padStart(6, '0')}}`).join('\n');
  const article = paragraphs(random, words, 12_000).map((p) => `<p>${p}</p>`).join('\n');
  const comments: string[] = [];
  let size = 0;
  for (let i = 0; size < 10_000_000; i++) {
    const text = paragraphs(random, words, 200)[0] as string;
    const comment = `<div class="comment" id="c${i}"><div class="meta"><a href="/u/${i}">user${i}</a> <time>2026-01-01</time></div><div class="body"><p>${text}</p></div><div class="actions"><a href="#r${i}">Reply</a> <a href="#l${i}">Like</a></div></div>\n`;
    comments.push(comment);
    size += comment.length;
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>Harbour works: the full story</title>
<script>window.__STATE__=${JSON.stringify(state)}</script><style>${css}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><h1>Harbour works: the full story</h1>${article}</article>
<section class="comments"><h2>Comments</h2>${comments.join('')}</section></main>
<footer>Copyright 2026</footer></body></html>`;
}

/**
 * Runs the bundle in a fresh process: first a small warm-up event (the first call pays for
 * lazy SDK set-up, like a cold start), then the measured event.
 */
function runChild(bundle: string, warmUp: unknown, event: unknown, env: Record<string, string>): Promise<ChildResult> {
  const code = `
    const t0 = performance.now();
    const { handler } = await import(process.argv[1]);
    const importMs = performance.now() - t0;
    const importedRssMb = process.memoryUsage().rss / 2 ** 20;
    const t1 = performance.now();
    await handler(JSON.parse(process.argv[2]));
    const firstCallMs = performance.now() - t1;
    const event = JSON.parse(process.argv[3]);
    const cpu = process.cpuUsage();
    const t2 = performance.now();
    const result = await handler(event);
    const handlerMs = performance.now() - t2;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    process.stderr.write('\\n@@' + JSON.stringify({ importMs, importedRssMb, firstCallMs, handlerMs, cpuMs, peakRssMb, failures: result.batchItemFailures.length }) + '\\n');
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, bundle, JSON.stringify(warmUp), JSON.stringify(event)], {
      env: { ...process.env, ...env, POWERTOOLS_LOG_LEVEL: 'WARN', NODE_NO_WARNINGS: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => {
      const line = stderr.split('\n').find((l) => l.startsWith('@@'));
      if (status !== 0 || line === undefined) reject(new Error(`child failed (${status}): ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(2)) as ChildResult);
    });
  });
}

/** Items in the table (a Scan count), to show how many items one object writes. */
async function countItems(client: DynamoDBClient, tableName: string): Promise<number> {
  let count = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: tableName, Select: 'COUNT', ExclusiveStartKey: start }));
    count += page.Count ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return count;
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function main(): Promise<void> {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 3;

  const built = buildApp();
  built.app.synth();
  const deployed = findDeployedFunction(built.stack, built.outdir);
  const local = await startLocalStack();
  try {
    const templateEnv = Object.fromEntries(
      Object.entries(deployed.environment).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    const env = { ...templateEnv, ...local.env };
    const store = new DynamoStore({ client: local.dynamo, tableName: local.tableName });
    // Each run gets its own seed: a new distinct article, so every run takes the canonical path
    // (body chunks written), not the cheaper duplicate or replay path.
    const inputs: Array<[string, string, (seed: number) => string, string]> = [
      ['typical 5 KB text', 'incoming/sizing/typical.txt', (seed) => textArticle(seed, 5_000), 'text/plain; charset=utf-8'],
      ['2 MB text article', 'incoming/sizing/article-2mb.txt', (seed) => textArticle(seed, 2_000_000), 'text/plain; charset=utf-8'],
      ['20 MB HTML page', 'incoming/sizing/page-20mb.html', (seed) => bigPage(seed), 'text/html; charset=utf-8'],
      ['worst accepted: 4,990 paragraphs, 7.2 MB text', 'incoming/sizing/worst.txt', (seed) => manyParagraphsArticle(seed, 4_990, 1_250), 'text/plain; charset=utf-8'],
      ['refused: 200,000 paragraphs, 22 MB HTML', 'incoming/sizing/refused.html', (seed) => paragraphPage(seed, 200_000), 'text/html; charset=utf-8'],
    ];
    const onlyArg = process.argv.indexOf('--only');
    const only = onlyArg >= 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : undefined;

    console.log(`Deployed bundle: ${deployed.bundle}`);
    console.log(`Node ${process.version}, ${runs} fresh process(es) per input; each run processes a new object version.\n`);
    /** Uploads `body` and returns the SQS event the queue would deliver for it. */
    const uploadEvent = async (key: string, body: string, contentType: string): Promise<unknown> => {
      const put = await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: contentType }));
      const eTag = (put.ETag ?? '').replace(/"/g, '');
      return sqsEventFor(s3PutEvent({ bucket: local.bucket, key, size: Buffer.byteLength(body), eTag }));
    };

    console.log('| input | bytes | peak RSS (MB) | RSS after import (MB) | first call (ms) | handler wall (ms) | handler CPU (ms) | items written | outcome |');
    console.log('|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const [index, [name, key, generate, contentType]] of inputs.entries()) {
      if (only !== undefined && !only.some((word) => name.startsWith(word))) continue;
      const results: ChildResult[] = [];
      const written: number[] = [];
      const outcomes: string[] = [];
      let bytes = 0;
      for (let run = 0; run < runs; run++) {
        // A distinct article per run (its own seed), so every run takes the canonical path.
        const seed = 100 * index + run;
        const body = generate(seed);
        bytes = Buffer.byteLength(body);
        const runKey = key.replace(/(\.\w+)$/, `-${run}$1`);
        const warmUp = await uploadEvent(`incoming/sizing/warm-up-${seed}.txt`, textArticle(10_000 + seed, 3_000), 'text/plain; charset=utf-8');
        const event = await uploadEvent(runKey, body, contentType);
        const itemsBefore = await countItems(local.dynamo, local.tableName);
        const result = await runChild(deployed.bundle, warmUp, event, env);
        // The warm-up article's own items are counted too; it is measured alone as "typical".
        written.push((await countItems(local.dynamo, local.tableName)) - itemsBefore);
        results.push(result);
        const source = await store.getLatestSource(local.bucket, runKey);
        outcomes.push(source === undefined ? 'none' : `${source.outcome}${source.code === undefined ? '' : ` (${source.code})`}`);
      }
      const cells = [
        name,
        bytes.toLocaleString('en'),
        Math.max(...results.map((r) => r.peakRssMb)).toFixed(0),
        median(results.map((r) => r.importedRssMb)).toFixed(0),
        median(results.map((r) => r.firstCallMs)).toFixed(0),
        median(results.map((r) => r.handlerMs)).toFixed(0),
        median(results.map((r) => r.cpuMs)).toFixed(0),
        String(median(written)),
        [...new Set(outcomes)].join('/') + (results.some((r) => r.failures > 0) ? ' (FAILED)' : ''),
      ];
      console.log(`| ${cells.join(' | ')} |`);
    }
    console.log('\n"items written" includes the warm-up article\'s items (see the typical row for its share).');
  } finally {
    await local.close();
    removeOutdir(built.outdir);
  }
}

await main();
