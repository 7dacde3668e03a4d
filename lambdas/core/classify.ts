// Paragraph classifier: keeps the article body, removes web chrome with a stable reason for each removal.
import { CHROME_PATTERNS as P, DONATION_CUE_SECOND_WORDS, ENGLISH_CUE_FIRST_WORDS } from './chrome-patterns.js';
import type { ChromeVocabulary, CleanOptions } from './settings.js';
import { CHROME_VOCABULARIES, resolveCleanOptions } from './settings.js';
import type { TextSignature } from './simhash.js';
import { getTextSignature, getTextSignatures, getWordHashes, isHalfWordCode as isHalfWordCodeImported, isSpaceCode as isSpaceCodeImported } from './simhash.js';
import type { RemovedParagraph, ScrapeFormat } from './types.js';

/**
 * Why a paragraph was removed. Stable strings: users filter on them, tests assert them and
 * stored records keep them, so a rename is a breaking change.
 */
export const REMOVAL_REASONS = {
  /** No letter or digit: a separator line. */
  noWords: 'no-words',
  /** Repeats the title (the title is shown on its own). */
  title: 'title',
  breadcrumb: 'breadcrumb',
  /** Short lines outside the article body: section labels, menu entries, site names. */
  navigation: 'navigation',
  advertisement: 'advertisement',
  searchPrompt: 'search-prompt',
  sharePrompt: 'share-prompt',
  newsletter: 'newsletter',
  cookiePrompt: 'cookie-prompt',
  loginPrompt: 'login-prompt',
  donationAppeal: 'donation-appeal',
  commentWidget: 'comment-widget',
  /** Text after a comment-section header: the readers' comments themselves. */
  readerComment: 'reader-comment',
  relatedLinks: 'related-links',
  teaser: 'teaser',
  authorBox: 'author-box',
  caption: 'caption',
  photoCredit: 'photo-credit',
  copyright: 'copyright',
  /** Invitations to comment or send feedback, "download as PDF": addressed to the reader, not the story. */
  readerPrompt: 'reader-prompt',
  /** Legal disclaimers ("Alle Angaben ohne Gewähr"). */
  disclaimer: 'disclaimer',
  /** "Tags: A, B, C": the page's topic labels. */
  tagList: 'tag-list',
  /** A server error or notice printed into the page (PHP "Warning: ... on line 407"). */
  serverError: 'server-error',
  dateline: 'dateline',
  byline: 'byline',
  /** Set by dedupe-paragraphs.ts: the same paragraph (after normalisation) was already kept. */
  duplicateParagraph: 'duplicate-paragraph',
  /** Set by dedupe-paragraphs.ts: a kept paragraph is within a few simhash bits (a small edit). */
  nearDuplicateParagraph: 'near-duplicate-paragraph',
  /** Set by dedupe-paragraphs.ts: a paragraph cut off with "..." that starts a kept paragraph. */
  truncatedDuplicate: 'truncated-duplicate',
} as const;

export type RemovalReasonName = (typeof REMOVAL_REASONS)[keyof typeof REMOVAL_REASONS];

const R = REMOVAL_REASONS;

/** What the classifier knows about the document beyond its paragraphs. */
export interface ClassifyContext {
  /** The title when the format provides one (HTML `<title>`); plain text leaves it out and the classifier picks it. */
  readonly title?: string;
  readonly format: ScrapeFormat;
  /**
   * For HTML: the tag of the element holding each paragraph (same order). Short lines in list
   * items, table cells and definition lists of the chosen container are content (specs,
   * ingredients), not navigation (issue 12 pattern 9). Sub-headings were tried too: tuning half
   * unchanged, held-back half 0.003 worse (section labels of boxes around the article).
   */
  readonly blockTags?: readonly string[];
}

/** The classifier's answer: kept paragraphs in order, removed ones with reasons, and the title used. */
export interface ClassifiedParagraphs {
  readonly kept: string[];
  /** Index (into the input) of each kept paragraph, same order. */
  readonly keptIndexes: number[];
  readonly removed: RemovedParagraph[];
  /** The context's title, or for plain text the heading line picked from the paragraphs ('' when none). */
  readonly title: string;
}

/** Per-paragraph facts computed once and shared by the rules. */
interface ParagraphFacts {
  readonly text: string;
  readonly words: number;
  /** The English cue patterns that may match (see {@link getEnglishCues}). */
  readonly cues: number;
  /** Normalised word hashes (the paragraph's signature). */
  readonly wordHashes: Int32Array;
  /** The signature's `asciiWords`: the word hashes stand for the line's tokens. */
  readonly asciiWords: boolean;
  readonly endsSentence: boolean;
  readonly prose: boolean;
  /**
   * {@link getTailMarker}'s answer once asked (null: no marker), undefined before: the rule chain
   * asks it of every short paragraph and the tail cut asks again (issue 16).
   */
  tailMarker: TailMarker | null | undefined;
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

// Local copies of the per-character tests shared with the word scan: under tsx's module
// transform an imported binding is a getter, and a getter call per character made getWordCount
// five times slower (measured; issue 16).
const isSpaceCode = isSpaceCodeImported;
const isHalfWordCode = isHalfWordCodeImported;

/**
 * Words in a paragraph: runs of non-space characters, plus half a word per Han or kana
 * character (those scripts have no spaces, and two characters per word is a fair average).
 */
export function getWordCount(text: string, cap: number = Number.POSITIVE_INFINITY): number {
  // A char-code loop: `match(/\S+/g)` allocates an array per paragraph and dominated the profile.
  let words = 0;
  let spaceless = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (isSpaceCode(code)) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      words += 1;
      // Callers only compare against thresholds: past the cap the exact count does not matter.
      if (words > cap) return words + Math.floor(spaceless / 2);
    }
    inWord = true;
    if (isHalfWordCode(code)) spaceless += 1;
  }
  return words + Math.floor(spaceless / 2);
}


function countMatches(text: string, pattern: RegExp): number {
  if (!pattern.global) return pattern.test(text) ? 1 : 0;
  pattern.lastIndex = 0;
  let count = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    count += 1;
    // An empty match does not move lastIndex; step over it as match() does.
    if (match[0] === '') pattern.lastIndex += 1;
  }
  return count;
}

/** Share of words starting with a capital letter or digit (credits and names are title case). */
function getCapitalizedShare(text: string): number {
  const words = text.split(/[\s,/|—–]+/u).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return 0;
  return words.filter((word) => P.capitalized.test(word)).length / words.length;
}

