// Page fixtures: one describe per tests/fixtures/html/<slug>/ (source.html, expected.txt).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../../lambdas/core/extract-html.js';

const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../fixtures/html');

/** Blocks of an expected.txt: paragraphs separated by blank lines, whitespace collapsed. */
function readExpected(slug: string): string[] {
  return readFileSync(join(FIXTURES, slug, 'expected.txt'), 'utf8')
    .split(/\n\s*\n/)
    .map((block) => block.replace(/\s+/g, ' ').trim())
    .filter((block) => block !== '');
}

const slugs = readdirSync(FIXTURES).filter((slug) => existsSync(join(FIXTURES, slug, 'source.html')));

describe('Function: extractArticle on page fixtures', () => {
  it('finds the fixtures', () => {
    expect(slugs.length).toBeGreaterThanOrEqual(5);
  });

  for (const slug of slugs) {
    describe(`fixture: ${slug}`, () => {
      it('returns exactly the article paragraphs, in order', () => {
        // Prepare
        const html = readFileSync(join(FIXTURES, slug, 'source.html'), 'utf8');
        // Act
        const page = extractArticle(html);
        // Assess: compare block by block so a failure names the first differing paragraph.
        const actual = page.blocks.map((block) => block.replace(/\s+/g, ' ').trim());
        expect(actual).toEqual(readExpected(slug));
      });
    });
  }
});
