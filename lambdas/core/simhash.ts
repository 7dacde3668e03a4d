// 64-bit Charikar simhash over word shingles, Hamming distance, and the band split for look-ups.
import { CodeUnitBuffer } from './code-units.js';
import { ScrapeDedupError } from './errors.js';
import { DEFAULT_BAND_COUNT, SIMHASH_BITS, SIMHASH_SHINGLE_SIZE } from './settings.js';
import { ASCII_STOPWORD_SLOTS, findAsciiStopword, MAX_ASCII_STOPWORD_LENGTH, SCRIPT_LANGUAGES, StopwordTable } from './stopwords.js';

/** A fingerprint string was not 16 hexadecimal digits. */
export class InvalidFingerprintError extends ScrapeDedupError {
  public constructor(fingerprint: string) {
    super(`not a 64-bit fingerprint (16 hex digits expected): ${JSON.stringify(fingerprint.slice(0, 40))}`);
    this.name = 'InvalidFingerprintError';
  }
}

/** A band count that does not split 64 bits into equal whole bands. */
export class InvalidBandCountError extends ScrapeDedupError {
  public constructor(bandCount: number) {
    super(`band count must be a positive integer dividing ${SIMHASH_BITS}, got ${bandCount}`);
    this.name = 'InvalidBandCountError';
  }
}

/** Tunables of {@link simhash64}; defaults come from settings.ts. */
export interface SimhashOptions {
  /** Words per shingle. @default SIMHASH_SHINGLE_SIZE (3) */
  readonly shingleSize: number;
}

/** Options of {@link getTextSignatures}. */
export interface SignatureOptions extends SimhashOptions {
  /**
   * The cap of the classifier's word count (classify.ts `getWordCount(text, cap)`), counted in
   * the same scan into `TextSignature.wordCount` when given (Infinity: no cap). @default no count
   */
  readonly wordCountCap: number;
}

/** The fingerprint of a text with no word at all. */
export const EMPTY_FINGERPRINT = '0000000000000000';

/**
 * Character classes of the tokenizer (one byte per UTF-16 code unit, built once) and their flags.
 * The constants of the hot loops are const enums: esbuild writes their numbers in place, where a
 * top-level `const` became, in the bundle of the command and the Lambda, a module variable read
 * with a load and a check on every character (callgrind, the word scan over the gold bodies:
 * 861 M instructions with the constants in locals, 646 M with numbers in place; issue 16).
 */
const enum Char {
  Separator = 0,
  Word = 1,
  /** Scripts written without spaces (Han, kana): each character is a word of its own. */
  Single = 2,
  /** A high surrogate: the class depends on the code point it starts. */
  HighSurrogate = 3,
}

/** The flags above the class in a CHAR_CLASS entry (a const enum: see Char). */
const enum CharFlag {
  /** The bits of the class itself, below the flags. */
  ClassBits = 3,
  /**
   * Flag: the character can tokenize differently after NFKC or full lower-casing
   * (compatibility forms such as ligatures and full-width letters, combining marks and Hangul
   * jamo that compose with their neighbour, characters whose lower case is two code units,
   * supplementary-plane characters). A text containing one takes the slow path.
   */
  NeedsNormalization = 4,
  /**
   * Flag: a code unit `\s` matches ({@link isSpaceCode}), for the classifier's word count in
   * the scan, read from the table rather than tested with a call per separator.
   */
  Space = 8,
  /**
   * Flag: a separator inside one of the language detector's script ranges (stopwords.ts
   * SCRIPT_LANGUAGES), which the detector counts: a text holding one gives it no evidence (see
   * TextSignature.evidenceIndex). Word characters there are not plain ASCII, which also does.
   */
  ScriptSeparator = 16,
}

/**
 * Class of every UTF-16 code unit, and its lower-case code unit. Letters, digits and
 * combining marks form words; everything else separates them. Building both costs a few tens
 * of milliseconds once per process (Lambda cold start included) and spares the hot loop the
 * Unicode-property regexes (12 MB/s in NOTES.md against 152 MB/s for a char-code scan) and,
 * for most texts, NFKC (about 40 MB/s) and `toLowerCase`: typographic quotes, dashes and
 * ellipses are separators before and after NFKC, so they need neither.
 */
const { CHAR_CLASS, LOWER } = buildCharTables();

function buildCharTables(): { CHAR_CLASS: Uint8Array; LOWER: Uint16Array } {
  const classes = new Uint8Array(0x10000);
  const lower = new Uint16Array(0x10000);
  const wordChar = /[\p{L}\p{N}\p{M}]/u;
  const mark = /\p{M}/u;
  const baseClass = (code: number): number => {
    if (code < 0x80) {
      const isWord = (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
      return isWord ? Char.Word : Char.Separator;
    }
    if (code >= 0xd800 && code <= 0xdbff) return Char.HighSurrogate;
    if (code >= 0xdc00 && code <= 0xdfff) return Char.Separator; // a lone low surrogate
    if (isSpacelessScript(code)) return Char.Single;
    return wordChar.test(String.fromCharCode(code)) ? Char.Word : Char.Separator;
  };
  for (let code = 0; code < 0x10000; code += 1) {
    const kind = baseClass(code);
    classes[code] = kind;
    lower[code] = code;
    if (code < 0x80) {
      if (code >= 0x41 && code <= 0x5a) lower[code] = code | 0x20;
      continue;
    }
    if (kind === Char.HighSurrogate) {
      classes[code] = kind | CharFlag.NeedsNormalization;
      continue;
    }
    const char = String.fromCharCode(code);
    const nfkc = char.normalize('NFKC');
    const lowered = char.toLowerCase();
    // A separator that NFKC turns into separators only (… to "...", no-break space to space)
    // tokenizes the same either way.
    let changesTokens = nfkc !== char;
    if (changesTokens && kind === Char.Separator) {
      changesTokens = [...nfkc].some((part) => baseClass(part.charCodeAt(0)) !== Char.Separator);
    }
    const composes = mark.test(char) || (code >= 0x1100 && code <= 0x11ff) || (code >= 0xa960 && code <= 0xa97f) || (code >= 0xd7b0 && code <= 0xd7ff);
    if (changesTokens || composes || lowered.length !== 1) {
      classes[code] = kind | CharFlag.NeedsNormalization;
    } else {
      lower[code] = lowered.charCodeAt(0);
    }
  }
  // Final sigma: toLowerCase picks ς or σ from context, so both fold to σ (as case folding does).
  lower[0x3c2] = 0x3c3;
  for (let code = 0; code < 0x10000; code += 1) if (isSpaceCode(code)) classes[code]! |= CharFlag.Space;
  for (const { from, to } of SCRIPT_LANGUAGES) {
    for (let code = from; code <= to; code += 1) if ((classes[code]! & CharFlag.ClassBits) === Char.Separator) classes[code]! |= CharFlag.ScriptSeparator;
  }
  return { CHAR_CLASS: classes, LOWER: lower };
}

/** Han ideographs, Hiragana and Katakana: written without spaces between words. */
function isSpacelessScript(code: number): boolean {
  return (
    (code >= 0x3040 && code <= 0x30ff) || // Hiragana, Katakana
    (code >= 0x31f0 && code <= 0x31ff) || // Katakana phonetic extensions
    (code >= 0x3400 && code <= 0x4dbf) || // CJK extension A
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xf900 && code <= 0xfaff) || // CJK compatibility ideographs
    (code >= 0xff66 && code <= 0xff9f) // half-width Katakana
  );
}