/** Code units that end a sentence (. ! ? … 。 ！ ？), and closing quotes or brackets that may follow them. */
const SENTENCE_END_CODES: ReadonlySet<number> = new Set([0x2e, 0x21, 0x3f, 0x2026, 0x3002, 0xff01, 0xff1f]);
const CLOSING_CODES: ReadonlySet<number> = new Set([0x22, 0x27, 0x201d, 0x2019, 0xbb, 0x29, 0x5d]);

/**
 * Ends like a sentence: . ! ? … (or CJK stops), optionally followed by closing quotes or
 * brackets. A backwards char loop: the equivalent regex (`P.sentenceEnd`) tries every position.
 */
export function endsLikeSentence(text: string): boolean {
  let end = text.length - 1;
  while (end >= 0 && CLOSING_CODES.has(text.charCodeAt(end))) end -= 1;
  return end >= 0 && SENTENCE_END_CODES.has(text.charCodeAt(end));
}

// ---------------------------------------------------------------------------------------------
// English cue gate: skip the unanchored English cue patterns where none of their words occurs
// ---------------------------------------------------------------------------------------------

/** Bits of a cue mask: one per English cue pattern gated by its first words. */
export const ENGLISH_CUES = { donation: 1, cookie: 2, newsletter: 4, login: 8, comment: 16, credit: 32, copyright: 64, date: 128 } as const;

/** Every bit: a paragraph whose words are not all plain ASCII is not gated. */
const ALL_ENGLISH_CUES = Object.values(ENGLISH_CUES).reduce((mask, bit) => mask | bit, 0);

/**
 * A gate's look-up of a line's words or tokens by hash: a first word -> the kinds (bits) it opens
 * alone; a first word -> the word that must follow it -> the kinds the pair opens; a 4096-bit
 * filter on the first words' low bits in front, so most words skip both maps. A collision only
 * runs a pattern. The English cue gate and the phrase gate both read one (issue 16).
 */
interface WordGate {
  readonly filter: Uint8Array;
  readonly byFirst: Map<number, number>;
  readonly bySecond: Map<number, Map<number, number>>;
}

function newWordGate(): WordGate {
  return { filter: new Uint8Array(4096 / 8), byFirst: new Map(), bySecond: new Map() };
}

/** Lets `bits` through at the word `first`, or only where `second` follows it. */
function openWordGate(gate: WordGate, first: number, bits: number, second?: number): void {
  gate.filter[(first & 0xfff) >>> 3]! |= 1 << (first & 7);
  if (second === undefined) {
    gate.byFirst.set(first, (gate.byFirst.get(first) ?? 0) | bits);
    return;
  }
  const seconds = gate.bySecond.get(first) ?? new Map<number, number>();
  seconds.set(second, (seconds.get(second) ?? 0) | bits);
  gate.bySecond.set(first, seconds);
}

/** `initial` and the kinds `gate` lets through for the words of `wordHashes`, in order. */
function getKindsOfWords(gate: WordGate, wordHashes: Int32Array, initial: number): number {
  let kinds = initial;
  for (let i = 0; i < wordHashes.length; i += 1) {
    const hash = wordHashes[i]!;
    if ((gate.filter[(hash & 0xfff) >>> 3]! & (1 << (hash & 7))) === 0) continue;
    kinds |= gate.byFirst.get(hash) ?? 0;
    const seconds = gate.bySecond.get(hash);
    if (seconds !== undefined && i + 1 < wordHashes.length) kinds |= seconds.get(wordHashes[i + 1]!) ?? 0;
  }
  return kinds;
}

/** The hash of a one-word cue word, as simhash.ts's word scan makes it. */
function hashCueWord(word: string): number {
  const hashes = getWordHashes(word);
  if (hashes.length !== 1) throw new Error(`an English cue word must be one word: ${word}`);
  return hashes[0]!;
}

/**
 * The first words of the cue patterns by their word hash (the FNV-1a of simhash.ts's word scan,
 * which for an ASCII word is that of its lower-cased letters); a donation cue's first word in
 * DONATION_CUE_SECOND_WORDS opens it only before one of its second words ("your support").
 */
const CUE_GATE: WordGate = (() => {
  const gate = newWordGate();
  for (const [cue, words] of Object.entries(ENGLISH_CUE_FIRST_WORDS)) {
    const bit = ENGLISH_CUES[cue as keyof typeof ENGLISH_CUES];
    for (const word of words) {
      const seconds = cue === 'donation' ? DONATION_CUE_SECOND_WORDS[word] : undefined;
      if (seconds === undefined) openWordGate(gate, hashCueWord(word), bit);
      else for (const second of seconds) openWordGate(gate, hashCueWord(word), bit, hashCueWord(second));
    }
  }
  return gate;
})();

/**
 * The English cue patterns that may match a paragraph, from its signature: a mask of
 * {@link ENGLISH_CUES}; a clear bit means the pattern cannot match. A match of those patterns
 * (no `u` flag) starts with `\b` and a whole word of `ENGLISH_CUE_FIRST_WORDS`, a run of
 * `[A-Za-z0-9_]`. When every word of the scan is ASCII letters and digits, that run is one of the
 * scan's words (an underscore only splits a run further, and then `\b` cannot hold inside it), so
 * its hash is among the word hashes; any other paragraph gets every bit. The word scan happens
 * anyway for the paragraph fingerprints: the gate costs a look-up per word instead of a regex
 * pass per pattern (the donation cue alone ran on every paragraph, 4% of the pipeline; issue 16).
 */
function getCuesOfSignature(signature: TextSignature): number {
  return signature.asciiWords ? getKindsOfWords(CUE_GATE, signature.wordHashes, 0) : ALL_ENGLISH_CUES;
}

/**
 * {@link getCuesOfSignature} of a text.
 *
 * @example
 * (getEnglishCues('We use cookies.') & ENGLISH_CUES.cookie) !== 0; // true
 */
export function getEnglishCues(text: string): number {
  return getCuesOfSignature(getTextSignature(text));
}

// ---------------------------------------------------------------------------------------------
// Phrase gate: skip the multilingual phrase patterns where none of their phrases can start
// ---------------------------------------------------------------------------------------------

