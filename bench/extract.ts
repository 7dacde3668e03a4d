// Benchmark: main-content extraction quality (F1/P/R) and speed, ours against Readability-on-linkedom.
//
//   npm run bench:extract                 # both extractors, tuning half, held-out half, total
//   npm run bench:extract -- --ours-only  # skip the (slow) Readability baseline
//   npm run bench:extract -- --worst 15   # also list the 15 worst tuning-half pages of ours by F1
//   npm run bench:extract -- --set minParagraphChars=30   # override one extractor setting
//
// Pages are sorted by id; even positions are the tuning half, odd positions the held-out half.
// Speed is one process, gunzip and decoding excluded, after a warm-up pass; it is printed per
// wall-clock second and per CPU second (the latter holds on a machine busy with other work).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../lambdas/core/extract-html.js';
import { cleanText } from '../lambdas/core/pipeline.js';
import type { HtmlExtractionOptions } from '../lambdas/core/html-settings.js';
import type { BenchPage, CorpusScore, PageScore } from './article-metric.js';
import { BENCH_DATA_DIR, loadBenchPages, scoreCorpus, scorePage } from './article-metric.js';

interface Extractor {
  readonly name: string;
  readonly extract: (html: string) => string;
}

/** `--set name=value` overrides of the extractor settings, for tuning runs. */
function parseOverrides(argv: readonly string[]): HtmlExtractionOptions {
  const overrides: Record<string, number> = {};
  argv.forEach((arg, i) => {
    if (arg !== '--set') return;
    const [name, value] = (argv[i + 1] ?? '').split('=');
    if (name !== undefined && value !== undefined) overrides[name] = Number(value);
  });
  return overrides;
}

/** What the pipeline keeps for the page: extraction, then the shared paragraph classifier and dedupe. */
const PIPELINE: Extractor = {
  name: 'scrape-dedup pipeline (extraction + shared paragraph classifier)',
  extract: (html) => cleanText(html, { contentType: 'text/html' }).paragraphs.join('\n'),
};

function oursWith(options: HtmlExtractionOptions): Extractor {
  return {
    name: 'scrape-dedup (htmlparser2 scorer)',
    extract: (html) => extractArticle(html, options).blocks.join('\n'),
  };
}

const READABILITY: Extractor = {
  name: 'Readability 0.6 on linkedom',
  extract: (html) => {
    const { document } = parseHTML(html);
    return new Readability(document as unknown as ConstructorParameters<typeof Readability>[0]).parse()?.textContent ?? '';
  },
};

interface RunResult {
  readonly scores: PageScore[];
  /** Pages per second of wall-clock time. */
  readonly pagesPerSecond: number;
  /** Pages per second of this process's CPU time: the one-core speed even on a busy machine. */
  readonly pagesPerCpuSecond: number;
}

function run(extractor: Extractor, pages: readonly BenchPage[]): RunResult {
  // Warm-up: let the JIT compile the hot paths before the timed pass.
  for (const page of pages.slice(0, 20)) extractor.extract(page.html);
  const outputs: string[] = [];
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const page of pages) outputs.push(extractor.extract(page.html));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const scores = pages.map((page, i) => scorePage(page.truth, outputs[i] as string));
  return { scores, pagesPerSecond: pages.length / seconds, pagesPerCpuSecond: pages.length / cpuSeconds };
}

function format(score: CorpusScore): string {
  return `F1 ${score.f1.toFixed(3)}  P ${score.precision.toFixed(3)}  R ${score.recall.toFixed(3)}`;
}

function report(name: string, result: RunResult): void {
  const even = result.scores.filter((_, i) => i % 2 === 0);
  const odd = result.scores.filter((_, i) => i % 2 === 1);
  console.log(`${name}`);
  console.log(`  tuning half (even, ${even.length} pages):   ${format(scoreCorpus(even))}`);
  console.log(`  held-out half (odd, ${odd.length} pages):  ${format(scoreCorpus(odd))}`);
  console.log(`  all ${result.scores.length} pages:                ${format(scoreCorpus(result.scores))}`);
  console.log(
    `  speed: ${result.pagesPerSecond.toFixed(1)} pages/s wall clock, ${result.pagesPerCpuSecond.toFixed(1)} pages per CPU second (one process, gunzip and decoding excluded)`,
  );
}

function pageF1(score: PageScore): number {
  const p = score.tp + score.fp === 0 ? 0 : score.tp / (score.tp + score.fp);
  const r = score.tp + score.fn === 0 ? 0 : score.tp / (score.tp + score.fn);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function main(argv: readonly string[]): number {
  const pages = loadBenchPages();
  if (pages === undefined) {
    console.log(`bench:extract: no benchmark data at ${BENCH_DATA_DIR}; nothing to measure.`);
    return 0;
  }
  const oursExtractor = oursWith(parseOverrides(argv));
  const ours = run(oursExtractor, pages);
  report(oursExtractor.name, ours);
  const worstIndex = argv.indexOf('--worst');
  if (worstIndex >= 0) {
    const count = Number(argv[worstIndex + 1] ?? 10);
    // Only tuning-half pages are listed: the held-out half stays unseen while tuning.
    const ranked = ours.scores
      .map((score, i) => ({ score, i }))
      .filter(({ i }) => i % 2 === 0)
      .sort((a, b) => pageF1(a.score) - pageF1(b.score));
    for (const { score, i } of ranked.slice(0, count)) {
      const page = pages[i] as BenchPage;
      console.log(`  ${page.id.slice(0, 12)} F1 ${pageF1(score).toFixed(3)} tp ${score.tp} fp ${score.fp} fn ${score.fn}`);
    }
  }
  const pipeline = run(PIPELINE, pages);
  report(PIPELINE.name, pipeline);
  if (argv.includes('--ours-only')) return 0;
  const baseline = run(READABILITY, pages);
  report(READABILITY.name, baseline);
  const ratio = (result: RunResult): string =>
    `${(result.pagesPerSecond / baseline.pagesPerSecond).toFixed(2)}x wall clock, ${(result.pagesPerCpuSecond / baseline.pagesPerCpuSecond).toFixed(2)}x CPU`;
  console.log(`speed ratio to Readability: extraction ${ratio(ours)}; pipeline ${ratio(pipeline)}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