/** Supplementary-plane code points of the CJK extensions B..H (planes 2 and 3). */
function isSpacelessSupplementary(codePoint: number): boolean {
  return codePoint >= 0x20000 && codePoint <= 0x3ffff;
}

/** Hash constants: FNV-1a for words, murmur3 / xxhash primes for mixing shingles (a const enum: see Char). */
const enum Hash {
  FnvOffset = 0x811c9dc5 | 0,
  FnvPrime = 0x01000193,
  MixLo = 0x9e3779b1 | 0,
  MixHi = 0x85ebca77 | 0,
  SeedLo = 0x2545f491 | 0,
  SeedHi = 0x6a09e667 | 0,
}

/** murmur3's 32-bit finaliser: every input bit flips each output bit with probability ~1/2. */
function fmix32(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** Length of a counts array of {@link SimhashAccumulator.takeCounts}: 64 per-bit counts and the feature count. */
const COUNTS_LENGTH = 65;

/** The packed 8-bit lanes of SimhashAccumulator (a const enum: see Char). */
const enum Packed {
  /** Features counted in the lanes before they must be flushed (255 fits a byte). */
  Batch = 255,
  /** The low bit of each byte of a lane. */
  ByteLanes = 0x01010101,
  /** The low bit of each nibble of a lane (addWords' inner level). */
  NibbleLanes = 0x11111111,
  /** Features counted in the nibble lanes before they are folded into the byte lanes (15 fits a nibble). */
  NibbleBatch = 15,
  /** The low nibble of each byte. */
  EvenNibbles = 0x0f0f0f0f,
}

/**
 * Accumulates shingle features into per-bit counts. Counting ones and deriving the signed
 * weight at the end (`2 * ones > features`) is Charikar's ±1 vote without a branch per bit.
 * The counts are bit-sliced: lane `b` of `packedLo` holds the counts of bits b, b+8, b+16 and
 * b+24 in four bytes, so one feature costs 16 additions instead of 64; the bytes are flushed
 * into full counters every {@link Packed.Batch} features, before any can overflow.
 */
/** Receives the word hashes of a scan, in order. */
interface WordSink {
  addWord(wordHash: number): void;
}

class SimhashAccumulator implements WordSink {
  private readonly ring: Int32Array;
  private readonly packed = new Int32Array(16);
  private readonly packedLo = this.packed.subarray(0, 8);
  private readonly packedHi = this.packed.subarray(8, 16);
  /**
   * The per-bit counts: ones of bits 0-31 of the low half at 0-31, of the high half at 32-63.
   * The accumulator's own array, or the 65 counts a paragraph's signature keeps (see
   * {@link reset}): flushed straight into them, they need no copy (issue 16).
   */
  private ones: Int32Array;
  private readonly ownOnes = new Int32Array(64);
  /** False after a reset: `ones` holds a previous text's counts, and the first flush assigns instead of adding. */
  private onesCounted = false;
  private words = 0;
  /** Ring position of the oldest word once the ring is full (the next one to overwrite). */
  private head = 0;
  private features = 0;
  private pending = 0;

  public constructor(private readonly shingleSize: number) {
    this.ring = new Int32Array(shingleSize);
    this.ones = this.ownOnes;
  }

  /**
   * Back to the empty state, so one accumulator serves many texts (the per-paragraph path
   * allocates nothing). With `counts` (at least 65 long), the per-bit counts are kept there, and
   * {@link takeCounts} of the same array copies nothing; nothing is zeroed here (issue 16).
   */
  public reset(counts?: Int32Array): this {
    if (this.pending !== 0) {
      // Lanes left from a text that was never digested: flushes leave them zero otherwise.
      for (let lane = 0; lane < 16; lane += 1) this.packed[lane] = 0;
    }
    this.ones = counts ?? this.ownOnes;
    this.onesCounted = false;
    this.words = 0;
    this.head = 0;
    this.features = 0;
    this.pending = 0;
    return this;
  }

  public addWord(wordHash: number): void {
    // A wrapping index rather than `%`: integer division showed in the profile.
    this.ring[this.head] = wordHash;
    this.head = this.head + 1 === this.shingleSize ? 0 : this.head + 1;
    this.words += 1;
    if (this.words >= this.shingleSize) this.addShingle(this.head, this.shingleSize);
  }

  /** Hashes `length` words of the ring, oldest first from ring position `start`, to 64 bits. */
  private addShingle(start: number, length: number): void {
    let lo = Hash.SeedLo;
    let hi = Hash.SeedHi;
    let index = start;
    for (let j = 0; j < length; j += 1) {
      const word = this.ring[index]!;
      index = index + 1 === this.shingleSize ? 0 : index + 1;
      lo = Math.imul(((lo << 5) | (lo >>> 27)) ^ word, Hash.MixLo);
      hi = Math.imul(((hi << 11) | (hi >>> 21)) + word, Hash.MixHi) ^ (hi >>> 15);
    }
    lo = fmix32(lo ^ length);
    this.addFeature(lo, fmix32(hi ^ lo));
  }

  /**
   * {@link addWord} of every entry of `words`: on a fresh accumulator the shingles are read
   * straight from the array (`addShingleOf`), without the ring write and wrap per word; the
   * ring is left as the word-by-word path leaves it (issue 16).
   */
  public addWords(words: Int32Array): void {
    const count = words.length;
    const size = this.shingleSize;
    if (this.words !== 0 || count < size) {
      for (let i = 0; i < count; i += 1) this.addWord(words[i]!);
      return;
    }
    // The shingle hash and addFeature inlined: this loop runs once per word of every paragraph
    // (issue 16). Same features as addShingleOf. The loop counts in eight nibble lanes held in
    // locals, a level below the byte lanes: nibble lane k of a half holds the counts of bits k,
    // k+4, ..., k+28, so a feature costs 8 additions instead of 16, and the 16 byte lanes, which
    // V8 could not keep in registers beside the hash state, are touched once per 15 features
    // (the most a nibble holds). Folding: the even nibbles of lane k are byte lane k (bits k,
    // k+8, k+16, k+24), the odd ones byte lane k+4. Callgrind, the gold bodies: 37.1 -> 27.4 M
    // instructions per pass.
    let nibblesLo0 = 0, nibblesLo1 = 0, nibblesLo2 = 0, nibblesLo3 = 0;
    let nibblesHi0 = 0, nibblesHi1 = 0, nibblesHi2 = 0, nibblesHi3 = 0;
    let inNibbles = 0;
    for (let start = 0; start + size <= count; start += 1) {
      let lo = Hash.SeedLo;
      let hi = Hash.SeedHi;
      for (let j = start; j < start + size; j += 1) {
        const word = words[j]!;
        lo = Math.imul(((lo << 5) | (lo >>> 27)) ^ word, Hash.MixLo);
        hi = Math.imul(((hi << 11) | (hi >>> 21)) + word, Hash.MixHi) ^ (hi >>> 15);
      }
      lo = fmix32(lo ^ size);
      hi = fmix32(hi ^ lo);
      // At most 15 per nibble: no carry into the next, so the additions stay below 2^31 only
      // when written `| 0` (the top nibble may reach 15: V8 would switch to floating point).
      nibblesLo0 = (nibblesLo0 + (lo & Packed.NibbleLanes)) | 0;
      nibblesLo1 = (nibblesLo1 + ((lo >>> 1) & Packed.NibbleLanes)) | 0;
      nibblesLo2 = (nibblesLo2 + ((lo >>> 2) & Packed.NibbleLanes)) | 0;
      nibblesLo3 = (nibblesLo3 + ((lo >>> 3) & Packed.NibbleLanes)) | 0;
      nibblesHi0 = (nibblesHi0 + (hi & Packed.NibbleLanes)) | 0;
      nibblesHi1 = (nibblesHi1 + ((hi >>> 1) & Packed.NibbleLanes)) | 0;
      nibblesHi2 = (nibblesHi2 + ((hi >>> 2) & Packed.NibbleLanes)) | 0;
      nibblesHi3 = (nibblesHi3 + ((hi >>> 3) & Packed.NibbleLanes)) | 0;
      inNibbles += 1;
      if (inNibbles === Packed.NibbleBatch) {
        this.foldNibbles(nibblesLo0, nibblesLo1, nibblesLo2, nibblesLo3, nibblesHi0, nibblesHi1, nibblesHi2, nibblesHi3, inNibbles);
        nibblesLo0 = nibblesLo1 = nibblesLo2 = nibblesLo3 = nibblesHi0 = nibblesHi1 = nibblesHi2 = nibblesHi3 = 0;
        inNibbles = 0;
      }
    }
    if (inNibbles !== 0) this.foldNibbles(nibblesLo0, nibblesLo1, nibblesLo2, nibblesLo3, nibblesHi0, nibblesHi1, nibblesHi2, nibblesHi3, inNibbles);
    this.features += count - size + 1;
    for (let j = count - size; j < count; j += 1) this.ring[j % size] = words[j]!;
    this.head = count % size;
    this.words = count;
  }

  /**
   * Adds `features` features counted in nibble lanes (see addWords) to the byte lanes, flushing
   * the byte lanes first when they could overflow.
   */
  private foldNibbles(lo0: number, lo1: number, lo2: number, lo3: number, hi0: number, hi1: number, hi2: number, hi3: number, features: number): void {
    if (this.pending + features > Packed.Batch) this.flush();
    const packedLo = this.packedLo;
    const packedHi = this.packedHi;
    packedLo[0] = (packedLo[0]! + (lo0 & Packed.EvenNibbles)) | 0;
    packedLo[4] = (packedLo[4]! + ((lo0 >>> 4) & Packed.EvenNibbles)) | 0;
    packedLo[1] = (packedLo[1]! + (lo1 & Packed.EvenNibbles)) | 0;
    packedLo[5] = (packedLo[5]! + ((lo1 >>> 4) & Packed.EvenNibbles)) | 0;
    packedLo[2] = (packedLo[2]! + (lo2 & Packed.EvenNibbles)) | 0;
    packedLo[6] = (packedLo[6]! + ((lo2 >>> 4) & Packed.EvenNibbles)) | 0;
    packedLo[3] = (packedLo[3]! + (lo3 & Packed.EvenNibbles)) | 0;
    packedLo[7] = (packedLo[7]! + ((lo3 >>> 4) & Packed.EvenNibbles)) | 0;
    packedHi[0] = (packedHi[0]! + (hi0 & Packed.EvenNibbles)) | 0;
    packedHi[4] = (packedHi[4]! + ((hi0 >>> 4) & Packed.EvenNibbles)) | 0;
    packedHi[1] = (packedHi[1]! + (hi1 & Packed.EvenNibbles)) | 0;
    packedHi[5] = (packedHi[5]! + ((hi1 >>> 4) & Packed.EvenNibbles)) | 0;
    packedHi[2] = (packedHi[2]! + (hi2 & Packed.EvenNibbles)) | 0;
    packedHi[6] = (packedHi[6]! + ((hi2 >>> 4) & Packed.EvenNibbles)) | 0;
    packedHi[3] = (packedHi[3]! + (hi3 & Packed.EvenNibbles)) | 0;
    packedHi[7] = (packedHi[7]! + ((hi3 >>> 4) & Packed.EvenNibbles)) | 0;
    this.pending += features;
  }

  /**
   * Adds the shingle of `length` consecutive words read from `words` at `start`: the same
   * feature as {@link addShingle} over a ring holding those words (for shingles that cross a
   * paragraph boundary, see {@link simhashOfSignatures}).
   */
  public addShingleOf(words: ArrayLike<number>, start: number, length: number): void {
    let lo = Hash.SeedLo;
    let hi = Hash.SeedHi;
    for (let j = start; j < start + length; j += 1) {
      const word = words[j]!;
      lo = Math.imul(((lo << 5) | (lo >>> 27)) ^ word, Hash.MixLo);
      hi = Math.imul(((hi << 11) | (hi >>> 21)) + word, Hash.MixHi) ^ (hi >>> 15);
    }
    lo = fmix32(lo ^ length);
    this.addFeature(lo, fmix32(hi ^ lo));
  }

  private addFeature(lo: number, hi: number): void {
    const packedLo = this.packedLo;
    const packedHi = this.packedHi;
    for (let lane = 0; lane < 8; lane += 1) {
      packedLo[lane]! += (lo >>> lane) & Packed.ByteLanes;
      packedHi[lane]! += (hi >>> lane) & Packed.ByteLanes;
    }
    this.features += 1;
    this.pending += 1;
    if (this.pending === Packed.Batch) this.flush();
  }

  /** The per-bit counts, zeroed first when they still hold a previous text's (see onesCounted). */
  private countedOnes(): Int32Array {
    const ones = this.ones;
    if (!this.onesCounted) {
      for (let bit = 0; bit < 64; bit += 1) ones[bit] = 0;
      this.onesCounted = true;
    }
    return ones;
  }

  /** The per-bit counts with every pending lane added in (the lanes are then zero). */
  private flush(): Int32Array {
    // Nothing packed since the last flush (the lanes are zero then): takeCounts and digest both
    // flush, and most paragraphs are one batch, so the second call returns here (issue 16).
    if (this.pending === 0) return this.countedOnes();
    const ones = this.ones;
    const packed = this.packed;
    const add = this.onesCounted ? 1 : 0;
    for (let lane = 0; lane < 8; lane += 1) {
      const lo = packed[lane]!;
      const hi = packed[8 + lane]!;
      packed[lane] = 0;
      packed[8 + lane] = 0;
      for (let byte = 0; byte < 4; byte += 1) {
        const bit = lane + 8 * byte;
        // `add` is 0 for the first flush after a reset: the counts there are a previous text's.
        ones[bit] = add * ones[bit]! + ((lo >>> (8 * byte)) & 0xff);
        ones[32 + bit] = add * ones[32 + bit]! + ((hi >>> (8 * byte)) & 0xff);
      }
    }
    this.onesCounted = true;
    this.pending = 0;
    return ones;
  }

  /**
   * The per-bit counts of the features added so far (ones of the low half, then of the high
   * half, then the feature count): 65 numbers that {@link addCounts} adds into another
   * accumulator, so a document's fingerprint reuses its paragraphs' shingles (issue 16).
   * Nothing is copied into the array given to {@link reset}.
   */
  public takeCounts(counts: Int32Array = new Int32Array(COUNTS_LENGTH)): Int32Array {
    const ones = this.flush();
    if (counts !== ones) for (let bit = 0; bit < 64; bit += 1) counts[bit] = ones[bit]!;
    counts[64] = this.features;
    return counts;
  }

  /** Adds counts taken with {@link takeCounts}: as if their features had been added one by one. */
  public addCounts(counts: Int32Array): void {
    const ones = this.countedOnes();
    for (let bit = 0; bit < 64; bit += 1) ones[bit]! += counts[bit]!;
    this.features += counts[64]!;
  }

  /** Signed vote of each bit (bit 63 first): `ones - zeros`; the bit is set when positive. */
  public margins(): Int32Array {
    if (this.words > 0 && this.words < this.shingleSize && this.features === 0) this.addShingle(0, this.words);
    const ones = this.flush();
    const margins = new Int32Array(SIMHASH_BITS);
    for (let bit = 0; bit < 32; bit += 1) {
      margins[31 - bit] = 2 * ones[32 + bit]! - this.features;
      margins[63 - bit] = 2 * ones[bit]! - this.features;
    }
    return margins;
  }

  /** High and low 32 bits of the last digest, as unsigned numbers (for callers that compare numerically). */
  public lastHi = 0;
  public lastLo = 0;

  public digest(): string {
    // A text shorter than one shingle still gets a fingerprint: one feature of all its words.
    if (this.words > 0 && this.words < this.shingleSize) this.addShingle(0, this.words);
    this.lastHi = 0;
    this.lastLo = 0;
    if (this.features === 0) return EMPTY_FINGERPRINT;
    const ones = this.flush();
    let lo = 0;
    let hi = 0;
    for (let bit = 0; bit < 32; bit += 1) {
      // Strictly more ones than zeros sets the bit; a tie leaves it 0.
      if (2 * ones[bit]! > this.features) lo |= 1 << bit;
      if (2 * ones[32 + bit]! > this.features) hi |= 1 << bit;
    }
    this.lastHi = hi >>> 0;
    this.lastLo = lo >>> 0;
    return toHex64(hi, lo);
  }
}

/** Char code of each hex digit (lower case). */
const HEX_CODES = new Uint8Array([...'0123456789abcdef'].map((digit) => digit.charCodeAt(0)));

/**
 * 16 hex digits of a 64-bit value given as halves, built in one string: concatenating 2-digit
 * pieces made a dozen intermediate strings per paragraph (fingerprint and content key) and a
 * cons string that every Set look-up had to flatten (issue 16).
 */
function toHex64(hi: number, lo: number): string {
  return String.fromCharCode(
    HEX_CODES[(hi >>> 28) & 15]!, HEX_CODES[(hi >>> 24) & 15]!, HEX_CODES[(hi >>> 20) & 15]!, HEX_CODES[(hi >>> 16) & 15]!,
    HEX_CODES[(hi >>> 12) & 15]!, HEX_CODES[(hi >>> 8) & 15]!, HEX_CODES[(hi >>> 4) & 15]!, HEX_CODES[hi & 15]!,
    HEX_CODES[(lo >>> 28) & 15]!, HEX_CODES[(lo >>> 24) & 15]!, HEX_CODES[(lo >>> 20) & 15]!, HEX_CODES[(lo >>> 16) & 15]!,
    HEX_CODES[(lo >>> 12) & 15]!, HEX_CODES[(lo >>> 8) & 15]!, HEX_CODES[(lo >>> 4) & 15]!, HEX_CODES[lo & 15]!,
  );
}

/**
 * Collects the hash of every word of `text`: one pass over char codes, lower-casing through
 * the table, each Han/kana character a word, hashing as it goes (no substrings). With
 * `bailOnUnnormalized`, stops and returns false at the first character that NFKC or full
 * lower-casing could change, so the caller can normalise first. When the collector gathers
 * the language detector's evidence, each word is also handed to it (see
 * {@link WordCollector.addHitOf}).
 */
function scanWords(units: Uint16Array, start: number, end: number, collector: WordCollector, bailOnUnnormalized: boolean): boolean {
  // The tables in locals (module variables in the bundle), the constants as numbers in place (Char, CharFlag, Hash).
  const classes = CHAR_CLASS;
  const lower = LOWER;
  let hash: number = Hash.FnvOffset;
  let inWord = false;
  // Bit 7 of every word character seen, OR-ed: 0 when all words are ASCII.
  let wordHighBits = 0;
  // The classifier's word count in the same pass (issue 16): runs of non-space code units, the
  // Han and kana ones counted apart (see classify.ts getWordCount), frozen once past the cap.
  const counting = collector.wordCountCap !== undefined;
  const cap = collector.wordCountCap ?? Number.POSITIVE_INFINITY;
  let spaceWords = 0;
  let spaceless = 0;
  let inSpaceWord = false;
  let capped = -1;
  // The language detector's evidence (issue 16): where the word began, its ASCII digits, and
  // the flags of every separator OR-ed (a script-range separator spoils the evidence).
  const gathering = collector.gatheringEvidence;
  let wordStart = start;
  let wordDigits = 0;
  let separatorFlags = 0;
  let detectorWords = 0;
  let detectorLetters = 0;
  const stopwordSlots = ASCII_STOPWORD_SLOTS;
  for (let i = start; i < end; i += 1) {
    let code = units[i]!;
    const flags = classes[code]!;
    let kind = flags & CharFlag.ClassBits;
    if ((flags & CharFlag.NeedsNormalization) !== 0 && bailOnUnnormalized) return false;
    if (kind === Char.HighSurrogate) {
      const low = i + 1 < end ? units[i + 1]! : 0;
      if (low >= 0xdc00 && low <= 0xdfff) {
        const codePoint = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        kind = isSpacelessSupplementary(codePoint) ? Char.Single : Char.Word;
        code = codePoint;
        i += 1;
      } else {
        kind = Char.Separator;
      }
    } else {
      code = lower[code]!;
    }
    if (kind === Char.Word) {
      // Only the first character of a word can start a run of non-spaces: the count is kept
      // off the per-character path (simhash64's scans do not count at all).
      if (!inWord) {
        inWord = true;
        wordStart = i;
        wordDigits = 0;
        if (counting && !inSpaceWord) {
          spaceWords += 1;
          if (spaceWords > cap && capped === -1) capped = spaceWords + Math.floor(spaceless / 2);
          inSpaceWord = true;
        }
      }
      if ((code - 0x30) >>> 0 < 10) wordDigits += 1;
      hash = Math.imul(hash ^ code, Hash.FnvPrime);
      wordHighBits |= code;
      // The plain word characters that follow (most characters of most texts) in a loop of their
      // own without calls, where V8 keeps everything in registers and checks the arrays once: in
      // the loop above it reloaded and re-checked every local on every character (issue 16).
      // ASCII ones are told apart without the tables: `| 0x20` lower-cases a letter and leaves a
      // digit as it is (callgrind, the gold bodies: the scan 59.4 -> 55.1 M instructions per pass).
      while (i + 1 < end) {
        const next = units[i + 1]!;
        let lowered: number;
        if (next < 0x80) {
          lowered = next | 0x20;
          if ((lowered - 0x61) >>> 0 >= 26) {
            if ((next - 0x30) >>> 0 >= 10) break;
            wordDigits += 1;
          }
        } else {
          if (classes[next] !== Char.Word) break;
          lowered = lower[next]!;
          wordHighBits |= lowered;
        }
        hash = Math.imul(hash ^ lowered, Hash.FnvPrime);
        i += 1;
      }
    } else {
      if (inWord) {
        collector.addWord(hash);
        if (gathering) {
          // Most words are letters only: counted here, and looked up only when short enough to be a
          // stopword and some stopword's hash starts in their slot (a call for every word cost more
          // than the detector's own pass saved).
          const length = i - wordStart;
          if (wordDigits === 0) {
            detectorWords += 1;
            if (length <= MAX_ASCII_STOPWORD_LENGTH && stopwordSlots[hash & StopwordTable.Mask] !== 0) collector.addHitOf(units, wordStart, i, hash, detectorWords);
            detectorLetters += length;
          } else if (wordDigits !== length) {
            detectorWords = collector.addLetterRuns(units, wordStart, i, detectorWords);
            detectorLetters += length - wordDigits;
          }
        }
        hash = Hash.FnvOffset;
        inWord = false;
      }
      separatorFlags |= flags;
      if (kind === Char.Single) {
        collector.addWord(Math.imul(Hash.FnvOffset ^ code, Hash.FnvPrime));
        wordHighBits |= code;
      }
      if (counting) {
        // The flags of the code unit as the text has it (a surrogate pair's are its high
        // half's: no space); lower-casing maps no space to a non-space or back.
        if ((flags & CharFlag.Space) !== 0) {
          inSpaceWord = false;
        } else {
          if (!inSpaceWord) {
            spaceWords += 1;
            if (spaceWords > cap && capped === -1) capped = spaceWords + Math.floor(spaceless / 2);
            inSpaceWord = true;
          }
          if (kind === Char.Single && isHalfWordCode(code)) spaceless += 1;
        }
      }
    }
  }
  if (inWord) {
    collector.addWord(hash);
    if (gathering) {
      const length = end - wordStart;
      if (wordDigits === 0) {
        detectorWords += 1;
        if (length <= MAX_ASCII_STOPWORD_LENGTH && stopwordSlots[hash & StopwordTable.Mask] !== 0) collector.addHitOf(units, wordStart, end, hash, detectorWords);
        detectorLetters += length;
      } else if (wordDigits !== length) {
        detectorWords = collector.addLetterRuns(units, wordStart, end, detectorWords);
        detectorLetters += length - wordDigits;
      }
    }
  }
  collector.detectorWords = detectorWords;
  collector.detectorLetters = detectorLetters;
  collector.asciiWords = wordHighBits < 0x80;
  collector.scriptSeparator = (separatorFlags & CharFlag.ScriptSeparator) !== 0;
  collector.wordCount = !counting ? -1 : capped !== -1 ? capped : spaceWords + Math.floor(spaceless / 2);
  return true;
}

/** The code units `\s` matches (the classifier's word count splits on these). */
export function isSpaceCode(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) || code === 0x2028 || code === 0x2029 ||
    code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The Han and kana code units the classifier's word count takes as half a word each (classify.ts getWordCount). */
export function isHalfWordCode(code: number): boolean {
  return code >= 0x3040 && (code <= 0x30ff || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0x4e00 && code <= 0x9fff) || (code >= 0xf900 && code <= 0xfaff));
}