/**
 * The phrase patterns of every language (`cookieAny`, `newsletterAny`, `loginAny`,
 * `commentWordAny`, `dateAnchorAny`) are `(?<![\p{L}\p{N}])(?:phrase|...)(?![\p{L}\p{N}])`
 * with the `iu` flags: V8 tries the whole alternation at every position, and on short lines
 * they took most of the classifier's time (issue 16). A match starts a token (a run of
 * `[\p{L}\p{N}]`) equal, case-folded, to the first token of one of the phrases, so a line
 * none of whose tokens is such a first token cannot match and the pattern is not run. The
 * tokens are compared as hashes of case-folded code units: a collision only runs the
 * pattern. The header and label patterns (`relatedHeaderAny`, `commentHeaderAny`,
 * `authorBoxHeaderAny`, `shareLabelAny`, `advertisementAny`, `creditLabelAny`) hold their phrase
 * after the start, a count, a bracket or spaces, and a letter or digit never follows its first
 * token: the same gate applies. `tests/unit/core/classify-gate.test.ts` checks the folding
 * against the `iu` flag and the gate against the patterns on real lines.
 */
type GatedKind = Extract<
  keyof ChromeVocabulary,
  | 'cookieCues' | 'newsletterCues' | 'loginCues' | 'commentWords' | 'dateWords'
  | 'relatedHeaders' | 'commentHeaders' | 'authorBoxHeaders' | 'shareLabels' | 'advertisementLabels' | 'creditLabels'
  | 'readerPrompts' | 'disclaimers' | 'tagLabels' | 'supportAppeals'
>;

/** 0 = not yet known; otherwise the code unit `/iu` patterns treat a code unit as (lower of upper). */
const FOLDED = new Uint16Array(0x10000);
/** 0 = not yet known, 1 = `[\p{L}\p{N}]`, 2 = anything else (BMP code units; surrogates decided in pairs). */
const TOKEN_CLASS = new Uint8Array(0x10000);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

/** Case folding of one code unit, as far as `iu` patterns need it: ſ and s, ς and σ, K (Kelvin) and k fold alike. */
export function foldCodeUnit(code: number): number {
  const known = FOLDED[code]!;
  if (known !== 0 || code === 0) return known;
  const char = String.fromCharCode(code);
  const upper = char.toUpperCase();
  const viaUpper = upper.length === 1 ? upper.toLowerCase() : '';
  const lower = char.toLowerCase();
  const folded = viaUpper.length === 1 ? viaUpper.charCodeAt(0) : lower.length === 1 ? lower.charCodeAt(0) : code;
  FOLDED[code] = folded;
  return folded;
}

function isTokenCode(code: number): boolean {
  let kind = TOKEN_CLASS[code]!;
  if (kind === 0) {
    kind = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    TOKEN_CLASS[code] = kind;
  }
  return kind === 1;
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** Hash of the case-folded code units `text[start..end)`. */
function hashFolded(text: string, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let i = start; i < end; i += 1) {
    const code = text.charCodeAt(i);
    // ASCII folds to its lower case (the table agrees); skipping the call shows in the profile.
    const folded = code < 0x80 ? (code >= 0x41 && code <= 0x5a ? code | 0x20 : code) : foldCodeUnit(code);
    hash = Math.imul(hash ^ folded, FNV_PRIME);
  }
  return hash;
}

interface PhraseGate {
  /** Hashes of the phrases' first tokens; undefined when a phrase starts with something else (never gated). */
  readonly firstTokens: ReadonlySet<number> | undefined;
}

/** The longest first token of any gated phrase: longer tokens of a line are not hashed. */
let longestFirstToken = 0;

const PHRASE_GATES: Readonly<Record<GatedKind, PhraseGate>> = (() => {
  const build = (kind: GatedKind): PhraseGate => {
    const firstTokens = new Set<number>();
    for (const vocabulary of Object.values(CHROME_VOCABULARIES)) {
      for (const phrase of vocabulary[kind]) {
        const lower = phrase.toLowerCase();
        let end = 0;
        // First tokens of the phrases are BMP letters and digits; anything else disables the gate.
        while (end < lower.length && isTokenCode(lower.charCodeAt(end))) end += 1;
        if (end === 0) return { firstTokens: undefined };
        firstTokens.add(hashFolded(lower, 0, end));
        longestFirstToken = Math.max(longestFirstToken, end);
      }
    }
    return { firstTokens };
  };
  return {
    cookieCues: build('cookieCues'), newsletterCues: build('newsletterCues'), loginCues: build('loginCues'), commentWords: build('commentWords'), dateWords: build('dateWords'),
    relatedHeaders: build('relatedHeaders'), commentHeaders: build('commentHeaders'), authorBoxHeaders: build('authorBoxHeaders'), shareLabels: build('shareLabels'),
    advertisementLabels: build('advertisementLabels'), creditLabels: build('creditLabels'),
    readerPrompts: build('readerPrompts'), disclaimers: build('disclaimers'), tagLabels: build('tagLabels'), supportAppeals: build('supportAppeals'),
  };
})();

/** The gated kinds in bit order: bit `i` of a kind mask stands for `GATED_KINDS[i]`. */
const GATED_KINDS: readonly GatedKind[] = [
  'cookieCues', 'newsletterCues', 'loginCues', 'commentWords', 'dateWords',
  'relatedHeaders', 'commentHeaders', 'authorBoxHeaders', 'shareLabels', 'advertisementLabels', 'creditLabels',
  'readerPrompts', 'disclaimers', 'tagLabels', 'supportAppeals',
];

/**
 * The kinds whose patterns are `(?<![\p{L}\p{N}])(?:phrase|...)(?![\p{L}\p{N}])`: a match there
 * holds each of the phrase's tokens whole, separated by what the phrase has between them (spaces,
 * an apostrophe, a hyphen: never a letter or digit), so the line's token after the first one is
 * the phrase's second token. Common first tokens ("in", "de", "let", "we") let most lines through
 * to these patterns, whose look-behind is tested at every position; the pair of tokens lets few
 * (issue 16). The anchored header and label patterns fail at once and keep the first-token gate.
 */
const PAIR_GATED_KINDS: ReadonlySet<GatedKind> = new Set<GatedKind>([
  'cookieCues', 'newsletterCues', 'loginCues', 'commentWords', 'dateWords', 'readerPrompts', 'disclaimers', 'supportAppeals',
]);

/** The tokens of a lower-cased phrase (runs of letters and digits), as `[start, end)` pairs. */
function phraseTokens(lower: string): Array<[number, number]> {
  const tokens: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i <= lower.length; i += 1) {
    const inToken = i < lower.length && isTokenCode(lower.charCodeAt(i));
    if (inToken && start === -1) start = i;
    if (!inToken && start !== -1) {
      tokens.push([start, i]);
      start = -1;
    }
  }
  return tokens;
}

