// Catastrophic backtracking: every regular expression of the Lambda code against long
// adversarial strings (repeated characters, alternating pairs, near-misses built from the
// pattern's own words), each run bounded in time.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import * as selectors from '../../lambdas/core/selectors.js';
import { collectExportedRegExps, collectLiteralRegExps, countConstructedRegExpSites, lambdaSourceFiles } from './regexps.js';
import type { FoundRegExp } from './regexps.js';

/** Length of each adversarial string: long enough that quadratic matching shows (50k^2 steps). */
const ADVERSARIAL_LENGTH = 50_000;
/** A few strings twice as long, for patterns that are linear but slow per character. */
const LONG_LENGTH = 100_000;
/**
 * Generous bound on one string of 50k-100k characters. A linear pattern needs well under 100 ms
 * on the slowest of them even on a loaded machine; quadratic matching needs seconds (measured:
 * /\s+$/ on 50,000 spaces and an `x`, 2.6 s) and exponential matching runs into HANG_MS. The
 * bound separates them without being a speed target.
 */
const MAX_MS_PER_STRING = 1_000;

/** Single characters repeated: every class a scraped page is full of. */
const REPEATED_CHARS = ['a', 'Z', '1', ' ', '\t', '\n', '\r\n', '.', ',', '-', '_', '/', '\\', '<', '>', '"', "'", '=', '&', '#', ':', ';', '|', '(', '*', '+', '?', '@', 'é', '中', 'ا', '😀', '\u00a0', '\u200b', '\u3000', '\u0000'];
/** Pairs and short runs repeated: alternations and nested quantifiers fail on these. */
const ALTERNATING = ['a ', 'a.', 'a-', '1.', '1/', '1 ', ' .', '. ', '- ', ' -', '\n\n', '\n ', ' \n', '<a', '<p>', '</', '<!--', '-->', 'a=', '="', '&#', '&amp;', 'ab', 'a1', 'aA', '中 ', 'é.', 'http://', 'www.', '@a'];
/** Appended to each repeated run so a pattern that would match the run must fail at the end. */
const FAILING_TAILS = ['!', '\n'];

/**
 * Longest a pattern may run over all its strings before it counts as hung: the check runs in a
 * worker thread that is terminated then, because a regular expression stuck in catastrophic
 * backtracking blocks its thread and no test timeout can interrupt it.
 */
const HANG_MS = 20_000;

