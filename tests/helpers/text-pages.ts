// Loads the cleaner's page fixtures: tests/fixtures/pages/<slug>/{source.txt, expected.txt, expected-meta.json}.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding one sub-folder per fixture slug. */
export const PAGES_DIR = resolve(fileURLToPath(new URL('../fixtures/pages/', import.meta.url)));

/** What `expected-meta.json` holds: written by `scrape-dedup fixture <dir>`, reviewed by hand. */
export interface PageMeta {
  readonly title: string;
  /** How many paragraphs each rule removed. */
  readonly removedReasons: Readonly<Record<string, number>>;
}

export interface PageFixture {
  readonly slug: string;
  readonly dir: string;
  readonly source: Buffer;
  readonly expectedText: string;
  readonly meta: PageMeta;
}

/**
 * Every fixture folder with a `source.txt`, sorted by slug (one `describe` per slug in the tests).
 *
 * @example
 * for (const page of getTextPages()) console.log(page.slug);
 */
export function getTextPages(dir: string = PAGES_DIR): PageFixture[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'source.txt')))
    .map((entry) => entry.name)
    .sort()
    .map((slug) => ({
      slug,
      dir: join(dir, slug),
      source: readFileSync(join(dir, slug, 'source.txt')),
      expectedText: readFileSync(join(dir, slug, 'expected.txt'), 'utf8'),
      meta: JSON.parse(readFileSync(join(dir, slug, 'expected-meta.json'), 'utf8')) as PageMeta,
    }));
}

/** Paragraphs with whitespace collapsed, so line wrapping and trailing spaces never fail a comparison. */
export function toComparableParagraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter((paragraph) => paragraph.length > 0);
}

/**
 * The first difference between two paragraph lists, as a readable location, or undefined when
 * they are equal (Readability's fixture tests print the path of the first differing node).
 */
export function describeFirstDifference(actual: readonly string[], expected: readonly string[]): string | undefined {
  const length = Math.max(actual.length, expected.length);
  for (let i = 0; i < length; i += 1) {
    if (actual[i] !== expected[i]) {
      return `paragraph ${i + 1} of ${expected.length} expected:\n  expected: ${JSON.stringify(expected[i] ?? '(none)')}\n  actual:   ${JSON.stringify(actual[i] ?? '(none)')}`;
    }
  }
  return undefined;
}
