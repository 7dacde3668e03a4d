// The language detector's word lists and script ranges, and the look-up the word scan shares with it.

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

/** Which languages each stopword counts for (a word such as `que` counts for several). */
export const STOPWORD_LANGUAGES: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const [language, words] of Object.entries(STOPWORDS)) {
    for (const word of words) map.set(word, [...(map.get(word) ?? []), language]);
  }
  return map;
})();

/** Scripts that name their language on their own (share of letters decides): BMP code-unit ranges. */
export const SCRIPT_LANGUAGES: ReadonlyArray<{ readonly language: string; readonly from: number; readonly to: number }> = [
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
export const MAX_STOPWORD_LENGTH = Math.max(...[...STOPWORD_LANGUAGES.keys()].map((word) => word.length));

/**
 * FNV-1a, for the letters of a word: the hash the word scan (simhash.ts) gives a word of ASCII
 * letters, lower-cased, so the scan can look its words up here (issue 16; a test holds the two
 * equal). The constants are const enums: esbuild writes their numbers in place, where a
 * top-level `const` became, in the bundle of the command and the Lambda, a module variable read
 * with a load and a check on every character (see simhash.ts Char).
 */
export const enum Fnv {
  Offset = 0x811c9dc5 | 0,
  Prime = 0x01000193,
}

/** The languages of STOPWORDS by index: the detector counts hits in an array, not a map of names. */
export const LANGUAGE_CODES: readonly string[] = Object.keys(STOPWORDS);

/** Indexes (into LANGUAGE_CODES) of the languages a stopword counts for. */
function toLanguageIds(languages: readonly string[]): readonly number[] {
  return languages.map((language) => LANGUAGE_CODES.indexOf(language));
}

/** {@link STOPWORD_LANGUAGES} with language indexes, for the words that are not plain ASCII. */
export const STOPWORD_LANGUAGE_IDS: ReadonlyMap<string, readonly number[]> = new Map(
  [...STOPWORD_LANGUAGES].map(([word, languages]) => [word, toLanguageIds(languages)]),
);

/**
 * The ASCII stopwords by a hash of their letters, so an ASCII word of the text is looked up
 * without cutting it out and lower-casing it (most words of most texts; the others take
 * `slice().toLowerCase()`). An open-addressing table on the hash's low 12 bits, in typed arrays
 * the detector's loop reads directly (a `Map` look-up was a call for each of the many function
 * words of a text; issue 16). A slot holds the full hash, the entry's number (index plus one;
 * 0: empty) and the word's letters packed five bits each (a to z as 1 to 26): no ASCII stopword
 * is longer than six letters, so the packed letters are the word itself in 30 bits, and a hit is
 * confirmed by one comparison instead of a string read letter by letter.
 */
export const enum StopwordTable {
  Slots = 1 << 12,
  Mask = Slots - 1,
  /** Letters a packed key holds (six of five bits fill 30 bits of an int32). */
  MaxLetters = 6,
}

/** An ASCII stopword: its letters and the languages it counts for. */
export interface AsciiStopword {
  readonly word: string;
  readonly languageIds: readonly number[];
}

/** The letters of an ASCII word packed five bits each; exact for words of at most StopwordTable.MaxLetters letters. */
function packLetters(units: ArrayLike<number>, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i += 1) key = (key << 5) | ((units[i]! | 0x20) - 0x60);
  return key;
}

const {
  slotHashes: STOPWORD_SLOT_HASHES,
  slotEntries: STOPWORD_SLOT_ENTRIES,
  slotKeys: STOPWORD_SLOT_KEYS,
  entries: ASCII_STOPWORDS,
} = (() => {
  const slotHashes = new Int32Array(StopwordTable.Slots);
  const slotEntries = new Uint16Array(StopwordTable.Slots);
  const slotKeys = new Int32Array(StopwordTable.Slots);
  const entries: AsciiStopword[] = [];
  for (const [word, languages] of STOPWORD_LANGUAGES) {
    if (!/^[a-z]+$/.test(word)) continue;
    if (word.length > StopwordTable.MaxLetters) throw new Error(`ASCII stopword longer than ${StopwordTable.MaxLetters} letters: ${word}`);
    let hash = Fnv.Offset;
    for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), Fnv.Prime);
    let slot: number = hash & StopwordTable.Mask;
    while (slotEntries[slot] !== 0) slot = (slot + 1) & StopwordTable.Mask;
    entries.push({ word, languageIds: toLanguageIds(languages) });
    slotHashes[slot] = hash;
    slotEntries[slot] = entries.length;
    slotKeys[slot] = packLetters([...word].map((letter) => letter.charCodeAt(0)), 0, word.length);
  }
  return { slotHashes, slotEntries, slotKeys, entries };
})();

/** The ASCII stopwords by number (see {@link findAsciiStopword}): `ASCII_STOPWORDS[number - 1]`. */
export { ASCII_STOPWORDS };

/** Longest ASCII stopword: the word scan looks up no longer word. */
export const MAX_ASCII_STOPWORD_LENGTH = Math.max(...ASCII_STOPWORDS.map(({ word }) => word.length));

/**
 * Non-zero in the slot a hash starts its probe at when some ASCII stopword may have that hash
 * (97% of the slots are empty): the word scan reads it in place and calls {@link findAsciiStopword}
 * only for these words, most of which are stopwords.
 */
export const ASCII_STOPWORD_SLOTS: Uint16Array = STOPWORD_SLOT_ENTRIES;

/**
 * The number of the ASCII stopword that the ASCII letters `units[start..end)` spell once upper
 * case is folded, given their FNV-1a `hash` (see {@link Fnv}); 0 when they spell none. Most words
 * end at their first slot, which is empty.
 */
export function findAsciiStopword(units: Uint16Array, start: number, end: number, hash: number): number {
  if (end - start > StopwordTable.MaxLetters) return 0;
  const slotHashes = STOPWORD_SLOT_HASHES;
  const slotEntries = STOPWORD_SLOT_ENTRIES;
  let slot: number = hash & StopwordTable.Mask;
  let key = -1;
  for (let entry = slotEntries[slot]!; entry !== 0; entry = slotEntries[slot]!) {
    if (slotHashes[slot] === hash) {
      // Two stopwords may share a hash (none do today): the probe goes on past a key that differs.
      if (key === -1) key = packLetters(units, start, end);
      if (STOPWORD_SLOT_KEYS[slot] === key) return entry;
    }
    slot = (slot + 1) & StopwordTable.Mask;
  }
  return 0;
}

