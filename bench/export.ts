// Export and report figures: articles per second and peak memory of `scrape-dedup export` and
// `scrape-dedup report` on a state folder, each in its own process under /usr/bin/time -v, with
// `export --since <far future>` (start-up and the listing pages, no article read) as the
// baseline of the same run; the read model alone in this process (no start-up); and the read
// units one exported article costs (the deployed-table cost per million articles).
//
//   node bin/run-ts.js bench/export.ts --fill 10000 --state /tmp/state-10k   # generate, then measure
//   node bin/run-ts.js bench/export.ts --state /tmp/state-181                 # measure an ingested state
//
// --fill N generates N articles (one in ten a near-duplicate of an earlier one, under other
// chrome) and runs each through the real decision step (createDocumentDecider: clean, learned
// chrome, index leases, records) with the object stored in the bucket, as ingest does.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { startLocalStack } from '../bin/local/local-stack.js';
import { DynamoStore } from '../lambdas/adapters/dynamo-store.js';
import { createCorpusReader } from '../lambdas/adapters/corpus-reader.js';
import { DEFAULT_INCOMING_PREFIX } from '../lambdas/adapters/table-schema.js';
import { createDocumentDecider } from '../lambdas/process-object.js';
import { seededRandom } from '../tests/helpers/seeded-random.js';

const run = promisify(execFile);
const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const CLI = join(ROOT, 'bin', 'scrape-dedup.js');
/** On-demand read price, us-east-1 (GUIDE.md cost model). */
const USD_PER_MILLION_READ_UNITS = 0.125;
/** Documents decided at once while filling. */
const FILL_CONCURRENCY = 8;
/** One generated document in this many is a near-duplicate of an earlier one. */
const DUPLICATE_EVERY = 10;

const VOCABULARY = (
  'harbour ferry council island market library station winter summer timetable crossing vessel passengers ' +
  'residents campaign trial evening morning nurses fishermen school teachers pupils bridge road repairs budget ' +
  'funding grant charity volunteers lifeboat crew rescue weather storm tide coast beach walkers visitors hotel ' +
  'cafe owner shop bakery festival music concert hall museum exhibition history archive photographs farmers ' +
  'harvest seeds garden allotment water supply pipes engineers contract tender hospital clinic doctor patients ' +
  'ambulance service shift workers wages rent housing homes planning application objection meeting vote members'
).split(' ');

function sentence(next: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
  return `${picked.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
}

/** A generated article: a title and four paragraphs of three sentences. */
function article(next: () => number, id: number): { title: string; paragraphs: string[] } {
  const paragraphs = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => sentence(next, 12 + Math.floor(next() * 8))).join(' '));
  return { title: `${sentence(next, 7).slice(0, -1)} ${id}`, paragraphs };
}

/** The article as a plain-text scrape: masthead, navigation, title, body, footer chrome. */
function scrape(site: string, title: string, paragraphs: readonly string[]): string {
  return [site.toUpperCase(), 'Home | News | Sport | Weather | Contact', '', title, '', ...paragraphs.flatMap((p) => [p, '']), 'Comments (3)', `© 2026 ${site}. All rights reserved.`].join('\n');
}

async function fill(stateDir: string, count: number): Promise<void> {
  const stack = await startLocalStack({ dataDir: resolve(stateDir), tableName: 'records', bucket: 'scrapes' });
  const decide = createDocumentDecider({ dynamo: stack.dynamo, tableName: stack.tableName });
  const next = seededRandom(14);
  const originals: { title: string; paragraphs: string[] }[] = [];
  const make = (i: number): { key: string; body: string } => {
    const site = `site-${i % 40}`;
    if (i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && originals.length > 0) {
      // A re-scrape of an earlier article on another site: one word changed, other chrome.
      const original = originals[Math.floor(next() * originals.length)]!;
      const paragraphs = original.paragraphs.map((p, n) => (n === 1 ? p.replace(/\w+\.$/, 'today.') : p));
      return { key: `${DEFAULT_INCOMING_PREFIX}${site}/copy-${i}.txt`, body: scrape(site, original.title, paragraphs) };
    }
    const fresh = article(next, i);
    originals.push(fresh);
    return { key: `${DEFAULT_INCOMING_PREFIX}${site}/article-${i}.txt`, body: scrape(site, fresh.title, fresh.paragraphs) };
  };
  const inputs = Array.from({ length: count }, (_, i) => make(i));
  const started = Date.now();
  let cursor = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: FILL_CONCURRENCY }, async () => {
      while (cursor < inputs.length) {
        const input = inputs[cursor]!;
        cursor += 1;
        const bytes = Buffer.from(input.body);
        await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: input.key, Body: bytes, ContentType: 'text/plain' }));
        // s3rver is unversioned: the ETag (MD5 of the bytes) is the version, as for ingest.
        const version = createHash('md5').update(bytes).digest('hex');
        await decide({ bucket: stack.bucket, key: input.key, version, bytes, hints: { key: input.key, contentType: 'text/plain' } });
        done += 1;
        if (done % 500 === 0) console.error(`filled ${done}/${count} (${(done / ((Date.now() - started) / 1000)).toFixed(1)} documents/s)`);
      }
    }),
  );
  await stack.close();
  console.log(`filled ${count} documents in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

interface Measured {
  readonly seconds: number;
  readonly peakMb: number;
}

async function timed(args: string[]): Promise<Measured> {
  const { stderr } = await run('/usr/bin/time', ['-v', process.execPath, CLI, ...args], { maxBuffer: 64 * 1024 * 1024 });
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  if (!wall || !rss) throw new Error(`unexpected /usr/bin/time output:\n${stderr}`);
  return { seconds: Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]), peakMb: Number(rss[1]) / 1024 };
}

