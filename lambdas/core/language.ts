// The language of a document: the declared one (`<html lang>`, Content-Language) or a light detector on its text.
import { CodeUnitBuffer } from './code-units.js';
import { LANGUAGE_DETECT_MAX_WORDS, LANGUAGE_DETECT_MIN_HITS, LANGUAGE_DETECT_MIN_LEAD, LANGUAGE_OVERRIDE_MIN_HITS } from './settings.js';

/** The undetermined language (BCP 47 `und`): nothing declared and the detector unsure. */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * Frequent function words per language: short, common and (mostly) not shared with the other
 * languages listed, so counting them in a text separates these Latin-script languages.
 */
const STOPWORDS: Readonly<Record<string, readonly string[]>> = {
  en: ['the', 'and', 'of', 'to', 'is', 'that', 'with', 'for', 'this', 'was', 'are', 'have', 'from', 'which', 'they', 'you', 'be', 'it', 'not', 'but'],
  de: ['der', 'die', 'und', 'das', 'ist', 'nicht', 'mit', 'den', 'ein', 'eine', 'sich', 'auch', 'auf', 'für', 'dem', 'von', 'wird', 'sind', 'ich', 'wir'],
  fr: ['le', 'la', 'les', 'et', 'des', 'est', 'une', 'dans', 'pour', 'qui', 'que', 'pas', 'sur', 'avec', 'du', 'au', 'sont', 'nous', 'il', 'elle'],
  es: ['el', 'los', 'las', 'y', 'del', 'que', 'en', 'una', 'por', 'para', 'con', 'es', 'se', 'su', 'lo', 'como', 'más', 'pero', 'fue', 'muy'],
  it: ['il', 'della', 'che', 'di', 'e', 'per', 'una', 'sono', 'non', 'con', 'gli', 'nel', 'alla', 'anche', 'più', 'questo', 'delle', 'dei', 'è', 'come'],
  pt: ['o', 'os', 'da', 'do', 'que', 'não', 'uma', 'em', 'para', 'com', 'dos', 'das', 'mais', 'foi', 'ao', 'como', 'são', 'também', 'pela', 'pelo'],
  nl: ['de', 'het', 'een', 'en', 'van', 'is', 'dat', 'niet', 'op', 'voor', 'met', 'zijn', 'ook', 'aan', 'er', 'maar', 'worden', 'wordt', 'bij', 'naar'],
  pl: ['i', 'w', 'na', 'się', 'nie', 'z', 'do', 'jest', 'że', 'to', 'o', 'jak', 'po', 'od', 'za', 'przez', 'oraz', 'być', 'tak', 'jego'],
};