/**
 * 64-bit Charikar simhash of a text, as 16 lower-case hex digits.
 *
 * The text is compared in its normalised form: NFKC and lower case (NFKC only when non-ASCII
 * characters are present), punctuation and whitespace separate words, so typographic and
 * straight quotes or dashes give the same fingerprint. Features are shingles of
 * `shingleSize` consecutive words; a Han or kana character counts as one word. A text
 * without any word gives {@link EMPTY_FINGERPRINT}.
 *
 * @example
 * simhash64('The quick brown fox');            // 16 hex digits
 * simhash64('') === '0000000000000000';        // true
 * simhash64('It’s “here”') === simhash64("it's \"here\""); // true
 */
export function simhash64(text: string, options: Partial<SimhashOptions> = {}): string {
  const shingleSize = getShingleSize(options);
  // scanInto takes the fast path unless NFKC or full lower-casing could change the text (see CHAR_CLASS).
  // The words are collected first: one sink type keeps the scan loop monomorphic (issue 16).
  const words = scanInto(text).view();
  const accumulator = getScratchAccumulator(shingleSize);
  accumulator.addWords(words);
  return accumulator.digest();
}

/**
 * Collects word hashes into one growing scratch buffer, reused across calls: the per-paragraph
 * path then allocates a single exact-size copy instead of a growing array (GC dominated the
 * profile before).
 */
