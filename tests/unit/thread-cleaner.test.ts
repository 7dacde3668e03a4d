// The embedded stack's cleaner (issue 16): cleanScrape on a worker thread gives the same
// document as in this thread, and a refused input is the same InputRejectedError.
import { afterAll, describe, expect, it } from 'vitest';
import { createThreadCleaner } from '../../bin/local/thread-cleaner.js';
import { InputRejectedError } from '../../lambdas/core/errors.js';
import { cleanScrape } from '../../lambdas/core/pipeline.js';

const ARTICLE = [
  'Night buses return to the northern suburbs',
  'Night buses will run again to the northern suburbs from next month, two years after the routes were cut.',
  'The three routes will run hourly between midnight and five, according to a timetable published on Tuesday.',
  '2 comments',
].join('\n\n');

const cleaner = createThreadCleaner();
afterAll(() => cleaner.close());

describe('Function: createThreadCleaner', () => {
  it('cleans on the worker exactly as cleanScrape does here, documents answered to their own caller', async () => {
    const bytes = new TextEncoder().encode(ARTICLE);
    const page = new TextEncoder().encode(`<html lang="de"><head><title>Fahrplan</title></head><body><article><h1>Fahrplan</h1><p>${'Die Nachtbusse fahren ab dem nächsten Monat wieder in die nördlichen Vororte. '.repeat(3)}</p></article></body></html>`);
    const [text, html] = await Promise.all([cleaner.clean(bytes, { key: 'a.txt' }), cleaner.clean(page, { key: 'b.html', contentType: 'text/html' })]);
    expect(text).toEqual(cleanScrape(bytes, { key: 'a.txt' }));
    expect(html).toEqual(cleanScrape(page, { key: 'b.html', contentType: 'text/html' }));
    expect(text.removed.map((paragraph) => paragraph.reason)).toContain('comment-widget');
  });

  it('throws a refusal as the same InputRejectedError (code and message)', async () => {
    const binary = Uint8Array.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]);
    let here: unknown;
    try {
      cleanScrape(binary, { key: 'x.txt' });
    } catch (error) {
      here = error;
    }
    const there = await cleaner.clean(binary, { key: 'x.txt' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(here).toBeInstanceOf(InputRejectedError);
    expect(there).toBeInstanceOf(InputRejectedError);
    expect(there).toMatchObject({ code: (here as InputRejectedError).code, message: (here as InputRejectedError).message });
  });
});

describe('Function: createThreadCleaner, ready', () => {
  it('starts the worker before the first document and still cleans as cleanScrape does', async () => {
    const early = createThreadCleaner();
    try {
      await early.ready();
      await early.ready();
      const bytes = new TextEncoder().encode(ARTICLE);
      expect(await early.clean(bytes, { key: 'a.txt' })).toEqual(cleanScrape(bytes, { key: 'a.txt' }));
    } finally {
      await early.close();
    }
  });
});

describe('Function: createThreadCleaner, ready after close', () => {
  it('starts a new worker when asked again after close', async () => {
    const again = createThreadCleaner();
    try {
      await again.ready();
      await again.close();
      await again.ready();
      const bytes = new TextEncoder().encode(ARTICLE);
      expect(await again.clean(bytes, { key: 'a.txt' })).toEqual(cleanScrape(bytes, { key: 'a.txt' }));
    } finally {
      await again.close();
    }
  });
});
