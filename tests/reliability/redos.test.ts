// Catastrophic backtracking: every regular expression of the Lambda code against long
// adversarial strings (repeated characters, alternating pairs, near-misses built from the
// pattern's own words), each run bounded in time.
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as selectors from '../../lambdas/core/selectors.js';
import { collectExportedRegExps, collectLiteralRegExps, countConstructedRegExpSites, lambdaSourceFiles } from './regexps.js';
import type { FoundRegExp } from './regexps.js';

/** Length of each adversarial string: long enough that quadratic matching shows (50k^2 steps). */
const ADVERSARIAL_LENGTH = 50_000;
/** A few strings twice as long, for patterns that are linear but slow per character. */
const LONG_LENGTH = 100_000;
/**
 * Generous bound per pattern for all its strings together. A linear pattern needs a few ms per
 * string here; a backtracking blow-up on 50k characters needs seconds to hours, so the bound
 * separates them without being a speed target.
 */
const MAX_MS_PER_PATTERN = 1_500;

/** Single characters repeated: every class a scraped page is full of. */
const REPEATED_CHARS = ['a', 'Z', '1', ' ', '\t', '\n', '\r\n', '.', ',', '-', '_', '/', '\\', '<', '>', '"', "'", '=', '&', '#', ':', ';', '|', '(', '*', '+', '?', '@', 'é', '中', 'ا', '😀', '\u00a0', '\u200b', '\u3000', '\u0000'];
/** Pairs and short runs repeated: alternations and nested quantifiers fail on these. */
const ALTERNATING = ['a ', 'a.', 'a-', '1.', '1/', '1 ', ' .', '. ', '- ', ' -', '\n\n', '\n ', ' \n', '<a', '<p>', '</', '<!--', '-->', 'a=', '="', '&#', '&amp;', 'ab', 'a1', 'aA', '中 ', 'é.', 'http://', 'www.', '@a'];
/** Appended to each repeated run so a pattern that would match the run must fail at the end. */
const FAILING_TAILS = ['!', '\n'];

/** Words of a pattern's source (`comment|reply` -> ['comment', 'reply']): near-misses of what it expects. */
function getPatternWords(pattern: RegExp): string[] {
  const words = pattern.source.replace(/\\[a-zA-Z]/g, ' ').match(/[A-Za-z]{2,}/g) ?? [];
  return [...new Set(words)].slice(0, 12);
}

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** The adversarial strings for one pattern. */
function getAdversarialStrings(pattern: RegExp): string[] {
  const strings: string[] = [];
  for (const unit of [...REPEATED_CHARS, ...ALTERNATING]) {
    const run = repeatTo(unit, ADVERSARIAL_LENGTH);
    strings.push(run, ...FAILING_TAILS.map((tail) => run + tail));
  }
  for (const word of getPatternWords(pattern)) {
    // The word again and again, separated or not, with a near-miss at the end (one letter off).
    const nearMiss = `${word.slice(0, -1)}#`;
    strings.push(repeatTo(`${word} `, ADVERSARIAL_LENGTH) + nearMiss);
    strings.push(repeatTo(word, ADVERSARIAL_LENGTH) + nearMiss);
    strings.push(repeatTo(`${word}.`, ADVERSARIAL_LENGTH));
    strings.push(repeatTo(`${nearMiss} `, ADVERSARIAL_LENGTH));
  }
  strings.push(repeatTo('a ', LONG_LENGTH) + '!', repeatTo(' ', LONG_LENGTH) + 'x', repeatTo('<div>', LONG_LENGTH));
  return strings;
}

/** Runs a pattern the way code uses it: every match for global/sticky patterns, one search otherwise. */
function exercise(pattern: RegExp, input: string): number {
  const copy = new RegExp(pattern.source, pattern.flags);
  if (!copy.global && !copy.sticky) return copy.exec(input) === null ? 0 : 1;
  let count = 0;
  for (let match = copy.exec(input); match !== null; match = copy.exec(input)) {
    count += 1;
    if (match[0] === '') copy.lastIndex += 1;
    if (copy.sticky && !copy.global) break;
  }
  return count;
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

  it('finds the patterns of every module (the collector is not silently empty)', () => {
    // Prepare/Act: collected above. Assess: literals from many files, and the patterns built
    // at run time are reachable through exports (at least one per construction site).
    const files = new Set(literals.map((item) => item.where.split(':')[0]));
    expect(files.size).toBeGreaterThanOrEqual(10);
    expect(literals.length).toBeGreaterThanOrEqual(50);
    expect(exported.length + getSelectorPatterns().length).toBeGreaterThanOrEqual(countConstructedRegExpSites());
    const strings = patterns.reduce((sum, item) => sum + getAdversarialStrings(item.pattern).length, 0);
    console.info(`[redos] ${patterns.length} distinct patterns (${literals.length} literals in ${files.size} files, ${exported.length} reachable from exports); ${strings} adversarial strings of 50k-100k characters`);
  });

  it.each(patterns.map((item) => [item.where, item] as const))('%s stays linear on adversarial input', (_where, item) => {
    // Prepare
    const inputs = getAdversarialStrings(item.pattern);
    // Act
    const started = performance.now();
    let slowest = { ms: 0, input: '' };
    for (const input of inputs) {
      const t0 = performance.now();
      exercise(item.pattern, input);
      const ms = performance.now() - t0;
      if (ms > slowest.ms) slowest = { ms, input };
    }
    const total = performance.now() - started;
    // Assess
    expect(
      total,
      `/${item.pattern.source}/${item.pattern.flags} took ${Math.round(total)} ms over ${inputs.length} strings; slowest ${Math.round(slowest.ms)} ms on ${JSON.stringify(slowest.input.slice(0, 40))}...`,
    ).toBeLessThan(MAX_MS_PER_PATTERN);
  });
});