class WordCollector implements WordSink {
  private buffer = new Int32Array(1024);
  public length = 0;
  /** True when the last scan read the text as it is and every word was ASCII letters and digits only (see TextSignature). */
  public asciiWords = false;
  /** The last scan's whitespace word count under `wordCountCap` (see TextSignature.wordCount); -1 when not counted. */
  public wordCount = -1;
  /** The cap for the next scan's word count; undefined: no count (simhash64, getWordHashes). */
  public wordCountCap: number | undefined = undefined;
  /** True while the scans gather the language detector's evidence (getTextSignaturesForNow only). */
  public gatheringEvidence = false;
  /** True when the last scan met a separator the detector counts in a script (see CharFlag.ScriptSeparator). */
  public scriptSeparator = false;
  /** The last scan's words as the detector reads them (runs of letters), and their letters, when its words are plain ASCII. */
  public detectorWords = 0;
  public detectorLetters = 0;
  /** The last scan's stopword hits: (the word's position among the detector words << 8) | the stopword's number. */
  private hitBuffer = new Int32Array(256);
  public hitCount = 0;

  public reset(): this {
    this.length = 0;
    this.asciiWords = false;
    this.wordCount = -1;
    this.scriptSeparator = false;
    this.detectorWords = 0;
    this.detectorLetters = 0;
    this.hitCount = 0;
    return this;
  }

