// F1 gates on ../shared/bench/article-extraction (news, shingle F1) and ../shared/bench/multilingual-extraction
// (passages): extraction and pipeline must stay above pinned floors.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchPage } from '../../../../bench/article-metric.js';
import { getCorpusDigest, loadBenchPages, scoreCorpus, scorePage } from '../../../../bench/article-metric.js';
import type { PassagePage } from '../../../../bench/multilingual-metric.js';
import { getPassageDigest, loadPassagePages, scorePassageCorpus, scorePassages } from '../../../../bench/multilingual-metric.js';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';
import { cleanScrape, cleanText } from '../../../../lambdas/core/pipeline.js';

interface Gate {
  readonly corpusDigest: string;
  readonly epsilon: number;
  readonly extraction: { readonly floor: { readonly f1: number; readonly precision: number; readonly recall: number } };
  readonly pipeline: { readonly floor: { readonly f1: number } };
  readonly multilingual: {
    readonly corpusDigest: string;
    readonly pages: number;
    readonly pipeline: { readonly floor: { readonly f1: number; readonly precision: number } };
  };
}

const GATE = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/html/extraction-gate.json'), 'utf8'),
) as Gate;

// Loaded once at collection time: the whole corpus is 6 MB of gzip.
const pages: BenchPage[] | undefined = loadBenchPages();
const passagePages: PassagePage[] | undefined = loadPassagePages();

describe.skipIf(pages === undefined)('Gate: article extraction F1 on ../shared/bench/article-extraction (skipped when that folder is absent)', () => {
  const corpus = pages as BenchPage[];

  it('runs on the corpus the floors were measured on', () => {
    // A different corpus makes the floors meaningless: re-measure with `npm run bench:extract` and re-pin.
    expect(corpus.length).toBe(181);
    expect(getCorpusDigest(corpus)).toBe(GATE.corpusDigest);
  });

  it('keeps extraction F1, precision and recall above their floors', () => {
    // Act
    const score = scoreCorpus(corpus.map((page) => scorePage(page.truth, extractArticle(page.html).blocks.join('\n'))));
    // Assess
    expect(score.f1).toBeGreaterThanOrEqual(GATE.extraction.floor.f1 - GATE.epsilon);
    expect(score.precision).toBeGreaterThanOrEqual(GATE.extraction.floor.precision - GATE.epsilon);
    expect(score.recall).toBeGreaterThanOrEqual(GATE.extraction.floor.recall - GATE.epsilon);
  });

  it('keeps the F1 of what the pipeline returns (extraction + shared classifier + dedupe) above its floor', () => {
    const score = scoreCorpus(
      corpus.map((page) => scorePage(page.truth, cleanText(page.html, { contentType: 'text/html' }).paragraphs.join('\n'))),
    );
    expect(score.f1).toBeGreaterThanOrEqual(GATE.pipeline.floor.f1 - GATE.epsilon);
  });
});

describe.skipIf(passagePages === undefined)(
  'Gate: multilingual passage F1 on ../shared/bench/multilingual-extraction (skipped when that folder is absent)',
  () => {
    const corpus = passagePages as PassagePage[];

    it('runs on the set the floors were measured on', () => {
      expect(corpus.length).toBe(GATE.multilingual.pages);
      expect(getPassageDigest(corpus)).toBe(GATE.multilingual.corpusDigest);
    });

    it('keeps the F1 and precision of what clean --json returns above their floors', () => {
      // Act: the bytes through the whole pipeline, as `clean --json`; a refused page extracts nothing.
      const score = scorePassageCorpus(
        corpus.map((page) => {
          let text = '';
          try {
            text = cleanScrape(page.bytes, { contentType: 'text/html' }).text;
          } catch {
            // refused (no article left): every passage counts as missing
          }
          return scorePassages(page, text);
        }),
      );
      // Assess
      expect(score.f1).toBeGreaterThanOrEqual(GATE.multilingual.pipeline.floor.f1 - GATE.epsilon);
      expect(score.precision).toBeGreaterThanOrEqual(GATE.multilingual.pipeline.floor.precision - GATE.epsilon);
    });
  },
);
