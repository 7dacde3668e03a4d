// The command line's pure helpers: argument parsing, tables, progress bar, input files.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STORE_OPTIONS, UsageError, parseCommandLine, positiveInteger, storeSelection } from '../../bin/cli-args.js';
import { createProgress, progressLine } from '../../bin/cli-progress.js';
import { fitCell, renderPairs, renderTable } from '../../bin/cli-table.js';
import { collectInputFiles, relativeKeyPath } from '../../bin/local/input-files.js';
import { contentTypeFor, resultFromRecord } from '../../bin/local/ingest-run.js';
import { describeOutcome, renderIngestTable, toJsonLine } from '../../bin/commands/ingest.js';

describe('parseCommandLine', () => {
  it('returns positionals and typed values', () => {
    const { positionals, values } = parseCommandLine(['a.txt', '--json', '--state', 's', 'b'], STORE_OPTIONS);
    expect(positionals).toEqual(['a.txt', 'b']);
    expect(values.json).toBe(true);
    expect(values.state).toBe('s');
  });

  it('turns an unknown option or a missing value into a UsageError naming it', () => {
    expect(() => parseCommandLine(['--nope'], STORE_OPTIONS)).toThrow(UsageError);
    expect(() => parseCommandLine(['--nope'], STORE_OPTIONS)).toThrow(/--nope/);
    expect(() => parseCommandLine(['--state'], STORE_OPTIONS)).toThrow(/--state/);
  });

  it('reads positive integers and rejects anything else', () => {
    expect(positiveInteger('concurrency', undefined, 1)).toBe(1);
    expect(positiveInteger('concurrency', '4', 1)).toBe(4);
    for (const bad of ['0', '-1', '1.5', 'x', '']) expect(() => positiveInteger('concurrency', bad, 1)).toThrow(UsageError);
  });
});

describe('storeSelection', () => {
  it('takes the state folder from --state, then SCRAPE_DEDUP_STATE, then .scrape-dedup', () => {
    expect(storeSelection({ state: 'a' }, { SCRAPE_DEDUP_STATE: 'b' }).stateDir).toBe('a');
    expect(storeSelection({}, { SCRAPE_DEDUP_STATE: 'b' }).stateDir).toBe('b');
    expect(storeSelection({}, {}).stateDir).toBe('.scrape-dedup');
  });

  it('needs --table whenever a running stack is named, and a URL for --endpoint', () => {
    expect(() => storeSelection({ bucket: 'x' }, {})).toThrow(/--table/);
    expect(() => storeSelection({ endpoint: 'http://localhost:4566' }, {})).toThrow(/--table/);
    expect(() => storeSelection({ endpoint: 'not a url', table: 't' }, {})).toThrow(/URL/);
    expect(storeSelection({ endpoint: 'http://localhost:4566', table: 't', bucket: 'b' }, {})).toMatchObject({ table: 't', bucket: 'b' });
  });
});

describe('renderTable', () => {
  it('aligns columns, right-aligns numbers and trims trailing spaces', () => {
    const text = renderTable([{ header: 'file' }, { header: 'kept', align: 'right' }], [['a.txt', '1200'], ['bb.html', '7']]);
    expect(text.split('\n')).toEqual(['file     kept', '───────  ────', 'a.txt    1200', 'bb.html     7']);
  });

  it('cuts long cells with an ellipsis, by code points, and flattens newlines', () => {
    expect(fitCell('abcdefghij', 5)).toBe('abcd…');
    expect(fitCell('abcdefghij', 5, 'end')).toBe('…ghij');
    expect(fitCell('😀😀😀😀😀😀', 3)).toBe('😀😀…');
    expect(fitCell('a\nb', undefined)).toBe('a b');
  });

  it('renders label/value pairs', () => {
    expect(renderPairs([['title', 'T'], ['site', 'S']])).toBe('title  T\nsite   S');
  });
});

