// The local CLI owns its state folder: at start, leases left by a stopped run are rolled forward or cleared.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startLocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';

let dataDir: string | undefined;

afterEach(async () => {
  vi.restoreAllMocks();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('Integration: start-up lease cleanup of a local state folder', () => {
  it('registers the article of a stopped holder, clears a lease without one, and says so', async () => {
    // Prepare: a run that wrote its article and stopped while holding two leases, another that held one
    dataDir = await mkdtemp(join(tmpdir(), 'lease-cleanup-'));
    const first = await startLocalStack({ dataDir });
    const store = new DynamoStore({ client: first.dynamo, tableName: first.tableName });
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
    await store.lock(['S:00000001', 'S:00000002'], 'abc123:run-1');
    await store.lock(['S:00000003'], 'nothing:run-2');
    await first.close();
    const notices = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // Act
    const second = await startLocalStack({ dataDir });
    try {
      // Assess
      const reopened = new DynamoStore({ client: second.dynamo, tableName: second.tableName, options: { leaseMaxWaitMs: 0 } });
      expect((await reopened.query(['S:00000001', 'S:00000002'])).map((entry) => entry.docId)).toEqual(['abc123']);
      expect(await reopened.query(['S:00000003'])).toEqual([]);
      const lease = await reopened.lock(['S:00000001', 'S:00000003'], 'new:run-3');
      expect(lease.keys).toHaveLength(2);
      expect(notices).toHaveBeenCalledWith(expect.stringContaining('cleared 3 index lease(s) left by a stopped run (2 rolled forward'));
    } finally {
      await second.close();
    }
  });
});
