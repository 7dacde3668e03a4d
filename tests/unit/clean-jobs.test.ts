// `clean --jobs N` (issue 16): the worker pool yields the same outputs as one job, in input order,
// reports unreadable files as records, and stops its workers when the caller stops early.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanFilesInOrder, FILES_PER_WORKER } from '../../bin/clean-jobs.js';
import type { CleanFormat, CleanOutput } from '../../bin/clean-output.js';

let folder: string;
let files: string[];

async function collect(paths: readonly string[], jobs: number, format: CleanFormat = 'json'): Promise<CleanOutput[]> {
  const outputs: CleanOutput[] = [];
  const sources = paths.map((path) => ({ path, shown: path }));
  for await (const output of cleanFilesInOrder(sources, { jobs, format })) outputs.push({ ...output, text: textOf(output) });
  return outputs;
}

/** The text of an output (bytes from a worker, a string from this thread). */
function textOf(output: CleanOutput): string {
  return typeof output.text === 'string' ? output.text : Buffer.from(output.text).toString('utf8');
}

/** The records of JSON outputs. */
function records(outputs: readonly CleanOutput[]): Array<Record<string, unknown>> {
  return outputs.map((output) => JSON.parse(textOf(output)) as Record<string, unknown>);
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
  it('gives the same outputs in input order with 3 jobs (this thread and 2 workers) as with one', async () => {
    const one = await collect(files, 1);
    const three = await collect(files, 3);
    expect(one.map((output) => output.source)).toEqual(files);
    expect(three).toEqual(one);
    expect(records(one).map((record) => record.source)).toEqual(files);
    expect(records(one)[5]).toMatchObject({ source: join(folder, 'missing.txt'), code: 'unreadable' });
    expect(one[11]!.error).toMatch(/binary/);
    expect(one.filter((output) => output.error !== undefined)).toHaveLength(2);
    expect(records(one)[0]!.title).toBe('Title of file 0 here');
  });

  it('renders plain text in the workers as in one job; a refused file prints nothing and keeps its reason', async () => {
    const one = await collect(files, 1, 'plain');
    expect(await collect(files, 2, 'plain')).toEqual(one);
    expect(textOf(one[0]!).startsWith('Title of file 0 here\n====')).toBe(true);
    expect(one[5]).toEqual({ source: join(folder, 'missing.txt'), text: '', error: expect.stringMatching(/^cannot read: no such file/) });
  });

  it('shows each file under the name it was given', async () => {
    const [output] = await collect([files[0]!], 1);
    const shown: CleanOutput[] = [];
    for await (const named of cleanFilesInOrder([{ path: files[0]!, shown: '-' }], { jobs: 1, format: 'json' })) shown.push(named);
    expect(shown[0]!.source).toBe('-');
    expect(JSON.parse(textOf(shown[0]!))).toEqual({ ...JSON.parse(textOf(output!)), source: '-' });
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
    async function* sources(): AsyncIterable<{ path: string; shown: string }> {
      for (let i = 0; i < endless; i += 1) {
        read += 1;
        yield { path: files[i % files.length]!, shown: files[i % files.length]! };
      }
    }
    const seen: string[] = [];
    for await (const output of cleanFilesInOrder(sources(), { jobs: 2, format: 'json' })) {
      seen.push(output.source);
      if (seen.length === 3) break;
    }
    expect(seen).toEqual(files.slice(0, 3));
    // At most jobs * FILES_PER_WORKER files ahead of the last record yielded.
    expect(read).toBeLessThanOrEqual(3 + 2 * FILES_PER_WORKER);
  });
});
