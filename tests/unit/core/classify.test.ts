import { describe, expect, it } from 'vitest';
import {
  REMOVAL_REASONS,
  classifyParagraphs,
  getWordCount,
  isByline,
  isCaption,
  isDateline,
  isDonationAppeal,
  isPhotoCredit,
} from '../../../lambdas/core/classify.js';
import { DEFAULT_CLEAN_OPTIONS } from '../../../lambdas/core/settings.js';

const O = DEFAULT_CLEAN_OPTIONS;

/** Article paragraphs written for these tests: long enough to be prose. */
const BODY = [
  'The city council voted on Tuesday to close the old river bridge to cars from next spring, ending months of debate.',
  'Engineers told the council that the bridge, built in 1931, could no longer carry heavy traffic without major repairs.',
  '“We cannot keep patching it every winter,” the mayor said after the vote, adding that buses would be rerouted.',
  'Shop owners on both banks fear the closure will cost them customers, and some plan to challenge the decision in court.',
];

/** Reason given to `text` when it sits among body paragraphs (after the second one). */
function reasonInBody(text: string): string | undefined {
  const paragraphs = ['Council closes the river bridge to cars', BODY[0]!, BODY[1]!, text, BODY[2]!, BODY[3]!];
  return classifyParagraphs(paragraphs, { format: 'text' }).removed.find((r) => r.text === text)?.reason;
}

