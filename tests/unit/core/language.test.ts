// Language of a document (declared or detected) and the page metadata read from the head.
import { describe, expect, it } from 'vitest';
import { detectLanguage, normalizeLanguageTag, resolveLanguage } from '../../../lambdas/core/language.js';
import { parseHtml } from '../../../lambdas/core/html-tree.js';
import { getPageMetadata } from '../../../lambdas/core/page-metadata.js';

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
