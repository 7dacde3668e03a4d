// F1 gate on ../shared/bench/article-extraction: extraction and pipeline must stay above pinned floors.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BenchPage } from '../../../../bench/article-metric.js';
import { getCorpusDigest, loadBenchPages, scoreCorpus, scorePage } from '../../../../bench/article-metric.js';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';
import { cleanText } from '../../../../lambdas/core/pipeline.js';

interface Gate {
  readonly corpusDigest: string;
  readonly epsilon: number;
  readonly extraction: { readonly floor: { readonly f1: number; readonly precision: number; readonly recall: number } };
  readonly pipeline: { readonly floor: { readonly f1: number } };
}

const GATE = JSON.parse(
  readFileSync(resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/html/extraction-gate.json'), 'utf8'),
) as Gate;

// Loaded once at collection time: the whole corpus is 6 MB of gzip.
const pages: BenchPage[] | undefined = loadBenchPages();

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