describe('Function: classifyParagraphs', () => {
  it('keeps body paragraphs and picks the headline as title', () => {
    const result = classifyParagraphs(['Council closes the river bridge to cars', ...BODY], { format: 'text' });
    expect(result.title).toBe('Council closes the river bridge to cars');
    expect(result.kept).toEqual(BODY);
    expect(result.removed).toEqual([{ text: 'Council closes the river bridge to cars', reason: REMOVAL_REASONS.title }]);
  });

  it('uses the title from the context and removes its repeats', () => {
    const result = classifyParagraphs(['Bridge closed', ...BODY, 'BRIDGE CLOSED'], { format: 'html', title: 'Bridge closed' });
    expect(result.title).toBe('Bridge closed');
    expect(result.kept).toEqual(BODY);
    expect(result.removed.map((r) => r.reason)).toEqual(['title', 'title']);
  });

  it('removes a second headline that differs from the title in one word, but not a short look-alike', () => {
    // Prepare: the headline printed twice, the first copy with a stray character (seed 001 edited).
    const edited = ['xCouncil closes the river bridge to cars', 'Council closes the river bridge to cars', ...BODY];
    const twoWordsOff = ['Council closes the river bridge to cars', 'Council opens the river bridge to bikes', ...BODY];
    const shortTitle = ['Bridge closed today', 'Bridge opened today', ...BODY];
    // Act
    const [a, b, c] = [edited, twoWordsOff, shortTitle].map((p) => classifyParagraphs(p, { format: 'text' }));
    // Assess
    expect(a!.kept).toEqual(BODY);
    expect(a!.removed.map((r) => r.reason)).toEqual(['title', 'title']);
    expect(b!.kept[0]).toBe('Council opens the river bridge to bikes');
    expect(c!.title).toBe('Bridge closed today');
    expect(c!.removed.filter((r) => r.reason === 'title').map((r) => r.text)).toEqual(['Bridge closed today']);
  });

  it.each([
    ['Share this article', REMOVAL_REASONS.sharePrompt],
    ['Facebook Twitter WhatsApp Email', REMOVAL_REASONS.sharePrompt],
    ['Sign up for our daily newsletter and get the top stories delivered to your inbox', REMOVAL_REASONS.newsletter],
    ['We use cookies to improve your experience. Accept all cookies', REMOVAL_REASONS.cookiePrompt],
    ['Already have an account? Sign in here', REMOVAL_REASONS.loginPrompt],
    ['Read more: Why the city keeps fixing old bridges', REMOVAL_REASONS.teaser],
    ['Photo: Jane Doe/Reuters', REMOVAL_REASONS.photoCredit],
    ['The mayor (left) speaks to engineers on the bridge on Monday. Photograph: John Roe/Getty Images', REMOVAL_REASONS.caption],
    ['•••', REMOVAL_REASONS.noWords],
    ['© 2024 Riverside Gazette. All rights reserved.', REMOVAL_REASONS.copyright],
    ['Advertisement', REMOVAL_REASONS.advertisement],
    ['Image caption: Cars queue on the bridge at dawn. (Jane Doe)', REMOVAL_REASONS.caption],
    ['Share this article: Facebook | WhatsApp | Email | Copy link', REMOVAL_REASONS.sharePrompt],
    ['Search the Gazette', REMOVAL_REASONS.searchPrompt],
    ['Support independent local journalism. Become a member from £3 a month.', REMOVAL_REASONS.donationAppeal],
  ])('removes %j from the middle of an article', (text, reason) => {
    expect(reasonInBody(text)).toBe(reason);
  });

  it('keeps body sentences that merely mention widget words', () => {
    for (const text of [
      'Residents who registered to speak at the meeting waited for hours, and many left before their turn came.',
      'Comments from the public were mostly hostile, according to the minutes published by the council on Wednesday.',
      'The donation of the land in 1929 allowed the city to build the bridge, records show.',
    ]) {
      expect(reasonInBody(text)).toBeUndefined();
    }
  });

  it('removes short lines before the body as navigation and keeps a standfirst', () => {
    const result = classifyParagraphs(
      ['News', 'Local', 'Council closes the river bridge to cars', 'Repairs would cost more than a new crossing, engineers say.', ...BODY],
      { format: 'text' },
    );
    expect(result.removed.filter((r) => r.reason === REMOVAL_REASONS.navigation).map((r) => r.text)).toEqual(['News', 'Local']);
    expect(result.kept[0]).toBe('Repairs would cost more than a new crossing, engineers say.');
  });

  it('removes a breadcrumb that ends with the headline, and takes the headline as title', () => {
    const result = classifyParagraphs(['Home City Council closes the river bridge to cars', 'Council closes the river bridge to cars', ...BODY], { format: 'text' });
    expect(result.title).toBe('Council closes the river bridge to cars');
    expect(result.removed[0]).toEqual({ text: 'Home City Council closes the river bridge to cars', reason: REMOVAL_REASONS.breadcrumb });
  });

  it('removes menu rows and skips a masthead in capitals when picking the title', () => {
    const result = classifyParagraphs(
      ['RIVERSIDE GAZETTE', 'Home | News | Sport | Weather | Letters', 'Menu   Top stories   Video   Podcasts', 'Council closes the river bridge to cars', ...BODY],
      { format: 'text' },
    );
    expect(result.title).toBe('Council closes the river bridge to cars');
    expect(result.kept).toEqual(BODY);
    expect(result.removed.map((r) => r.reason)).toEqual(['navigation', 'navigation', 'navigation', 'title']);
  });

  it('removes a byline that carries its source and date after separators', () => {
    const byline = 'By Gazette staff | Syndicated by Coastal News | 15 Nov 2024, 07:02';
    expect(classifyParagraphs(['Council closes the river bridge to cars', byline, ...BODY], { format: 'text' }).removed[1]).toEqual({ text: byline, reason: 'byline' });
  });

  it('removes a separator breadcrumb trail', () => {
    expect(classifyParagraphs(['Home › News › Local', ...BODY], { format: 'text' }).removed[0]?.reason).toBe(REMOVAL_REASONS.breadcrumb);
  });

  it('removes a byline name next to a date line', () => {
    const result = classifyParagraphs(['Council closes the river bridge to cars', 'Maria Lopez', 'Tuesday 4 March 2025 18:05 CET', ...BODY], { format: 'text' });
    expect(result.removed.map((r) => r.reason)).toEqual(['title', 'byline', 'dateline']);
    expect(result.kept).toEqual(BODY);
  });

  it('removes captions above a credit line, including a truncated copy', () => {
    const result = classifyParagraphs(
      [
        BODY[0]!,
        'Cars queue on the river bridge during the morning rush in a photo taken...',
        'Cars queue on the river bridge during the morning rush in a photo taken last year',
        'Jane Doe, Reuters/File',
        ...BODY.slice(1),
      ],
      { format: 'text' },
    );
    expect(result.kept).toEqual(BODY);
    expect(result.removed.map((r) => r.reason)).toEqual(['caption', 'caption', 'photo-credit']);
  });

  it('cuts reader comments after a comment header that follows the article', () => {
    const comment = 'I cross that bridge every day and I think the council is making a terrible mistake here, honestly.';
    const result = classifyParagraphs([...BODY, 'Related stories', '3 comments', 'Sam P. March 4, 2025 - 9:12 am', comment, 'Reply'], { format: 'text' });
    expect(result.kept).toEqual(BODY);
    expect(result.removed.map((r) => r.reason)).toEqual(['related-links', 'comment-widget', 'reader-comment', 'reader-comment', 'comment-widget']);
  });

  it('does not cut the article at a related-links box near its top', () => {
    const result = classifyParagraphs([BODY[0]!, 'Related stories', ...BODY.slice(1)], { format: 'text' });
    expect(result.kept).toEqual(BODY);
    expect(result.removed).toEqual([{ text: 'Related stories', reason: 'related-links' }]);
  });

  it('removes a donation appeal, including an un-cued paragraph inside it', () => {
    const appeal = [
      'Your support keeps our reporting going',
      'From city hall to the river banks, our reporters are there when the story breaks, asking the questions that matter.',
      'Our journalism is free to everyone, with no paywall, and is paid for by readers who can afford it. Please donate today.',
    ];
    const result = classifyParagraphs(['Council closes the river bridge to cars', ...appeal, ...BODY], { format: 'text' });
    expect(result.kept).toEqual(BODY);
    expect(result.removed.filter((r) => r.reason === 'donation-appeal')).toHaveLength(3);
  });

  it('returns every paragraph exactly once, kept or removed', () => {
    const input = ['Menu', 'Council closes the river bridge to cars', ...BODY, 'Comments', 'Copyright 2025'];
    const result = classifyParagraphs(input, { format: 'text' });
    expect(result.kept.length + result.removed.length).toBe(input.length);
  });

  it('handles an empty list', () => {
    expect(classifyParagraphs([], { format: 'text' })).toEqual({ kept: [], keptIndexes: [], removed: [], title: '' });
  });
});

