// Builders of the events the handler receives (S3 notifications, direct or inside SQS messages)
// and of small cleaned documents, for unit and integration tests.
import type { S3Event, SQSEvent } from 'aws-lambda';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import type { UploadedObject } from '../../bin/local/s3-event.js';
import { simhash64 } from '../../lambdas/core/simhash.js';
import type { CleanDocument } from '../../lambdas/core/types.js';

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
