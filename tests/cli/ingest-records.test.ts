// `ingest` output for crawl files: one JSON line per record, one table row per file with its
// totals, `--records` one row per record; through the real handler on the embedded stack.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJsonl, buildWarc, syntheticPage } from '../../bench/crawl-files.js';
import * as ingest from '../../bin/commands/ingest.js';
import * as list from '../../bin/commands/list.js';
import { runCommand } from './run-command.js';

const runCli = (args: string[]) => runCommand(ingest.run, args.slice(1));

let dir: string;
let offsets: readonly number[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ingest-records-'));
  const warc = buildWarc(
    [
      { type: 'warcinfo' },
      { type: 'request', url: 'https://a.example/1' },
      { url: 'https://a.example/1', body: syntheticPage(101) },
      { url: 'https://a.example/gone', status: 404, body: 'Not found' },
      { url: 'https://a.example/photo.jpg', contentType: 'image/jpeg', body: new Uint8Array([0xff, 0xd8, 0xff]) },
      { url: 'https://b.example/copy', body: syntheticPage(101) },
    ],
    { gzip: true },
  );
  await writeFile(join(dir, 'crawl.warc.gz'), warc.bytes);
  await writeFile(join(dir, 'items.jsonl'), buildJsonl([{ url: 'https://c.example/1', html: syntheticPage(102) }, '{broken', { url: 'https://c.example/3', title: 'no body' }]).bytes);
  offsets = warc.offsets;
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('ingest of WARC and JSON Lines files', () => {
  it('prints one JSON line per record with source, record and url; a re-run is unchanged per record', async () => {
    const state = join(dir, 'state');
    const first = await runCli(['ingest', join(dir, 'items.jsonl'), join(dir, 'crawl.warc.gz'), '--json', '--state', state]);
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((l) => [String(l.source).split('/').pop(), l.record, l.url, l.status])).toEqual([
      ['items.jsonl', 'line:1', 'https://c.example/1', 'canonical'],
      ['items.jsonl', 'line:2', null, 'rejected'],
      ['items.jsonl', 'line:3', 'https://c.example/3', 'rejected'],
      ['crawl.warc.gz', String(offsets[2]), 'https://a.example/1', 'canonical'],
      ['crawl.warc.gz', String(offsets[3]), 'https://a.example/gone', 'rejected'],
      ['crawl.warc.gz', String(offsets[4]), 'https://a.example/photo.jpg', 'rejected'],
      ['crawl.warc.gz', String(offsets[5]), 'https://b.example/copy', 'duplicate'],
    ]);
    expect(lines[6]!.canonicalId).toBe(lines[3]!.docId);
    expect(String(lines[4]!.reason)).toContain('HTTP 404');
    expect(String(lines[5]!.reason)).toContain('image/jpeg');

    const table = await runCli(['ingest', join(dir, 'crawl.warc.gz'), '--state', state]);
    expect(table.stdout).toContain('warc: 0 canonical, 0 duplicate, 4 unchanged, 0 rejected, 2 skipped');
    expect(table.stdout).toContain('1 file (4 documents, records of 1 crawl file included): 0 canonical, 0 duplicate, 4 unchanged, 0 rejected, 2 skipped');
    const records = await runCli(['ingest', join(dir, 'crawl.warc.gz'), '--state', state, '--records']);
    expect(records.stdout).toContain(`crawl.warc.gz#${offsets[5]} https://b.example/copy`);
    expect(records.stdout).toContain('unchanged (duplicate)');
  });

  it('attributes an HTML page without a URL to the site of its canonical link, not its folder', async () => {
    const state = join(dir, 'state-canonical');
    const html = syntheticPage(103).replace('<head>', '<head><link rel="canonical" href="https://www.canon.example/story">');
    await writeFile(join(dir, 'page.html'), html);
    expect((await runCli(['ingest', join(dir, 'page.html'), '--state', state])).code).toBe(0);
    const listed = await runCommand(list.run, ['--json', '--state', state]);
    expect(listed.stdout.trim().split('\n').map((line) => (JSON.parse(line) as { site: string }).site)).toEqual(['canon.example']);
  });
});
