// The five seed scrapes in ../shared/seeds (read, never copied): chrome gone, article kept once.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanScrape } from '../../../lambdas/core/pipeline.js';
import { hammingDistance } from '../../../lambdas/core/simhash.js';
import { normalizeForComparison } from '../../../lambdas/core/normalize.js';

const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEEDS_DIR = resolve(PROJECT_ROOT, '../shared/seeds');
const SEEDS_PRESENT = existsSync(SEEDS_DIR);

interface SeedExpectation {
  readonly title: string;
  /** Short quotes of chrome listed in seeds/README.md: none may survive. */
  readonly chrome: readonly string[];
  /** Short quotes of article paragraphs: each must be kept exactly once. */
  readonly article: readonly string[];
  /** Reasons that must appear among the removals. */
  readonly reasons: readonly string[];
}

const EXPECTED: Record<string, SeedExpectation> = {
  '000': {
    title: 'Russia and US unite to push for Syria ceasefire as Kerry and Lavrov meet in Paris',
    chrome: ['Your support helps us', 'From reproductive rights', 'Your donation allows us', 'lock Americans out', 'makes all the difference', 'Join our commenting forum', 'thought-provoking conversations', 'Thank you for registering', 'automatically logged in', 'Monday 13 January 2014'],
    article: ['have discussed a ceasefire in Syria', 'a localised ceasefire in Aleppo', 'Isis launched a successful counter-attack', 'as many as 1,200 different groups', 'Newly formed rebel groupings'],
    reasons: ['donation-appeal', 'comment-widget', 'login-prompt', 'dateline'],
  },
  '001': {
    title: 'US, Russia push for ceasefire in run-up to Syria conference',
    chrome: ['13th, January 2014', 'Copyright 2007'],
    article: ['PARIS — The United States and Russia said yesterday', 'He was referring to groups in Iraq', 'On Sunday, a meeting of the pro-opposition', 'No other country has its people on the ground'],
    reasons: ['title', 'dateline', 'copyright'],
  },
  '002': {
    title: 'Russia ready to discuss Syria ceasefire at international talks',
    chrome: ['Connect with us', 'what are you looking for', 'living under siege an NGO report says', 'Bulent Kilic', 'meets with Russian Foreign Minister Sergei Lavrov in Zurich', 'Jacquelyn Martin', 'half the population displaced since', 'stands guard next to a damaged vehicle', 'Russian Defence Ministry', 'Written By', 'With 2,400 staff', 'You may also like', 'Child of the caliphate', 'TikTok could be banned'],
    article: ['Russia said Thursday it was ready to discuss a ceasefire', 'Tens of thousands of Syrians have fled', 'deputy foreign minister Gennady Gatilov', 'The first round of talks in Geneva collapsed', 'Analysts see little hope', 'there is a limit to how much Russian aerial bombardment', 'Many have also criticised the United States', 'furiously criticised the US alliance with Syrian Kurds'],
    reasons: ['search-prompt', 'caption', 'photo-credit', 'author-box', 'teaser', 'duplicate-paragraph'],
  },
  '003': {
    title: 'U.S., Russia Agree to New Syria Truce Plan',
    chrome: ['Home Latest News', 'Fabrice Coffrini', 'Related Articles', '1 comment', 'Reid Barnes', 'Is Putin the problem in Syria', 'Sibel Edmonds', 'youtube.com', 'Leave a Reply'],
    article: ['reached a deal on a new Syrian ceasefire', 'first day of the Muslim holiday', 'We will jointly agree on strikes', 'Key to the deal is the withdrawal', 'the military commander of the Army of Conquest'],
    reasons: ['breadcrumb', 'photo-credit', 'related-links', 'reader-comment'],
  },
  '004': {
    title: 'US offers Russia closer cooperation to save Syria plan',
    chrome: ['25th April 2024', 'To guardian.ng', 'shakes hands with US Secretary of State', 'NATALIA KOLESNIKOVA', 'In this article', '0 Comments'],
    article: ['Top US diplomat John Kerry was to hold a second day of talks', 'Kerry held a first three hours of talks', 'Only the Syrian people define', 'more than 280,000 dead', 'Efforts to bring an end to the war'],
    reasons: ['dateline', 'search-prompt', 'caption', 'duplicate-paragraph'],
  },
};

/** Occurrences of `needle` in `haystack`, both compared in normalised form. */
function countOccurrences(haystack: string, needle: string): number {
  const text = normalizeForComparison(haystack);
  const quote = normalizeForComparison(needle);
  let count = 0;
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) count += 1;
  return count;
}

function loadSeeds(): Array<{ id: string; file: string; bytes: Buffer }> {
  if (!SEEDS_PRESENT) return [];
  return readdirSync(SEEDS_DIR)
    .filter((file) => /^\d{3}_.*\.txt$/.test(file))
    .sort()
    .map((file) => ({ id: file.slice(0, 3), file, bytes: readFileSync(resolve(SEEDS_DIR, file)) }));
}

describe.skipIf(!SEEDS_PRESENT)(`Seed scrapes (../shared/seeds; skipped when absent: ${SEEDS_DIR})`, () => {
  const seeds = loadSeeds();

  it('finds the five seeds', () => {
    expect(seeds.map((seed) => seed.id)).toEqual(Object.keys(EXPECTED));
  });

  describe.each(seeds)('seed $file', ({ id, file, bytes }) => {
    const expected = EXPECTED[id]!;
    const document = cleanScrape(bytes, { key: file });

    it('takes the headline as title', () => {
      expect(document.title).toBe(expected.title);
    });

    it.each(expected.chrome)('removes the chrome %j', (snippet) => {
      expect(countOccurrences(document.text, snippet)).toBe(0);
      expect(document.removed.some((removed) => countOccurrences(removed.text, snippet) > 0)).toBe(true);
    });

    it.each(expected.article)('keeps the article text %j exactly once', (snippet) => {
      expect(countOccurrences(document.text, snippet)).toBe(1);
    });

    it('never keeps a paragraph twice', () => {
      const normalized = document.paragraphs.map((paragraph) => normalizeForComparison(paragraph));
      expect(new Set(normalized).size).toBe(normalized.length);
    });

    it('records why each paragraph was removed', () => {
      const reasons = new Set(document.removed.map((removed) => removed.reason));
      for (const reason of expected.reasons) expect(reasons).toContain(reason);
    });

    it('accounts for every input paragraph except the title', () => {
      // Every kept or removed paragraph came from the input; nothing is invented.
      const source = normalizeForComparison(bytes.toString('utf8'));
      for (const paragraph of [...document.paragraphs, ...document.removed.map((removed) => removed.text)]) {
        expect(source.includes(normalizeForComparison(paragraph))).toBe(true);
      }
    });
  });

  it('keeps seed 002 once: its two copies collapse, so the text is about half the input', () => {
    const seed = seeds.find((s) => s.id === '002')!;
    const document = cleanScrape(seed.bytes);
    const duplicates = document.removed.filter((removed) => removed.reason === 'duplicate-paragraph');
    expect(duplicates.length).toBe(document.paragraphs.length);
  });

  it('puts different seed articles at least 20 bits apart', () => {
    const fingerprints = seeds.map((seed) => cleanScrape(seed.bytes).fingerprint);
    for (let i = 0; i < fingerprints.length; i += 1) {
      for (let j = i + 1; j < fingerprints.length; j += 1) {
        expect(hammingDistance(fingerprints[i]!, fingerprints[j]!)).toBeGreaterThanOrEqual(20);
      }
    }
  });
});
