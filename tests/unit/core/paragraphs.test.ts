import { describe, expect, it } from 'vitest';
import { isHardWrapped, splitParagraphs } from '../../../lambdas/core/paragraphs.js';

describe('Function: splitParagraphs', () => {
  it('splits on blank lines and on single lines inside a block', () => {
    const text = 'Headline here\n\nFirst paragraph of the article.\nPhoto: Jane Doe/AFP\n\n\n\nSecond paragraph.';
    expect(splitParagraphs(text)).toEqual(['Headline here', 'First paragraph of the article.', 'Photo: Jane Doe/AFP', 'Second paragraph.']);
  });

  it('handles CRLF, CR and Unicode separators, trims and drops blank lines', () => {
    expect(splitParagraphs('  One \r\n\r\nTwo\rThree\u2029Four\n \n\t\n')).toEqual(['One', 'Two', 'Three', 'Four']);
  });

  it('joins hard-wrapped prose into one paragraph', () => {
    const wrapped = [
      'The ministers met on Monday in a hotel by the lake and spoke for',
      'more than six hours about the ceasefire, the aid convoys and the',
      'prisoners, aides said after the meeting ended late at night.',
    ].join('\n');
    expect(splitParagraphs(`${wrapped}\n\nNext paragraph.`)).toEqual([wrapped.replace(/\n/g, ' '), 'Next paragraph.']);
  });

  it('returns nothing for blank text', () => {
    expect(splitParagraphs(' \n\n\t ')).toEqual([]);
  });
});

describe('Function: isHardWrapped', () => {
  it('does not join a caption printed twice above its credit', () => {
    const block = [
      'Thousands of people queue for bread in the old town of the city',
      'Thousands of people queue for bread in the old town of the city',
      'Jane Doe, AFP/File',
    ];
    expect(isHardWrapped(block)).toBe(false);
  });

  it('does not join long single-line paragraphs', () => {
    const long = 'A paragraph saved on one line by the scraper, longer than any wrapping width would allow it to be.';
    expect(isHardWrapped([`${long} ${long}`, 'and a short continuation'])).toBe(false);
  });

  it('needs at least two lines', () => {
    expect(isHardWrapped(['only one line that is quite long, about sixty characters'])).toBe(false);
  });
});