  /**
   * The runs of ASCII letters of a word that mixes them with digits, each a word of the language
   * detector (language.ts): `3rd` is `rd`, `y2k` is `y` and `k`. Takes the detector words so far
   * and returns them with these added (their letters the scan counts itself).
   */
  public addLetterRuns(units: Uint16Array, start: number, end: number, detectorWords: number): number {
    let words = detectorWords;
    let runStart = -1;
    let runHash: number = Hash.FnvOffset;
    for (let i = start; i <= end; i += 1) {
      const letter = i < end && ((units[i]! | 0x20) - 0x61) >>> 0 < 26;
      if (letter) {
        if (runStart === -1) {
          runStart = i;
          runHash = Hash.FnvOffset;
        }
        runHash = Math.imul(runHash ^ (units[i]! | 0x20), Hash.FnvPrime);
      } else if (runStart !== -1) {
        words += 1;
        if (i - runStart <= MAX_ASCII_STOPWORD_LENGTH) this.addHitOf(units, runStart, i, runHash, words);
        runStart = -1;
      }
    }
    return words;
  }

  /**
   * Records a stopword hit when the ASCII word `units[start..end)`, of FNV-1a `hash` over its
   * lower-cased letters (the detector's hash), is one; `position` is its number among the
   * detector's words, counted from 1.
   */
  public addHitOf(units: Uint16Array, start: number, end: number, hash: number, position: number): void {
    const entry = findAsciiStopword(units, start, end, hash);
    if (entry === 0) return;
    if (this.hitCount === this.hitBuffer.length) {
      const grown = new Int32Array(this.hitBuffer.length * 2);
      grown.set(this.hitBuffer);
      this.hitBuffer = grown;
    }
    this.hitBuffer[this.hitCount] = (position << 8) | entry;
    this.hitCount += 1;
  }

