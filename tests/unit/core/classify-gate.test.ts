// The phrase gate of classify.ts (issue 16) may only skip a pattern that cannot match: checked
// against the `iu` flag's case folding, every vocabulary phrase and the real lines of the benchmarks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHROME_PATTERNS as P, DATE_NAME_PATTERN, DONATION_CUE_SECOND_WORDS, ENGLISH_CUE_FIRST_WORDS } from '../../../lambdas/core/chrome-patterns.js';
import { ENGLISH_CUES, foldCodeUnit, getEnglishCues, getPhraseKindsOfWords, getWordCount, mayContainPhrase, mayHoldDateAnchor } from '../../../lambdas/core/classify.js';
import { getTextSignature, getTextSignatures } from '../../../lambdas/core/simhash.js';
import { seededRandom } from '../../helpers/seeded-random.js';
import { splitParagraphs } from '../../../lambdas/core/paragraphs.js';
import { CHROME_VOCABULARIES } from '../../../lambdas/core/settings.js';

const GATED = [
  ['cookieCues', P.cookieAny],
  ['newsletterCues', P.newsletterAny],
  ['loginCues', P.loginAny],
  ['commentWords', P.commentWordAny],
  ['dateWords', P.dateAnchorAny],
  ['relatedHeaders', P.relatedHeaderAny],
  ['commentHeaders', P.commentHeaderAny],
  ['authorBoxHeaders', P.authorBoxHeaderAny],
  ['shareLabels', P.shareLabelAny],
  ['advertisementLabels', P.advertisementAny],
  ['creditLabels', P.creditLabelAny],
  ['readerPrompts', P.readerPromptAny],
  ['disclaimers', P.disclaimerAny],
  ['tagLabels', P.tagListAny],
  ['supportAppeals', P.supportAppealAny],
] as const;

function phrasesOf(kind: (typeof GATED)[number][0]): string[] {
  return Object.values(CHROME_VOCABULARIES).flatMap((vocabulary) => vocabulary[kind]);
}