describe('Predicates', () => {
  it('isPhotoCredit: name and agency, or an explicit credit prefix', () => {
    for (const credit of ['Jane Doe, AFP/File', 'John Roe—Reuters', ', Ministry of Defence/AP/File', 'Image credit: NASA', '(Photo by Sam Lee/Getty Images)']) {
      expect(isPhotoCredit(credit, O)).toBe(true);
    }
    for (const other of ['Reuters reported the deal on Friday.', 'The pool was closed', 'Jane Doe and John Roe']) {
      expect(isPhotoCredit(other, O)).toBe(false);
    }
  });

  it('isCaption: position markers or a trailing credit', () => {
    expect(isCaption('The mayor (R) greets engineers on the bridge on March 3, 2025.', O)).toBe(true);
    expect(isCaption('Flood water under the bridge on Sunday. / AFP PHOTO / JANE DOE', O)).toBe(true);
    expect(isCaption('The mayor greets engineers on the bridge on March 3, 2025.', O)).toBe(false);
  });

  it('isDateline: only date and time words, with a real date', () => {
    for (const line of ['Monday 13 January 2014 22:17 GMT', '13th, January 2014', 'Updated: 2025-03-04 09:12', 'Published on 04/03/2025 at 9.12 am']) {
      expect(isDateline(line, O)).toBe(true);
    }
    for (const line of ['May the best team win', 'Talks resume on 13 January', '2014']) {
      expect(isDateline(line, O)).toBe(false);
    }
  });

  it('isByline: "By ..." lines and bare wire-agency names', () => {
    expect(isByline('By Maria Lopez and Sam Lee', O)).toBe(true);
    expect(isByline('AFP', O)).toBe(true);
    expect(isByline('by AFP', O)).toBe(true);
    expect(isByline('By the end of the year the bridge will be closed.', O)).toBe(false);
  });

  it('isDonationAppeal: needs the reader or publication voice', () => {
    expect(isDonationAppeal('Your support makes all the difference.', 6, O)).toBe(true);
    expect(isDonationAppeal('The charity said donations rose by a third last year, with subscriptions up too.', 14, O)).toBe(false);
  });

  it('getWordCount: counts words, and CJK characters as half words', () => {
    expect(getWordCount('three little words')).toBe(3);
    expect(getWordCount('東京都は日本の首都')).toBe(1 + 4);
  });
});

