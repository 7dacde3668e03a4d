// Issue 7 through the `ingest` command: the hostile-input catalogue and awkward file names
// written to a folder and ingested in one run on the embedded stack. Every file gets an outcome
// (the exit code is 0: rejected is an outcome), a rejected file's line carries its reason, and
// the records kept in the state folder carry the expected codes.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from '../../bin/commands/ingest.js';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import { startLocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import type { SourceRecord } from '../../lambdas/dedup/types.js';
import { runCommand } from '../cli/run-command.js';
import { articleText, badInputs } from './inputs.js';
import type { BadInput } from './inputs.js';

/**
 * File names a person may well have on disk: spaces, `+`, Unicode, a long name. The long one
 * stays at 204 bytes: s3rver, the embedded stack's S3, stores an object as files named
 * `<name>._S3rver_metadata.json`, so names over 232 bytes fail there (ENAMETOOLONG) though S3 takes them.
 */
const AWKWARD_NAMES = ['a page (1).txt', 'a+b=c.txt', 'caf\u00e9-\u65e5\u672c\u8a9e-\u0639\u0631\u0628\u064a-\ud83d\ude00.txt', `${'n'.repeat(200)}.txt`, '100%.txt', '-starts-with-dash.txt'];

describe('hostile inputs through `scrape-dedup ingest`', () => {
  let root: string;
  let state: string;
  let code: number;
  let lines: IngestJsonLine[];
  const inputs = badInputs();
  const records = new Map<string, SourceRecord | undefined>();
  /** The folder name `ingest` keys files by (the argument's own name, since it is outside the working folder). */
  const FOLDER = 'reliability-inputs';

  beforeAll(async () => {
    // Prepare: one sub-folder per input (one site each, as in the handler test).
    root = await mkdtemp(join(tmpdir(), 'scrape-dedup-reliability-'));
    state = join(root, 'state');
    const folder = join(root, FOLDER);
    for (const input of inputs) {
      await mkdir(join(folder, 'bad', input.name), { recursive: true });
      await writeFile(join(folder, 'bad', input.name, input.name), input.bytes);
    }
    await mkdir(join(folder, 'names'), { recursive: true });
    for (const [index, name] of AWKWARD_NAMES.entries()) await writeFile(join(folder, 'names', name), articleText(200 + index));

    // Act
    // --include '*': the catalogue has names a scrape folder would not (image.png, random.bin), and every one must get an outcome.
    const output = await runCommand(ingest.run, [folder, '--include', '*', '--state', state, '--json']);
    code = output.code;
    lines = output.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as IngestJsonLine);

    // The records the run left in the state folder (the command has released it).
    const stack = await startLocalStack({ dataDir: state, tableName: 'records', bucket: 'scrapes' });
    try {
      const store = new DynamoStore({ client: stack.dynamo, tableName: stack.tableName });
      for (const input of inputs) {
        const eTag = createHash('md5').update(input.bytes).digest('hex');
        records.set(input.name, await store.getSource('scrapes', `incoming/${FOLDER}/bad/${input.name}/${input.name}`, eTag));
      }
    } finally {
      await stack.close();
    }
  }, 180_000);

  afterAll(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('exits 0 with one line per file and no file failed', () => {
    expect(code).toBe(0);
    expect(lines).toHaveLength(inputs.length + AWKWARD_NAMES.length);
    expect(lines.filter((line) => line.status === 'failed')).toEqual([]);
  });

  it.each(inputs.map((input) => [input.name, input] as const))('%s: the line and the record say what became of it', (_name, input: BadInput) => {
    const line = lines.find((candidate) => candidate.source.endsWith(`/bad/${input.name}/${input.name}`));
    expect(line, `no line for ${input.name}`).toBeDefined();
    const record = records.get(input.name);
    expect(record, `no record for ${input.name}`).toBeDefined();
    if (input.expect.outcome === 'rejected') {
      expect(line!.status).toBe('rejected');
      expect(line!.reason).toBe(record!.reason);
      expect(line!.reason!.length).toBeGreaterThan(15);
      expect(record!.code).toBe(input.expect.code);
    } else {
      expect(['canonical', 'duplicate']).toContain(line!.status);
      expect(line!.canonicalId).toBe(record!.docId);
    }
  });

  it.each(AWKWARD_NAMES.map((name) => [name] as const))('file name %j is ingested as a canonical article', (name) => {
    const line = lines.find((candidate) => candidate.source.endsWith(`/names/${name}`));
    expect(line?.status).toBe('canonical');
  });
});