/**
 * The worker: builds the adversarial strings for one pattern (repeated runs with failing tails,
 * the pattern's own words repeated with near-misses, a few 100k-character strings) and runs the
 * pattern over each the way the code uses it (every match for global patterns, one search
 * otherwise). Plain JavaScript, evaluated by the Worker constructor.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { source, flags, units, tails, length, longLength } = workerData;
const repeatTo = (unit, n) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
const strings = [];
for (const unit of units) {
  const run = repeatTo(unit, length);
  strings.push(run, ...tails.map((tail) => run + tail));
}
const words = [...new Set(source.replace(/\\\\[a-zA-Z]/g, ' ').match(/[A-Za-z]{2,}/g) || [])].slice(0, 12);
for (const word of words) {
  const nearMiss = word.slice(0, -1) + '#';
  strings.push(repeatTo(word + ' ', length) + nearMiss, repeatTo(word, length) + nearMiss, repeatTo(word + '.', length), repeatTo(nearMiss + ' ', length));
}
strings.push(repeatTo('a ', longLength) + '!', repeatTo(' ', longLength) + 'x', repeatTo('<div>', longLength));
let total = 0;
let slowest = { ms: 0, sample: '' };
for (const input of strings) {
  const pattern = new RegExp(source, flags);
  const started = performance.now();
  if (pattern.global || pattern.sticky) {
    for (let match = pattern.exec(input); match !== null; match = pattern.exec(input)) {
      if (match[0] === '') pattern.lastIndex += 1;
      if (pattern.sticky && !pattern.global) break;
    }
  } else {
    pattern.exec(input);
  }
  const ms = performance.now() - started;
  total += ms;
  if (ms > slowest.ms) slowest = { ms, sample: input.slice(0, 40) + (input.length > 40 ? '...' + JSON.stringify(input.slice(-3)) : '') };
}
parentPort.postMessage({ strings: strings.length, total, slowest });
`;

interface PatternRun {
  readonly strings: number;
  readonly total: number;
  readonly slowest: { readonly ms: number; readonly sample: string };
}

/** Runs one pattern over its adversarial strings in a worker; rejects if it has not finished in {@link HANG_MS}. */
function runInWorker(pattern: RegExp): Promise<PatternRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { source: pattern.source, flags: pattern.flags, units: [...REPEATED_CHARS, ...ALTERNATING], tails: FAILING_TAILS, length: ADVERSARIAL_LENGTH, longLength: LONG_LENGTH },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new Error(`/${pattern.source}/${pattern.flags} still running after ${HANG_MS} ms: catastrophic backtracking`));
    }, HANG_MS);
    worker.once('message', (run: PatternRun) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(run);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

async function loadLambdaModules(): Promise<Record<string, unknown>> {
  const modules: Record<string, unknown> = {};
  for (const file of lambdaSourceFiles()) modules[file] = await import(pathToFileURL(file).href);
  return modules;
}

/** Patterns built from the exported selector token lists (html-score.ts builds its patterns this way). */
function getSelectorPatterns(): FoundRegExp[] {
  const lists = Object.entries(selectors as Record<string, unknown>).filter(
    (entry): entry is [string, string[]] => Array.isArray(entry[1]) && entry[1].every((item) => typeof item === 'string'),
  );
  return lists.map(([name, tokens]) => ({ where: `selectors.tokenPattern(${name})`, pattern: selectors.tokenPattern(tokens) }));
}

function uniquePatterns(found: readonly FoundRegExp[]): FoundRegExp[] {
  const byKey = new Map<string, FoundRegExp>();
  for (const item of found) {
    const key = `/${item.pattern.source}/${item.pattern.flags}`;
    if (!byKey.has(key)) byKey.set(key, item);
  }
  return [...byKey.values()];
}

describe('regular expressions against catastrophic backtracking', async () => {
  const literals = collectLiteralRegExps();
  const exported = collectExportedRegExps(await loadLambdaModules());
  const patterns = uniquePatterns([...literals, ...exported, ...getSelectorPatterns()]);
  let strings = 0;

  it('finds the patterns of every module (the collector is not silently empty)', () => {
    // Prepare/Act: collected above. Assess: literals from many files, and the patterns built
    // at run time are reachable through exports (at least one per construction site).
    const files = new Set(literals.map((item) => item.where.split(':')[0]));
    expect(files.size).toBeGreaterThanOrEqual(10);
    expect(literals.length).toBeGreaterThanOrEqual(50);
    expect(exported.length + getSelectorPatterns().length).toBeGreaterThanOrEqual(countConstructedRegExpSites());
    console.info(`[redos] ${patterns.length} distinct patterns (${literals.length} literals in ${files.size} files, ${exported.length} reachable from exports)`);
  });

  it.each(patterns.map((item) => [item.where, item] as const))('%s stays linear on adversarial input', async (_where, item) => {
    // Act
    const run = await runInWorker(item.pattern);
    strings += run.strings;
    // Assess
    expect(
      run.slowest.ms,
      `/${item.pattern.source}/${item.pattern.flags}: ${Math.round(run.slowest.ms)} ms on ${JSON.stringify(run.slowest.sample)} (${Math.round(run.total)} ms over ${run.strings} strings)`,
    ).toBeLessThan(MAX_MS_PER_STRING);
  }, HANG_MS + 5_000);

  it('ran every pattern over its strings', () => {
    expect(strings).toBeGreaterThan(patterns.length * (REPEATED_CHARS.length + ALTERNATING.length));
    console.info(`[redos] ${strings} adversarial strings of 50k-100k characters run, all patterns linear`);
  });
});
