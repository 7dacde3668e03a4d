// Builds the events AWS would deliver for an upload: an S3 "ObjectCreated:Put" notification,
// wrapped in an SQS message as the stack's queue hands it to the function. The local CLI
// feeds these to the real handler, so the handler's event parsing runs exactly as deployed.
import { createHash, randomUUID } from 'node:crypto';
import type { S3Event, SQSEvent, SQSRecord } from 'aws-lambda';

/** The uploaded object an event describes. */
export interface UploadedObject {
  readonly bucket: string;
  /** The key as stored (not encoded). */
  readonly key: string;
  readonly size: number;
  /** ETag without quotes, as S3 puts it in notifications. */
  readonly eTag?: string;
  /** Set only for versioned buckets (S3 omits the field otherwise). */
  readonly versionId?: string;
}

/** Where the simulated event pretends to come from. */
export interface EventOrigin {
  /** @default 'us-east-1' */
  readonly region?: string;
  /** @default 'arn:aws:sqs:<region>:000000000000:scrape-dedup-local' */
  readonly queueArn?: string;
  /** @default new Date() */
  readonly time?: Date;
}

const DEFAULT_REGION = 'us-east-1';
/** The account id AWS documentation and local emulators use for "no real account". */
const LOCAL_ACCOUNT_ID = '000000000000';

/**
 * Encodes a key as S3 does in event notifications: form URL-encoding of each path segment
 * (space becomes `+`, `+` becomes `%2B`, UTF-8 percent-escapes), with `/` left as is.
 * S3's encoder (Java's URLEncoder) leaves only letters, digits and `.-*_` unescaped.
 *
 * @example
 * encodeS3EventKey('incoming/my page(1)+x.html'); // 'incoming/my+page%281%29%2Bx.html'
 */
export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment)
        .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%20/g, '+'),
    )
    .join('/');
}

/**
 * The S3 notification for one upload, field for field as S3 sends it (event version 2.1).
 *
 * @example
 * const event = s3PutEvent({ bucket: 'scrapes', key: 'incoming/a b.txt', size: 10, eTag: 'abc' });
 * event.Records[0].s3.object.key; // 'incoming/a+b.txt'
 */
export function s3PutEvent(object: UploadedObject, origin: EventOrigin = {}): S3Event {
  const time = origin.time ?? new Date();
  const region = origin.region ?? DEFAULT_REGION;
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: region,
        eventTime: time.toISOString(),
        eventName: 'ObjectCreated:Put',
        userIdentity: { principalId: 'AWS:LOCAL' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: {
          'x-amz-request-id': randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase(),
          'x-amz-id-2': randomUUID(),
        },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'scrape-dedup-incoming',
          bucket: {
            name: object.bucket,
            ownerIdentity: { principalId: 'LOCAL' },
            arn: `arn:aws:s3:::${object.bucket}`,
          },
          object: {
            key: encodeS3EventKey(object.key),
            size: object.size,
            eTag: object.eTag ?? '',
            ...(object.versionId !== undefined ? { versionId: object.versionId } : {}),
            // S3 uses the sequencer to order events of one key; a hex timestamp keeps that property.
            sequencer: time.getTime().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}

/**
 * Wraps an S3 notification in an SQS message, as Lambda's SQS event source delivers it
 * (the body is the notification serialised as JSON).
 *
 * @example
 * const event = sqsEventFor(s3PutEvent(object));
 * JSON.parse(event.Records[0].body).Records[0].eventName; // 'ObjectCreated:Put'
 */
export function sqsEventFor(notification: S3Event, origin: EventOrigin = {}): SQSEvent {
  const time = origin.time ?? new Date();
  const region = origin.region ?? DEFAULT_REGION;
  const body = JSON.stringify(notification);
  const sent = String(time.getTime());
  const record: SQSRecord = {
    messageId: randomUUID(),
    receiptHandle: randomUUID(),
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: sent,
      SenderId: 'AIDAS3NOTIFICATIONS',
      ApproximateFirstReceiveTimestamp: sent,
    },
    messageAttributes: {},
    md5OfBody: createHash('md5').update(body).digest('hex'),
    eventSource: 'aws:sqs',
    eventSourceARN: origin.queueArn ?? `arn:aws:sqs:${region}:${LOCAL_ACCOUNT_ID}:scrape-dedup-local`,
    awsRegion: region,
  };
  return { Records: [record] };
}
