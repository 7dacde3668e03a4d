// Fuzzing the pure pipeline with fast-check: decoder, whole cleaner and fingerprint over more
// than 10,000 generated inputs. Every input ends in a document or an expected refusal, never an
// unexpected exception, and each one is bounded in time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../lambdas/core/decode.js';
import { decompressScrape } from '../../lambdas/core/decompress.js';
import { cleanScrape, cleanText } from '../../lambdas/core/pipeline.js';
import { EMPTY_FINGERPRINT, hammingDistance, simhash64 } from '../../lambdas/core/simhash.js';
import { MAX_MS_PER_PURE_INPUT, anyStringArbitrary, htmlArbitrary, isExpectedRejection, scrapeArbitrary, textArbitrary } from './arbitraries.js';

/** Runs per property; the four properties together exceed the 10,000 inputs issue 7 asks for. */
const RUNS = {
  decode: 3_000,
  cleanScrape: 4_000,
  cleanText: 1_500,
  fingerprint: 2_000,
} as const;
/** Fixed seed: a failure names its input and can be replayed; change it to explore further. */
const SEED = 7_2026;
const HEX64 = /^[0-9a-f]{16}$/;

/** Inputs tried across this file, and what cleanScrape made of them (reported for the README figures). */
let tried = 0;
const outcomes = new Map<string, number>();
const count = (outcome: string): void => {
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
};

function timed<T>(work: () => T): { value?: T; error?: unknown; ms: number } {
  const started = performance.now();
  try {
    const value = work();
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

describe('fuzz: the pure pipeline', () => {
  it(`decodeBytes: ${RUNS.decode} inputs decode to a string or are refused with a reason`, () => {
    fc.assert(
      fc.property(scrapeArbitrary, (scrape) => {
        tried += 1;
        const { bytes } = decompressScrape(scrape.bytes, scrape);
        const result = timed(() => decodeBytes(bytes, { declaredCharset: scrape.contentType?.split('charset=')[1] }));
        expect(result.ms).toBeLessThan(MAX_MS_PER_PURE_INPUT);
        if (result.error !== undefined) expect(isExpectedRejection(result.error), String(result.error)).toBe(true);
        else expect(typeof result.value).toBe('string');
      }),
      { numRuns: RUNS.decode, seed: SEED },
    );
  });

  it(`cleanScrape: ${RUNS.cleanScrape} scraped objects end in a document or an expected refusal`, () => {
    fc.assert(
      fc.property(scrapeArbitrary, (scrape) => {
        tried += 1;
        const result = timed(() => cleanScrape(scrape.bytes, scrape));
        expect(result.ms).toBeLessThan(MAX_MS_PER_PURE_INPUT);
        if (result.error !== undefined) {
          expect(isExpectedRejection(result.error), `${String(result.error)} for ${scrape.key}`).toBe(true);
          count(`rejected ${(result.error as { code: string }).code}`);
          return;
        }
        const doc = result.value!;
        count(`document (${doc.format})`);
        expect(doc.paragraphs.length).toBeGreaterThan(0);
        expect(doc.text).toBe(doc.paragraphs.join('\n\n'));
        expect(doc.fingerprint).toMatch(HEX64);
        expect(doc.paragraphFingerprints).toHaveLength(doc.paragraphs.length);
        for (const paragraph of doc.paragraphs) expect(paragraph.trim()).not.toBe('');
      }),
      { numRuns: RUNS.cleanScrape, seed: SEED },
    );
  });

  it(`cleanText: ${RUNS.cleanText} texts and pages (any Unicode, broken markup) never throw unexpectedly`, () => {
    fc.assert(
      fc.property(fc.oneof(textArbitrary, htmlArbitrary, anyStringArbitrary), fc.constantFrom('a.txt', 'a.html', 'a'), (text, key) => {
        tried += 1;
        const result = timed(() => cleanText(text, { key }));
        expect(result.ms).toBeLessThan(MAX_MS_PER_PURE_INPUT);
        if (result.error !== undefined) expect(isExpectedRejection(result.error), String(result.error)).toBe(true);
        else expect(result.value!.fingerprint).toMatch(HEX64);
      }),
      { numRuns: RUNS.cleanText, seed: SEED },
    );
  });

  it(`simhash64: ${RUNS.fingerprint} texts get a stable 64-bit fingerprint; distance is a metric on them`, () => {
    fc.assert(
      fc.property(fc.oneof(textArbitrary, anyStringArbitrary), fc.oneof(textArbitrary, anyStringArbitrary), (a, b) => {
        tried += 1;
        const result = timed(() => [simhash64(a), simhash64(b), simhash64(a)] as const);
        expect(result.ms).toBeLessThan(MAX_MS_PER_PURE_INPUT);
        expect(result.error).toBeUndefined();
        const [fa, fb, again] = result.value!;
        expect(fa).toMatch(HEX64);
        expect(again).toBe(fa);
        expect(hammingDistance(fa, fa)).toBe(0);
        expect(hammingDistance(fa, fb)).toBe(hammingDistance(fb, fa));
        expect(hammingDistance(fa, fb)).toBeLessThanOrEqual(64);
        if (a === b) expect(fb).toBe(fa);
        // Whitespace and ASCII punctuation alone hold no word: the empty fingerprint.
        if (/^[\s!-/:-@[-`{-~]*$/.test(a)) expect(fa).toBe(EMPTY_FINGERPRINT);
      }),
      { numRuns: RUNS.fingerprint, seed: SEED },
    );
  });

  it('tried more than 10,000 inputs in all', () => {
    expect(tried).toBeGreaterThanOrEqual(10_000);
    // Both sides of the pipeline were exercised, not only refusals.
    expect(outcomes.get('document (text)') ?? 0).toBeGreaterThan(RUNS.cleanScrape / 10);
    expect(outcomes.get('document (html)') ?? 0).toBeGreaterThan(RUNS.cleanScrape / 20);
    console.info(`[fuzz-core] ${tried} generated inputs through decode, cleaner and fingerprint; cleanScrape: ${JSON.stringify(Object.fromEntries([...outcomes].sort()))}`);
  });
});
