// The language of a document: the declared one (`<html lang>`, Content-Language) or a light detector on its text.
import { CodeUnitBuffer } from './code-units.js';
import { LANGUAGE_DETECT_MAX_WORDS, LANGUAGE_DETECT_MIN_HITS, LANGUAGE_DETECT_MIN_LEAD, LANGUAGE_OVERRIDE_MIN_HITS } from './settings.js';
import type { LanguageEvidence, TextSignature } from './simhash.js';
import { ASCII_STOPWORDS, findAsciiStopword, Fnv, LANGUAGE_CODES, MAX_STOPWORD_LENGTH, SCRIPT_LANGUAGES, STOPWORD_LANGUAGE_IDS } from './stopwords.js';

/** The undetermined language (BCP 47 `und`): nothing declared and the detector unsure. */
export const UNDETERMINED_LANGUAGE = 'und';

export { STOPWORD_LANGUAGES } from './stopwords.js';

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

/** The detector's answer with its evidence: function-word hits of the winner (script matches count as certain). */
export interface LanguageDetection {
  readonly language: string;
  readonly hits: number;
}

/**
 * What the detector has counted so far of its sample, which it may read in pieces (the kept
 * paragraphs of a document, see {@link detectParagraphsLanguage}): letters (`\p{L}`), the code
 * units of each script range, the words (runs of `[\p{L}\p{M}]`) and the function-word hits
 * among the first `LANGUAGE_DETECT_MAX_WORDS` of them.
 */
interface DetectorTally {
  letters: number;
  words: number;
  /** Index 0 collects the non-ASCII code units outside every script range (never read). */
  readonly scriptCounts: Int32Array;
  /** Hits per language (index into LANGUAGE_CODES). */
  readonly counts: Int32Array;
  /** The languages in the order of their first hit (the tie-break). */
  readonly order: number[];
}

function newTally(): DetectorTally {
  return { letters: 0, words: 0, scriptCounts: new Int32Array(SCRIPT_LANGUAGES.length + 1), counts: new Int32Array(LANGUAGE_CODES.length), order: [] };
}

/** Counts one function-word hit for each of its languages. */
function countHit(tally: DetectorTally, languageIds: readonly number[]): void {
  for (let l = 0; l < languageIds.length; l += 1) {
    const id = languageIds[l]!;
    if (tally.counts[id] === 0) tally.order.push(id);
    tally.counts[id]! += 1;
  }
}

/** The detector's copy of the piece of sample it reads. */
const SAMPLE_UNITS = new CodeUnitBuffer(LANGUAGE_DETECT_MAX_WORDS * 8);

/** The detector's sample: the first `LANGUAGE_DETECT_MAX_WORDS * 8` code units of a text. */
const SAMPLE_LENGTH = LANGUAGE_DETECT_MAX_WORDS * 8;

function detect(text: string): LanguageDetection {
  const tally = newTally();
  readPiece(text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH) : text, tally);
  return decide(tally);
}

/**
 * Adds a piece of the sample to the tally: one char-code pass that counts letters, the code
 * units of each script and the function words. A piece ends a word at its end (as a separator,
 * or the sample's end, does).
 */
function readPiece(piece: string, tally: DetectorTally): void {
  // A local copy: read once per word below, and an imported binding can compile to a getter
  // call (tsx's module transform: 3-4% of the text pipeline's profile under `npm run bench`).
  const maxWords = LANGUAGE_DETECT_MAX_WORDS;
  // The module's tables in locals too (module variables in the bundle); the constants are numbers in place (Fnv, DetectorChar).
  const maxStopwordLength = MAX_STOPWORD_LENGTH;
  const classes = getCharClasses();
  const scriptCounts = tally.scriptCounts;
  let letters = tally.letters;
  let words = tally.words;
  let wordStart = -1;
  // The word being read: its hash of ASCII letters folded to lower case, while it has only those.
  let wordHash = Fnv.Offset;
  let wordAscii = true;
  const length = piece.length;
  // Read from a typed array (see CodeUnitBuffer); the piece itself for the rare slow paths.
  const units = SAMPLE_UNITS.write(piece);
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
          const entry = findAsciiStopword(units, wordStart, i, wordHash);
          if (entry !== 0) languageIds = ASCII_STOPWORDS[entry - 1]!.languageIds;
        } else {
          languageIds = STOPWORD_LANGUAGE_IDS.get(piece.slice(wordStart, i).toLowerCase());
        }
        if (languageIds !== undefined) countHit(tally, languageIds);
      }
      wordStart = -1;
    }
    i += width - 1;
  }
  tally.letters = letters;
  tally.words = words;
}

/** The language the tally names: a script's share of the letters, else the function words' winner by a clear lead. */
function decide(tally: DetectorTally): LanguageDetection {
  const undetermined = { language: UNDETERMINED_LANGUAGE, hits: 0 };
  const { letters, scriptCounts, counts, order } = tally;
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
 * {@link detect} of `paragraphs.join('\n\n')`, the text of a cleaned document, mostly from what
 * the word scan already counted of each paragraph (`evidence`, see TextSignature.evidenceIndex):
 * the detector's own pass over the sample was a tenth of the text pipeline's time (issue 16).
 * A paragraph without evidence (words that are not plain ASCII, a character of a script range,
 * a normalised scan), and the one the sample ends in, is read by the char-code pass. The
 * paragraph separators hold no letter and no word, so the pieces add up to the whole sample.
 */
export function detectParagraphsLanguage(
  paragraphs: readonly string[],
  signatures: readonly TextSignature[],
  evidence: LanguageEvidence,
): LanguageDetection {
  const maxWords = LANGUAGE_DETECT_MAX_WORDS;
  const tally = newTally();
  const { texts, hits } = evidence;
  let offset = 0;
  for (let p = 0; p < paragraphs.length && offset < SAMPLE_LENGTH; p += 1) {
    const text = paragraphs[p]!;
    const index = signatures[p]!.evidenceIndex;
    if (index < 0 || offset + text.length > SAMPLE_LENGTH) {
      readPiece(offset + text.length > SAMPLE_LENGTH ? text.slice(0, SAMPLE_LENGTH - offset) : text, tally);
    } else {
      const at = 4 * index;
      // A hit is (its word's position among the paragraph's words << 8) | the stopword's number.
      for (let h = texts[at + 2]!; h < texts[at + 3]!; h += 1) {
        const hit = hits[h]!;
        if (tally.words + (hit >>> 8) > maxWords) break;
        countHit(tally, ASCII_STOPWORDS[(hit & 0xff) - 1]!.languageIds);
      }
      tally.words += texts[at]!;
      tally.letters += texts[at + 1]!;
    }
    offset += text.length + 2;
  }
  return decide(tally);
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
  return resolveDetectedLanguage(declared, detect(text));
}

/** {@link resolveLanguage} with the detector's answer already read (see {@link detectParagraphsLanguage}). */
export function resolveDetectedLanguage(declared: ReadonlyArray<string | undefined>, detected: LanguageDetection): string {
  for (const tag of declared) {
    const language = normalizeLanguageTag(tag);
    if (language === undefined) continue;
    return detected.language !== UNDETERMINED_LANGUAGE && detected.language !== language && detected.hits >= LANGUAGE_OVERRIDE_MIN_HITS
      ? detected.language
      : language;
  }
  return detected.language;
}

/** The detector's answer for a text with its hit count (for tests of the paragraph path). */
export function getLanguageDetection(text: string): LanguageDetection {
  return detect(text);
}
