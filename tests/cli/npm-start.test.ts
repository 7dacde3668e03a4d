// The newcomer path: `npm start` (as the README says) runs the pipeline on the examples and
// every example gets its expected outcome. The state goes to a temporary folder through
// SCRAPE_DEDUP_STATE, so the test never writes into the repository.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import { EXPECTED_EXAMPLES, expectExampleOutcomes } from './expected-examples.js';
import { jsonLines, spawnCommand } from './run-command.js';

// Each test spawns npm, node and tsx (a cold compile in a fresh clone): allow more than the default.
const SPAWN_TIMEOUT_MS = 180_000;

describe('npm start', () => {
  let state: string;
  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'scrape-dedup-npm-start-'));
  });
  afterAll(() => rm(state, { recursive: true, force: true }));

  it('passes --json through and gives every example its expected outcome', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    // Act
    const { code, stdout, stderr } = await spawnCommand('npm', ['start', '--', '--json'], { SCRAPE_DEDUP_STATE: state });
    // Assess
    expect(code, stderr).toBe(0);
    const lines = jsonLines<IngestJsonLine>(stdout);
    expect(lines.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED_EXAMPLES).length);
    expectExampleOutcomes(lines);
  });

  it('prints the table on a second run, everything unchanged, in the same state folder', { timeout: SPAWN_TIMEOUT_MS }, async () => {
    const { code, stdout, stderr } = await spawnCommand('npm', ['start'], { SCRAPE_DEDUP_STATE: state });
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/^file\s+outcome\s+chars kept\s+stripped/m);
    expect(stdout).toMatch(/(\d+) files: 0 canonical, 0 duplicate, \1 unchanged, 0 rejected/);
    expect(stdout).toContain(`Records are kept in ${state}`);
  });
});
