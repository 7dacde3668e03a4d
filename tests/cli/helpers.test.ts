// The command line's pure helpers: argument parsing, tables, progress bar, input files.
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError, parseCommand, positiveInteger, storeSelection } from '../../bin/cli-args.js';
import { ingestCommand, listCommand } from '../../bin/cli-commands.js';
import type { StoreOptions } from '../../bin/cli-commands.js';
import { runCommand } from './run-command.js';
import { createProgress, progressLine } from '../../bin/cli-progress.js';
import { colorWanted, fitCell, renderPairs, renderTable } from '../../bin/cli-table.js';
import { collectInputFiles, relativeKeyPath } from '../../bin/local/input-files.js';
import { contentTypeFor, resultFromRecord } from '../../bin/local/ingest-run.js';
import { describeOutcome, renderIngestTable, toJsonLine } from '../../bin/commands/ingest.js';

describe('parseCommand', () => {
  const parse = (args: string[]) => runCommand(async () => {
    const parsed = parseCommand<StoreOptions & { include?: string[] }>(ingestCommand(), args);
    if (typeof parsed === 'number') return parsed;
    console.log(JSON.stringify(parsed));
    return 0;
  }, args);

  it('returns the operands and the options, options anywhere on the line', async () => {
    const { code, stdout } = await parse(['a.txt', '--json', '--state', 's', 'b', '--include', '*.x', '--include', '*.y']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ operands: ['a.txt', 'b'], options: { json: true, state: 's', include: ['*.x', '*.y'] } });
  });

  it('prints the help on stdout with exit 0 for --help and -h', async () => {
    for (const flag of ['--help', '-h']) {
      const { code, stdout, stderr } = await parse([flag]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: scrape-dedup ingest \[options\] <paths\.\.\.>/);
      expect(stdout).toContain('--concurrency <n>');
      expect(stderr).toBe('');
    }
  });

  it('prints a usage error naming the problem and the help on stderr, exit 2', async () => {
    const unknown = await parse(['a.txt', '--jsn']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^scrape-dedup ingest: unknown option '--jsn'/);
    expect(unknown.stderr).toContain('Did you mean --json?');
    expect(unknown.stderr).toContain('`scrape-dedup ingest --help`');
    expect((await parse(['a.txt', '--state'])).stderr).toMatch(/--state <dir>' argument missing/);
    expect((await parse([])).stderr).toMatch(/missing required argument 'paths'/);
    const extra = await runCommand(async () => {
      const parsed = parseCommand(listCommand(), ['stray']);
      return typeof parsed === 'number' ? parsed : 0;
    }, []);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/too many arguments/);
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

  it('cuts long cells with an ellipsis, by display columns, never inside a character, and flattens newlines', () => {
    expect(fitCell('abcdefghij', 5)).toBe('abcd…');
    expect(fitCell('abcdefghij', 5, 'end')).toBe('…ghij');
    // Emoji and CJK take two columns each: 5 columns hold two of them and the ellipsis.
    expect(fitCell('😀😀😀😀😀😀', 5)).toBe('😀😀…');
    expect(fitCell('港口渡轮恢复冬季时刻表', 6)).toBe('港口…');
    expect(fitCell('港口渡轮恢复冬季时刻表', 6, 'end')).toBe('…刻表');
    expect(fitCell('e\u0301te\u0301', 3)).toBe('e\u0301te\u0301'); // combining accents take no column
    expect(fitCell('a\nb', undefined)).toBe('a b');
  });

  it('lines up columns after Chinese titles (two columns per character)', () => {
    const lines = renderTable([{ header: 'title', maxWidth: 12 }, { header: '¶', align: 'right' }], [['港口渡轮恢复冬季时刻表', '4'], ['Ferry back', '12']]).split('\n');
    expect(lines).toEqual(['title         ¶', '───────────  ──', '港口渡轮恢…   4', 'Ferry back   12']);
  });

  it('colours cells only when asked, after the layout, and only on a terminal without NO_COLOR', () => {
    const columns = [{ header: 'outcome', color: (cell: string) => `<${cell}>` }, { header: 'n' }];
    expect(renderTable(columns, [['ok', '1']])).toBe('outcome  n\n───────  ─\nok       1');
    expect(renderTable(columns, [['ok', '1']], { color: true })).toBe('outcome  n\n───────  ─\n<ok>       1'); // padded by the plain width
    expect(colorWanted({ isTTY: true }, {})).toBe(true);
    expect(colorWanted({ isTTY: false }, {})).toBe(false);
    expect(colorWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
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

  it('fits the label into the terminal width, in display columns, keeping the file name', () => {
    const line = progressLine(1, 1, 'x'.repeat(200), 50);
    expect([...line].length).toBeLessThanOrEqual(49);
    expect(line).toContain('…');
    const cjk = progressLine(1, 1, `scrapes/${'新闻'.repeat(20)}/渡轮.txt`, 50);
    expect(stringWidth(cjk)).toBeLessThanOrEqual(49);
    expect(cjk.endsWith('渡轮.txt')).toBe(true);
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
    await writeFile(join(root, 'site', 'README.md'), 'x');
    await writeFile(join(root, 'site', 'photo.png'), 'x');
    await writeFile(join(root, 'single.html'), 'x');
    // Links: a folder linked from elsewhere is walked, a link back up is a loop, a dangling one is skipped.
    await mkdir(join(root, 'other'));
    await writeFile(join(root, 'other', 'linked.warc.gz'), 'x');
    await symlink(join(root, 'other'), join(root, 'site', 'c-link'));
    await symlink(join(root, 'site'), join(root, 'site', 'b', 'loop'));
    await symlink(join(root, 'nowhere'), join(root, 'site', 'dangling.txt'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('expands folders recursively in name order, follows links without looping, keeps argument order, skips repeats, litter and non-scrapes', async () => {
    const skipped: string[] = [];
    const files = await collectInputFiles(['single.html', 'site', 'site/002.txt', 'site/photo.png'], { prefix: 'incoming/', cwd: root, onSkip: (path, why) => skipped.push(`${path}: ${why}`) });
    expect(files.map((f) => f.key)).toEqual([
      'incoming/single.html',
      'incoming/site/002.txt',
      'incoming/site/010.txt',
      'incoming/site/b/001.txt',
      'incoming/site/c-link/linked.warc.gz',
      'incoming/site/photo.png', // named on its own: always taken
    ]);
    expect(files[1]!.display).toBe('site/002.txt');
    expect(skipped).toEqual([`${join(root, 'site', 'b', 'loop')}: a link back to a folder it is inside (a loop)`, `${join(root, 'site', 'dangling.txt')}: a link to nothing`]);
  });

  it('takes --include and --exclude globs (a glob without / matches the file name)', async () => {
    const keys = async (include: string[], exclude: string[]) =>
      (await collectInputFiles(['site'], { cwd: root, include, exclude })).map((f) => f.key);
    expect(await keys(['*.png', '*.md'], [])).toEqual(['site/README.md', 'site/photo.png']);
    expect(await keys([], ['b/**', '010.*'])).toEqual(['site/002.txt', 'site/c-link/linked.warc.gz']);
  });

  it('keys files outside the working folder by their argument folder, never with ..', async () => {
    const files = await collectInputFiles([join(root, 'site')], { prefix: 'incoming/', cwd: join(root, 'site', 'b') });
    expect(files.map((f) => f.key)).toEqual(['incoming/site/002.txt', 'incoming/site/010.txt', 'incoming/site/b/001.txt', 'incoming/site/c-link/linked.warc.gz']);
    expect(relativeKeyPath('/elsewhere/x/a.txt', '/elsewhere/x/a.txt', '/repo')).toBe('a.txt');
  });

  it('names a missing path, or a folder with nothing to read, in a UsageError that says what to do', async () => {
    await expect(collectInputFiles(['nope'], { cwd: root })).rejects.toThrow(/no such file or folder: nope/);
    await expect(collectInputFiles(['site'], { cwd: root, include: ['*.pdf'] })).rejects.toThrow(/nothing to read in site: none of its \d+ files matches --include .*--include '\*'/);
    expect(await collectInputFiles(['nope'], { cwd: root, missing: 'keep' })).toEqual([{ display: 'nope', path: join(root, 'nope'), key: 'nope' }]);
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