/**
 * The first tokens of all gates in one table: a first token -> the kinds whose phrases start
 * with it (for a pair-gated kind, only where a phrase is that one token); a first token -> a
 * second token -> the pair-gated kinds one of whose phrases starts with those two. A line is
 * scanned once for all kinds (issue 16). Kinds without a gate are always set.
 */
const { ungatedKinds: UNGATED_KINDS, gate: PHRASE_GATE } = (() => {
  let ungatedKinds = 0;
  const gate = newWordGate();
  GATED_KINDS.forEach((kind, index) => {
    const firstTokens = PHRASE_GATES[kind].firstTokens;
    if (firstTokens === undefined) {
      ungatedKinds |= 1 << index;
      return;
    }
    if (!PAIR_GATED_KINDS.has(kind)) {
      for (const hash of firstTokens) openWordGate(gate, hash, 1 << index);
      return;
    }
    for (const vocabulary of Object.values(CHROME_VOCABULARIES)) {
      for (const phrase of vocabulary[kind]) {
        const lower = phrase.toLowerCase();
        const tokens = phraseTokens(lower);
        const first = hashFolded(lower, tokens[0]![0], tokens[0]![1]);
        openWordGate(gate, first, 1 << index, tokens.length > 1 ? hashFolded(lower, tokens[1]![0], tokens[1]![1]) : undefined);
      }
    }
  });
  return { ungatedKinds, gate };
})();

/** Kind mask of the last line asked about: the rules ask about the same line several times in a row. */
let gateText: string | undefined;
let gateKinds = 0;

/** The mask of the gated kinds one of whose phrases may start in `text` (see GATED_KINDS). */
function getPossibleKinds(text: string): number {
  if (text === gateText) return gateKinds;
  let kinds = UNGATED_KINDS;
  // The pairs a first token opens, decided by the next token.
  let seconds: ReadonlyMap<number, number> | undefined;
  let start = -1;
  const length = text.length;
  for (let i = 0; i <= length; i += 1) {
    const code = i < length ? text.charCodeAt(i) : 0x20;
    let inToken: boolean;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < length) {
      // A supplementary letter or digit continues a token (it never folds into a phrase's BMP letters).
      inToken = LETTER_OR_DIGIT.test(text.slice(i, i + 2));
      if (inToken) {
        if (start === -1) start = i;
        i += 1;
        continue;
      }
    } else if (code < 0x80) {
      inToken = (code >= 0x30 && code <= 0x39) || ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a);
    } else {
      inToken = isTokenCode(code);
    }
    if (inToken) {
      if (start === -1) start = i;
    } else if (start !== -1) {
      if (seconds !== undefined || i - start <= longestFirstToken) {
        const hash = hashFolded(text, start, i);
        if (seconds !== undefined) kinds |= seconds.get(hash) ?? 0;
        seconds = undefined;
        if ((PHRASE_GATE.filter[(hash & 0xfff) >>> 3]! & (1 << (hash & 7))) !== 0) {
          kinds |= PHRASE_GATE.byFirst.get(hash) ?? 0;
          seconds = PHRASE_GATE.bySecond.get(hash);
        }
      }
      start = -1;
    }
  }
  gateText = text;
  gateKinds = kinds;
  return kinds;
}

/**
 * Fills the one-line cache of {@link getPossibleKinds} for `text` from its word hashes, when
 * `asciiWords` (see TextSignature): without a letter, digit or mark beyond ASCII, the gate's
 * tokens are exactly the scan's words and its folded hash their word hash, so the line need
 * not be read again (issue 16).
 */
function primePhraseGate(text: string, wordHashes: Int32Array, asciiWords: boolean): void {
  if (!asciiWords || text === gateText) return;
  gateKinds = getPhraseKindsOfWords(wordHashes);
  gateText = text;
}

/** The gated kinds (bit `i` for `GATED_KINDS[i]`) whose phrases may start with one of these word hashes. Exported for tests. */
export function getPhraseKindsOfWords(wordHashes: Int32Array): number {
  return getKindsOfWords(PHRASE_GATE, wordHashes, UNGATED_KINDS);
}

/** False when no phrase of `kind` can occur in `text` (its pattern need not run); true when one may. */
export function mayContainPhrase(text: string, kind: GatedKind): boolean {
  return mayContain(text, GATED_KIND_BITS[kind]);
}

/**
 * {@link mayContainPhrase} with the kind's bit: the rules name it at their own call site
 * (`GATED_KIND_BITS.cookieCues`), where `GATED_KIND_BITS[kind]` read fifteen keys at one site,
 * a megamorphic look-up on every question (issue 16).
 */
function mayContain(text: string, kindBit: number): boolean {
  return (getPossibleKinds(text) & kindBit) !== 0;
}

/** The bit of each kind in a kind mask (no `indexOf` per question). */
const GATED_KIND_BITS = Object.fromEntries(GATED_KINDS.map((kind, index) => [kind, 1 << index])) as Readonly<Record<GatedKind, number>>;

// ---------------------------------------------------------------------------------------------
// Predicates on one paragraph (no context)
// ---------------------------------------------------------------------------------------------

/** "Photo: Jane Doe/AFP", "Bulent Kilic, AFP/File", "Fabrice Coffrini—AFP" (seeds 002, 003). */
export function isPhotoCredit(text: string, options: CleanOptions, words: number = getWordCount(text)): boolean {
  if (words > options.creditMaxWords) return false;
  if (P.creditPrefix.test(text) || (mayContain(text, GATED_KIND_BITS.creditLabels) && P.creditLabelAny.test(text))) return true;
  // A name and an agency joined by a separator, in title case, not a sentence.
  const body = text.replace(/^[,;\s]+/u, '');
  return (
    !endsLikeSentence(body) &&
    P.agencyWord.test(body) &&
    P.creditSeparator.test(text) &&
    getCapitalizedShare(body) >= 0.6
  );
}

/** Cheap gate for `P.trailingCredit`: its credit words all contain one of these. */
function hasCreditWord(text: string): boolean {
  return CREDIT_WORD_GATE.test(text);
}

/** Literal alternatives, no flags: V8 scans these faster than the credit pattern or five `includes`. */
const CREDIT_WORD_GATE = /oto|OTO|icture|mage|Pic/;

