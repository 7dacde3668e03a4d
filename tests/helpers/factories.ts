// Builders of the events the handler receives (S3 notifications, direct or inside SQS messages)
// and of small cleaned documents, for unit and integration tests.
import type { S3Event, SQSEvent } from 'aws-lambda';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import type { UploadedObject } from '../../bin/local/s3-event.js';
import { simhash64 } from '../../lambdas/core/simhash.js';
import type { CleanDocument } from '../../lambdas/core/types.js';
import { seededRandom } from './seeded-random.js';

/** A fixed time, so built events are identical from run to run. */
export const EVENT_TIME = new Date('2026-01-01T00:00:00.000Z');

/**
 * An S3 notification naming the given objects (one record each), keys encoded as S3 does.
 *
 * @example
 * const event = s3Event({ bucket: 'b', key: 'incoming/a b.txt', size: 3, eTag: 'e1' });
 */
export function s3Event(...objects: UploadedObject[]): S3Event {
  return { Records: objects.flatMap((object) => s3PutEvent(object, { time: EVENT_TIME }).Records) };
}

/**
 * An SQS batch: one message per notification, message ids `m-0`, `m-1`, ...
 *
 * @example
 * const batch = sqsEvent(s3Event(a), s3Event(b)); // two messages
 */
export function sqsEvent(...notifications: S3Event[]): SQSEvent {
  return {
    Records: notifications.map((notification, i) => ({
      ...sqsEventFor(notification, { time: EVENT_TIME }).Records[0]!,
      messageId: `m-${i}`,
    })),
  };
}

/** An SQS message whose body is not JSON (a poison message). */
export function sqsPoisonMessage(messageId: string): SQSEvent['Records'][number] {
  const base = sqsEventFor({ Records: [] }, { time: EVENT_TIME }).Records[0]!;
  return { ...base, messageId, body: 'not json' };
}

/**
 * A cleaned document built from paragraphs, fingerprinted with the real simhash.
 *
 * @example
 * const doc = cleanDocument(['First paragraph ...', 'Second ...'], 'Title');
 */
export function cleanDocument(paragraphs: readonly string[], title = 'Title'): CleanDocument {
  const text = paragraphs.join('\n\n');
  return {
    format: 'text',
    title,
    paragraphs,
    text,
    fingerprint: simhash64(text),
    paragraphFingerprints: paragraphs.map((paragraph) => simhash64(paragraph)),
    removed: [],
  };
}

/**
 * A deterministic article of `paragraphCount` distinct paragraphs about `topic`; different
 * topics share no shingles, so their fingerprints are far apart.
 *
 * @example
 * articleParagraphs('harbour', 6); // six paragraphs of about 40 words
 */
export function articleParagraphs(topic: string, paragraphCount: number): string[] {
  const words = (seed: number, count: number): string =>
    Array.from({ length: count }, (_, i) => `${topic}${(seed * 7919 + i * 104729) % 10007}`).join(' ');
  return Array.from({ length: paragraphCount }, (_, p) => `${words(p + 1, 40)}.`);
}

/** Everyday words the prose generator draws from (about 200, so texts read as prose to the cleaner). */
const VOCABULARY = (
  'the council said on monday that its plan for the harbour would go ahead after a long debate ' +
  'residents have asked for more time to study the proposal which includes new homes a school ' +
  'and a park near the old station officials expect work to begin next spring if funding arrives ' +
  'from the regional budget several local businesses welcomed the news while others warned about ' +
  'traffic noise and rising rents in the neighbourhood the mayor promised a public meeting where ' +
  'people could share their views before any final decision is taken by the members later this year ' +
  'engineers will survey the site during the summer to measure flood risk and soil quality teachers ' +
  'parents and shop owners signed an open letter calling for safer streets better buses and cleaner ' +
  'water farmers in the valley reported a dry season with lower harvests than expected prices for ' +
  'bread milk and fuel climbed again according to figures published by the statistics office'
).split(' ');

/**
 * Paragraphs of plausible prose: sentences of 12-20 everyday words, capitalised and ending with
 * a full stop. Different seeds give unrelated articles (distance well above any threshold).
 *
 * @example
 * proseParagraphs(1, 5, 4); // five paragraphs of four sentences
 */
export function proseParagraphs(seed: number, paragraphCount: number, sentencesPerParagraph = 4): string[] {
  const next = seededRandom(seed);
  const sentence = (): string => {
    const length = 12 + Math.floor(next() * 9);
    const words = Array.from({ length }, () => VOCABULARY[Math.floor(next() * VOCABULARY.length)]!);
    return `${words[0]!.charAt(0).toUpperCase()}${words[0]!.slice(1)} ${words.slice(1).join(' ')}.`;
  };
  return Array.from({ length: paragraphCount }, () => Array.from({ length: sentencesPerParagraph }, sentence).join(' '));
}

/**
 * A plain-text scrape: title line, blank line, paragraphs separated by blank lines.
 *
 * @example
 * scrapeText('Harbour plan approved', proseParagraphs(1, 6));
 */
export function scrapeText(title: string, paragraphs: readonly string[]): string {
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}