function matches(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

const SHARED = resolve(fileURLToPath(new URL('../../../', import.meta.url)), '../shared');

/** Lines of the seeds, the gold bodies and the multilingual passages (when present). */
function realLines(): string[] {
  const lines: string[] = [];
  const seeds = resolve(SHARED, 'seeds');
  if (existsSync(seeds)) {
    for (const file of readdirSync(seeds).filter((name) => name.endsWith('.txt'))) lines.push(...splitParagraphs(readFileSync(resolve(seeds, file), 'utf8')));
  }
  const gold = resolve(SHARED, 'bench/article-extraction/ground-truth.json');
  if (existsSync(gold)) {
    for (const { articleBody } of Object.values(JSON.parse(readFileSync(gold, 'utf8')) as Record<string, { articleBody: string }>)) lines.push(...splitParagraphs(articleBody));
  }
  const multilingual = resolve(SHARED, 'bench/multilingual-extraction/evaldata.json');
  if (existsSync(multilingual)) {
    for (const passages of Object.values(JSON.parse(readFileSync(multilingual, 'utf8')) as Record<string, { with: string[]; without: string[] }>)) {
      lines.push(...passages.with, ...passages.without);
    }
  }
  return lines;
}

describe('Function: foldCodeUnit', () => {
  it('folds together every code unit the iu flag matches with a letter of a gated phrase', () => {
    const alphabet = new Set<string>();
    for (const [kind] of GATED) for (const phrase of phrasesOf(kind)) for (const char of phrase.toLowerCase()) if (/[\p{L}\p{N}]/u.test(char)) alphabet.add(char);
    expect(alphabet.size).toBeGreaterThan(20);
    const mismatches: string[] = [];
    for (const char of alphabet) {
      expect(char.length).toBe(1); // BMP letters only: the gate hashes code units
      const same = new RegExp(`^${char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'iu');
      for (let code = 0; code < 0x10000; code += 1) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        if (same.test(String.fromCharCode(code)) && foldCodeUnit(code) !== foldCodeUnit(char.charCodeAt(0))) mismatches.push(`${char} ~ U+${code.toString(16)}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(foldCodeUnit(0x17f)).toBe(foldCodeUnit(0x73)); // ſ and s
    expect(foldCodeUnit(0x212a)).toBe(foldCodeUnit(0x6b)); // Kelvin sign and k
  });
});

describe('Function: mayContainPhrase', () => {
  it('lets through every phrase, in any case, alone or inside a line', () => {
    for (const [kind, pattern] of GATED) {
      for (const phrase of phrasesOf(kind)) {
        for (const text of [phrase, phrase.toUpperCase(), `Bitte: ${phrase[0]!.toUpperCase()}${phrase.slice(1)}!`, `(${phrase})`]) {
          if (matches(pattern, text)) expect(mayContainPhrase(text, kind), `${kind}: ${text}`).toBe(true);
        }
      }
    }
  });

  it('skips a pattern only where it does not match, on the real lines of the benchmarks', () => {
    const lines = realLines();
    let skipped = 0;
    for (const line of lines) {
      for (const [kind, pattern] of GATED) {
        const gate = mayContainPhrase(line, kind);
        if (!gate) skipped += 1;
        if (matches(pattern, line)) expect(gate, `${kind}: ${line}`).toBe(true);
      }
    }
    // The gate is worth having: most lines skip most patterns.
    if (lines.length > 0) expect(skipped).toBeGreaterThan(lines.length * 2);
  });

  it('reads the same kinds from the word hashes of a line whose words are all ASCII (the classifier skips its own scan then)', () => {
    const lines = [...realLines(), 'We use cookies.', 'Zum Newsletter anmelden', 'KOMMENTARE (3)', 'x_login 2fa', 'Monday, 3 May'];
    let ascii = 0;
    for (const line of lines) {
      const signature = getTextSignature(line);
      if (!signature.asciiWords) continue;
      ascii += 1;
      const fromWords = getPhraseKindsOfWords(signature.wordHashes);
      GATED.forEach(([kind], bit) => {
        // A fresh scan of the line (the one-line cache holds the previous line).
        mayContainPhrase(`${line} `, kind);
        if (mayContainPhrase(line, kind)) expect((fromWords >>> bit) & 1, `${kind}: ${line}`).toBe(1);
      });
    }
    expect(ascii).toBeGreaterThan(3);
  });

  it('rejects lines without any first word of the phrases', () => {
    expect(mayContainPhrase('The council voted on Tuesday to close the bridge.', 'cookieCues')).toBe(false);
    expect(mayContainPhrase('We use cookies.', 'cookieCues')).toBe(true);
    expect(mayContainPhrase('Zum Newsletter anmelden', 'newsletterCues')).toBe(true);
  });

  it('lets a phrase of several words through only where its first two words follow each other', () => {
    // "in den kommentaren", "tell us in the comments": a line with "in" or "tell" alone is skipped.
    expect(mayContainPhrase('The vote in the council was close; tell me why.', 'readerPrompts')).toBe(false);
    expect(mayContainPhrase('Tell us in the comments below', 'readerPrompts')).toBe(true);
    expect(mayContainPhrase('Schreiben Sie es in den Kommentaren!', 'readerPrompts')).toBe(true);
    expect(mayContainPhrase('We met the mayor, and we hope to return.', 'cookieCues')).toBe(false);
    // An apostrophe or a hyphen between the two words, and other scripts, as the pattern allows.
    expect(mayContainPhrase('S’inscrire à la newsletter', 'newsletterCues')).toBe(true);
    expect(mayContainPhrase("S'INSCRIRE À LA NEWSLETTER", 'newsletterCues')).toBe(true);
    // The same from the word hashes of an all-ASCII line.
    const kindsOf = (line: string): number => getPhraseKindsOfWords(getTextSignature(line).wordHashes);
    const readerPromptsBit = 1 << GATED.findIndex(([kind]) => kind === 'readerPrompts');
    expect(kindsOf('The vote in the council was close; tell me why.') & readerPromptsBit).toBe(0);
    expect(kindsOf('Tell us in the comments below') & readerPromptsBit).not.toBe(0);
  });
});

/** The English cue patterns behind each bit of getEnglishCues, and a line for each of their alternatives. */
const ENGLISH_GATED = [
  ['donation', P.donationAnyCue, [
    'your support', 'your donation', 'your contribution', 'your gift', 'your generosity', 'support us', 'support our journalism',
    'support our newsroom', 'support independent journalism', 'fund quality local journalism', 'funding our journalism',
    'donate', 'donates', 'donation', 'donations', 'donating', 'make a gift', 'make a donation', 'become a member', 'become a patron',
    'contribute', 'contribution', 'contributions', 'contributing', 'paywall', 'paywalls', 'subscribe', 'subscriber', 'subscribers',
    'subscription', 'subscriptions', 'quality journalism', 'independent journalism', 'free to all', 'available to everyone',
    'afford it', 'affords it', 'afforded it', 'reader-funded', 'reader funded', 'one-off', 'monthly gift', 'monthly donation',
    'tax-deductible', 'tax deductible',
  ]],
  ['cookie', P.cookiePrompt, [
    'we use cookies', 'this site uses cookies', 'our website uses cookies', 'cookie policy', 'cookie settings', 'cookie preferences',
    'cookie consent', 'cookie notice', 'accept cookies', 'accept all cookies', 'manage cookie settings', 'change your privacy choices',
    'manage your consent preferences',
  ]],
  ['newsletter', P.newsletter, [
    'sign up for our', 'sign up to the', 'subscribe to our newsletter', 'subscribe to the daily morning e-mails', 'newsletter sign-up',
    'newsletter signup', 'newsletter sign up', 'get our free weekly newsletter', 'get the briefing', 'delivered to your inbox',
    'delivered straight to your inbox', 'enter your email', 'enter your e-mail address',
  ]],
  ['login', P.loginCue, [
    'log in', 'login', 'logged in', 'loggedin', 'log out', 'logout', 'sign in', 'signin', 'signed in', 'signedin', 'sign up', 'signup',
    'register', 'registering', 'registered', 'registration', 'create an account', 'create your free account', 'forgot your password',
    'forgot password', 'already a subscriber', 'already have an account', 'refresh the page', 'refresh your browser',
  ]],
  ['comment', P.commentCue, [
    'comment', 'comments', 'commenting', 'commenter', 'commenters', 'conversation', 'conversations', 'discussion', 'discussions',
    'reply', 'replies', 'reader', 'readers', 'community guidelines',
  ]],
] as const;

/** `trailingCredit` is gated by a word it holds anywhere (not its first): lines for each of its forms. */
const CREDIT_EXAMPLES = [
  'Smoke rises. / AFP PHOTO / JOHN DOE', 'A man waves. Photo: Jane Doe/Reuters', 'Rally (photo by Jane Doe/Getty Images)', 'View PHOTOGRAPH: X',
  'Crowds. Photographs: X', 'A cat. Picture: X', 'A dog. Pictures by: Y', 'Scene - Image: X', 'Scene—Images courtesy: X', 'Scene (Foto: X',
  'Scene. Fotos: X', 'Scene. Pic: X', 'Scene. Pics/X', 'Scene (photos courtesy of X)', '(image credit X)', 'Photo credit: X',
];

describe('Function: getEnglishCues', () => {
  it('sets the bit of every alternative of each English cue pattern, in any case and any surroundings', () => {
    for (const [cue, pattern, examples] of ENGLISH_GATED) {
      for (const example of examples) {
        expect(matches(pattern, example), `${cue} example does not match its pattern: ${example}`).toBe(true);
        for (const text of [example, example.toUpperCase(), `Please: ${example[0]!.toUpperCase()}${example.slice(1)}!`, `é${example}`, `(${example})`, `2${example}`, `ſ ${example}ſ`]) {
          if (matches(pattern, text)) expect(getEnglishCues(text) & ENGLISH_CUES[cue], `${cue}: ${text}`).not.toBe(0);
        }
      }
    }
  });

  it('every match on the real lines of the benchmarks starts with a listed first word, and its bit is set', () => {
    const lines = realLines();
    let skipped = 0;
    for (const line of lines) {
      const cues = getEnglishCues(line);
      for (const [cue, pattern] of ENGLISH_GATED) {
        if ((cues & ENGLISH_CUES[cue]) === 0) skipped += 1;
        const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
        for (const match of line.matchAll(global)) {
          const [, firstWord, secondWord] = /^(\w+)(?:[ -](\w+))?/.exec(line.slice(match.index))?.map((word) => word?.toLowerCase()) ?? [];
          expect(ENGLISH_CUE_FIRST_WORDS[cue] as readonly string[], `${cue}: ${line}`).toContain(firstWord);
          const seconds = cue === 'donation' ? DONATION_CUE_SECOND_WORDS[firstWord!] : undefined;
          if (seconds !== undefined) expect(seconds, `${cue} second word: ${line}`).toContain(secondWord);
          expect(cues & ENGLISH_CUES[cue], `${cue}: ${line}`).not.toBe(0);
        }
      }
    }
    // The gate is worth having: most lines skip most patterns.
    if (lines.length > 0) expect(skipped).toBeGreaterThan(lines.length * 3);
  });

  it('sets the credit bit on every line the trailing credit pattern matches: its examples and the real lines', () => {
    for (const line of CREDIT_EXAMPLES) expect(matches(P.trailingCredit, line), line).toBe(true);
    const lines = [...CREDIT_EXAMPLES, ...CREDIT_EXAMPLES.map((line) => line.toUpperCase()), ...realLines()];
    let matched = 0;
    for (const line of lines) {
      if (!matches(P.trailingCredit, line)) continue;
      matched += 1;
      expect(getEnglishCues(line) & ENGLISH_CUES.credit, line).not.toBe(0);
    }
    expect(matched).toBeGreaterThanOrEqual(CREDIT_EXAMPLES.length);
  });

  it('lets every copyright line through: "copyright", "©" or "(c)" first, or "reserved" among the words', () => {
    const examples = ['Copyright 2007', '© 2024 Gazette', '(c) 2019 X', 'Gazette. ALL RIGHTS RESERVED.', 'x all rights reserved'];
    for (const line of [...examples, ...realLines()]) {
      if (!matches(P.copyright, line)) continue;
      const opens = /^[cC©(]/.test(line);
      expect(opens || (getEnglishCues(line) & ENGLISH_CUES.copyright) !== 0, line).toBe(true);
    }
    for (const line of examples) expect(matches(P.copyright, line), line).toBe(true);
    expect(getEnglishCues('Gazette. All rights reserved.') & ENGLISH_CUES.copyright).not.toBe(0);
  });

  it('rejects lines without a cue word, and gates nothing in a line with words beyond ASCII', () => {
    expect(getEnglishCues('The council voted to close the bridge.')).toBe(0);
    expect(getEnglishCues('The council voted on Tuesday to close the bridge.')).toBe(ENGLISH_CUES.date);
    expect(getEnglishCues('Supportive readership grew; the subscribed count rose')).toBe(0);
    expect(getEnglishCues('Your support matters')).toBe(ENGLISH_CUES.donation);
    // A first word that opens a donation cue only before certain words (DONATION_CUE_SECOND_WORDS).
    expect(getEnglishCues('Your reporter made one call, free of charge')).toBe(0);
    expect(getEnglishCues('Make a gift') & ENGLISH_CUES.donation).not.toBe(0);
    expect(getEnglishCues('A one-off payment') & ENGLISH_CUES.donation).not.toBe(0);
    expect(getEnglishCues('Reader comments') & ENGLISH_CUES.donation).toBe(0);
    expect(getEnglishCues('Reader comments') & ENGLISH_CUES.comment).not.toBe(0);
    // "édonate" is one word to the scan, but `\b` holds between é and "donate" for the pattern.
    expect(matches(P.donationAnyCue, 'édonate')).toBe(true);
    expect(getEnglishCues('édonate') & ENGLISH_CUES.donation).not.toBe(0);
    expect(getEnglishCues('ﬁne words') & ENGLISH_CUES.cookie).not.toBe(0); // normalised before the scan
  });
});

describe('the date anchor gate (isDateline)', () => {
  const passes = (line: string): boolean => mayHoldDateAnchor(line, getEnglishCues(line));

  it('lists every month and weekday name the date patterns take, and nothing else', () => {
    const names = new RegExp(`^${DATE_NAME_PATTERN}$`, 'i');
    for (const word of ENGLISH_CUE_FIRST_WORDS.date) expect(names.test(word), word).toBe(true);
    // Every form the pattern allows is a prefix of a full name: each prefix it takes must be listed.
    const fullNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
    const taken = fullNames.flatMap((name) => Array.from({ length: name.length }, (_, end) => name.slice(0, end + 1))).filter((prefix) => names.test(prefix));
    expect(new Set(taken)).toEqual(new Set(ENGLISH_CUE_FIRST_WORDS.date));
  });

  it('lets through every line the date anchor matches: examples in any case and surroundings, and the real lines', () => {
    const examples = ['Monday, 3 May 2024', 'Sept. 4, 2023', '2024-05-03T10:00Z', '3.5.24', '03/05/2024', 'THURS 12', '(Jan 5)', 'Updated: Oct 3, 10:04 am', 'sun 2'];
    let matched = 0;
    for (const line of [...examples, ...examples.map((example) => example.toUpperCase()), ...realLines()]) {
      if (!matches(P.dateAnchor, line)) continue;
      matched += 1;
      expect(passes(line), line).toBe(true);
    }
    expect(matched).toBeGreaterThanOrEqual(examples.length * 2);
    expect(passes('Page 3 of 12')).toBe(false);
  });
});

describe('Function: getTextSignatures (word count)', () => {
  it('counts the classifier word count in the word scan, under any cap, or leaves it to getWordCount (-1)', () => {
    const random = seededRandom(16);
    // Spaces of every kind, ASCII, accented and CJK letters, kana, a surrogate pair, punctuation, a ligature (normalising path).
    const pieces = ['word', 'Wörter', ' ', '  ', '\t', '\u00a0', '\u2003', '\u3000', '東京', 'かな', '。', '—', '-', '...', 'x_y', '12', '\ud840\udc00', 'ﬁ', '\ufeff', '|'];
    const texts: string[] = [];
    for (let n = 0; n < 3000; n += 1) {
      let text = '';
      const length = 1 + Math.floor(random() * 40);
      for (let k = 0; k < length; k += 1) text += pieces[Math.floor(random() * pieces.length)]!;
      texts.push(text);
    }
    for (const cap of [Number.POSITIVE_INFINITY, 61, 3, 0]) {
      const signatures = getTextSignatures(texts, { wordCountCap: cap });
      let counted = 0;
      texts.forEach((text, index) => {
        const { wordCount, wordCountCap } = signatures[index]!;
        expect(wordCountCap).toBe(cap);
        if (wordCount === -1) return;
        counted += 1;
        expect(wordCount, JSON.stringify(text)).toBe(getWordCount(text, cap));
      });
      expect(counted).toBeGreaterThan(500);
    }
    expect(getTextSignatures(['one two three four'], { wordCountCap: 2 })[0]!.wordCount).toBe(3);
    expect(getTextSignatures(['東京都は日本 the capital'], { wordCountCap: Number.POSITIVE_INFINITY })[0]!.wordCount).toBe(getWordCount('東京都は日本 the capital'));
    // No cap given (simhash64's and getWordHashes' scans): nothing counted.
    expect(getTextSignatures(['one two'])[0]!.wordCount).toBe(-1);
  });
});
