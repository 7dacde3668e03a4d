import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
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

const entry = (docId: string) => ({ M: { d: { S: docId }, f: { S: '0123456789abcdef' }, t: { S: '2026-01-01T00:00:00.000Z' } } });

beforeEach(() => {
  dynamoMock.reset();
  clock = 1_000_000;
});

describe('Class: DynamoStore', () => {
  describe('Method: lock', () => {
    it('takes the leases in sorted order, waits out a busy one and returns the bucket entries', async () => {
      // Prepare: the first attempt on B0 finds it held, the second succeeds
      dynamoMock
        .on(UpdateItemCommand)
        .rejectsOnce(conditionFailed())
        .resolves({ Attributes: { entries: { L: [entry('doc-a'), entry('doc-b')] } } });
      // Act
      const lease = await makeStore().lock(['P:ff', 'B0:ab12', 'B1:34cd'], 'me');
      // Assess
      const calls = dynamoMock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input.Key?.pk?.S);
      expect(calls).toEqual(['IDX#B0:ab12', 'IDX#B0:ab12', 'IDX#B1:34cd', 'IDX#P:ff']);
      expect(lease.keys).toEqual(['B0:ab12', 'B1:34cd', 'P:ff']);
      expect(lease.entries.map((e) => e.docId)).toEqual(['doc-a', 'doc-b']);
      expect(lease.listed.get('P:ff')?.has('doc-a')).toBe(true);
      const condition = dynamoMock.commandCalls(UpdateItemCommand)[0]!.args[0].input.ConditionExpression;
      expect(condition).toContain('#expires < :now');
    });

    it('gives up after the wait limit and releases what it took', async () => {
      // Prepare: B0 is free, B1 stays busy
      dynamoMock.on(UpdateItemCommand, { Key: { pk: { S: 'IDX#B0:aa' }, sk: { S: 'IDX' } } }).resolves({ Attributes: {} });
      dynamoMock.on(UpdateItemCommand, { Key: { pk: { S: 'IDX#B1:bb' }, sk: { S: 'IDX' } } }).rejects(conditionFailed());
      // Act
      const attempt = makeStore().lock(['B0:aa', 'B1:bb'], 'me', 500);
      // Assess
      await expect(attempt).rejects.toBeInstanceOf(LeaseBusyError);
      const releases = dynamoMock
        .commandCalls(UpdateItemCommand)
        .filter((call) => call.args[0].input.UpdateExpression?.startsWith('REMOVE'))
        .map((call) => call.args[0].input.Key?.pk?.S);
      expect(releases).toEqual(['IDX#B0:aa']);
    });
  });

  describe('Method: insert', () => {
    const lease = (expiresAt: number): IndexLease => ({
      holder: 'me',
      keys: ['B0:aa', 'B1:bb', 'P:cc'],
      entries: [],
      listed: new Map([['B1:bb', new Set(['doc-new'])]]),
      saturated: ['P:cc'],
      lapsedHolders: [],
      expiresAt,
    });
    const newEntry = { docId: 'doc-new', fingerprint: '0123456789abcdef', firstSeen: '2026-01-01T00:00:00.000Z' };

    it('appends the entry where it is missing and the bucket is not full, releasing every lease', async () => {
      dynamoMock.on(UpdateItemCommand).resolves({});
      await makeStore().insert(lease(clock + 300_000), newEntry);
      const byKey = new Map(dynamoMock.commandCalls(UpdateItemCommand).map((call) => [call.args[0].input.Key?.pk?.S, call.args[0].input]));
      expect(byKey.get('IDX#B0:aa')?.UpdateExpression).toContain('list_append');
      expect(byKey.get('IDX#B1:bb')?.UpdateExpression).toBe('REMOVE #holder, #expires');
      expect(byKey.get('IDX#P:cc')?.UpdateExpression).toBe('REMOVE #holder, #expires');
      for (const input of byKey.values()) expect(input.ConditionExpression).toBe('#holder = :holder');
    });

    it('refuses to write on a lease too close to expiry', async () => {
      dynamoMock.on(UpdateItemCommand).resolves({});
      await expect(makeStore().insert(lease(clock + 1000), newEntry)).rejects.toBeInstanceOf(LeaseLostError);
      const appends = dynamoMock.commandCalls(UpdateItemCommand).filter((call) => call.args[0].input.UpdateExpression?.includes('list_append'));
      expect(appends).toHaveLength(0);
    });

    it('reports a lease taken over by another holder', async () => {
      dynamoMock.on(UpdateItemCommand).rejects(conditionFailed());
      await expect(makeStore().insert(lease(clock + 300_000), newEntry)).rejects.toBeInstanceOf(LeaseLostError);
    });
  });

  describe('Method: putCanonical', () => {
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
      const [meta, sketch] = puts.slice(-2);
      expect(meta!.Item?.sk?.S).toBe('META');
      expect(meta!.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(meta!.Item?.bodyChunks?.N).toBe(String(bodies.length));
      expect(meta!.Item?.shingles).toBeUndefined();
      // The sketch item last: verification only ever sees a complete article.
      expect(sketch!.Item?.sk?.S).toBe('SKETCH');
      expect(sketch!.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(sketch!.Item?.shingles?.B?.byteLength).toBeGreaterThan(0);
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
