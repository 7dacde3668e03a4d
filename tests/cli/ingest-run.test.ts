// The ingest runner against a fake stack: order, concurrency, retries and failures, without servers.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../../bin/local/ingest-run.js';
import type { IngestRunOptions, IngestTarget, ObservedResult } from '../../bin/local/ingest-run.js';
import type { InputFile } from '../../bin/local/input-files.js';
import { parseEvent } from '../../lambdas/handler.js';
import type { SourceRecord } from '../../lambdas/dedup/types.js';

const OPTIONS: IngestRunOptions = { concurrency: 1, maxDeliveries: 3, remoteWaitMs: 50, remotePollMs: 5 };

/**
 * A bucket and store in memory; `deliver` records a canonical outcome unless told to fail.
 * `observe`: the target also reports what the processor returned, as the embedded stack does
 * (a replay when the version is recorded already); `failAfterRecording` deliveries record the
 * outcome and then fail, as a handler that dies after its last write.
 */
function fakeTarget(behaviour: { failDeliveries?: number; deliver?: boolean; observe?: boolean; failAfterRecording?: number } = {}) {
  const records = new Map<string, SourceRecord>();
  const processed = new Map<string, ObservedResult>();
  let sourceReads = 0;
  let failAfterLeft = behaviour.failAfterRecording ?? 0;
  const uploads: string[] = [];
  const events: SQSEvent[] = [];
  let failuresLeft = behaviour.failDeliveries ?? 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const s3 = {
    send: async (command: { input: { Key: string; Body: Uint8Array } }) => {
      uploads.push(command.input.Key);
      return { ETag: `"etag-${Buffer.from(command.input.Body).toString('hex').slice(0, 8)}"` };
    },
  } as unknown as S3Client;
  const target: IngestTarget = {
    s3,
    bucket: 'scrapes',
    incomingPrefix: 'incoming/',
    getSource: async (bucket, key, version) => {
      sourceReads += 1;
      return records.get(`${bucket}/${key}#${version}`);
    },
    ...(behaviour.observe === true
      ? {
          observed: (key: string) => {
            const result = processed.get(key);
            processed.delete(key);
            return result === undefined ? undefined : { result };
          },
        }
      : {}),
    deliver:
      behaviour.deliver === false
        ? undefined
        : async (event): Promise<SQSBatchResponse> => {
            events.push(event);
            inFlight += 1;
            maxInFlight = Math.max(maxInFlight, inFlight);
            await new Promise((resolve) => setTimeout(resolve, 5));
            inFlight -= 1;
            if (failuresLeft > 0) {
              failuresLeft -= 1;
              return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
            }
            const { ref } = parseEvent(event).records[0]!;
            const version = ref.eTag!;
            const id = `${ref.bucket}/${ref.key}#${version}`;
            const before = records.get(id);
            if (before !== undefined) {
              processed.set(ref.key, { version, outcome: before.outcome, docId: before.docId, replay: true });
            } else {
              records.set(id, { bucket: ref.bucket, key: ref.key, version, outcome: 'canonical', docId: `doc-${ref.key}`, processedAt: new Date().toISOString() });
              processed.set(ref.key, { version, outcome: 'canonical', docId: `doc-${ref.key}`, stats: { keptChars: 10, strippedChars: 0, newParagraphs: 1, seenParagraphs: 0 } });
            }
            if (failAfterLeft > 0) {
              failAfterLeft -= 1;
              processed.delete(ref.key);
              return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.messageId }] };
            }
            return { batchItemFailures: [] };
          },
  };
  return { target, records, uploads, events, maxInFlight: () => maxInFlight, sourceReads: () => sourceReads };
}