  /** Copies the last scan's stopword hits into `target` from `at` (a loop: they are a few per paragraph, and a view for `set` costs more). */
  public copyHitsTo(target: Int32Array, at: number): void {
    const hits = this.hitBuffer;
    for (let h = 0; h < this.hitCount; h += 1) target[at + h] = hits[h]!;
  }

  public addWord(wordHash: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Int32Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length] = wordHash;
    this.length += 1;
  }

  /** The collected hashes, as a view of the scratch buffer (valid until the next scan). */
  public view(): Int32Array {
    return this.buffer.subarray(0, this.length);
  }

  public toArray(): Int32Array {
    return this.buffer.slice(0, this.length);
  }

  /** Copies the collected hashes into `target` (of exactly `length` entries). */
  public copyTo(target: Int32Array): void {
    target.set(this.buffer.subarray(0, this.length));
  }
}

const SCRATCH_COLLECTOR = new WordCollector();

/**
 * The 32-bit hash of each normalised word of a text, in order: two texts with equal arrays are
 * equal after NFKC, case folding and dropping punctuation (used to compare lines cheaply).
 *
 * @example
 * getWordHashes('“Hello,” world').join() === getWordHashes('hello world').join(); // true
 */
export function getWordHashes(text: string): Int32Array {
  return collectWords(text);
}

/** One scan of a paragraph, reused for its fingerprint, its exact-match key and the document fingerprint. */
export interface TextSignature {
  /** {@link simhash64} of the text. */
  readonly fingerprint: string;
  /**
   * 64-bit hash (16 hex digits) of the exact sequence of normalised words: two texts share it
   * when they are equal after NFKC, case folding and dropping punctuation and spacing (a
   * straight-quoted and a typographic copy of a paragraph).
   */
  readonly contentKey: string;
  /** 32-bit hash of each normalised word, in order (CJK: of each character). */
  readonly wordHashes: Int32Array;
  /** The fingerprint's high and low 32 bits as unsigned numbers (numeric band keys and distances). */
  readonly fingerprintHi: number;
  readonly fingerprintLo: number;
  /**
   * Per-bit counts of the text's own shingles (see {@link simhashOfSignatures}), when it has at
   * least one whole shingle; undefined for a text shorter than one shingle.
   */
  readonly shingleCounts: Int32Array | undefined;
  /** The shingle size the signature was computed with. */
  readonly shingleSize: number;
  /**
   * True when every word is made of ASCII letters and digits only, read without normalisation:
   * each word hash is then the FNV-1a of the word's ASCII letters lower-cased (the classifier
   * finds the first words of its English cue patterns among them).
   */
  readonly asciiWords: boolean;
  /**
   * classify.ts `getWordCount(text, wordCountCap)` (runs of non-space characters plus half a word
   * per Han or kana character, frozen past the cap), counted in the same scan (issue 16); -1 when
   * no cap was given or the text took the normalising path (count it from the text then).
   */
  readonly wordCount: number;
  /** The cap `wordCount` was counted under (undefined: not counted). */
  readonly wordCountCap: number | undefined;
  /**
   * Where the language detector's evidence of this text is in {@link getLanguageEvidenceForNow}
   * (what the detector would count of the text, counted in this scan; issue 16), or -1 when the
   * detector must read the text itself: a signature not from getTextSignaturesForNow, a word
   * that is not plain ASCII, a normalised scan, or a separator in one of the detector's scripts.
   */
  readonly evidenceIndex: number;
}

/**
 * The code units the scans read (see CodeUnitBuffer): the text being scanned (one text, or the
 * texts of one getTextSignatures call joined), and apart from it, a text normalised after the
 * fast path bailed out (the joined texts are still being read then).
 */
const SCAN_UNITS = new CodeUnitBuffer();
const NORMALIZED_UNITS = new CodeUnitBuffer();

/** Scans the words of `text` into the scratch collector (normalising first when the fast path bails out). */
function scanInto(text: string): WordCollector {
  return scanRangeInto(SCAN_UNITS.write(text), 0, text.length, text);
}

/** {@link scanInto} of `text`, whose code units are `units[start..end)`. */
function scanRangeInto(units: Uint16Array, start: number, end: number, text: string): WordCollector {
  if (scanWords(units, start, end, SCRATCH_COLLECTOR.reset(), true)) return SCRATCH_COLLECTOR;
  const normalized = text.normalize('NFKC').toLowerCase();
  const gathering = SCRATCH_COLLECTOR.gatheringEvidence;
  // The detector reads the text as it is, not normalised: this scan gives it no evidence (asciiWords false).
  SCRATCH_COLLECTOR.gatheringEvidence = false;
  scanWords(NORMALIZED_UNITS.write(normalized), 0, normalized.length, SCRATCH_COLLECTOR.reset(), false);
  SCRATCH_COLLECTOR.gatheringEvidence = gathering;
  // The count was of the normalised text: the caller counts the original.
  SCRATCH_COLLECTOR.asciiWords = false;
  SCRATCH_COLLECTOR.wordCount = -1;
  return SCRATCH_COLLECTOR;
}

function collectWords(text: string): Int32Array {
  return scanInto(text).toArray();
}

/**
 * Fingerprint, exact-match key and word hashes of a text from a single scan.
 *
 * @example
 * const a = getTextSignature('He said “yes” — twice.');
 * const b = getTextSignature('he said "yes" -- twice');
 * a.contentKey === b.contentKey; // true
 */
export function getTextSignature(text: string, options: Partial<SimhashOptions> = {}): TextSignature {
  SCRATCH_COLLECTOR.wordCountCap = undefined;
  const collector = scanInto(text);
  return signatureOf(collector.toArray(), getShingleSize(options), undefined, collector, -1);
}

/**
 * {@link getTextSignature} of every text, with their word hashes and shingle counts as views
 * into a few shared buffers instead of two typed arrays per text: small typed arrays each take
 * a backing store of their own, and allocating and collecting them showed in the profile
 * (issue 16). The signatures stay valid after the call (nothing is reused).
 *
 * @example
 * const [a, b] = getTextSignatures(['First paragraph.', 'Second one.']);
 */
export function getTextSignatures(texts: readonly string[], options: Partial<SignatureOptions> = {}): TextSignature[] {
  return signaturesOfTexts(texts, options, false);
}

/**
 * {@link getTextSignatures} into buffers that the next call reuses: the signatures (their
 * `wordHashes` and `shingleCounts`) are valid only until then. For the cleaner, which reads them
 * within one document (clean-text.ts): two typed arrays of a few KB per document, allocated off
 * the heap and zeroed, were a sixth of the cost of a small document (issue 16).
 */
export function getTextSignaturesForNow(texts: readonly string[], options: Partial<SignatureOptions> = {}): TextSignature[] {
  return signaturesOfTexts(texts, options, true);
}

/**
 * What the language detector reads of the texts of the last {@link getTextSignaturesForNow} call,
 * counted in their word scan (issue 16; language.ts detectParagraphsLanguage).
 */