describe('progress bar', () => {
  it('draws nothing when the stream is not a terminal', () => {
    const written: string[] = [];
    const progress = createProgress({ isTTY: false, write: (s) => written.push(s) > 0 }, 3);
    progress.tick('a');
    progress.done();
    expect(written).toEqual([]);
  });

  it('redraws one line on a terminal and clears it at the end', () => {
    const written: string[] = [];
    const progress = createProgress({ isTTY: true, columns: 60, write: (s) => written.push(s) > 0 }, 2);
    progress.tick('a.txt');
    progress.tick('b.txt');
    progress.done();
    expect(written[0]).toBe(`\r[${'█'.repeat(15)}${'░'.repeat(15)}] 1/2 a.txt\x1b[K`);
    expect(written[1]).toContain('2/2 b.txt');
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('fits the label into the terminal width', () => {
    const line = progressLine(1, 1, 'x'.repeat(200), 50);
    expect([...line].length).toBeLessThanOrEqual(49);
    expect(line).toContain('…');
  });
});

describe('collectInputFiles', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'scrape-dedup-cli-files-'));
    await mkdir(join(root, 'site', 'b'), { recursive: true });
    await writeFile(join(root, 'site', '010.txt'), 'x');
    await writeFile(join(root, 'site', '002.txt'), 'x');
    await writeFile(join(root, 'site', 'b', '001.txt'), 'x');
    await writeFile(join(root, 'site', '.DS_Store'), 'x');
    await writeFile(join(root, 'single.html'), 'x');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('expands folders recursively in name order, keeps argument order, skips repeats and litter', async () => {
    const files = await collectInputFiles(['single.html', 'site', 'site/002.txt'], 'incoming/', root);
    expect(files.map((f) => f.key)).toEqual([
      'incoming/single.html',
      'incoming/site/002.txt',
      'incoming/site/010.txt',
      'incoming/site/b/001.txt',
    ]);
    expect(files[1]!.display).toBe('site/002.txt');
  });

  it('keys files outside the working folder by their argument folder, never with ..', async () => {
    const files = await collectInputFiles([join(root, 'site')], 'incoming/', join(root, 'site', 'b'));
    expect(files.map((f) => f.key)).toEqual(['incoming/site/002.txt', 'incoming/site/010.txt', 'incoming/site/b/001.txt']);
    expect(relativeKeyPath('/elsewhere/x/a.txt', '/elsewhere/x/a.txt', '/repo')).toBe('a.txt');
  });

  it('names a missing path in a UsageError', async () => {
    await expect(collectInputFiles(['nope'], 'incoming/', root)).rejects.toThrow(/no such file or folder: nope/);
  });
});

describe('ingest rows', () => {
  const file = { display: 'examples/scrapes/a.txt', path: '/x/a.txt', key: 'incoming/examples/scrapes/a.txt' };
  const base = { bucket: 'scrapes', key: file.key, version: 'v', processedAt: '2026-01-01T00:00:00.000Z' };

  it('maps recorded outcomes to statuses; a version processed before is unchanged', () => {
    const canonical = resultFromRecord(file, { ...base, outcome: 'canonical', docId: 'd1' }, false);
    expect(canonical).toMatchObject({ status: 'canonical', docId: 'd1', canonicalId: 'd1' });
    const duplicate = resultFromRecord(file, { ...base, outcome: 'duplicate', docId: 'd1', distance: 4 }, false);
    expect(duplicate).toMatchObject({ status: 'duplicate', canonicalId: 'd1', distance: 4 });
    expect(duplicate.docId).toBeUndefined();
    const again = resultFromRecord(file, { ...base, outcome: 'canonical', docId: 'd1' }, true);
    expect(again).toMatchObject({ status: 'unchanged', canonicalId: 'd1', reason: 'already processed: canonical' });
    const rejected = resultFromRecord(file, { ...base, outcome: 'rejected', code: 'binary', reason: 'the input is binary (PNG image)' }, false);
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'the input is binary (PNG image)' });
    expect(rejected.canonicalId).toBeUndefined();
  });

  it('prints JSON lines with every field, null when absent', () => {
    const line = toJsonLine(resultFromRecord(file, { ...base, outcome: 'duplicate', docId: 'd1', distance: 4 }, false));
    expect(line).toEqual({
      source: file.display, record: null, url: null, status: 'duplicate', docId: null, canonicalId: 'd1', distance: 4, reason: null,
      // Filled in by the command (a store look-up) for duplicates; the figures of the table (issue 14).
      canonicalSource: null, keptChars: null, strippedChars: null, newParagraphs: null, seenParagraphs: null, learnedChrome: 0,
    });
  });

  it('renders outcomes and totals', () => {
    const results = [
      resultFromRecord(file, { ...base, outcome: 'canonical', docId: 'd1' }, false, { keptChars: 1000, strippedChars: 200, newParagraphs: 5, seenParagraphs: 0 }),
      resultFromRecord(file, { ...base, outcome: 'duplicate', docId: 'd1', distance: 4 }, false, { keptChars: 900, strippedChars: 300, newParagraphs: 1, seenParagraphs: 4 }),
      resultFromRecord(file, { ...base, outcome: 'rejected', reason: 'binary' }, false),
    ];
    expect(describeOutcome(results[1]!)).toBe('duplicate of d1 (distance 4)');
    expect(describeOutcome(results[2]!)).toBe('rejected: binary');
    const text = renderIngestTable(results);
    expect(text).toContain('3 files: 1 canonical, 1 duplicate, 0 unchanged, 1 rejected');
    expect(text).toContain('1,900 characters kept, 500 stripped; 6 paragraphs new, 4 seen before');
    expect(text).not.toContain('failed');
  });

  it('guesses content types like aws s3 cp, case-insensitively', () => {
    expect(contentTypeFor('a/Page.HTML')).toBe('text/html');
    expect(contentTypeFor('x.png')).toBe('image/png');
    expect(contentTypeFor('noext')).toBeUndefined();
  });
});