/** A caption with its credit at the end, or one that places people "(R)"/"(left)" (seeds 002, 004). */
export function isCaption(text: string, options: CleanOptions, words: number = getWordCount(text), cues: number = getEnglishCues(text)): boolean {
  if (words > options.captionMaxWords) return false;
  // Gates first (the credit word among the word hashes, indexOf): the regexes scan every position and most paragraphs have neither cue.
  return (
    P.captionPrefix.test(text) ||
    ((cues & ENGLISH_CUES.credit) !== 0 && hasCreditWord(text) && P.trailingCredit.test(text)) ||
    (text.includes('(') && P.captionPosition.test(text))
  );
}

/**
 * A line made only of date and time vocabulary, with at least one real date anchor:
 * "Monday 13 January 2014 22:17 GMT", "13th, January 2014", "Updated 2016-09-10 08:17".
 */
export function isDateline(text: string, options: CleanOptions, words: number = getWordCount(text), cues: number = getEnglishCues(text)): boolean {
  // Every date line the rule accepts has a digit: a cheap test before the date regexes.
  if (words > options.datelineMaxWords) return false;
  // A date label alone ("Release Date:", "Veröffentlicht:"), its date on the next line or missing.
  if (!P.digit.test(text)) return text.endsWith(':') && mayContain(text, GATED_KIND_BITS.dateWords) && text.replace(P.dateWordAny, '').replace(/[\s:]+/gu, '').length === 0;
  if (mayHoldDateAnchor(text, cues) && P.dateAnchor.test(text)) return text.replace(P.dateToken, '').trim().length === 0;
  // Other languages: their date words go first, so the English pass below sees separate tokens.
  if (!mayContain(text, GATED_KIND_BITS.dateWords) || !P.dateAnchorAny.test(text)) return false;
  return text.replace(P.dateWordAny, ' ').replace(P.dateToken, '').trim().length === 0;
}

/** Every numeric date `dateAnchor` accepts ("2024-05-03", "3.5.24", "03/05/2024") holds a digit, a separator and a digit. */
const NUMERIC_DATE_GATE = /\d[-./]\d/u;

/**
 * False when `P.dateAnchor` cannot match: it needs a month or weekday name (among the words:
 * `cues`, see ENGLISH_CUE_FIRST_WORDS.date) or a numeric date (issue 16). Exported for tests.
 */
export function mayHoldDateAnchor(text: string, cues: number): boolean {
  return (cues & ENGLISH_CUES.date) !== 0 || NUMERIC_DATE_GATE.test(text);
}

/** "By Jane Doe", "Reporting by ...", or a line naming only a wire agency ("AFP"). */
export function isByline(text: string, options: CleanOptions, words: number = getWordCount(text)): boolean {
  // A full stop after a name is fine ("By Jane Doe."); a question or exclamation is a sentence.
  if (endsLikeSentence(text) && !text.endsWith('.')) return false;
  if (words <= options.bylineMaxWords) return P.byline.test(text) || P.agencyOnly.test(text);
  // "By Island Gazette staff | Syndicated by ... | 15 Nov 2024": a byline carrying source and date.
  return words <= options.widgetMaxWords && P.byline.test(text) && P.bylineSeparator.test(text);
}

/** A non-English appeal for the reader's support ("deine Unterstützung", "soutenez-nous"). */
function hasSupportAppeal(text: string): boolean {
  return mayContain(text, GATED_KIND_BITS.supportAppeals) && P.supportAppealAny.test(text);
}

/** Appeals for donations or subscriptions in the publication's or the reader's voice (seed 000). */
export function isDonationAppeal(text: string, words: number, options: CleanOptions, cues: number = getEnglishCues(text)): boolean {
  const short = words <= options.widgetMaxWords;
  // Other languages: one appeal phrase in a short paragraph (the phrase gate is already computed
  // for short lines), or in a longer one beside an English cue ("keine Bezahlschranke (Paywall)").
  if (short && hasSupportAppeal(text)) return true;
  // The cue words first (from the word hashes), then one regex scan for any cue: almost no paragraph has one.
  if ((cues & ENGLISH_CUES.donation) === 0 || !P.donationAnyCue.test(text)) return false;
  if (!short && hasSupportAppeal(text)) return true;
  const strong = countMatches(text, P.donationStrongCue);
  const score = 2 * strong + countMatches(text, P.donationCue);
  // A short banner with a call to action ("Support local journalism. Become a member from £3 a
  // month.") needs no voice; anything else must address the reader or speak for the publication,
  // so a news sentence about a charity's donations and subscriptions stays.
  if (short && strong >= 1) return true;
  if (!P.appealVoice.test(text)) return false;
  return score >= 2 || (score >= 1 && short);
}

/** Comment-section headers and buttons, or short lines that talk about comments and replies (seeds 000, 003, 004). */
export function isCommentWidget(text: string, words: number, endsSentence: boolean, options: CleanOptions, cues: number = getEnglishCues(text)): boolean {
  if (words > options.widgetMaxWords) return false;
  if (P.commentWidget.test(text) || (mayContain(text, GATED_KIND_BITS.commentHeaders) && P.commentHeaderAny.test(text))) return true;
  if (endsSentence) return false;
  const localized = mayContain(text, GATED_KIND_BITS.commentWords) ? countMatches(text, P.commentWordAny) : 0;
  const english = (cues & ENGLISH_CUES.comment) !== 0 ? countMatches(text, P.commentCue) : 0;
  return english + localized >= 2;
}

/** Login, registration and "refresh to log in" prompts addressed to the reader (seed 000). */
export function isLoginPrompt(text: string, words: number, options: CleanOptions, cues: number = getEnglishCues(text)): boolean {
  if (words > options.widgetMaxWords) return false;
  if ((cues & ENGLISH_CUES.login) !== 0 && P.loginCue.test(text) && (P.addressesReader.test(text) || words <= options.navigationMaxWords)) return true;
  // Other languages: a short line with a login cue (the reader's voice is not modelled per language).
  return words <= options.loginMaxWords && mayContain(text, GATED_KIND_BITS.loginCues) && P.loginAny.test(text);
}

/** Sign-up boxes for newsletters. */
export function isNewsletterPrompt(text: string, words: number, options: CleanOptions, cues: number = getEnglishCues(text)): boolean {
  return words <= options.widgetMaxWords && (((cues & ENGLISH_CUES.newsletter) !== 0 && P.newsletter.test(text)) || (mayContain(text, GATED_KIND_BITS.newsletterCues) && P.newsletterAny.test(text)));
}