async function readModel(stateDir: string): Promise<{ articles: number; seconds: number; requests: number; readUnits: number }> {
  const stack = await startLocalStack({ dataDir: resolve(stateDir), tableName: 'records', bucket: 'scrapes' });
  try {
    const reader = createCorpusReader(new DynamoStore({ client: stack.dynamo, tableName: stack.tableName }));
    const started = process.hrtime.bigint();
    let articles = 0;
    for await (const item of reader.articles()) if (item.docId !== '') articles += 1;
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { articles, seconds, ...reader.metrics() };
  } finally {
    await stack.close();
  }
}

const { values } = parseArgs({ options: { state: { type: 'string' }, fill: { type: 'string' } } });
if (!values.state) {
  console.error('usage: node bin/run-ts.js bench/export.ts --state DIR [--fill N]');
  process.exit(2);
}
const stateDir = values.state;
if (values.fill !== undefined) await fill(stateDir, Number(values.fill));

const out = `${resolve(stateDir)}-export-bench`;
const files = { jsonl: `${out}.jsonl`, gz: `${out}.jsonl.gz`, html: `${out}.html` };
const baseline = await timed(['export', '--state', stateDir, '--since', '2999-01-01', '--out', files.jsonl]);
const exported = await timed(['export', '--state', stateDir, '--out', files.jsonl]);
const gzipped = await timed(['export', '--state', stateDir, '--out', files.gz]);
const report = await timed(['report', '--state', stateDir, '--out', files.html]);
const lines = (await readFile(files.jsonl, 'utf8')).split('\n').filter(Boolean).length;
const sizes = { jsonl: (await stat(files.jsonl)).size / 1e6, gz: (await stat(files.gz)).size / 1e6, html: (await stat(files.html)).size / 1e6 };
if (!process.env.KEEP_OUTPUT) await Promise.all(Object.values(files).map((file) => rm(file, { force: true })));
const units = await readModel(stateDir);

// Articles per second past the start-up the baseline measured (node, tsx, opening the state).
const rate = (m: Measured): string => (m.seconds > baseline.seconds ? (lines / (m.seconds - baseline.seconds)).toFixed(0) : '—');
const row = (name: string, m: Measured, size?: number): string =>
  `| ${name} | ${m.seconds.toFixed(1)} s | ${(lines / m.seconds).toFixed(0)} | ${rate(m)} | ${m.peakMb.toFixed(0)} MB | ${size !== undefined ? `${size.toFixed(1)} MB` : ''} |`;
console.log(`\n${lines} canonical articles in ${stateDir} (load average ${(await readFile('/proc/loadavg', 'utf8')).split(' ')[0]})\n`);
console.log('| command | wall | articles/s | articles/s past start-up | peak RSS | output |');
console.log('|---|---:|---:|---:|---:|---:|');
console.log(row('export --since <future> (baseline: start-up and listing, nothing read)', baseline));
console.log(row('export', exported, sizes.jsonl));
console.log(row('export --out .jsonl.gz', gzipped, sizes.gz));
console.log(row('report', report, sizes.html));
console.log(`\nexport / baseline wall time: ${(exported.seconds / baseline.seconds).toFixed(2)}x; report / export: ${(report.seconds / exported.seconds).toFixed(2)}x`);
console.log(`read model alone, in this process: ${units.articles} articles in ${units.seconds.toFixed(1)} s = ${(units.articles / units.seconds).toFixed(0)} articles/s`);
const perArticle = units.readUnits / units.articles;
console.log(
  `reads per exported article: ${(units.requests / units.articles).toFixed(2)} requests, ${perArticle.toFixed(2)} read units ` +
    `-> $${(perArticle * USD_PER_MILLION_READ_UNITS).toFixed(2)} per million articles from a deployed table (on-demand, us-east-1)`,
);