describe('Chrome of other languages and structure-aware rules (issue 12)', () => {
  /** German article paragraphs written for these tests. */
  const KÖRPER = [
    'Der Gemeinderat hat am Dienstag beschlossen, die alte Flussbrücke ab dem nächsten Frühjahr für Autos zu sperren.',
    'Die Ingenieure erklärten, dass die 1931 gebaute Brücke den schweren Verkehr ohne große Reparaturen nicht mehr tragen könne.',
    'Geschäftsleute auf beiden Ufern fürchten, dass die Sperrung sie Kunden kosten wird, und einige wollen dagegen klagen.',
  ];
  const reasonAmongGerman = (text: string): string | undefined =>
    classifyParagraphs([KÖRPER[0]!, text, KÖRPER[1]!, KÖRPER[2]!], { format: 'html', blockTags: ['p', 'p', 'p', 'p'] }).removed.find((r) => r.text === text)?.reason;

  it('removes reader prompts, disclaimers, tag lists, date labels and server notices in several languages', () => {
    expect(reasonAmongGerman('Verraten Sie gerne in den Kommentaren: Was halten Sie von der Sperrung?')).toBe(REMOVAL_REASONS.readerPrompt);
    expect(reasonAmongGerman('Dieses Skript als PDF herunterladen')).toBe(REMOVAL_REASONS.readerPrompt);
    expect(reasonInBody('Let us know in the comments what you think of the closure.')).toBe(REMOVAL_REASONS.readerPrompt);
    expect(reasonAmongGerman('(Alle Angaben ohne Gewähr)')).toBe(REMOVAL_REASONS.disclaimer);
    expect(reasonAmongGerman('Themen: Verkehr, Brücken, Gemeinderat')).toBe(REMOVAL_REASONS.tagList);
    expect(reasonInBody('Tags: bridges, traffic, city council')).toBe(REMOVAL_REASONS.tagList);
    expect(reasonInBody('Release Date:')).toBe(REMOVAL_REASONS.dateline);
    expect(reasonAmongGerman('Veröffentlichung: 2. Februar 2022')).toBe(REMOVAL_REASONS.dateline);
    expect(reasonInBody('Warning: Creating default object from empty value in /www/htdocs/wp-includes/classes.php on line 407')).toBe(
      REMOVAL_REASONS.serverError,
    );
  });

  it('keeps sentences that only share words with those rules', () => {
    // Longer than a widget line, or the label is not followed by a colon and a list.
    expect(
      reasonAmongGerman('In den Kommentaren unter dem Video stritten die Fans zwei Tage lang über den Schiedsrichter, seine Entscheidungen in der Nachspielzeit und die Folgen für die Tabelle.'),
    ).toBeUndefined();
    expect(reasonAmongGerman('Themen der Sitzung waren der Haushalt, die Schulen und der Verkehr.')).toBeUndefined();
    expect(reasonInBody('Warning: the bridge will close on line 4 of the timetable.')).toBeUndefined();
    expect(reasonInBody('Published')).not.toBe(REMOVAL_REASONS.dateline);
  });

  it('isDonationAppeal: appeals in the reader’s voice of other languages, not a report of someone’s support', () => {
    expect(isDonationAppeal('Um unabhängig zu bleiben, brauchen wir deine Unterstützung.', 8, O)).toBe(true);
    expect(isDonationAppeal('Soutenez-nous : chaque don compte.', 5, O)).toBe(true);
    expect(isDonationAppeal('Die Ministerin sagte der Stadt ihre Unterstützung zu.', 8, O)).toBe(false);
  });

  it('keeps a label that opens the content below it in an HTML page, not in a text scrape', () => {
    const paragraphs = ['Belag:', 'Die Butter schmelzen und mit dem Zucker verrühren, bis eine glatte und glänzende Masse entsteht.'];
    expect(classifyParagraphs(paragraphs, { format: 'html', blockTags: ['p', 'p'] }).kept).toEqual(paragraphs);
    expect(classifyParagraphs(paragraphs, { format: 'text' }).removed.map((r) => r.reason)).toEqual([REMOVAL_REASONS.navigation]);
  });

  it('keeps the short lines of a fragmented HTML page (specs after one intro sentence), not a short fringe of menu entries', () => {
    const intro = 'Hier finden Sie die technischen Daten des Messgeräts für Drehstromnetze.';
    const specs = ['0,5s Genauigkeitsklasse', 'Nennspannung: 380 VAC', 'Nennstrom: 5 A', 'Frequenz: 50 Hz', 'Schutzart: IP54', 'Gewicht: 1,2 kg'];
    const tags = ['p', ...specs.map(() => 'p')];
    expect(classifyParagraphs([intro, ...specs], { format: 'html', blockTags: tags }).kept).toEqual([intro, ...specs]);
    const fringe = ['Impressum', 'Kontakt'];
    expect(classifyParagraphs([intro, ...fringe], { format: 'html', blockTags: ['p', 'p', 'p'] }).kept).toEqual([intro]);
  });
});
