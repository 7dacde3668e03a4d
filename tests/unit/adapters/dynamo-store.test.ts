import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  BatchGetItemCommand,
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoStore } from '../../../lambdas/adapters/dynamo-store.js';
import { LeaseBusyError, LeaseLostError } from '../../../lambdas/dedup/errors.js';
import type { IndexLease } from '../../../lambdas/dedup/types.js';

const dynamoMock = mockClient(DynamoDBClient);
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });

let clock = 1_000_000;
function makeStore(overrides = {}): DynamoStore {
  return new DynamoStore({
    client: new DynamoDBClient({ region: 'us-east-1' }),
    tableName: 'records',
    now: () => clock,
    // Waiting advances the fake clock instead of the real one.
    sleep: async (ms) => {
      clock += ms;
    },
    options: overrides,
  });
}

const ids = (...docIds: string[]) => ({ SS: docIds });

beforeEach(() => {
  dynamoMock.reset();
  clock = 1_000_000;
});

describe('Class: DynamoStore', () => {
  describe('Method: lock', () => {
    it('takes the leases in sorted order, registering in the same write, waits out a busy one and returns what the buckets listed', async () => {
      // Prepare: the first attempt on B0 finds it held by a live holder that has not committed
      dynamoMock
        .on(UpdateItemCommand)
        .rejectsOnce(conditionFailed())
        .resolves({ Attributes: { ids: ids('doc-a', 'doc-b') } });
      dynamoMock.on(GetItemCommand).resolves({ Item: { leaseHolder: { S: 'doc-z:1' }, leaseExpires: { N: String(clock + 60_000) } } });
      dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { records: [] } });
      // Act
      const lease = await makeStore().lock(['P:ff', 'B0:ab12', 'B1:34cd'], 'doc-me:1');
      // Assess
      const calls = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
      expect(calls.map((input) => input.Key?.pk?.S)).toEqual(['IDX#B0:ab12', 'IDX#B0:ab12', 'IDX#B1:34cd', 'IDX#P:ff']);
      expect(calls[0]!.UpdateExpression).toContain('ADD #ids :me');
      expect(calls[0]!.ExpressionAttributeValues?.[':me']).toEqual({ SS: ['doc-me'] });
      expect(calls[0]!.ConditionExpression).toContain('#expires < :now');
      expect(calls[0]!.ConditionExpression).toContain('size(#ids) < :cap');
      expect(lease.keys).toEqual(['B0:ab12', 'B1:34cd', 'P:ff']);
      expect(lease.listed).toEqual(['doc-a', 'doc-b']);
      // Its id was in none of the buckets: no earlier attempt can have committed.
      expect(lease.mayHaveCommitted).toBe(false);
    });

    it('takes over a lease whose holder has committed its article, without waiting for it to lapse', async () => {
      dynamoMock.on(UpdateItemCommand).rejectsOnce(conditionFailed()).resolves({ Attributes: { ids: ids('doc-done', 'doc-me') } });
      dynamoMock.on(GetItemCommand).resolves({ Item: { leaseHolder: { S: 'doc-done:7' }, leaseExpires: { N: String(clock + 200_000) } } });
      dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { records: [{ docId: { S: 'doc-done' } }] } });
      const lease = await makeStore().lock(['S:01'], 'doc-me:2');
      const second = dynamoMock.commandCalls(UpdateItemCommand)[1]!.args[0].input;
      expect(second.ConditionExpression).toContain('#holder = :done');
      expect(second.ExpressionAttributeValues?.[':done']).toEqual({ S: 'doc-done:7' });
      expect(lease.listed).toEqual(['doc-done']);
      expect(lease.mayHaveCommitted).toBe(true);
      expect(clock).toBe(1_000_000);
    });

    it('does not register in a bucket the look-up found full', async () => {
      dynamoMock.on(UpdateItemCommand).resolves({ Attributes: {} });
      const lease = await makeStore({ indexMaxEntries: 2 }).lock(['S:01'], 'doc-me:1', undefined, ['S:01']);
      const input = dynamoMock.commandCalls(UpdateItemCommand)[0]!.args[0].input;
      expect(input.UpdateExpression).not.toContain('ADD');
      expect(lease.saturated).toEqual(['S:01']);
      // Unknown whether an earlier attempt registered: the own article must be checked.
      expect(lease.mayHaveCommitted).toBe(true);
    });

    it('gives up after the wait limit and releases what it took, taking its id out again', async () => {
      // Prepare: B0 is free, B1 stays held by a live holder
      dynamoMock.on(UpdateItemCommand, { Key: { pk: { S: 'IDX#B0:aa' }, sk: { S: 'IDX' } } }).resolves({ Attributes: {} });
      dynamoMock.on(UpdateItemCommand, { Key: { pk: { S: 'IDX#B1:bb' }, sk: { S: 'IDX' } } }).rejects(conditionFailed());
      dynamoMock.on(GetItemCommand).resolves({ Item: { leaseHolder: { S: 'other:1' }, leaseExpires: { N: String(clock + 600_000) } } });
      dynamoMock.on(BatchGetItemCommand).resolves({ Responses: { records: [] } });
      // Act
      const attempt = makeStore().lock(['B0:aa', 'B1:bb'], 'me:1', 500);
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(LeaseBusyError);
      const releases = dynamoMock
        .commandCalls(UpdateItemCommand)
        .filter((call) => call.args[0].input.UpdateExpression?.startsWith('REMOVE'))
        .map((call) => [call.args[0].input.Key?.pk?.S, call.args[0].input.UpdateExpression]);
      expect(releases).toEqual([['IDX#B0:aa', 'REMOVE #holder, #expires DELETE #ids :me']]);
    });
  });

  describe('Method: lookUp', () => {
    it('reads the buckets eventually consistent and takes no candidates from a full one', async () => {
      const full = Array.from({ length: 3 }, (_, i) => `doc-${i}`);
      dynamoMock.on(BatchGetItemCommand).resolves({
        Responses: { records: [{ pk: { S: 'IDX#S:01' }, ids: ids('doc-a') }, { pk: { S: 'IDX#L:02' }, ids: ids(...full) }] },
      });
      const found = await makeStore({ indexMaxEntries: 3 }).lookUp(['S:01', 'L:02', 'S:03']);
      expect(found).toEqual({ docIds: ['doc-a'], saturated: ['L:02'] });
      expect(dynamoMock.commandCalls(BatchGetItemCommand)[0]!.args[0].input.RequestItems?.records?.ConsistentRead).toBe(false);
    });
  });

  describe('Method: assertHeld', () => {
    const lease = (expiresAt: number): IndexLease => ({
      holder: 'doc-new:1',
      keys: ['B0:aa', 'B1:bb'],
      listed: [],
      saturated: [],
      lapsedHolders: [],
      expiresAt,
      mayHaveCommitted: false,
    });

    it('lets a commit go ahead while the lease has time left', async () => {
      await expect(makeStore().assertHeld(lease(clock + 300_000))).resolves.toBeUndefined();
      expect(dynamoMock.commandCalls(UpdateItemCommand)).toHaveLength(0);
    });

    it('refuses a commit on a lease too close to expiry, releasing it', async () => {
      dynamoMock.on(UpdateItemCommand).resolves({});
      await expect(makeStore().assertHeld(lease(clock + 1000))).rejects.toBeInstanceOf(LeaseLostError);
      const released = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
      expect(released).toHaveLength(2);
      for (const input of released) expect(input.ConditionExpression).toBe('#holder = :holder');
    });
  });

  describe('Method: putCanonical', () => {
    it('does not commit when the lease check before the article item throws', async () => {
      dynamoMock.on(PutItemCommand).resolves({});
      const doc = { docId: 'doc-2', title: 'T', text: 'Text.', fingerprint: '0123456789abcdef', paragraphFingerprints: ['0123456789abcdef'], sketch: { rateBits: 0, paragraphs: [[1]] }, removed: [], site: 's', firstSeen: '2026-01-01T00:00:00.000Z', source: { bucket: 'b', key: 'k', version: 'v' } };
      await expect(makeStore().putCanonical(doc, () => Promise.reject(new LeaseLostError('S:01')))).rejects.toBeInstanceOf(LeaseLostError);
      expect(dynamoMock.commandCalls(PutItemCommand).map((call) => call.args[0].input.Item?.sk?.S)).toEqual(['BODY#0000']);
    });

    it('splits a large compressed body into chunks, then writes the article item only if new', async () => {
      // Prepare: 2 MB of incompressible text
      dynamoMock.on(PutItemCommand).resolves({});
      let state = 12345;
      const bytes = Uint8Array.from({ length: 1_600_000 }, () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state >>> 24;
      });
      const text = Buffer.from(bytes).toString('base64');
      // Act
      await makeStore({ bodyChunkBytes: 300_000 }).putCanonical({
        docId: 'doc-1',
        title: 'Long',
        text,
        fingerprint: '0123456789abcdef',
        paragraphFingerprints: ['0123456789abcdef'],
        sketch: { rateBits: 0, paragraphs: [[1, 2, 3]] },
        removed: [],
        site: 'example.com',
        firstSeen: '2026-01-01T00:00:00.000Z',
        source: { bucket: 'b', key: 'incoming/long.txt', version: 'v1' },
      });
      // Assess
      const puts = dynamoMock.commandCalls(PutItemCommand).map((call) => call.args[0].input);
      const bodies = puts.filter((input) => input.Item?.sk?.S?.startsWith('BODY#'));
      expect(text.length).toBeGreaterThan(2_000_000);
      expect(bodies.length).toBeGreaterThan(1);
      for (const body of bodies) expect(body.Item?.data?.B?.byteLength).toBeLessThanOrEqual(300_000);
      // The article item last, only if new: it commits the article (verification reads it).
      const meta = puts.at(-1)!;
      expect(meta.Item?.sk?.S).toBe('META');
      expect(meta.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(meta.Item?.bodyChunks?.N).toBe(String(bodies.length));
      expect(meta.Item?.shingles?.B?.byteLength).toBeGreaterThan(0);
      expect(meta.Item?.duplicateCount).toBeUndefined();
    });
  });

  describe('Method: recordParagraphs', () => {
    it('writes the site record once on the version it read, re-reading after a concurrent change', async () => {
      // Prepare: the first conditional write loses to another article of the site
      dynamoMock.on(GetItemCommand).resolves({});
      dynamoMock.on(UpdateItemCommand).rejectsOnce(conditionFailed()).resolves({});
      // Act
      await makeStore().recordParagraphs('doc-1', 'example.com', ['a', 'b', 'a'], ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'aaaaaaaaaaaaaaaa'], '2026-01-01T00:00:00.000Z');
      // Assess
      const calls = dynamoMock.commandCalls(UpdateItemCommand);
      expect(calls).toHaveLength(2);
      expect(calls[0]!.args[0].input.ConditionExpression).toBe('attribute_not_exists(version) OR version = :version');
      expect(calls[0]!.args[0].input.Key).toEqual({ pk: { S: 'SITE#example.com' }, sk: { S: 'PARAS' } });
      expect(dynamoMock.commandCalls(GetItemCommand)).toHaveLength(2);
    });
  });

  describe('Method: siteParagraphCounts', () => {
    it('counts the articles of the site a paragraph was seen in, not the asking article itself', async () => {
      const names = (...hex: string[]) => Uint8Array.from(Buffer.from(hex.join(''), 'hex'));
      dynamoMock.on(GetItemCommand).resolves({
        Item: {
          version: { N: '2' },
          recent: {
            L: [
              { M: { d: { S: 'doc-1' }, p: { B: names('aaaaaaaa', 'bbbbbbbb') } } },
              { M: { d: { S: 'doc-2' }, p: { B: names('aaaaaaaa', 'bbbbbbbb') } } },
              { M: { d: { S: 'doc-3' }, p: { B: names('bbbbbbbb') } } },
            ],
          },
          learned: { B: names('bbbbbbbb') },
        },
      });
      const counts = await makeStore().siteParagraphCounts('example.com', ['aaaaaaaaaaaaaaaa', 'bbbbbbbbbbbbbbbb', 'cccccccccccccccc'], 'doc-1');
      expect(counts.get('aaaaaaaaaaaaaaaa')).toBe(1);
      expect(counts.get('bbbbbbbbbbbbbbbb')).toBe(2);
      expect(counts.has('cccccccccccccccc')).toBe(false);
    });
  });
});