/** Which languages each stopword counts for (a word such as `que` counts for several). Exported for tests. */
export const STOPWORD_LANGUAGES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(STOPWORDS)) {
    for (const word of words) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();

/** Scripts that name their language on their own (share of letters decides): BMP code-unit ranges. */
const SCRIPT_LANGUAGES: ReadonlyArray<{ readonly language: string; readonly from: number; readonly to: number }> = [
  { language: 'ja', from: 0x3040, to: 0x30ff },
  { language: 'ko', from: 0xac00, to: 0xd7af },
  { language: 'zh', from: 0x4e00, to: 0x9fff },
  { language: 'el', from: 0x0370, to: 0x03ff },
  { language: 'ar', from: 0x0600, to: 0x06ff },
  { language: 'he', from: 0x0590, to: 0x05ff },
  { language: 'th', from: 0x0e00, to: 0x0e7f },
  { language: 'bn', from: 0x0980, to: 0x09ff },
  { language: 'hi', from: 0x0900, to: 0x097f },
];

/** Longest stopword in code units: a longer word cannot be one (lower-casing never shortens a word). */
const MAX_STOPWORD_LENGTH = Math.max(...[...STOPWORD_LANGUAGES.keys()].map((word) => word.length));

/**
 * FNV-1a, for the letters of a word. The detector's constants are const enums: esbuild writes
 * their numbers in place, where a top-level `const` became, in the bundle of the command and the
 * Lambda, a module variable read with a load and a check on every character (issue 16; see
 * simhash.ts Char).
 */
const enum Fnv {
  Offset = 0x811c9dc5 | 0,
  Prime = 0x01000193,
}

/** The languages of STOPWORDS by index: the detector counts hits in an array, not a map of names. */
const LANGUAGE_CODES: readonly string[] = Object.keys(STOPWORDS);

/** Indexes (into LANGUAGE_CODES) of the languages a stopword counts for. */
function toLanguageIds(languages: readonly string[]): readonly number[] {
  return languages.map((language) => LANGUAGE_CODES.indexOf(language));
}

/** {@link STOPWORD_LANGUAGES} with language indexes, for the words that are not plain ASCII. */
const STOPWORD_LANGUAGE_IDS: ReadonlyMap<string, readonly number[]> = new Map(
  [...STOPWORD_LANGUAGES].map(([word, languages]) => [word, toLanguageIds(languages)]),
);

/**
 * The ASCII stopwords by a hash of their letters, so an ASCII word of the text is looked up
 * without cutting it out and lower-casing it (most words of most texts; the others take
 * `slice().toLowerCase()`). An open-addressing table on the hash's low 12 bits, in typed arrays
 * the detector's loop reads directly (a `Map` look-up was a call for each of the many function
 * words of a text; issue 16). A slot holds the full hash and the entry's index plus one (0:
 * empty); a hit is confirmed letter by letter.
 */
const enum StopwordTable {
  Slots = 1 << 12,
  Mask = Slots - 1,
}
const { slotHashes: STOPWORD_SLOT_HASHES, slotEntries: STOPWORD_SLOT_ENTRIES, entries: ASCII_STOPWORD_ENTRIES } = (() => {
  const slotHashes = new Int32Array(StopwordTable.Slots);
  const slotEntries = new Uint16Array(StopwordTable.Slots);
  const entries: Array<{ readonly word: string; readonly languageIds: readonly number[] }> = [];
  for (const [word, languages] of STOPWORD_LANGUAGES) {
    if (!/^[a-z]+$/.test(word)) continue;
    let hash = Fnv.Offset;
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), Fnv.Prime);
    // The probe passes every earlier word with this hash: a look-up could not tell them apart.
    let slot: number = hash & StopwordTable.Mask;
    for (; slotEntries[slot] !== 0; slot = (slot + 1) & StopwordTable.Mask) {
      if (slotHashes[slot] === hash) throw new Error(`stopword hash collision: ${word}`);
    }
    entries.push({ word, languageIds: toLanguageIds(languages) });
    slotHashes[slot] = hash;
    slotEntries[slot] = entries.length;
  }
  return { slotHashes, slotEntries, entries };
})();

/** True when the code units `units[start..end)` spell `word` once ASCII upper case is folded (`word` is lower case). */
function equalsFolded(units: Uint16Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = start; i < end; i += 1) if ((units[i]! | 0x20) !== word.charCodeAt(i - start)) return false;
  return true;
}

// Character classes of the detector, one byte per UTF-16 code unit: `\p{L}` counts as a letter,
// `\p{L}` or `\p{M}` continues a word, and the bits above name the script range the code unit
// falls in (index into SCRIPT_LANGUAGES, plus one). A table built on first use replaces the
// global regexes (`match(/\p{L}/gu)` built an array of every letter of the sample and took 40%
// of the text pipeline's time) and the per-character loop over the script ranges (issue 16).
const enum DetectorChar {
  Letter = 1,
  WordPart = 2,
  /** Both: an ASCII letter. */
  AsciiLetter = 3,
}
/** The script index sits above the two class bits. */
const enum Script {
  Shift = 2,
}
let CHAR_CLASS: Uint8Array | undefined;

function getCharClasses(): Uint8Array {
  if (CHAR_CLASS !== undefined) return CHAR_CLASS;
  const classes = new Uint8Array(0x10000);
  const letter = /\p{L}/u;
  const mark = /\p{M}/u;
  for (let code = 0; code < 0x10000; code += 1) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // surrogates: decided with their pair
    const char = String.fromCharCode(code);
    if (letter.test(char)) classes[code] = DetectorChar.AsciiLetter;
    else if (mark.test(char)) classes[code] = DetectorChar.WordPart;
  }
  // The script ranges count every code unit in them, letter or not (as the range patterns did); they do not overlap.
  SCRIPT_LANGUAGES.forEach(({ from, to }, index) => {
    for (let code = from; code <= to; code += 1) classes[code]! |= (index + 1) << Script.Shift;
  });
  CHAR_CLASS = classes;
  return classes;
}

