// `clean --jobs N` (issue 16): the worker pool yields the same records as one job, in input order,
// reports unreadable files as records, and stops its workers when the caller stops early.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CleanRecord } from '../../bin/clean-file.js';
import { cleanFilesInOrder, FILES_PER_WORKER } from '../../bin/clean-jobs.js';

let folder: string;
let files: string[];

async function collect(sources: Iterable<string> | AsyncIterable<string>, jobs: number): Promise<CleanRecord[]> {
  const records: CleanRecord[] = [];
  for await (const record of cleanFilesInOrder(sources, { jobs })) records.push(record);
  return records;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'clean-jobs-'));
  files = [];
  for (let i = 0; i < 24; i += 1) {
    const file = join(folder, `${String(i).padStart(2, '0')}.txt`);
    // Sizes differ a lot, so workers finish out of order.
    const body = Array.from({ length: 1 + ((i * 7) % 40) }, (_, n) => `Paragraph ${n} of file ${i} says the council met on day ${n} to vote on the bridge.`).join('\n\n');
    await writeFile(file, `Title of file ${i} here\n\n${body}`);
    files.push(file);
  }
  files.splice(5, 0, join(folder, 'missing.txt'));
  const binary = join(folder, 'binary.txt');
  await writeFile(binary, Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0, 7]));
  files.splice(11, 0, binary);
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('Function: cleanFilesInOrder', () => {
  it('gives the same records in input order with 3 worker threads as with one job', async () => {
    const one = await collect(files, 1);
    const three = await collect(files, 3);
    expect(one.map((record) => record.source)).toEqual(files);
    expect(three).toEqual(one);
    expect(one[5]).toMatchObject({ source: join(folder, 'missing.txt'), code: 'unreadable' });
    expect('error' in one[11]!).toBe(true);
    expect(one.filter((record) => 'error' in record)).toHaveLength(2);
  });

  it('cleans a single source in this thread, with the same record', async () => {
    const [alone] = await collect([files[0]!], 4);
    expect(alone).toEqual((await collect([files[0]!], 1))[0]);
    expect(await collect([], 4)).toEqual([]);
  });

  it('reads the sources lazily from an async iterable and can be stopped early', async () => {
    // Far more sources than the pool's window, so reading them all would show.
    const endless = 10 * (2 * FILES_PER_WORKER + 3);
    let read = 0;
    async function* sources(): AsyncIterable<string> {
      for (let i = 0; i < endless; i += 1) {
        read += 1;
        yield files[i % files.length];
      }
    }
    const seen: string[] = [];
    for await (const record of cleanFilesInOrder(sources(), { jobs: 2 })) {
      seen.push(record.source);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(files.slice(0, 3));
    // At most jobs * FILES_PER_WORKER files ahead of the last record yielded.
    expect(read).toBeLessThanOrEqual(3 + 2 * FILES_PER_WORKER);
  });
});
