// The language detector reads most of a document from the word scan that fingerprints its
// paragraphs (issue 16): its answer and evidence must equal those of the detector run on the
// cleaned text itself, whatever the paragraphs hold.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanAndDetect, cleanPlainTextAndDetect } from '../../../lambdas/core/clean-text.js';
import { getLanguageDetection, STOPWORD_LANGUAGES } from '../../../lambdas/core/language.js';
import { getWordHashes } from '../../../lambdas/core/simhash.js';
import { ASCII_STOPWORDS, findAsciiStopword, Fnv } from '../../../lambdas/core/stopwords.js';
import { LANGUAGE_DETECT_MAX_WORDS } from '../../../lambdas/core/settings.js';
import { seededRandom } from '../../helpers/seeded-random.js';

function fnv1a(word: string): number {
  let hash: number = Fnv.Offset;
  for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), Fnv.Prime);
  return hash;
}

/** Words of every kind the two readings could split or fold differently. */
const WORDS = [
  ...STOPWORD_LANGUAGES.keys(),
  'Bridge', 'council', 'für', 'Être', 'ΟΔΟΣ', 'λόγος', '東京', 'ひらがな', '한국', 'שלום', 'مرحبا', 'ไทย', 'हिंदी', '𠀋', 'e\u0301', 'İstanbul',
  'ﬁnal', 'x1', '3rd', 'y2k', 'a1b2c', '2026', 'the1', 'don’t', 'it\'s', '“quoted”', '—', '…', '·', '|', 'ß', 'Σ', '\ud800', '_', 'a_b',
];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.constantFrom(...WORDS).map((word) => word.toUpperCase()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 3 }) },
);
const paragraph = fc
  .tuple(fc.array(token, { minLength: 1, maxLength: 60 }), fc.constantFrom(' ', ', ', ' - ', '  '), fc.constantFrom('.', '', '!', '…'))
  .map(([tokens, separator, end]) => tokens.join(separator) + end);

describe('Function: cleanAndDetect (the detector fed by the word scan)', () => {
  it('gives the answer and hits the detector gives on the cleaned text, for any paragraphs', () => {
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 12 }), fc.constantFrom('text' as const, 'html' as const), (paragraphs, format) => {
        const { document, detected } = cleanAndDetect(paragraphs, { format });
        expect(detected).toEqual(getLanguageDetection(document.text));
      }),
      { numRuns: 500 },
    );
  });

  it('agrees past the sample cut and the word cap, on ASCII and mixed texts', () => {
    // Distinct paragraphs (near-duplicates are dropped) of 40 words drawn from WORDS, or from a
    // few English stopwords among made-up words.
    const random = seededRandom(16);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const madeUp = (): string => Array.from({ length: 3 + Math.floor(random() * 6) }, () => pick([...'abcdefghijklmnopqrstuvwxyz'])).join('');
    const paragraphOf = (word: () => string): string => `${pick(['The', 'A', 'Then'])} ${Array.from({ length: 40 }, word).join(' ')}.`;
    const long = Array.from({ length: 120 }, () => paragraphOf(() => (random() < 0.5 ? pick(WORDS) : madeUp())));
    const ascii = Array.from({ length: 120 }, () => paragraphOf(() => (random() < 0.4 ? pick(['the', 'and', 'of', 'to', 'in', 'was', 'y2k', '3rd']) : madeUp())));
    for (const paragraphs of [long, ascii, [...ascii.slice(0, 30), ...long.slice(0, 30)]]) {
      const { document, detected } = cleanAndDetect(paragraphs, { format: 'html' });
      expect(document.text.length).toBeGreaterThan(LANGUAGE_DETECT_MAX_WORDS * 8);
      expect(detected).toEqual(getLanguageDetection(document.text));
    }
    expect(cleanAndDetect(ascii, { format: 'html' }).detected.language).toBe('en');
    // A stopword on either side of the word cap: the 1000th word counts, the 1001st does not.
    const madeUpWords = Array.from({ length: LANGUAGE_DETECT_MAX_WORDS }, (_, i) => `x${String(i).replace(/\d/g, (digit) => 'abcdefghij'[Number(digit)]!)}`);
    for (const shift of [0, 1]) {
      const words = madeUpWords.flatMap((word, i) => (i < LANGUAGE_DETECT_MAX_WORDS / 2 + 2 ? ['the', word] : [word])).slice(shift);
      const atCap = cleanAndDetect([`${words.join(' ')}.`], { format: 'html' });
      expect(atCap.detected).toEqual(getLanguageDetection(atCap.document.text));
      expect(atCap.detected.hits).toBe(LANGUAGE_DETECT_MAX_WORDS / 2);
    }
  });

  it('hashes an ASCII word in the scan as the stopword table does, whatever its case', () => {
    for (const { word } of ASCII_STOPWORDS) {
      expect([...getWordHashes(word)]).toEqual([fnv1a(word)]);
      expect([...getWordHashes(word.toUpperCase())]).toEqual([fnv1a(word)]);
      const units = Uint16Array.from(word.toUpperCase(), (letter) => letter.charCodeAt(0));
      expect(ASCII_STOPWORDS[findAsciiStopword(units, 0, units.length, fnv1a(word)) - 1]?.word).toBe(word);
    }
    const notStopword = Uint16Array.from('bridge', (letter) => letter.charCodeAt(0));
    expect(findAsciiStopword(notStopword, 0, notStopword.length, fnv1a('bridge'))).toBe(0);
  });
});

const SHARED = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared');
const SEEDS_DIR = resolve(SHARED, 'seeds');
const GOLD_FILE = resolve(SHARED, 'bench/article-extraction/ground-truth.json');
const DATA_PRESENT = existsSync(SEEDS_DIR) && existsSync(GOLD_FILE);
if (!DATA_PRESENT) console.warn(`language evidence check on the benchmark texts skipped: seeds or gold bodies not found under ${SHARED}`);

describe.skipIf(!DATA_PRESENT)('Function: cleanPlainTextAndDetect on the seeds and gold bodies', () => {
  it('gives every document the detector\'s answer and hits on its cleaned text', () => {
    const gold = JSON.parse(readFileSync(GOLD_FILE, 'utf8')) as Record<string, { articleBody: string }>;
    const texts = [
      ...Object.values(gold).map((page) => page.articleBody),
      ...readdirSync(SEEDS_DIR).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(resolve(SEEDS_DIR, name), 'utf8')),
    ];
    expect(texts.length).toBeGreaterThan(180);
    const differing = texts.filter((text) => {
      const { document, detected } = cleanPlainTextAndDetect(text);
      const expected = getLanguageDetection(document.text);
      return expected.language !== detected.language || expected.hits !== detected.hits;
    });
    expect(differing.map((text) => text.slice(0, 80))).toEqual([]);
  });
});
