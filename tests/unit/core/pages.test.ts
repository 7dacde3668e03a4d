// Page fixtures of the text cleaner (Readability test-pages habit): one describe per slug.
// Regenerate after an intended change with `npx scrape-dedup fixture tests/fixtures/pages/<slug>`, then review the diff.
import { describe, expect, it } from 'vitest';
import { cleanScrape } from '../../../lambdas/core/pipeline.js';
import { describeFirstDifference, getTextPages, toComparableParagraphs } from '../../helpers/text-pages.js';

const pages = getTextPages();

describe('Page fixtures (tests/fixtures/pages)', () => {
  it('finds the fixtures', () => {
    expect(pages.length).toBeGreaterThanOrEqual(5);
  });
});

describe.each(pages)('page $slug', ({ slug, source, expectedText, meta }) => {
  const document = cleanScrape(source, { key: `${slug}/source.txt` });

  it('keeps exactly the expected paragraphs', () => {
    const actual = toComparableParagraphs(document.text);
    const expected = toComparableParagraphs(expectedText);
    const difference = describeFirstDifference(actual, expected);
    expect(difference, difference).toBeUndefined();
  });

  it('finds the expected title', () => {
    expect(document.title).toBe(meta.title);
  });

  it('removes the chrome for the expected reasons', () => {
    const counts: Record<string, number> = {};
    for (const { reason } of document.removed) counts[reason] = (counts[reason] ?? 0) + 1;
    expect(counts).toEqual(meta.removedReasons);
  });
});
