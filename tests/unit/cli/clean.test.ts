// The `clean` command, run in-process on temporary files.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../../../bin/commands/clean.js';

const ARTICLE = [
  'Search',
  'Night buses return to the northern suburbs',
  'Night buses will run again to the northern suburbs from next month, two years after the routes were cut.',
  'The three routes will run hourly between midnight and five, according to a timetable published on Tuesday.',
  '2 comments',
].join('\n\n');

/** A German page declaring its canonical URL, author and date (issue 12 metadata). */
const PAGE = [
  '<!DOCTYPE html><html lang="de-AT"><head><title>Nachtbusse fahren wieder</title>',
  '<link rel="canonical" href="https://zeitung.example/nachtbusse">',
  '<meta name="author" content="Anna Berger"><meta property="article:published_time" content="2026-11-30T08:15:00+01:00">',
  '</head><body><article><h1>Nachtbusse fahren wieder</h1>',
  '<p>Die Nachtbusse fahren ab dem nächsten Monat wieder in die nördlichen Vororte, zwei Jahre nach der Einstellung der Linien.</p>',
  '<p>Die drei Linien verkehren stündlich zwischen Mitternacht und fünf Uhr, wie aus dem am Dienstag veröffentlichten Fahrplan hervorgeht.</p>',
  '</article></body></html>',
].join('');

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scrape-dedup-clean-'));
  writeFileSync(join(dir, 'a.txt'), ARTICLE);
  // In a subfolder: folders are walked recursively, as `ingest` walks them.
  mkdirSync(join(dir, 'html'));
  writeFileSync(join(dir, 'html', 'page.html'), PAGE);
  writeFileSync(join(dir, 'b.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the command and captures what it writes. */
async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    stderr += `${parts.join(' ')}\n`;
  });
  try {
    const code = await run(args);
    return { code, stdout, stderr };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

describe('Command: clean', () => {
  it('prints one JSON object per file with --json', async () => {
    const { code, stdout } = await capture([join(dir, 'a.txt'), '--json']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]!);
    expect(Object.keys(record)).toEqual(['source', 'title', 'text', 'paragraphs', 'fingerprint', 'removed', 'language']);
    expect(record.language).toBe('en');
    expect(record.title).toBe('Night buses return to the northern suburbs');
    expect(record.paragraphs).toHaveLength(2);
    expect(record.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(record.removed).toContainEqual({ text: '2 comments', reason: 'comment-widget' });
  });

  it('adds the language, canonical URL, published date and author of an HTML page to --json', async () => {
    const { code, stdout } = await capture([join(dir, 'html', 'page.html'), '--json']);
    expect(code).toBe(0);
    const record = JSON.parse(stdout.trim());
    expect(record.language).toBe('de');
    expect(record.canonicalUrl).toBe('https://zeitung.example/nachtbusse');
    expect(record.author).toBe('Anna Berger');
    expect(record.published).toBe('2026-11-30T07:15:00.000Z');
    expect(record.paragraphs).toHaveLength(2);
  });

  it('prints the title and the cleaned text without --json', async () => {
    const { code, stdout } = await capture([join(dir, 'a.txt')]);
    expect(code).toBe(0);
    expect(stdout.startsWith('Night buses return to the northern suburbs\n')).toBe(true);
    expect(stdout).toContain('The three routes will run hourly');
    expect(stdout).not.toContain('2 comments\n');
  });

  it('reports unreadable and refused files as error records, processes the rest, exits 1', async () => {
    const { code, stdout } = await capture([join(dir, 'missing.txt'), join(dir, 'b.png'), join(dir, 'a.txt'), '--json']);
    expect(code).toBe(1);
    const records = stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((record) => record.source)).toEqual([join(dir, 'missing.txt'), join(dir, 'b.png'), join(dir, 'a.txt')]);
    expect(records[0].error).toMatch(/cannot read: no such file: check the path.*\(ENOENT\)/);
    expect(records[1]).toMatchObject({ code: 'binary' });
    expect(records[2].title).toBe('Night buses return to the northern suburbs');
  });

  it('expands a folder to the scrape files in it, recursively (the PNG is not a scrape extension)', async () => {
    const { code, stdout } = await capture([dir, '--json', '--jobs', '2']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').map((line) => JSON.parse(line).source)).toEqual([join(dir, 'a.txt'), join(dir, 'html', 'page.html')]);
    const all = await capture([dir, '--json', '--include', '*', '--exclude', 'html/**']);
    expect(all.stdout.trim().split('\n').map((line) => JSON.parse(line).source)).toEqual([join(dir, 'a.txt'), join(dir, 'b.png')]);
  });

  it('reads standard input for -', async () => {
    const stdin = vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(ARTICLE)]) as unknown as typeof process.stdin);
    try {
      const { code, stdout } = await capture(['-', '--json']);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ source: '-', title: 'Night buses return to the northern suburbs' });
    } finally {
      stdin.mockRestore();
    }
  });

  it('refuses unknown options, bad --jobs, no paths and an empty folder with exit code 2 and a message naming the fix', async () => {
    const unknown = await capture(['--frobnicate', 'a.txt']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^scrape-dedup clean: unknown option '--frobnicate'\n\(see `scrape-dedup clean --help`/);
    expect((await capture([])).code).toBe(2);
    expect((await capture(['--jobs', '0', 'a.txt'])).stderr).toContain('--jobs must be a whole number of at least 1');
    const empty = await capture([join(dir, 'html'), '--include', '*.txt']);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("pass --include '*' to take every file");
  });
});
