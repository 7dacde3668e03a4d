// The local CLI owns its state folder: at start, leases left by a stopped run are rolled forward or cleared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';

let dataDir: string | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** A stopped run that committed its article holding two leases, and one that held a lease without committing. */
async function leaveDeadLeases(stack: LocalStack): Promise<void> {
  const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
  await store.lock(['S:00000001', 'S:00000002'], 'abc123:run-1');
  await store.putCanonical({
    docId: 'abc123',
    title: 'T',
    text: 'Some text of the article.',
    fingerprint: '0123456789abcdef',
    paragraphFingerprints: ['0123456789abcdef'],
    sketch: { rateBits: 0, paragraphs: [[7]] },
    removed: [],
    site: 's',
    firstSeen: '2026-01-01T00:00:00.000Z',
    source: { bucket: 'scrapes', key: 'incoming/a.txt', version: 'v1' },
  });
  await store.lock(['S:00000003'], 'nothing:run-2');
}

describe('Integration: start-up lease cleanup of a local state folder', () => {
  it('keeps the committed article of a stopped holder registered, takes out the id of one that never committed, frees every lease', async () => {
    const stack = await startLocalStack();
    try {
      await leaveDeadLeases(stack);
      const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName, options: { leaseMaxWaitMs: 0 } });
      // Act
      const rolledForward = await Promise.all([
        store.clearDeadLease('S:00000001', 'abc123:run-1'),
        store.clearDeadLease('S:00000002', 'abc123:run-1'),
        store.clearDeadLease('S:00000003', 'nothing:run-2'),
      ]);
      // Assess
      expect(rolledForward).toEqual([true, true, false]);
      expect(await store.query(['S:00000001', 'S:00000002'])).toEqual(['abc123']);
      const lease = await store.lock(['S:00000001', 'S:00000003'], 'new:run-3');
      expect(lease.keys).toHaveLength(2);
      // The dead holder that never committed is gone from its bucket, not only unlisted.
      expect(lease.listed).toEqual(['abc123']);
    } finally {
      await stack.close();
    }
  });

  it('clears them when the CLI opens the state folder again, and says so', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'lease-cleanup-'));
    const first = await startLocalStack({ dataDir });
    await leaveDeadLeases(first);
    await first.close();
    const notices = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Act
    const second = await startLocalStack({ dataDir });
    try {
      // Assess: no lease is left to wait for
      const reopened = new DynamoStore({ client: second.dynamo, tableName: second.tableName, options: { leaseMaxWaitMs: 0 } });
      expect(await reopened.query(['S:00000001', 'S:00000002'])).toEqual(['abc123']);
      const lease = await reopened.lock(['S:00000001', 'S:00000003'], 'new:run-3');
      expect(lease.keys).toHaveLength(2);
      expect(notices).toHaveBeenCalledWith(expect.stringContaining('cleared 3 index lease(s) left by a stopped run'));
    } finally {
      await second.close();
    }
  });
});
