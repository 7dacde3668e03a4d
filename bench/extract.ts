// Benchmark: main-content extraction quality and speed on both benchmark sets, ours against
// Readability-on-linkedom measured in the same run.
//
//   npm run bench:extract                 # both sets, both extractors, tuning half, held-out half, total
//   npm run bench:extract -- --ours-only  # skip the (slow) Readability baseline
//   npm run bench:extract -- --worst 15   # also list the 15 worst tuning-half pages of each set
//   npm run bench:extract -- --lost       # where the tuning half's missing multilingual passages were lost
//   npm run bench:extract -- --set minParagraphChars=30   # override one extractor setting
//
// Sets: the 181 English news pages of ../shared/bench/article-extraction (shingle F1, means over
// pages) and the 536 multilingual pages of ../shared/bench/multilingual-extraction (passage
// F1, micro-averaged, per declared language). In each set pages are sorted by id; even
// positions are the tuning half, odd positions the held-out half: rules are tuned on the even
// half only and the odd half checks that they generalise.
// Speed is one process over both sets, gunzip and decoding excluded, after a warm-up pass; it
// is printed per wall-clock second and per CPU second (the latter holds on a busy machine).
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { sniffCharset } from '../lambdas/core/charset.js';
import { decodeBytes } from '../lambdas/core/decode.js';
import { extractArticle } from '../lambdas/core/extract-html.js';
import type { HtmlExtractionOptions } from '../lambdas/core/html-settings.js';
import { cleanText } from '../lambdas/core/pipeline.js';
import type { BenchPage, CorpusScore, PageScore } from './article-metric.js';
import { BENCH_DATA_DIR, loadBenchPages, scoreCorpus, scorePage } from './article-metric.js';
import { reportLostPassages } from './extract-diagnosis.js';
import type { PassageCounts, PassagePage, PassageScore } from './multilingual-metric.js';
import { MULTILINGUAL_DATA_DIR, loadPassagePages, scorePassageCorpus, scorePassages } from './multilingual-metric.js';

interface Extractor {
  readonly name: string;
  readonly extract: (html: string) => string;
}

