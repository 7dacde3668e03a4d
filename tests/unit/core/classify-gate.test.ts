// The phrase gate of classify.ts (issue 16) may only skip a pattern that cannot match: checked
// against the `iu` flag's case folding, every vocabulary phrase and the real lines of the benchmarks.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CHROME_PATTERNS as P } from '../../../lambdas/core/chrome-patterns.js';
import { foldCodeUnit, mayContainPhrase } from '../../../lambdas/core/classify.js';
import { splitParagraphs } from '../../../lambdas/core/paragraphs.js';
import { CHROME_VOCABULARIES } from '../../../lambdas/core/settings.js';

const GATED = [
  ['cookieCues', P.cookieAny],
  ['newsletterCues', P.newsletterAny],
  ['loginCues', P.loginAny],
  ['commentWords', P.commentWordAny],
  ['dateWords', P.dateAnchorAny],
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

  it('rejects lines without any first word of the phrases', () => {
    expect(mayContainPhrase('The council voted on Tuesday to close the bridge.', 'cookieCues')).toBe(false);
    expect(mayContainPhrase('We use cookies.', 'cookieCues')).toBe(true);
    expect(mayContainPhrase('Zum Newsletter anmelden', 'newsletterCues')).toBe(true);
  });
});