export interface LanguageEvidence {
  /**
   * Four numbers per text, at `4 * evidenceIndex` (see TextSignature): its words as the detector
   * reads them (runs of letters), their letters, and the range [start, end) of its hits in `hits`.
   */
  readonly texts: Int32Array;
  /** Stopword hits, in order: (the word's 1-based position among its text's detector words << 8) | the stopword's number (stopwords.ts ASCII_STOPWORDS). */
  readonly hits: Int32Array;
}

/**
 * The reused buffers of {@link getTextSignaturesForNow}: word hashes, 65 shingle counts per text
 * (every count is written before it is read), and the language detector's evidence.
 */
const REUSED: { arena: Int32Array; counts: Int32Array; evidence: { texts: Int32Array; hits: Int32Array } } = {
  arena: new Int32Array(1 << 14),
  counts: new Int32Array(COUNTS_LENGTH * 64),
  evidence: { texts: new Int32Array(4 * 64), hits: new Int32Array(1 << 12) },
};

/** The language detector's evidence of the texts of the last {@link getTextSignaturesForNow} call (valid until the next). */
export function getLanguageEvidenceForNow(): LanguageEvidence {
  return REUSED.evidence;
}

function signaturesOfTexts(texts: readonly string[], options: Partial<SignatureOptions>, reuse: boolean): TextSignature[] {
  const shingleSize = getShingleSize(options);
  SCRATCH_COLLECTOR.wordCountCap = options.wordCountCap;
  const countsLength = COUNTS_LENGTH * texts.length;
  const arenaLength = Math.max(1024, texts.reduce((sum, text) => sum + (text.length >> 3), 0));
  let counts: Int32Array;
  let arena: Int32Array;
  if (reuse) {
    if (REUSED.counts.length < countsLength) REUSED.counts = new Int32Array(Math.max(countsLength, 2 * REUSED.counts.length));
    if (REUSED.arena.length < arenaLength) REUSED.arena = new Int32Array(Math.max(arenaLength, 2 * REUSED.arena.length));
    counts = REUSED.counts;
    arena = REUSED.arena;
  } else {
    counts = new Int32Array(countsLength);
    arena = new Int32Array(arenaLength);
  }
  let used = 0;
  // The detector's evidence is gathered for the reused signatures only: the cleaner reads it
  // before its next document (clean-text.ts); anyone else would find it overwritten.
  const evidence = REUSED.evidence;
  if (reuse && evidence.texts.length < 4 * texts.length) evidence.texts = new Int32Array(Math.max(4 * texts.length, 2 * evidence.texts.length));
  SCRATCH_COLLECTOR.gatheringEvidence = reuse;
  let hitsUsed = 0;
  const signatures: TextSignature[] = new Array<TextSignature>(texts.length);
  // Every text copied into one array of code units at once (a native join and copy per document
  // rather than a copy per paragraph), each read from its offset.
  const units = SCAN_UNITS.write(texts.length === 1 ? texts[0]! : texts.join('\n'));
  let offset = 0;
  for (let t = 0; t < texts.length; t += 1) {
    const text = texts[t]!;
    const collector = scanRangeInto(units, offset, offset + text.length, text);
    offset += text.length + 1;
    const length = collector.length;
    if (used + length > arena.length) {
      // Earlier signatures keep their views of the old buffer (a reused one grows for the next call).
      arena = new Int32Array(Math.max(2 * arena.length, length));
      if (reuse) REUSED.arena = arena;
      used = 0;
    }
    const wordHashes = arena.subarray(used, used + length);
    collector.copyTo(wordHashes);
    used += length;
    // Evidence of words of plain ASCII, read as they are, with no separator the detector counts in a script.
    let evidenceIndex = -1;
    if (reuse && collector.asciiWords && !collector.scriptSeparator) {
      evidenceIndex = t;
      if (hitsUsed + collector.hitCount > evidence.hits.length) {
        const grown = new Int32Array(Math.max(2 * evidence.hits.length, hitsUsed + collector.hitCount));
        grown.set(evidence.hits.subarray(0, hitsUsed));
        evidence.hits = grown;
      }
      collector.copyHitsTo(evidence.hits, hitsUsed);
      const at = 4 * t;
      evidence.texts[at] = collector.detectorWords;
      evidence.texts[at + 1] = collector.detectorLetters;
      evidence.texts[at + 2] = hitsUsed;
      hitsUsed += collector.hitCount;
      evidence.texts[at + 3] = hitsUsed;
    }
    signatures[t] = signatureOf(wordHashes, shingleSize, counts.subarray(COUNTS_LENGTH * t, COUNTS_LENGTH * (t + 1)), collector, evidenceIndex);
  }
  SCRATCH_COLLECTOR.wordCountCap = undefined;
  SCRATCH_COLLECTOR.gatheringEvidence = false;
  return signatures;
}

/** The signature of a text from its word hashes; `countsTarget` receives the shingle counts (else a new array). */
function signatureOf(wordHashes: Int32Array, shingleSize: number, countsTarget: Int32Array | undefined, scan: WordCollector, evidenceIndex: number): TextSignature {
  let lo = Hash.SeedLo ^ wordHashes.length;
  let hi = Hash.SeedHi;
  for (let i = 0; i < wordHashes.length; i += 1) {
    const word = wordHashes[i]!;
    lo = Math.imul(((lo << 7) | (lo >>> 25)) ^ word, Hash.MixLo);
    hi = Math.imul(((hi << 13) | (hi >>> 19)) + word, Hash.MixHi) ^ (hi >>> 16);
  }
  const contentKey = toHex64(fmix32(hi ^ lo), fmix32(lo));
  // Counted straight into the signature's 65 counts when it has room for them (no copy).
  const accumulator = getScratchAccumulator(shingleSize, countsTarget);
  accumulator.addWords(wordHashes);
  // Taken before digest(), which adds the one all-words feature of a text shorter than a shingle.
  const shingleCounts = wordHashes.length >= shingleSize ? accumulator.takeCounts(countsTarget) : undefined;
  const fingerprint = accumulator.digest();
  return {
    fingerprint, contentKey, wordHashes, fingerprintHi: accumulator.lastHi, fingerprintLo: accumulator.lastLo, shingleCounts, shingleSize,
    asciiWords: scan.asciiWords, wordCount: scan.wordCount, wordCountCap: scan.wordCountCap, evidenceIndex,
  };
}

/**
 * The simhash of several texts read one after the other, from their signatures: equal to
 * `simhash64(texts.join('\n\n'))` and to {@link simhashOfWords} of their word hashes, without
 * hashing every shingle again. Each text's own shingles are already counted in its signature
 * (`shingleCounts`); only the shingles that cross from one text into the next are hashed here
 * (`shingleSize - 1` per boundary), so the document fingerprint costs a few additions per
 * paragraph instead of a second pass over every word (issue 16).
 *
 * @example
 * const signatures = ['First paragraph here.', 'Second one follows.'].map((text) => getTextSignature(text));
 * simhashOfSignatures(signatures) === simhash64('First paragraph here.\n\nSecond one follows.'); // true
 */
