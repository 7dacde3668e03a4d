// HTML through the shared pipeline: <meta charset> honoured, same document shape as text scrapes.
import { describe, expect, it } from 'vitest';
import { cleanScrape } from '../../../../lambdas/core/pipeline.js';

/** Encodes text in a single-byte charset by inverting TextDecoder's table for it. */
function encodeSingleByte(text: string, charset: string): Uint8Array {
  const decoder = new TextDecoder(charset);
  const table = new Map<string, number>();
  for (let byte = 0; byte < 256; byte++) table.set(decoder.decode(new Uint8Array([byte])), byte);
  return new Uint8Array([...text].map((char) => {
    const byte = table.get(char);
    if (byte === undefined) throw new Error(`${char} is not in ${charset}`);
    return byte;
  }));
}

const RUSSIAN = [
  'Переговоры о перемирии возобновились в Женеве в понедельник утром после недельного перерыва.',
  'Дипломаты обсуждали доступ гуманитарных конвоев в осаждённые районы и обмен пленными.',
];

describe('Function: cleanScrape on HTML', () => {
  it('decodes with the charset the page declares in <meta charset>', () => {
    // Prepare: KOI8-R bytes, which are not UTF-8 and which Windows-1252 would turn into Latin letters.
    const html = `<html><head><meta charset="koi8-r"><title>Женева</title></head><body><article><p>${RUSSIAN[0]}</p><p>${RUSSIAN[1]}</p></article></body></html>`;
    // Act
    const document = cleanScrape(encodeSingleByte(html, 'koi8-r'), { key: 'incoming/page.html' });
    // Assess
    expect(document.format).toBe('html');
    expect(document.paragraphs).toEqual(RUSSIAN);
  });

  it('lets the Content-Type charset outrank the meta tag', () => {
    const html = `<html><head><meta charset="iso-8859-5"></head><body><article><p>${RUSSIAN[0]}</p><p>${RUSSIAN[1]}</p></article></body></html>`;
    const document = cleanScrape(encodeSingleByte(html, 'koi8-r'), { contentType: 'text/html; charset=koi8-r' });
    expect(document.paragraphs).toEqual(RUSSIAN);
  });

  it('returns the same document shape as for text, with fingerprints', () => {
    const html = '<!doctype html><html><head><title>Ceasefire talks resume</title></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Ceasefire talks resume</h1><p>Diplomats met in Geneva on Monday to restart the stalled talks on a ceasefire in the north of the country.</p><p>The envoys agreed to meet again next week, after both delegations consult their governments.</p></article></body></html>';
    const document = cleanScrape(new TextEncoder().encode(html), { key: 'page.html' });
    expect(document.title).toBe('Ceasefire talks resume');
    expect(document.paragraphs).toHaveLength(2);
    expect(document.text).toBe(document.paragraphs.join('\n\n'));
    expect(document.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(document.paragraphFingerprints).toHaveLength(2);
  });
});