/** Cookie banners. */
export function isCookiePrompt(text: string, words: number, options: CleanOptions, cues: number = getEnglishCues(text)): boolean {
  return words <= options.widgetMaxWords && (((cues & ENGLISH_CUES.cookie) !== 0 && P.cookiePrompt.test(text)) || (mayContain(text, GATED_KIND_BITS.cookieCues) && P.cookieAny.test(text)));
}

/** An end-of-article header: why it goes, and what the paragraphs below it are. */
interface TailMarker {
  readonly reason: RemovalReasonName;
  readonly tail: RemovalReasonName;
}

/**
 * The reason of an end-of-article header and the reason given to everything after it when
 * the header closes the article: comments, related links, teasers, author box. Found once per
 * paragraph (kept on its facts).
 */
function getTailMarker(facts: ParagraphFacts, options: CleanOptions): TailMarker | undefined {
  if (facts.tailMarker !== undefined) return facts.tailMarker ?? undefined;
  const marker = findTailMarker(facts, options);
  facts.tailMarker = marker ?? null;
  return marker;
}

function findTailMarker(facts: ParagraphFacts, options: CleanOptions): TailMarker | undefined {
  const { text, words } = facts;
  if (words > options.widgetMaxWords) return undefined;
  primePhraseGate(text, facts.wordHashes, facts.asciiWords);
  if (P.commentWidget.test(text) || (mayContain(text, GATED_KIND_BITS.commentHeaders) && P.commentHeaderAny.test(text))) return { reason: R.commentWidget, tail: R.readerComment };
  if (P.relatedHeader.test(text) || (mayContain(text, GATED_KIND_BITS.relatedHeaders) && P.relatedHeaderAny.test(text))) return { reason: R.relatedLinks, tail: R.relatedLinks };
  if (P.teaserHeader.test(text)) return { reason: R.teaser, tail: R.teaser };
  if (P.authorBoxHeader.test(text) || (mayContain(text, GATED_KIND_BITS.authorBoxHeaders) && P.authorBoxHeaderAny.test(text))) return { reason: R.authorBox, tail: R.authorBox };
  return undefined;
}

/** Every match of `P.breadcrumbTrail` holds one of its separators. */
const BREADCRUMB_GATE = /[›»>/]/;
/** Every match of `P.menuRow` holds a `\s+[|·•]\s+` separator or a `\s{2,}` one. */
const MENU_ROW_GATE = /[|·•]|\s\s/;

/**
 * False when `P.copyright` cannot match: it opens the line with "copyright", "©" or "(c)", or
 * holds "all rights reserved", whose last word is then among the word hashes (`cues`, see
 * ENGLISH_CUE_FIRST_WORDS) — its unanchored half ran on every short line (issue 16).
 */
function mayBeCopyright(text: string, cues: number): boolean {
  const first = text.charCodeAt(0);
  return first === 0x63 || first === 0x43 || first === 0xa9 || first === 0x28 || (cues & ENGLISH_CUES.copyright) !== 0;
}

/**
 * The context-free rules, most specific first: the first that matches names the reason.
 * Returns undefined for a paragraph no rule recognises (body, or decided by context later).
 */
