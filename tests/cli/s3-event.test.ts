// The events the local CLI builds must be read by the real handler exactly as AWS's are.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeS3EventKey, s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import { decodeS3Key, parseEvent } from '../../lambdas/handler.js';

describe('encodeS3EventKey', () => {
  it('encodes as S3 notifications do: + for space, %2B for +, slashes kept', () => {
    // Prepare / Act / Assess: keys as they appear in real S3 notifications.
    expect(encodeS3EventKey('incoming/my page(1)+x.html')).toBe('incoming/my+page%281%29%2Bx.html');
    expect(encodeS3EventKey('incoming/été/ü.txt')).toBe('incoming/%C3%A9t%C3%A9/%C3%BC.txt');
    expect(encodeS3EventKey("incoming/a!b'c~d*e_f-g.h")).toBe('incoming/a%21b%27c%7Ed*e_f-g.h');
  });

  it('round-trips through the handler decoder for any key', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (name) => {
        const key = `incoming/${name}`;
        expect(decodeS3Key(encodeS3EventKey(key))).toBe(key);
      }),
      { numRuns: 500 },
    );
  });
});

describe('s3PutEvent and sqsEventFor', () => {
  it('build an SQS event whose body the handler parses back to the uploaded object', () => {
    // Prepare
    const object = { bucket: 'scrapes', key: 'incoming/site a/page+1.html', size: 42, eTag: '5d41402abc4b2a76b9719d911017c592' };
    // Act
    const event = sqsEventFor(s3PutEvent(object));
    const { records, badMessages } = parseEvent(event);
    // Assess
    expect(badMessages).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]!.messageId).toBe(event.Records[0]!.messageId);
    expect(records[0]!.ref).toMatchObject({ bucket: 'scrapes', key: object.key, eTag: object.eTag, size: 42 });
    expect(records[0]!.ref.versionId).toBeUndefined();
  });

  it('carries the AWS fields: event name, encoded key, SQS source and an MD5 of the body', async () => {
    const time = new Date('2026-01-02T03:04:05.678Z');
    const notification = s3PutEvent({ bucket: 'b', key: 'incoming/a b.txt', size: 1, eTag: 'e', versionId: 'v1' }, { time });
    const record = notification.Records[0]!;
    expect(record.eventName).toBe('ObjectCreated:Put');
    expect(record.eventTime).toBe('2026-01-02T03:04:05.678Z');
    expect(record.s3.object.key).toBe('incoming/a+b.txt');
    expect(record.s3.object.versionId).toBe('v1');
    const sqs = sqsEventFor(notification, { time }).Records[0]!;
    expect(sqs.eventSource).toBe('aws:sqs');
    expect(sqs.attributes.SentTimestamp).toBe(String(time.getTime()));
    const { createHash } = await import('node:crypto');
    expect(sqs.md5OfBody).toBe(createHash('md5').update(sqs.body).digest('hex'));
    expect(JSON.parse(sqs.body)).toEqual(notification);
  });
});