export function simhashOfSignatures(signatures: readonly TextSignature[], options: Partial<SimhashOptions> = {}): string {
  const shingleSize = getShingleSize(options);
  if (signatures.some((signature) => signature.shingleSize !== shingleSize)) {
    return simhashOfWords(signatures.map((signature) => signature.wordHashes), { shingleSize });
  }
  const accumulator = getScratchAccumulator(shingleSize);
  // The last shingleSize - 1 words of the stream so far, oldest first, then the boundary words.
  const window = new Int32Array(2 * shingleSize);
  let windowLength = 0;
  let totalWords = 0;
  for (const signature of signatures) {
    const words = signature.wordHashes;
    if (words.length === 0) continue;
    // Shingles that start in earlier texts and end in one of this text's first shingleSize - 1 words.
    const head = Math.min(shingleSize - 1, words.length);
    for (let j = 0; j < head; j += 1) {
      window[windowLength] = words[j]!;
      windowLength += 1;
      if (totalWords + j >= shingleSize - 1) accumulator.addShingleOf(window, windowLength - shingleSize, shingleSize);
    }
    if (signature.shingleCounts !== undefined) accumulator.addCounts(signature.shingleCounts);
    totalWords += words.length;
    // Keep the stream's last shingleSize - 1 words (from this text, or earlier ones when it is short).
    if (words.length >= shingleSize - 1) {
      windowLength = shingleSize - 1;
      window.set(words.subarray(words.length - windowLength), 0);
    } else if (windowLength > shingleSize - 1) {
      window.copyWithin(0, windowLength - (shingleSize - 1), windowLength);
      windowLength = shingleSize - 1;
    }
  }
  // A stream shorter than one shingle: the single feature of all its words, as simhash64 gives it.
  if (totalWords > 0 && totalWords < shingleSize) accumulator.addShingleOf(window, 0, totalWords);
  return accumulator.digest();
}

/**
 * The simhash of several texts read one after the other, from their word hashes: equal to
 * `simhash64(texts.join('\n\n'))`, without scanning the texts again.
 *
 * @example
 * const parts = ['First paragraph.', 'Second one.'].map((text) => getTextSignature(text).wordHashes);
 * simhashOfWords(parts) === simhash64('First paragraph.\n\nSecond one.'); // true
 */
/** One reusable accumulator per shingle size: JavaScript runs one digest at a time, start to end. */
const SCRATCH_ACCUMULATORS = new Map<number, SimhashAccumulator>();

function getScratchAccumulator(shingleSize: number, counts?: Int32Array): SimhashAccumulator {
  let accumulator = SCRATCH_ACCUMULATORS.get(shingleSize);
  if (accumulator === undefined) {
    accumulator = new SimhashAccumulator(shingleSize);
    SCRATCH_ACCUMULATORS.set(shingleSize, accumulator);
  }
  return accumulator.reset(counts);
}

export function simhashOfWords(wordHashLists: ReadonlyArray<ArrayLike<number>>, options: Partial<SimhashOptions> = {}): string {
  const accumulator = getScratchAccumulator(getShingleSize(options));
  for (const list of wordHashLists) {
    for (let i = 0; i < list.length; i += 1) accumulator.addWord(list[i]!);
  }
  return accumulator.digest();
}

function getShingleSize(options: Partial<SimhashOptions>): number {
  const shingleSize = options.shingleSize ?? SIMHASH_SHINGLE_SIZE;
  if (!Number.isInteger(shingleSize) || shingleSize < 1) {
    throw new RangeError(`shingleSize must be a positive integer, got ${shingleSize}`);
  }
  return shingleSize;
}

/**
 * The signed vote behind each bit of {@link simhash64} (most significant bit first): features
 * with the bit set minus features without it. A bit with a large |margin| cannot be flipped by a
 * small edit: replacing one word changes at most `2 * shingleSize` votes, so only bits with
 * |margin| <= 2 * shingleSize can flip. Used by tests and by anyone judging how stable a
 * fingerprint is.
 *
 * @example
 * const margins = simhashMargins('The quick brown fox jumps over the lazy dog');
 * margins.length; // 64
 */
export function simhashMargins(text: string, options: Partial<SimhashOptions> = {}): Int32Array {
  const accumulator = getScratchAccumulator(getShingleSize(options));
  const words = collectWords(text);
  for (let i = 0; i < words.length; i += 1) accumulator.addWord(words[i]!);
  return accumulator.margins();
}

const FINGERPRINT_PATTERN = /^[0-9a-f]{16}$/i;

function assertFingerprint(fingerprint: string): void {
  if (!FINGERPRINT_PATTERN.test(fingerprint)) throw new InvalidFingerprintError(fingerprint);
}

/**
 * Differing bits of two fingerprints given as 32-bit halves (see {@link TextSignature}).
 *
 * @example
 * hammingDistanceHalves(0, 0, 0, 0xf); // 4
 */
export function hammingDistanceHalves(hiA: number, loA: number, hiB: number, loB: number): number {
  return popcount32(hiA ^ hiB) + popcount32(loA ^ loB);
}

function popcount32(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Number of differing bits between two 64-bit fingerprints (0..64).
 * Throws {@link InvalidFingerprintError} unless both are 16 hex digits.
 *
 * @example
 * hammingDistance('0000000000000000', '000000000000000f'); // 4
 */
export function hammingDistance(a: string, b: string): number {
  assertFingerprint(a);
  assertFingerprint(b);
  const hi = Number.parseInt(a.slice(0, 8), 16) ^ Number.parseInt(b.slice(0, 8), 16);
  const lo = Number.parseInt(a.slice(8), 16) ^ Number.parseInt(b.slice(8), 16);
  return popcount32(hi) + popcount32(lo);
}

/**
 * Splits a fingerprint into `bandCount` equal bands, most significant first, each as
 * `"<bandIndex>:<hex>"` (the hex zero-padded to the band's width, rounded up to whole digits).
 * Two fingerprints at distance < `bandCount` share at least one band (pigeonhole), which is
 * what the index looks up. Throws {@link InvalidBandCountError} unless `bandCount` divides 64,
 * and {@link InvalidFingerprintError} for a malformed fingerprint.
 *
 * @example
 * fingerprintBands('ab1234cdef567890'); // ['0:ab12', '1:34cd', '2:ef56', '3:7890']
 * fingerprintBands('ab1234cdef567890', 2); // ['0:ab1234cd', '1:ef567890']
 */
export function fingerprintBands(fingerprint: string, bandCount: number = DEFAULT_BAND_COUNT): string[] {
  if (!Number.isInteger(bandCount) || bandCount < 1 || SIMHASH_BITS % bandCount !== 0) {
    throw new InvalidBandCountError(bandCount);
  }
  assertFingerprint(fingerprint);
  const bandBits = SIMHASH_BITS / bandCount;
  if (bandBits % 4 === 0) {
    // Whole hex digits per band (the default 16 bits among them): slice the string.
    const digitsPerBand = bandBits / 4;
    const hex = fingerprint.toLowerCase();
    return Array.from({ length: bandCount }, (_, band) => `${band}:${hex.slice(band * digitsPerBand, (band + 1) * digitsPerBand)}`);
  }
  const value = BigInt(`0x${fingerprint}`);
  const mask = (1n << BigInt(bandBits)) - 1n;
  const digits = Math.ceil(bandBits / 4);
  const bands: string[] = [];
  for (let band = 0; band < bandCount; band += 1) {
    const shift = BigInt(SIMHASH_BITS - (band + 1) * bandBits);
    bands.push(`${band}:${((value >> shift) & mask).toString(16).padStart(digits, '0')}`);
  }
  return bands;
}