/** Class of a supplementary-plane code point (rare: tested with the regexes). */
function getSupplementaryClass(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  if (/\p{L}/u.test(char)) return DetectorChar.AsciiLetter;
  return /\p{M}/u.test(char) ? DetectorChar.WordPart : 0;
}

/**
 * The primary language subtag of a declared tag, lower-cased (`de-AT` -> `de`, `EN_us` -> `en`);
 * `undefined` for an empty or malformed tag.
 *
 * @example
 * normalizeLanguageTag('pt-BR'); // 'pt'
 */
export function normalizeLanguageTag(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_,;\s]/)[0]?.toLowerCase();
  return primary !== undefined && /^[a-z]{2,3}$/.test(primary) ? primary : undefined;
}

/**
 * Guesses the language of a text: a script that names its language (kana, Hangul, Han, Greek,
 * Arabic...) when it makes up a fair share of the letters, else the language whose function
 * words occur most among the first words, when it has enough hits and a clear lead; `und`
 * otherwise. Light by design: a few thousand words, no model.
 *
 * @example
 * detectLanguage('Der Bundestag hat am Freitag die Reform beschlossen, die auch für die Länder gilt.'); // 'de'
 */
export function detectLanguage(text: string): string {
  return detect(text).language;
}

/** The detector's copy of the sample it reads. */
const SAMPLE_UNITS = new CodeUnitBuffer(LANGUAGE_DETECT_MAX_WORDS * 8);

/**
 * The detector's answer with its evidence: function-word hits of the winner (script matches count as certain).
 * One char-code pass over the sample counts letters (`\p{L}`), the letters of each script and the
 * function words among the first `LANGUAGE_DETECT_MAX_WORDS` words (runs of `[\p{L}\p{M}]`).
 */