function getChromeReason(facts: ParagraphFacts, options: CleanOptions): RemovalReasonName | undefined {
  const { text, words, endsSentence, cues } = facts;
  if (P.noWords.test(text)) return R.noWords;
  const short = words <= options.widgetMaxWords;
  if (short) {
    // getTailMarker primes the phrase gate from the word hashes for the rules below too.
    const marker = getTailMarker(facts, options);
    if (marker !== undefined) return marker.reason;
    if (P.searchPrompt.test(text)) return R.searchPrompt;
    if (P.sharePrompt.test(text) || P.shareButtons.test(text) || (mayContain(text, GATED_KIND_BITS.shareLabels) && P.shareLabelAny.test(text))) return R.sharePrompt;
    if (isCookiePrompt(text, words, options, cues)) return R.cookiePrompt;
    if (isNewsletterPrompt(text, words, options, cues)) return R.newsletter;
    if (isLoginPrompt(text, words, options, cues)) return R.loginPrompt;
    if (isCommentWidget(text, words, endsSentence, options, cues)) return R.commentWidget;
    if (mayBeCopyright(text, cues) && P.copyright.test(text)) return R.copyright;
    if (isDateline(text, options, words, cues)) return R.dateline;
    if (isByline(text, options, words)) return R.byline;
    if (isPhotoCredit(text, options, words)) return R.photoCredit;
    // A trail needs a spaced separator, a menu row a separator or a double space: one
    // character-class scan each instead of the patterns' backtracking over every line (issue 16).
    if (BREADCRUMB_GATE.test(text) && P.breadcrumbTrail.test(text)) return R.breadcrumb;
    if (MENU_ROW_GATE.test(text) && P.menuRow.test(text)) return R.navigation;
    if (P.advertisement.test(text) || (mayContain(text, GATED_KIND_BITS.advertisementLabels) && P.advertisementAny.test(text))) return R.advertisement;
    if (mayContain(text, GATED_KIND_BITS.readerPrompts) && P.readerPromptAny.test(text)) return R.readerPrompt;
    if (mayContain(text, GATED_KIND_BITS.disclaimers) && P.disclaimerAny.test(text)) return R.disclaimer;
    if (mayContain(text, GATED_KIND_BITS.tagLabels) && P.tagListAny.test(text)) return R.tagList;
  }
  // Cheap: anchored on a few capitalised words at the start.
  if (P.serverError.test(text)) return R.serverError;
  if (isCaption(text, options, words, cues)) return words <= options.creditMaxWords ? R.photoCredit : R.caption;
  if (words <= options.captionMaxWords && P.inlineTeaser.test(text)) return R.teaser;
  if (isDonationAppeal(text, words, options, cues)) return R.donationAppeal;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rules that need neighbours or the shape of the whole document
// ---------------------------------------------------------------------------------------------

type Reasons = Array<RemovalReasonName | undefined>;

/** A paragraph between two donation appeals belongs to the appeal (seed 000's middle paragraph names no cue). */
function markAppealRuns(reasons: Reasons): void {
  for (let i = 1; i < reasons.length - 1; i += 1) {
    if (reasons[i] === undefined && reasons[i - 1] === R.donationAppeal && reasons[i + 1] === R.donationAppeal) {
      reasons[i] = R.donationAppeal;
    }
  }
}

/**
 * Lines just above a photo credit that do not end like a sentence (or end cut off with "...")
 * are its caption: seed 002 prints "truncated caption... / full caption / Name, AFP/File".
 */
function markCaptionsAboveCredits(facts: readonly ParagraphFacts[], reasons: Reasons, options: CleanOptions): void {
  for (let i = 0; i < facts.length; i += 1) {
    if (reasons[i] !== R.photoCredit) continue;
    for (let j = i - 1; j >= 0 && j >= i - options.captionLinesBeforeCredit; j -= 1) {
      const above = facts[j]!;
      if (reasons[j] === R.caption) continue;
      const captionLike = !above.endsSentence || P.ellipsisEnd.test(above.text);
      if (reasons[j] !== undefined || !captionLike || above.words > options.captionMaxWords) break;
      reasons[j] = R.caption;
    }
  }
}

/**
 * At the first end-of-article header (comments, related links, teasers, author box) that comes
 * after most of the prose, everything below is chrome: seed 003's reader comments are long
 * prose and only their position tells them apart.
 */
function cutTail(facts: readonly ParagraphFacts[], reasons: Reasons, options: CleanOptions): void {
  let totalProse = 0;
  for (let i = 0; i < facts.length; i += 1) if (reasons[i] === undefined && facts[i]!.prose) totalProse += facts[i]!.text.length;
  if (totalProse === 0) return;
  let proseBefore = 0;
  for (let i = 0; i < facts.length; i += 1) {
    const f = facts[i]!;
    const marker = getTailMarker(f, options);
    if (marker !== undefined && proseBefore >= options.tailCutMinProseShareBefore * totalProse) {
      // Below the cut, each further header names what follows it (comments after related links).
      let tail = marker.tail;
      for (let j = i + 1; j < facts.length; j += 1) {
        const next = getTailMarker(facts[j]!, options);
        if (next !== undefined) tail = next.tail;
        reasons[j] ??= next?.reason ?? tail;
      }
      return;
    }
    if (reasons[i] === undefined && f.prose) proseBefore += f.text.length;
  }
}

/**
 * The title of a plain-text scrape: the first line before the body that no rule removed, of
 * headline length, not ending with a full stop. Seed 002 starts with widget lines and a section
 * label, seed 004 with a date, a site name and "Search": those are skipped.
 */
function pickTitle(facts: readonly ParagraphFacts[], reasons: Reasons, options: CleanOptions): string {
  const isCandidate = (i: number): boolean => {
    const f = facts[i]!;
    // Lines in capitals are mastheads and section banners, not headlines.
    const isMasthead = !P.lowercaseLetter.test(f.text) && /\p{Lu}/u.test(f.text);
    return reasons[i] === undefined && !f.prose && !isMasthead && f.words >= options.titleMinWords && f.words <= options.titleMaxWords && !/\.$/u.test(f.text);
  };
  for (let i = 0; i < facts.length; i += 1) {
    if (facts[i]!.prose && reasons[i] === undefined) return '';
    if (!isCandidate(i)) continue;
    // A breadcrumb ends with the headline printed below it ("Home Latest News <title>", seed 003).
    let next = i + 1;
    while (next < facts.length && reasons[next] !== undefined) next += 1;
    if (next < facts.length && isCandidate(next)) {
      const here = facts[i]!.wordHashes;
      const below = facts[next]!.wordHashes;
      if (here.length > below.length && endsWithWords(here, below)) return facts[next]!.text;
    }
    return facts[i]!.text;
  }
  return '';
}

/** Lines that repeat the title, and breadcrumbs that end with it ("Home Latest News <title>", seed 003). */
function markTitleRepeats(facts: readonly ParagraphFacts[], reasons: Reasons, title: string, options: CleanOptions): void {
  // Compared as normalised words (case, NFKC, punctuation and spacing ignored), from word hashes.
  const titleHashes = getWordHashes(title);
  if (titleHashes.length === 0) return;
  const titleWords = getWordCount(title);
  for (let i = 0; i < facts.length; i += 1) {
    const f = facts[i]!;
    if (reasons[i] !== undefined || f.words > titleWords + options.breadcrumbMaxPrefixWords) continue;
    // Only punctuation and spacing can differ: a much shorter line cannot hold the title.
    if (f.text.length < title.length / 2) continue;
    const hashes = f.wordHashes;
    if (hashes.length === titleHashes.length && isTitleRepeat(hashes, titleHashes, options)) reasons[i] = R.title;
    else if (hashes.length > titleHashes.length && endsWithWords(hashes, titleHashes)) reasons[i] = R.breadcrumb;
  }
}

/**
 * True when a line of the title's word count repeats it: the same words, or, for a long enough
 * title, at most `titleRepeatMaxWordEdits` words changed (a headline printed twice, one copy edited).
 */
function isTitleRepeat(words: Int32Array, titleWords: Int32Array, options: CleanOptions): boolean {
  const allowed = titleWords.length >= options.titleRepeatMinWordsForEdits ? options.titleRepeatMaxWordEdits : 0;
  let changed = 0;
  for (let i = 0; i < titleWords.length && changed <= allowed; i += 1) if (words[i] !== titleWords[i]) changed += 1;
  return changed <= allowed;
}

/** True when the word sequence `words` ends with `suffix` (a strictly shorter or equal sequence). */
function endsWithWords(words: Int32Array, suffix: Int32Array): boolean {
  if (suffix.length === 0 || suffix.length > words.length) return false;
  const offset = words.length - suffix.length;
  for (let i = 0; i < suffix.length; i += 1) if (words[offset + i] !== suffix[i]) return false;
  return true;
}

/** A bare name ("Patrick Cockburn") next to a date line or byline, before the body, is the byline (seed 000). */
function isBylineName(facts: readonly ParagraphFacts[], reasons: Reasons, i: number, options: CleanOptions): boolean {
  const f = facts[i]!;
  if (f.words > options.bylineMaxWords / 2 || /[\d.!?:]/u.test(f.text) || getCapitalizedShare(f.text) < 1) return false;
  const near = [reasons[i - 1], reasons[i + 1]];
  return near.includes(R.dateline) || near.includes(R.byline);
}

/** Tags of structured content: a short line in one of them is an item or a cell, not a menu entry. */
const STRUCTURED_CONTENT_TAGS: ReadonlySet<string> = new Set(['li', 'td', 'th', 'tr', 'dd', 'dt', 'pre']);

/**
 * True when the unclassified lines after the last prose paragraph are many and hold more text
 * than the body: the page is fragmented (specs, a table of courses after one intro sentence) and
 * the lines are its content, not a fringe of menus (CleanOptions.fragmentedTailMinLines).
 */
function isFragmentedTail(facts: readonly ParagraphFacts[], reasons: Reasons, first: number, last: number, options: CleanOptions): boolean {
  let bodyChars = 0;
  let tailChars = 0;
  let tailLines = 0;
  for (let i = first; i < facts.length; i += 1) {
    if (reasons[i] !== undefined) continue;
    if (i <= last) bodyChars += facts[i]!.text.length;
    else {
      tailChars += facts[i]!.text.length;
      tailLines += 1;
    }
  }
  return tailLines >= options.fragmentedTailMinLines && tailChars > bodyChars * options.fragmentedTailMinBodyShare;
}

/** Short lines before the first or after the last prose paragraph are navigation (seed 002 "World", seed 004 "To guardian.ng"). */
function markOutsideBody(facts: readonly ParagraphFacts[], reasons: Reasons, options: CleanOptions, blockTags?: readonly string[]): void {
  let first = -1;
  let last = -1;
  for (let i = 0; i < facts.length; i += 1) {
    if (reasons[i] === undefined && facts[i]!.prose) {
      if (first === -1) first = i;
      last = i;
    }
  }
  if (first === -1) return;
  const keepsTail = blockTags !== undefined && isFragmentedTail(facts, reasons, first, last, options);
  for (let i = 0; i < facts.length; i += 1) {
    if (reasons[i] !== undefined || (i >= first && i <= last) || (i > last && keepsTail)) continue;
    if (blockTags !== undefined && STRUCTURED_CONTENT_TAGS.has(blockTags[i] ?? '')) continue;
    const f = facts[i]!;
    // HTML: a label that introduces the block below it ("Belag:", "Leitsätze des Gerichts:") opens content.
    if (blockTags !== undefined && i < first && f.text.endsWith(':') && i + 1 < facts.length && reasons[i + 1] === undefined) continue;
    if (i < first && isBylineName(facts, reasons, i, options)) reasons[i] = R.byline;
    else if (f.words <= options.navigationMaxWords) reasons[i] = R.navigation;
    else if (f.words <= options.navigationMaxWords + 1 && P.domainName.test(f.text)) reasons[i] = R.navigation;
  }
}

/**
 * The cap of the classifier's word counts: every rule compares them with a threshold, and
 * beyond the largest the count stops (pass it to getTextSignatures with the signatures).
 */
export function getWordCountCap(options: Partial<CleanOptions> = {}): number {
  const settings = resolveCleanOptions(options);
  return Math.max(settings.captionMaxWords, settings.titleMaxWords + settings.breadcrumbMaxPrefixWords, settings.widgetMaxWords, settings.proseMinWords) + 1;
}

/**
 * Sorts paragraphs into article body and chrome. Format-agnostic: the plain-text cleaner runs
 * it on lines of a scrape, the HTML extractor on the blocks that survive DOM extraction.
 *
 * Rules run in this order: context-free predicates (widgets, prompts, credits, captions,
 * bylines, date lines, appeals), runs of appeals, captions above credits, the tail cut after an
 * end-of-article header, the title and its repeats, then short lines outside the body.
 * Every removed paragraph carries one of {@link REMOVAL_REASONS}. `signatures` (of
 * `getTextSignatures(paragraphs)`) are computed when not given; the cleaner passes the ones it
 * fingerprints with, so every paragraph is scanned for words once.
 *
 * @example
 * const { kept, removed, title } = classifyParagraphs(
 *   ['World', 'Talks resume in Geneva', 'Diplomats met on Monday to restart the stalled talks on a ceasefire.', '2 comments'],
 *   { format: 'text' },
 * );
 * // title: 'Talks resume in Geneva'; kept: the sentence; removed: navigation, title, comment-widget
 */
export function classifyParagraphs(
  paragraphs: readonly string[],
  context: ClassifyContext,
  options: Partial<CleanOptions> = {},
  signatures: readonly TextSignature[] = getTextSignatures(paragraphs, { shingleSize: resolveCleanOptions(options).shingleSize, wordCountCap: getWordCountCap(options) }),
): ClassifiedParagraphs {
  const settings = resolveCleanOptions(options);
  const wordCountCap = getWordCountCap(settings);
  const facts: ParagraphFacts[] = new Array<ParagraphFacts>(paragraphs.length);
  for (let i = 0; i < paragraphs.length; i += 1) {
    const text = paragraphs[i]!;
    const signature = signatures[i]!;
    // Counted in the word scan when it read the text as it is, under the same cap (issue 16).
    const words = signature.wordCount >= 0 && signature.wordCountCap === wordCountCap ? signature.wordCount : getWordCount(text, wordCountCap);
    const endsSentence = endsLikeSentence(text);
    const prose = endsSentence && (words >= settings.proseMinWords || text.length >= settings.proseMinChars);
    facts[i] = { text, words, cues: getCuesOfSignature(signature), wordHashes: signature.wordHashes, asciiWords: signature.asciiWords, endsSentence, prose, tailMarker: undefined };
  }
  // Filled by index into a `new Array(n)`, as every reasons array here is: `map` returned a packed
  // array for some documents and a holey one for others, and each switch deoptimised the rules
  // that read it (a recompile each, in the first documents of every process; issue 16).
  const reasons: Reasons = new Array<RemovalReasonName | undefined>(facts.length);
  for (let i = 0; i < facts.length; i += 1) reasons[i] = getChromeReason(facts[i]!, settings);
  markAppealRuns(reasons);
  markCaptionsAboveCredits(facts, reasons, settings);
  cutTail(facts, reasons, settings);
  const title = context.title?.trim() || (context.format === 'text' ? pickTitle(facts, reasons, settings) : '');
  markTitleRepeats(facts, reasons, title, settings);
  markOutsideBody(facts, reasons, settings, context.blockTags);

  const kept: string[] = [];
  const keptIndexes: number[] = [];
  const removed: RemovedParagraph[] = [];
  for (let i = 0; i < facts.length; i += 1) {
    const reason = reasons[i];
    if (reason === undefined) {
      kept.push(facts[i]!.text);
      keptIndexes.push(i);
    } else {
      removed.push({ text: facts[i]!.text, reason });
    }
  }
  return { kept, keptIndexes, removed, title };
}
