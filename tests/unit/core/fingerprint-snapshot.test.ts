// Pins the cleaner's output (title, kept paragraphs, removals, document and paragraph fingerprints)
// on real and generated inputs, so a faster implementation (issue 16's fused pass) must be
// bit-identical to the one it replaced. The snapshot was written by the implementation before
// issue 16; regenerate it only for a deliberate, explained change:
//   UPDATE_FINGERPRINT_SNAPSHOT=1 npx vitest run tests/unit/core/fingerprint-snapshot.test.ts
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanParagraphs } from '../../../lambdas/core/clean-text.js';
import { cleanScrape, cleanText } from '../../../lambdas/core/pipeline.js';
import type { CleanDocument } from '../../../lambdas/core/types.js';
import { seededRandom } from '../../helpers/seeded-random.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SHARED = resolve(PROJECT_ROOT, '../shared');
const SEEDS_DIR = resolve(SHARED, 'seeds');
const GOLD_FILE = resolve(SHARED, 'bench/article-extraction/ground-truth.json');
const MULTILINGUAL_FILE = resolve(SHARED, 'bench/multilingual-extraction/evaldata.json');
const SNAPSHOT_FILE = fileURLToPath(new URL('./fingerprint-snapshot.json', import.meta.url));
const UPDATE = process.env.UPDATE_FINGERPRINT_SNAPSHOT === '1';

/** What is pinned per input: readable fingerprints, and a digest of everything else. */
interface PinnedDocument {
  readonly fingerprint: string;
  readonly paragraphFingerprints: string;
  readonly title: string;
  /** sha256 of the kept paragraphs, the removals with reasons and the language. */
  readonly digest: string;
}

function pin(document: CleanDocument): PinnedDocument {
  const rest = JSON.stringify([document.paragraphs, document.removed.map(({ text, reason }) => [reason, text]), document.language ?? null]);
  return {
    fingerprint: document.fingerprint,
    paragraphFingerprints: document.paragraphFingerprints.join(' '),
    title: document.title,
    digest: createHash('sha256').update(rest).digest('hex').slice(0, 32),
  };
}

/**
 * Words and chrome lines that reach every branch of the tokenizer and the classifier: ASCII,
 * accents, capitals, Greek final sigma, CJK and kana, a supplementary-plane character, ligatures
 * and full-width letters (NFKC), combining marks, typographic quotes, dashes and ellipses.
 */
const VOCABULARY = [
  'the', 'council', 'voted', 'on', 'Tuesday', 'bridge', 'River', 'engineers', 'said', 'traffic', 'repairs', '1931', 'of', 'and',
  'café', 'Zürich', 'naïve', 'ΟΔΟΣ', 'λόγος', '東京都', 'ひらがな', 'カタカナ', '𠀋', '😀', 'ﬁnance', 'ＡＢＣ', 'e\u0301te', '“quoted”', 'it’s',
  '—', '–', '--', '…', '(R)', 'AFP', 'Photo:', '©', 'Share', 'comments', 'donate', 'subscribe', 'www.example.com', '2024-01-05',
];
const CHROME_LINES = [
  'Menu', 'Search', 'Share this article', '2 comments', 'Copyright 2025 Riverside Gazette', 'Photo: Jane Doe/AFP', 'By Maria Lopez',
  'Monday 13 January 2014 22:17 GMT', 'Sign up for our newsletter', 'We use cookies to improve your experience', 'Related articles',
  'Your donation allows us to keep our journalism free for everyone. Please support us today.', 'Leave a Reply', 'Advertisement',
  'Home › World › Europe', 'Read more...', 'Log in to comment',
];

function generatedScrapes(count: number): string[] {
  const random = seededRandom(16);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const scrapes: string[] = [];
  for (let n = 0; n < count; n += 1) {
    const paragraphs: string[] = [];
    const total = 1 + Math.floor(random() * 14);
    for (let p = 0; p < total; p += 1) {
      const roll = random();
      if (roll < 0.25) {
        paragraphs.push(pick(CHROME_LINES));
      } else if (roll < 0.35 && paragraphs.length > 0) {
        // A repeat, exact or edited, or cut short with an ellipsis.
        const earlier = pick(paragraphs);
        const cut = random();
        paragraphs.push(cut < 0.4 ? earlier : cut < 0.7 ? `${earlier.slice(0, Math.floor(earlier.length / 2))}...` : earlier.replace(/ \S+ /, ' edited '));
      } else {
        const words = Array.from({ length: 1 + Math.floor(random() * 60) }, () => pick(VOCABULARY));
        paragraphs.push(`${words.join(' ')}${pick(['.', '.', '!', '?', '', ',', '…', '.”'])}`);
      }
    }
    const separator = pick(['\n\n', '\n\n', '\n', '\r\n\r\n', '\n \n', '\u2029']);
    scrapes.push(paragraphs.join(separator));
  }
  return scrapes;
}

function buildInputs(): Map<string, () => CleanDocument> {
  const inputs = new Map<string, () => CleanDocument>();
  for (const file of readdirSync(SEEDS_DIR).filter((name) => /^\d{3}_.*\.txt$/.test(name)).sort()) {
    const bytes = new Uint8Array(readFileSync(resolve(SEEDS_DIR, file)));
    inputs.set(`seed ${file.slice(0, 3)}`, () => cleanScrape(bytes, { key: file }));
  }
  const gold = JSON.parse(readFileSync(GOLD_FILE, 'utf8')) as Record<string, { articleBody: string }>;
  for (const [id, { articleBody }] of Object.entries(gold).sort(([a], [b]) => a.localeCompare(b))) {
    inputs.set(`gold text ${id.slice(0, 12)}`, () => cleanText(articleBody));
    // The HTML path's settings (short exact repeats kept) on the same paragraphs.
    inputs.set(`gold html ${id.slice(0, 12)}`, () => cleanParagraphs(articleBody.split(/\n+/), { format: 'html' }));
  }
  const multilingual = JSON.parse(readFileSync(MULTILINGUAL_FILE, 'utf8')) as Record<string, { with: string[]; without: string[] }>;
  for (const [id, passages] of Object.entries(multilingual).sort(([a], [b]) => a.localeCompare(b))) {
    const paragraphs = [...passages.without.slice(0, 1), ...passages.with, ...passages.without.slice(1)];
    inputs.set(`multilingual text ${id}`, () => cleanText(paragraphs.join('\n\n')));
  }
  generatedScrapes(300).forEach((scrape, index) => inputs.set(`generated ${index}`, () => cleanText(scrape)));
  return inputs;
}

const DATA_PRESENT = existsSync(SEEDS_DIR) && existsSync(GOLD_FILE) && existsSync(MULTILINGUAL_FILE);
if (!DATA_PRESENT) console.warn(`fingerprint snapshot skipped: seeds or benchmark data not found under ${SHARED}`);

describe.skipIf(!DATA_PRESENT)('Fingerprint snapshot (issue 16: the fused pass is bit-identical)', () => {
  it('gives every input the pinned title, paragraphs, removals and fingerprints', () => {
    const actual: Record<string, PinnedDocument> = {};
    for (const [name, clean] of buildInputs()) actual[name] = pin(clean());
    if (UPDATE) writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(actual, null, 1)}\n`);
    const expected = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as Record<string, PinnedDocument>;
    expect(Object.keys(actual).length).toBeGreaterThan(1000);
    expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
    const differing = Object.keys(expected).filter((name) => JSON.stringify(actual[name]) !== JSON.stringify(expected[name]));
    expect(differing.slice(0, 5).map((name) => ({ name, actual: actual[name], expected: expected[name] }))).toEqual([]);
  });
});