describe('ingestFiles', () => {
  let root: string;
  let files: InputFile[];
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'scrape-dedup-run-'));
    files = [];
    for (const name of ['a.txt', 'b.txt', 'c.txt', 'd.txt']) {
      await writeFile(join(root, name), `content of ${name}`);
      files.push({ display: name, path: join(root, name), key: `incoming/${name}` });
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('uploads in order, delivers one S3-in-SQS event per file and reads the outcome back', async () => {
    // Prepare
    const fake = fakeTarget();
    // Act
    const results = await ingestFiles(files, fake.target, OPTIONS);
    // Assess
    expect(fake.uploads).toEqual(files.map((f) => f.key));
    expect(fake.events).toHaveLength(4);
    expect(results.map((r) => [r.file.display, r.status, r.canonicalId])).toEqual(
      files.map((f) => [f.display, 'canonical', `doc-${f.key}`]),
    );
  });

  it('reports a version already recorded as unchanged', async () => {
    const fake = fakeTarget();
    await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    const [again] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(again).toMatchObject({ status: 'unchanged', canonicalId: 'doc-incoming/a.txt' });
  });

  it('takes the outcome from a processor it can watch, without reading the record before or after', async () => {
    const fake = fakeTarget({ observe: true });
    const [first] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(first).toMatchObject({ status: 'canonical', docId: 'doc-incoming/a.txt', stats: { keptChars: 10 } });
    const [again] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(again).toMatchObject({ status: 'unchanged', canonicalId: 'doc-incoming/a.txt', reason: 'already processed: canonical' });
    expect(fake.sourceReads()).toBe(0);
    // The same through the table, for a handler it cannot watch: two reads per file.
    const unwatched = fakeTarget();
    await ingestFiles(files.slice(0, 1), unwatched.target, OPTIONS);
    expect(unwatched.sourceReads()).toBe(2);
  });

  it('counts a replay at a later delivery as this run\'s own earlier delivery, not as unchanged', async () => {
    const fake = fakeTarget({ observe: true, failAfterRecording: 1 });
    const [result] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(fake.events).toHaveLength(2);
    expect(result).toMatchObject({ status: 'canonical', docId: 'doc-incoming/a.txt' });
  });

  it('redelivers a failed message like SQS, with a growing receive count', async () => {
    const fake = fakeTarget({ failDeliveries: 2 });
    const [result] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(result!.status).toBe('canonical');
    expect(fake.events.map((e) => e.Records[0]!.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
  });

  it('marks a file failed, never throws, when every delivery fails; the others still run', async () => {
    const fake = fakeTarget({ failDeliveries: 3 });
    const results = await ingestFiles(files.slice(0, 2), fake.target, OPTIONS);
    expect(results[0]).toMatchObject({ status: 'failed' });
    expect(results[0]!.reason).toMatch(/after 3 deliveries/);
    expect(results[1]!.status).toBe('canonical');
  });

  it('marks an unreadable file failed', async () => {
    const fake = fakeTarget();
    const [result] = await ingestFiles([{ display: 'gone.txt', path: join(root, 'gone.txt'), key: 'incoming/gone.txt' }], fake.target, OPTIONS);
    expect(result).toMatchObject({ status: 'failed' });
    expect(result!.reason).toMatch(/ENOENT/);
  });

  it('runs `concurrency` files at once and still returns results in file order', async () => {
    const fake = fakeTarget();
    const finished: number[] = [];
    const results = await ingestFiles(files, fake.target, { ...OPTIONS, concurrency: 3, onResult: (_r, i) => finished.push(i) });
    expect(fake.maxInFlight()).toBe(3);
    expect(results.map((r) => r.file.display)).toEqual(files.map((f) => f.display));
    expect([...finished].sort()).toEqual([0, 1, 2, 3]);
  });

  it('without a handler (deployed stack), waits for the outcome and gives up after the wait', async () => {
    const fake = fakeTarget({ deliver: false });
    const [result] = await ingestFiles(files.slice(0, 1), fake.target, OPTIONS);
    expect(result).toMatchObject({ status: 'failed' });
    expect(result!.reason).toMatch(/no outcome recorded/);
  });
});
