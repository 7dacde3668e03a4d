// Language of a document (declared or detected) and the page metadata read from the head.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeLanguageTag, resolveLanguage, STOPWORD_LANGUAGES } from '../../../lambdas/core/language.js';
import { parseHtml } from '../../../lambdas/core/html-tree.js';
import { getPageMetadata } from '../../../lambdas/core/page-metadata.js';
import { LANGUAGE_DETECT_MAX_WORDS, LANGUAGE_DETECT_MIN_HITS, LANGUAGE_DETECT_MIN_LEAD } from '../../../lambdas/core/settings.js';

const SAMPLES: Record<string, string> = {
  en: 'The council said that the new bridge is expected to open in the spring, and that the old one will be closed for repairs which they have planned for years.',
  de: 'Der Gemeinderat hat am Dienstag beschlossen, dass die neue Brücke im Frühjahr eröffnet wird und die alte für die Reparatur auch nicht mehr befahren werden kann.',
  fr: 'Le conseil a indiqué que le nouveau pont est prévu pour le printemps et que les travaux sur l’ancien pont sont dans les temps pour les habitants qui attendent avec nous.',
  es: 'El ayuntamiento dijo que el nuevo puente se abrirá en la primavera y que los trabajos en el antiguo son para los vecinos que esperan más por una solución con su alcalde.',
  it: 'Il consiglio ha detto che il nuovo ponte della città sarà aperto in primavera e che i lavori per il vecchio ponte sono anche più lunghi di quanto non si pensava con questo progetto.',
  pt: 'O conselho disse que a nova ponte da cidade não vai abrir antes da primavera e que as obras para os moradores são mais longas do que o previsto pela câmara com os técnicos.',
  nl: 'De gemeenteraad heeft gezegd dat de nieuwe brug in het voorjaar open gaat en dat het werk aan de oude brug ook niet voor de zomer klaar is, maar er wordt aan gewerkt.',
  pl: 'Rada miasta poinformowała, że nowy most zostanie otwarty na wiosnę i że prace przy starym moście nie są jeszcze zakończone, jak to było w planie od lat przez miasto.',
};

describe('Function: detectLanguage', () => {
  it.each(Object.entries(SAMPLES))('detects %s from its function words', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('detects Japanese by its kana and says und for a short list of names', () => {
    expect(detectLanguage('東京都は新しい橋を春に開通すると発表しました。')).toBe('ja');
    expect(detectLanguage('Berlin Paris Rome')).toBe('und');
  });
});

describe('Function: resolveLanguage', () => {
  it('takes the first declared tag that parses, as a primary subtag', () => {
    expect(normalizeLanguageTag('pt_BR')).toBe('pt');
    expect(resolveLanguage(['', 'de-AT'], 'kurz')).toBe('de');
  });

  it('lets a long text in another language override a template default', () => {
    const german = Array.from({ length: 6 }, () => SAMPLES.de).join(' ');
    expect(resolveLanguage(['en-US'], german)).toBe('de');
    expect(resolveLanguage(['en-US'], SAMPLES.de as string)).toBe('en'); // too little evidence to overrule
  });
});

describe('Function: getPageMetadata', () => {
  it('reads the canonical URL, author and date from the head and JSON-LD', () => {
    const tree = parseHtml(
      '<html lang="fr"><head><meta property="og:url" content="https://a.example/x">' +
        '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-01-02T03:04:05Z","author":[{"name":"Jeanne Roux"}]}</script>' +
        '</head><body><p>Texte.</p></body></html>',
    );
    expect(getPageMetadata(tree)).toEqual({
      canonicalUrl: 'https://a.example/x',
      htmlLanguage: 'fr',
      declaredLanguages: [],
      published: '2026-01-02T03:04:05.000Z',
      author: 'Jeanne Roux',
    });
  });

  it('skips a relative canonical URL, an author URL and malformed JSON-LD', () => {
    const tree = parseHtml(
      '<link rel="canonical" href="/relative"><meta property="article:author" content="https://facebook.com/x">' +
        '<script type="application/ld+json">{not json</script><p>Text.</p>',
    );
    expect(getPageMetadata(tree)).toEqual({ declaredLanguages: [] });
  });
});

/**
 * The detector as it was before issue 16 (regexes over the sample), kept as the reference the
 * one-pass detector must agree with on every input.
 */
function referenceDetect(text: string, stopwords: ReadonlyMap<string, readonly string[]>): string {
  const scripts: ReadonlyArray<[string, RegExp]> = [
    ['ja', /[\u3040-\u30ff]/gu], ['ko', /[\uac00-\ud7af]/gu], ['zh', /[\u4e00-\u9fff]/gu], ['el', /[\u0370-\u03ff]/gu], ['ar', /[\u0600-\u06ff]/gu],
    ['he', /[\u0590-\u05ff]/gu], ['th', /[\u0e00-\u0e7f]/gu], ['bn', /[\u0980-\u09ff]/gu], ['hi', /[\u0900-\u097f]/gu],
  ];
  const sample = text.slice(0, LANGUAGE_DETECT_MAX_WORDS * 8);
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 'und';
  for (const [language, pattern] of scripts) {
    if ((sample.match(pattern)?.length ?? 0) / letters >= (language === 'ja' ? 0.05 : 0.3)) return language;
  }
  const counts = new Map<string, number>();
  let words = 0;
  for (const match of sample.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (++words > LANGUAGE_DETECT_MAX_WORDS) break;
    for (const language of stopwords.get(match[0].toLowerCase()) ?? []) counts.set(language, (counts.get(language) ?? 0) + 1);
  }
  const [best, second] = [...counts].sort((a, b) => b[1] - a[1]);
  if (best === undefined || best[1] < LANGUAGE_DETECT_MIN_HITS) return 'und';
  if (second !== undefined && best[1] < second[1] * LANGUAGE_DETECT_MIN_LEAD) return 'und';
  return best[0];
}

describe('Function: detectLanguage (one pass, issue 16)', () => {
  it('agrees with the regex detector it replaced on mixed-script, mixed-case texts of any length', () => {
    const words = [...STOPWORD_LANGUAGES.keys(), 'für', 'Être', 'ΟΔΟΣ', 'λόγος', '東京', 'ひらがな', '한국', 'שלום', 'مرحبا', 'ไทย', 'हिंदी', '𠀋', 'e\u0301', 'İstanbul', 'x1', '—', '…', 'Bridge'];
    const token = fc.oneof(fc.constantFrom(...words), fc.constantFrom(...words).map((word) => word.toUpperCase()), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(token, { maxLength: 160 }), fc.constantFrom(' ', '\n\n', ', ', ''), (tokens, separator) => {
        const text = tokens.join(separator);
        expect(detectLanguage(text)).toBe(referenceDetect(text, STOPWORD_LANGUAGES));
      }),
      { numRuns: 400 },
    );
    // Long texts: the sample cut and the word cap.
    const long = Array.from({ length: 1500 }, (_, i) => words[(i * 7) % words.length]).join(' ');
    expect(detectLanguage(long)).toBe(referenceDetect(long, STOPWORD_LANGUAGES));
    for (const [language, sample] of Object.entries(SAMPLES)) {
      expect(referenceDetect(sample, STOPWORD_LANGUAGES)).toBe(language);
      expect(detectLanguage(sample)).toBe(language);
    }
  });
});