function detect(text: string): { language: string; hits: number } {
  const undetermined = { language: UNDETERMINED_LANGUAGE, hits: 0 };
  // A local copy: read once per word below, and an imported binding can compile to a getter
  // call (tsx's module transform: 3-4% of the text pipeline's profile under `npm run bench`).
  const maxWords = LANGUAGE_DETECT_MAX_WORDS;
  // The module's tables in locals too (module variables in the bundle); the constants are numbers in place (Fnv, DetectorChar).
  const maxStopwordLength = MAX_STOPWORD_LENGTH;
  const slotHashes = STOPWORD_SLOT_HASHES;
  const slotEntries = STOPWORD_SLOT_ENTRIES;
  const sample = text.slice(0, maxWords * 8);
  const classes = getCharClasses();
  // Index 0 collects the code units outside every script range.
  const scriptCounts = new Int32Array(SCRIPT_LANGUAGES.length + 1);
  // Hits per language (index into LANGUAGE_CODES), and the languages in the order of their first hit.
  const counts = new Int32Array(LANGUAGE_CODES.length);
  const order: number[] = [];
  let letters = 0;
  let words = 0;
  let wordStart = -1;
  // The word being read: its hash of ASCII letters folded to lower case, while it has only those.
  let wordHash = Fnv.Offset;
  let wordAscii = true;
  const length = sample.length;
  // Read from a typed array (see CodeUnitBuffer); the sample itself for the rare slow paths.
  const units = SAMPLE_UNITS.write(sample);
  // One step past the end (class 0) closes the last word. Plain code, no closures: this loop
  // reads every character of every document's first few thousand (issue 16).
  for (let i = 0; i <= length; i += 1) {
    const code = i < length ? units[i]! : 0x20;
    let kind: number;
    let width = 1;
    if (code < 0x80) {
      // ASCII, most of most samples: only its letters are letters and word parts, and no script
      // range holds it. Measured in separate processes: 4.7 ms against 5.4-7.7 for the 181 gold bodies.
      kind = ((code | 0x20) - 0x61) >>> 0 < 26 ? DetectorChar.AsciiLetter : 0;
    } else {
      kind = classes[code]!;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
        const low = units[i + 1]!;
        if (low >= 0xdc00 && low <= 0xdfff) {
          kind = getSupplementaryClass(((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000);
          width = 2;
        }
      }
      scriptCounts[kind >>> Script.Shift]! += 1;
    }
    if ((kind & DetectorChar.Letter) !== 0) letters += 1;
    if ((kind & DetectorChar.WordPart) !== 0) {
      if (wordStart === -1) {
        wordStart = i;
        wordHash = Fnv.Offset;
        wordAscii = true;
      }
      // ASCII letters are the only ASCII word parts; anything else sends the word to the slow look-up.
      if (code < 0x80) {
        wordHash = Math.imul(wordHash ^ (code | 0x20), Fnv.Prime);
        // The ASCII letters that follow (most of most words) need no class, script or word-end
        // test: read them in a tight loop (issue 16).
        while (i + 1 < length) {
          const next = units[i + 1]!;
          if (((next | 0x20) - 0x61) >>> 0 >= 26) break;
          wordHash = Math.imul(wordHash ^ (next | 0x20), Fnv.Prime);
          letters += 1;
          i += 1;
        }
      } else {
        wordAscii = false;
      }
    } else if (wordStart !== -1) {
      words += 1;
      if (words <= maxWords && i - wordStart <= maxStopwordLength) {
        let languageIds: readonly number[] | undefined;
        if (wordAscii) {
          // The word's slot, then the next ones until an empty slot (most words: the first one is empty).
          let slot: number = wordHash & StopwordTable.Mask;
          for (let entry = slotEntries[slot]!; entry !== 0; entry = slotEntries[slot]!) {
            if (slotHashes[slot] === wordHash) {
              const stopword = ASCII_STOPWORD_ENTRIES[entry - 1]!;
              if (equalsFolded(units, wordStart, i, stopword.word)) languageIds = stopword.languageIds;
              break;
            }
            slot = (slot + 1) & StopwordTable.Mask;
          }
        } else {
          languageIds = STOPWORD_LANGUAGE_IDS.get(sample.slice(wordStart, i).toLowerCase());
        }
        if (languageIds !== undefined) {
          for (let l = 0; l < languageIds.length; l += 1) {
            const id = languageIds[l]!;
            if (counts[id] === 0) order.push(id);
            counts[id]! += 1;
          }
        }
      }
      wordStart = -1;
    }
    i += width - 1;
  }
  if (letters === 0) return undetermined;
  for (let s = 0; s < SCRIPT_LANGUAGES.length; s += 1) {
    const language = SCRIPT_LANGUAGES[s]!.language;
    // Japanese mixes kana with Han: a little kana is enough to tell it from Chinese.
    if (scriptCounts[s + 1]! / letters >= (language === 'ja' ? 0.05 : 0.3)) return { language, hits: Number.POSITIVE_INFINITY };
  }
  // The most hits wins, the earliest first hit breaking a tie (a stable sort by hits, as before).
  let best = -1;
  for (const id of order) if (best === -1 || counts[id]! > counts[best]!) best = id;
  if (best === -1 || counts[best]! < LANGUAGE_DETECT_MIN_HITS) return undetermined;
  let secondHits = -1;
  for (const id of order) if (id !== best && counts[id]! > secondHits) secondHits = counts[id]!;
  if (secondHits !== -1 && counts[best]! < secondHits * LANGUAGE_DETECT_MIN_LEAD) return undetermined;
  return { language: LANGUAGE_CODES[best]!, hits: counts[best]! };
}

/**
 * The document's language: the first declared tag that parses (in order of trust), unless the
 * detector reads a different language from plenty of evidence (`LANGUAGE_OVERRIDE_MIN_HITS`):
 * templates declare their default (`<html lang="en-US">` on a German blog: 19 of the 536
 * multilingual pages). Nothing declared: the detector.
 *
 * @example
 * resolveLanguage(['de-DE', undefined], 'any text'); // 'de'
 */
export function resolveLanguage(declared: ReadonlyArray<string | undefined>, text: string): string {
  const detected = detect(text);
  for (const tag of declared) {
    const language = normalizeLanguageTag(tag);
    if (language === undefined) continue;
    return detected.language !== UNDETERMINED_LANGUAGE && detected.language !== language && detected.hits >= LANGUAGE_OVERRIDE_MIN_HITS
      ? detected.language
      : language;
  }
  return detected.language;
}
