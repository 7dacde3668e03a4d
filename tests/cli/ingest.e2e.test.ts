// `ingest`, `list` and `show` end to end on the example scrapes: embedded dynalite and s3rver
// under a temporary state folder, events delivered to the real handler.
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from '../../bin/commands/ingest.js';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import * as list from '../../bin/commands/list.js';
import type { ListJsonLine } from '../../bin/commands/list.js';
import * as show from '../../bin/commands/show.js';
import type { ShowResult } from '../../bin/commands/show.js';
import { EXPECTED_EXAMPLES, expectExampleOutcomes } from './expected-examples.js';
import { jsonLines, runCommand } from './run-command.js';

const EXAMPLES = 'examples/scrapes';
const JSON_FIELDS = ['source', 'record', 'url', 'status', 'docId', 'canonicalId', 'distance', 'reason', 'canonicalSource', 'keptChars', 'strippedChars', 'newParagraphs', 'seenParagraphs', 'learnedChrome'];

describe('ingest, list and show on the examples (one state folder, runs in order)', () => {
  let state: string;
  let scratch: string;
  let first: Map<string, IngestJsonLine>;
  let listedBefore: ListJsonLine[];

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'scrape-dedup-cli-state-'));
    scratch = await mkdtemp(join(tmpdir(), 'scrape-dedup-cli-files-'));
  });
  afterAll(async () => {
    await rm(state, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  it('first run: every example gets its expected outcome, one JSON object per file per line', async () => {
    // Act
    const { code, stdout } = await runCommand(ingest.run, [EXAMPLES, '--state', state, '--json']);
    // Assess
    expect(code).toBe(0);
    const lines = jsonLines<IngestJsonLine>(stdout);
    expect(lines.length).toBeGreaterThanOrEqual(Object.keys(EXPECTED_EXAMPLES).length);
    for (const line of lines) expect(Object.keys(line)).toEqual(JSON_FIELDS);
    // Folders are processed in name order.
    const sources = lines.map((line) => line.source);
    expect(sources).toEqual([...sources].sort());
    first = expectExampleOutcomes(lines);
    // A duplicate names its canonical's object; every line carries the table's figures (issue 14).
    expect(first.get('02-ferry-timetable-syndicated.txt')!.canonicalSource).toMatchObject({ key: `incoming/${EXAMPLES}/01-ferry-timetable.txt` });
    expect(first.get('01-ferry-timetable.txt')!.canonicalSource).toBeNull();
    expect(first.get('01-ferry-timetable.txt')!.keptChars).toBeGreaterThan(1000);
    expect(first.get('01-ferry-timetable.txt')!.strippedChars).toBeGreaterThan(100);
  });

  it('list: the canonical articles, with the syndicated copy counted as a duplicate', async () => {
    const { code, stdout } = await runCommand(list.run, ['--state', state, '--json']);
    expect(code).toBe(0);
    listedBefore = jsonLines<ListJsonLine>(stdout);
    const canonicalIds = [...first.values()].filter((line) => line.status === 'canonical').map((line) => line.docId);
    expect(listedBefore.map((record) => record.docId)).toEqual(canonicalIds);
    const ferry = listedBefore.find((record) => record.docId === first.get('01-ferry-timetable.txt')!.docId)!;
    expect(ferry.duplicateCount).toBe(1);

    const table = await runCommand(list.run, ['--state', state]);
    expect(table.stdout).toContain(ferry.docId);
    expect(table.stdout).toContain(`${canonicalIds.length} canonical articles`);
  });

  it('show <file>: the duplicate\'s outcome and the article it belongs to, with both sources', async () => {
    const { code, stdout } = await runCommand(show.run, [`${EXAMPLES}/02-ferry-timetable-syndicated.txt`, '--state', state, '--json']);
    expect(code).toBe(0);
    const found = JSON.parse(stdout) as ShowResult;
    const canonicalId = first.get('01-ferry-timetable.txt')!.docId;
    expect(found.source).toMatchObject({ outcome: 'duplicate', docId: canonicalId, key: `incoming/${EXAMPLES}/02-ferry-timetable-syndicated.txt` });
    expect(found.article!.record.docId).toBe(canonicalId);
    expect(found.article!.sources.map((s) => s.key)).toEqual([
      `incoming/${EXAMPLES}/01-ferry-timetable.txt`,
      `incoming/${EXAMPLES}/02-ferry-timetable-syndicated.txt`,
    ]);
    expect(found.article!.duplicates.map((s) => s.key)).toEqual([`incoming/${EXAMPLES}/02-ferry-timetable-syndicated.txt`]);
    expect(found.article!.paragraphs.length).toBeGreaterThan(3);
  });

  it('show <docId prefix>: a readable record with sources, paragraphs and removed chrome', async () => {
    const canonicalId = first.get('01-ferry-timetable.txt')!.docId!;
    const { code, stdout } = await runCommand(show.run, [canonicalId.slice(0, 8), '--state', state, '--text']);
    expect(code).toBe(0);
    expect(stdout).toContain(`docId        ${canonicalId}`);
    expect(stdout).toMatch(/sources \(2\)/);
    expect(stdout).toMatch(/paragraphs \(\d+\)/);
    expect(stdout).toMatch(/removed chrome \(\d+\)/);
    // --text prints the whole article.
    expect(stdout).toContain('the last ferry from the mainland will leave at 22:40');
  });

  it('show of a rejected file gives its reason; an unknown name exits 1', async () => {
    const rejected = await runCommand(show.run, [`${EXAMPLES}/06-harbour-photo.html`, '--state', state]);
    expect(rejected.code).toBe(0);
    expect(rejected.stdout).toMatch(/outcome\s+rejected: .*PNG/i);
    const unknown = await runCommand(show.run, ['no-such-thing', '--state', state]);
    expect(unknown.code).toBe(show.EXIT_NOT_FOUND);
    expect(unknown.stderr).toContain("no article or ingested object matches 'no-such-thing'");
  });

  it('show of a docId prefix too short to look up says how many digits to give (exit 2)', async () => {
    const canonicalId = first.get('01-ferry-timetable.txt')!.docId!;
    const { code, stderr } = await runCommand(show.run, [canonicalId.slice(0, 4), '--state', state]);
    expect(code).toBe(2);
    expect(stderr).toContain(`'${canonicalId.slice(0, 4)}' is too short to look up by prefix: give at least 6 digits`);
  });

  it('second run: every file unchanged and no count changes', async () => {
    const { code, stdout } = await runCommand(ingest.run, [EXAMPLES, '--state', state]);
    expect(code).toBe(0);
    const files = Object.keys(EXPECTED_EXAMPLES);
    for (const name of files) expect(stdout).toMatch(new RegExp(`${name.replace('.', '\\.')}\\s+unchanged`));
    expect(stdout).toMatch(/(\d+) files: 0 canonical, 0 duplicate, \1 unchanged, 0 rejected/);

    const after = jsonLines<ListJsonLine>((await runCommand(list.run, ['--state', state, '--json'])).stdout);
    expect(after).toEqual(listedBefore);
  });

  it('a new near-duplicate file is reported as a duplicate of the earlier canonical', async () => {
    // Prepare: the ferry article again, under other chrome, in another folder.
    const original = await readFile(join(EXAMPLES, '01-ferry-timetable.txt'), 'utf8');
    const body = original.slice(original.indexOf('From the first week'), original.indexOf('Related stories'));
    const copy = `THE MAINLAND TIMES\nNews | Sport | Puzzles\n\nLate ferry back in winter\n\n${body}\nMore from the Times: subscribe for full access.\n`;
    await mkdir(join(scratch, 'mainland-times'));
    await writeFile(join(scratch, 'mainland-times', 'late-ferry.txt'), copy);
    // Act
    const { code, stdout } = await runCommand(ingest.run, [join(scratch, 'mainland-times'), '--state', state, '--json']);
    // Assess
    expect(code).toBe(0);
    const [line] = jsonLines<IngestJsonLine>(stdout);
    expect(line).toMatchObject({ status: 'duplicate', canonicalId: first.get('01-ferry-timetable.txt')!.docId, docId: null });
  });

  it('the table shows the figures of newly processed files and the totals', async () => {
    // Prepare: the HTML page re-saved by another scraper (same bytes but one comment more).
    const page = await readFile(join(EXAMPLES, '03-library-seed-lending.html'), 'utf8');
    await mkdir(join(scratch, 'other-scraper'));
    await writeFile(join(scratch, 'other-scraper', 'library.html'), page.replace('</body>', '<!-- saved by other-scraper --></body>'));
    // Act
    const { code, stdout } = await runCommand(ingest.run, [join(scratch, 'other-scraper'), '--state', state]);
    // Assess: one row with its figures (kept, stripped, paragraphs new and seen on this file's
    // site: another folder, so another site, where none of them was seen yet), then the totals.
    expect(code).toBe(0);
    const canonicalId = first.get('03-library-seed-lending.html')!.docId!;
    const row = stdout.split('\n').find((text) => text.includes('library.html'))!;
    expect(row).toMatch(new RegExp(`duplicate of ${canonicalId} \\(distance 0\\)\\s+[1-9][\\d,]*\\s+\\d+\\s+[1-9]\\d*\\s+0$`));
    expect(stdout).toMatch(/^1 file: 0 canonical, 1 duplicate, 0 unchanged, 0 rejected$/m);
    expect(stdout).toMatch(/^[1-9][\d,]* characters kept, \d+ stripped; [1-9]\d* paragraphs new, 0 seen before$/m);
  });
});

describe('ingest exit codes and options', () => {
  let state: string;
  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'scrape-dedup-cli-codes-'));
  });
  afterAll(() => rm(state, { recursive: true, force: true }));

  it('a rejected file is an outcome (exit 0), and exit 3 with --strict', async () => {
    const png = `${EXAMPLES}/06-harbour-photo.html`;
    expect((await runCommand(ingest.run, [png, '--state', join(state, 'a')])).code).toBe(0);
    const strict = await runCommand(ingest.run, [png, '--state', join(state, 'b'), '--strict', '--json']);
    expect(strict.code).toBe(ingest.EXIT_REJECTED);
    expect(jsonLines<IngestJsonLine>(strict.stdout)[0]).toMatchObject({ status: 'rejected', docId: null, canonicalId: null });
  });

  it('a bad command line exits 2 with a message and starts nothing', async () => {
    for (const args of [[], ['--concurrency', '0', EXAMPLES], ['no/such/folder'], ['--bogus', EXAMPLES], ['--table', 't', EXAMPLES]]) {
      const { code, stderr } = await runCommand(ingest.run, [...args, '--state', join(state, 'usage')]);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/^scrape-dedup ingest: /);
    }
  });

  it('--concurrency: concurrent near-duplicates still give exactly one canonical', async () => {
    const { code, stdout } = await runCommand(ingest.run, [EXAMPLES, '--state', join(state, 'concurrent'), '--json', '--concurrency', '3']);
    expect(code).toBe(0);
    const byName = new Map(jsonLines<IngestJsonLine>(stdout).map((line) => [line.source.slice(line.source.lastIndexOf('/') + 1), line]));
    const pair = [byName.get('01-ferry-timetable.txt')!, byName.get('02-ferry-timetable-syndicated.txt')!];
    const canonical = pair.filter((line) => line.status === 'canonical');
    expect(canonical).toHaveLength(1);
    const other = pair.find((line) => line !== canonical[0])!;
    expect(other).toMatchObject({ status: 'duplicate', canonicalId: canonical[0]!.docId });
    expect(byName.get('06-harbour-photo.html')!.status).toBe('rejected');
  });
});