/** A multilingual page decoded once, as the pipeline decodes it (declared charset sniffed from the bytes). */
interface DecodedPassagePage extends PassagePage {
  readonly html: string;
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

/** What the pipeline keeps for the page (`clean --json` text): extraction, then the shared paragraph classifier and dedupe. */
function pipelineWith(options: HtmlExtractionOptions): Extractor {
  return {
    name: 'scrape-dedup pipeline (clean --json text: extraction + shared paragraph classifier)',
    extract: (html) => cleanText(html, { contentType: 'text/html' }, {}, options).text,
  };
}

function oursWith(options: HtmlExtractionOptions): Extractor {
  return {
    name: 'scrape-dedup extraction alone (htmlparser2 scorer)',
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

/** Issue 16's HTML speed target: our extraction at least this many times Readability's pages per CPU second. */
const TARGET_CPU_RATIO = 8;

interface RunResult {
  readonly news: PageScore[];
  readonly multilingual: PassageCounts[];
  readonly multilingualOutputs: string[];
  /** Pages per second of wall-clock time, both sets. */
  readonly pagesPerSecond: number;
  /** Pages per second of this process's CPU time: the one-core speed even on a busy machine. */
  readonly pagesPerCpuSecond: number;
}

/** Runs an extractor; a page it throws on (a refused page) counts as an empty extraction. */
function safeExtract(extractor: Extractor, html: string): string {
  try {
    return extractor.extract(html);
  } catch {
    return '';
  }
}

function run(extractor: Extractor, news: readonly BenchPage[], multilingual: readonly DecodedPassagePage[]): RunResult {
  // Warm-up: let the JIT compile the hot paths before the timed pass.
  for (const page of news.slice(0, 20)) safeExtract(extractor, page.html);
  for (const page of multilingual.slice(0, 20)) safeExtract(extractor, page.html);
  const newsOutputs: string[] = [];
  const multilingualOutputs: string[] = [];
  const cpuStarted = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (const page of news) newsOutputs.push(safeExtract(extractor, page.html));
  for (const page of multilingual) multilingualOutputs.push(safeExtract(extractor, page.html));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const pages = news.length + multilingual.length;
  return {
    news: news.map((page, i) => scorePage(page.truth, newsOutputs[i] as string)),
    multilingual: multilingual.map((page, i) => scorePassages(page, multilingualOutputs[i] as string)),
    multilingualOutputs,
    pagesPerSecond: pages / seconds,
    pagesPerCpuSecond: pages / cpuSeconds,
  };
}

function format(score: CorpusScore | PassageScore): string {
  return `F1 ${score.f1.toFixed(3)}  P ${score.precision.toFixed(3)}  R ${score.recall.toFixed(3)}`;
}

const even = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % 2 === 0);
const odd = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % 2 === 1);

function report(name: string, result: RunResult, hasNews: boolean, hasMultilingual: boolean): void {
  console.log(`${name}`);
  if (hasNews) {
    const scores = result.news;
    console.log(`  news (181, shingle F1)   tuning half ${format(scoreCorpus(even(scores)))} | held-out half ${format(scoreCorpus(odd(scores)))} | all ${format(scoreCorpus(scores))}`);
  }
  if (hasMultilingual) {
    const counts = result.multilingual;
    console.log(`  multilingual (passages)  tuning half ${format(scorePassageCorpus(even(counts)))} | held-out half ${format(scorePassageCorpus(odd(counts)))} | all ${format(scorePassageCorpus(counts))}`);
  }
  console.log(
    `  speed: ${result.pagesPerSecond.toFixed(1)} pages/s wall clock, ${result.pagesPerCpuSecond.toFixed(1)} pages per CPU second (one process, both sets, gunzip and decoding excluded)`,
  );
}

/** Languages with at least this many pages get a row of their own; the rest share "other". */
const MIN_LANGUAGE_PAGES = 4;

function reportLanguages(pages: readonly PassagePage[], results: ReadonlyArray<{ name: string; result: RunResult }>): void {
  const counts = new Map<string, number>();
  for (const page of pages) counts.set(page.declaredLanguage, (counts.get(page.declaredLanguage) ?? 0) + 1);
  const rowOf = (language: string): string => ((counts.get(language) ?? 0) >= MIN_LANGUAGE_PAGES ? language : 'other');
  const rows = [...new Set(pages.map((page) => rowOf(page.declaredLanguage)))].sort(
    (a, b) => pages.filter((p) => rowOf(p.declaredLanguage) === b).length - pages.filter((p) => rowOf(p.declaredLanguage) === a).length,
  );
  console.log(`multilingual set per declared <html lang> (F1 / P / R; "und" = undeclared):`);
  console.log(`  | lang | pages | ${results.map(({ name }) => name).join(' | ')} |`);
  console.log(`  |---|---|${results.map(() => '---').join('|')}|`);
  for (const row of rows) {
    const indexes = pages.map((page, i) => (rowOf(page.declaredLanguage) === row ? i : -1)).filter((i) => i >= 0);
    const cells = results.map(({ result }) => {
      const score = scorePassageCorpus(indexes.map((i) => result.multilingual[i] as PassageCounts));
      return `${score.f1.toFixed(3)} / ${score.precision.toFixed(3)} / ${score.recall.toFixed(3)}`;
    });
    console.log(`  | ${row} | ${indexes.length} | ${cells.join(' | ')} |`);
  }
}

function pageF1(score: PageScore): number {
  const p = score.tp + score.fp === 0 ? 0 : score.tp / (score.tp + score.fp);
  const r = score.tp + score.fn === 0 ? 0 : score.tp / (score.tp + score.fn);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function listWorst(count: number, news: readonly BenchPage[], multilingual: readonly PassagePage[], result: RunResult): void {
  // Only tuning-half pages are listed: the held-out half stays unseen while tuning.
  const newsRanked = result.news
    .map((score, i) => ({ score, i }))
    .filter(({ i }) => i % 2 === 0)
    .sort((a, b) => pageF1(a.score) - pageF1(b.score));
  console.log(`worst tuning-half news pages:`);
  for (const { score, i } of newsRanked.slice(0, count)) {
    console.log(`  ${(news[i] as BenchPage).id.slice(0, 12)} F1 ${pageF1(score).toFixed(3)} tp ${score.tp} fp ${score.fp} fn ${score.fn}`);
  }
  const lost = (c: PassageCounts): number => c.fn + c.fp;
  const mlRanked = result.multilingual
    .map((counts, i) => ({ counts, i }))
    .filter(({ i }) => i % 2 === 0)
    .sort((a, b) => lost(b.counts) - lost(a.counts));
  console.log(`worst tuning-half multilingual pages (most passages wrong):`);
  for (const { counts, i } of mlRanked.slice(0, count)) {
    const page = multilingual[i] as PassagePage;
    console.log(`  ${page.id} ${page.declaredLanguage} tp ${counts.tp} fn ${counts.fn} fp ${counts.fp} tn ${counts.tn}`);
  }
}

function decodePage(page: PassagePage): DecodedPassagePage {
  let html = '';
  try {
    html = decodeBytes(page.bytes, { declaredCharset: sniffCharset(page.bytes) });
  } catch {
    // A page the decoder refuses is an empty extraction for every extractor.
  }
  return { ...page, html };
}

function main(argv: readonly string[]): number {
  const news = loadBenchPages() ?? [];
  const multilingual = (loadPassagePages() ?? []).map(decodePage);
  if (news.length === 0) console.log(`bench:extract: no news set at ${BENCH_DATA_DIR}; skipped.`);
  if (multilingual.length === 0) console.log(`bench:extract: no multilingual set at ${MULTILINGUAL_DATA_DIR}; skipped.`);
  if (news.length === 0 && multilingual.length === 0) return 0;
  const overrides = parseOverrides(argv);
  const has = [news.length > 0, multilingual.length > 0] as const;
  const ours = run(oursWith(overrides), news, multilingual);
  report(oursWith(overrides).name, ours, ...has);
  const pipelineExtractor = pipelineWith(overrides);
  const pipeline = run(pipelineExtractor, news, multilingual);
  report(pipelineExtractor.name, pipeline, ...has);
  const worstIndex = argv.indexOf('--worst');
  if (worstIndex >= 0) listWorst(Number(argv[worstIndex + 1] ?? 10), news, multilingual, pipeline);
  if (argv.includes('--lost')) reportLostPassages(even(multilingual), even(pipeline.multilingualOutputs), overrides);
  const results = [
    { name: 'pipeline', result: pipeline },
    { name: 'extraction', result: ours },
  ];
  if (!argv.includes('--ours-only')) {
    const baseline = run(READABILITY, news, multilingual);
    report(READABILITY.name, baseline, ...has);
    results.push({ name: 'Readability', result: baseline });
    const ratio = (result: RunResult): string =>
      `${(result.pagesPerSecond / baseline.pagesPerSecond).toFixed(2)}x wall clock, ${(result.pagesPerCpuSecond / baseline.pagesPerCpuSecond).toFixed(2)}x CPU`;
    console.log(`speed ratio to Readability: extraction ${ratio(ours)}; pipeline ${ratio(pipeline)}`);
    const cpuRatio = ours.pagesPerCpuSecond / baseline.pagesPerCpuSecond;
    console.log(
      `issue 16 target, extraction >= ${TARGET_CPU_RATIO}x Readability per CPU second in the same run: ${cpuRatio >= TARGET_CPU_RATIO ? 'met' : 'NOT met'} (${cpuRatio.toFixed(2)}x)`,
    );
  }
  if (has[1]) reportLanguages(multilingual, results);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
