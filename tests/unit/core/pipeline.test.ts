import { describe, expect, it } from 'vitest';
import { InputRejectedError } from '../../../lambdas/core/errors.js';
import { cleanScrape, cleanText } from '../../../lambdas/core/pipeline.js';
import fc from 'fast-check';
import { getTextSignature, simhash64, simhashOfSignatures, simhashOfWords } from '../../../lambdas/core/simhash.js';

const SCRAPE = [
  'Menu',
  'Search',
  'Council closes the river bridge to cars',
  'By Maria Lopez',
  'The city council voted on Tuesday to close the old river bridge to cars from next spring, ending months of debate.',
  'Engineers told the council that the bridge, built in 1931, could no longer carry heavy traffic without major repairs.',
  'Engineers told the council that the bridge, built in 1931, could no longer carry heavy traffic without major repairs.',
  'Shop owners on both banks fear the closure will cost them customers, and some plan to challenge the decision.',
  '2 comments',
  'Copyright 2025 Riverside Gazette',
].join('\n\n');

function rejectionCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof InputRejectedError) return error.code;
    throw error;
  }
  throw new Error('expected an InputRejectedError');
}

describe('Function: cleanText', () => {
  it('returns the title, the article paragraphs once, and every removal with its reason', () => {
    const document = cleanText(SCRAPE);
    expect(document.format).toBe('text');
    expect(document.title).toBe('Council closes the river bridge to cars');
    expect(document.paragraphs).toHaveLength(3);
    expect(document.text).toBe(document.paragraphs.join('\n\n'));
    expect(document.removed.map((removed) => removed.reason).sort()).toEqual(
      ['byline', 'comment-widget', 'copyright', 'duplicate-paragraph', 'navigation', 'search-prompt', 'title'].sort(),
    );
  });

  it('fingerprints the kept text, and each kept paragraph', () => {
    const document = cleanText(SCRAPE);
    expect(document.fingerprint).toBe(simhash64(document.text));
    expect(document.paragraphFingerprints).toEqual(document.paragraphs.map((paragraph) => simhash64(paragraph)));
  });

  it('gives a document with nothing left the empty fingerprint', () => {
    const document = cleanText('Search\n\n0 comments\n\nShare this article');
    expect(document.paragraphs).toEqual([]);
    expect(document.fingerprint).toBe('0000000000000000');
  });

  it('sends HTML through the extractor and the same classifier', () => {
    const html = `<!doctype html><html><head><title>Bridge closed</title></head><body>
      <article><h1>Bridge closed</h1>
      <p>The city council voted on Tuesday to close the old river bridge to cars from next spring, ending months of debate.</p>
      <p>Engineers told the council that the bridge, built in 1931, could no longer carry heavy traffic without major repairs.</p>
      <p>Share this article</p></article></body></html>`;
    const document = cleanText(html, { key: 'page.html' });
    expect(document.format).toBe('html');
    expect(document.title).toBe('Bridge closed');
    expect(document.paragraphs).toHaveLength(2);
    expect(document.paragraphs.join(' ')).not.toContain('Share this article');
  });
});

describe('Function: cleanScrape', () => {
  it('decodes the bytes and cleans them', () => {
    const document = cleanScrape(new TextEncoder().encode(SCRAPE), { key: 'scrape.txt' });
    expect(document.title).toBe('Council closes the river bridge to cars');
  });

  it('honours the charset of a Content-Type hint for non-UTF-8 bytes', () => {
    // "Ημέρα" is not valid UTF-8 in ISO-8859-7 bytes; the hint says how to read it.
    const greek = new Uint8Array([0xc7, 0xec, 0xdd, 0xf1, 0xe1, 0x0a, 0x0a, ...new TextEncoder().encode('The council met to vote on the future of the bridge today, officials said.')]);
    const document = cleanScrape(greek, { contentType: 'text/plain; charset=iso-8859-7' });
    expect(document.removed.map((removed) => removed.text).concat(document.paragraphs, [document.title]).join(' ')).toContain('Ημέρα');
  });

  it.each([
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])],
    ['empty', new Uint8Array(0)],
    ['empty', new TextEncoder().encode(' \n\t\n ')],
    ['no-article', new TextEncoder().encode('Search\n\n0 comments\n\nCopyright 2025')],
  ])('refuses input with code %s', (code, bytes) => {
    expect(rejectionCode(() => cleanScrape(bytes))).toBe(code);
  });
});

describe('Function: simhashOfWords', () => {
  it('equals simhash64 of the paragraphs joined by blank lines', () => {
    const parts = ['First paragraph of text.', 'Second — “typographic” — one.', '東京都は日本の首都'];
    expect(simhashOfWords(parts.map((part) => getTextSignature(part).wordHashes))).toBe(simhash64(parts.join('\n\n')));
  });
});

describe('Function: simhashOfSignatures', () => {
  it('equals simhash64 of the paragraphs joined, for any split into paragraphs and any shingle size', () => {
    // Paragraphs of 0 to 6 words, so shingles cross one, two or more paragraph boundaries.
    const word = fc.constantFrom('alpha', 'beta', 'Gamma', 'delta', '東', 'ﬁne', 'é', '1931', '—');
    const paragraph = fc.array(word, { maxLength: 6 }).map((words) => words.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 8 }), fc.integer({ min: 1, max: 5 }), (parts, shingleSize) => {
        const signatures = parts.map((part) => getTextSignature(part, { shingleSize }));
        const expected = simhash64(parts.join('\n\n'), { shingleSize });
        expect(simhashOfSignatures(signatures, { shingleSize })).toBe(expected);
        expect(simhashOfWords(signatures.map((signature) => signature.wordHashes), { shingleSize })).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
