// `export`, `list --duplicates/--site` and the missing-state error, end to end on the example
// scrapes: embedded dynalite and s3rver under a temporary state folder.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exportCommand from '../../bin/commands/export.js';
import * as ingest from '../../bin/commands/ingest.js';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import * as list from '../../bin/commands/list.js';
import type { DuplicateJsonLine, ListJsonLine } from '../../bin/commands/list.js';
import * as show from '../../bin/commands/show.js';
import type { ArticleLine, ClusterLine } from '../../bin/export/export-lines.js';
import { EXIT_USAGE } from '../../bin/cli-args.js';
import { jsonLines, runCommand } from './run-command.js';

const EXAMPLES = 'examples/scrapes';
const key = (name: string): string => `incoming/${EXAMPLES}/${name}`;

describe('export and list filters on the examples', () => {
  let state: string;
  let scratch: string;
  let ingested: Map<string, IngestJsonLine>;

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'scrape-dedup-export-state-'));
    scratch = await mkdtemp(join(tmpdir(), 'scrape-dedup-export-out-'));
    const { code, stdout } = await runCommand(ingest.run, [EXAMPLES, '--state', state, '--json']);
    expect(code).toBe(0);
    ingested = new Map(jsonLines<IngestJsonLine>(stdout).map((line) => [line.source.slice(line.source.lastIndexOf('/') + 1), line]));
  });
  afterAll(async () => {
    await rm(state, { recursive: true, force: true });
    await rm(scratch, { recursive: true, force: true });
  });

  it('export: one line per canonical article, with text, paragraphs, sources and duplicates', async () => {
    const { code, stdout } = await runCommand(exportCommand.run, ['--state', state]);
    expect(code).toBe(0);
    const lines = jsonLines<ArticleLine>(stdout);
    const canonical = [...ingested.values()].filter((line) => line.status === 'canonical');
    expect(lines.map((line) => line.docId)).toEqual(canonical.map((line) => line.docId));
    const ferry = lines.find((line) => line.docId === ingested.get('01-ferry-timetable.txt')!.docId)!;
    expect(ferry.title).toMatch(/ferry/i);
    expect(ferry.text).toContain('the last ferry from the mainland will leave at 22:40');
    expect(ferry.paragraphs.join('\n\n')).toBe(ferry.text);
    expect(ferry.paragraphs.length).toBeGreaterThan(3);
    expect(ferry.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(ferry.sources.map((s) => s.key)).toEqual([key('01-ferry-timetable.txt'), key('02-ferry-timetable-syndicated.txt')]);
    expect(ferry.duplicates).toEqual([
      expect.objectContaining({ key: key('02-ferry-timetable-syndicated.txt'), outcome: 'duplicate', distance: ingested.get('02-ferry-timetable-syndicated.txt')!.distance }),
    ]);
    expect(ferry.duplicates[0]!.paragraphOverlap).toBeGreaterThan(0.5);
    expect(ferry.removed).toBeUndefined();
    // The rejected PNG is no article.
    expect(stdout).not.toContain('06-harbour-photo.html');
  });

  it('export --include-removed --out file.gz: gzip-compressed, removed chrome with reasons', async () => {
    const out = join(scratch, 'corpus.jsonl.gz');
    const { code, stdout } = await runCommand(exportCommand.run, ['--state', state, '--include-removed', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    const lines = jsonLines<ArticleLine>(gunzipSync(await readFile(out)).toString('utf8'));
    expect(lines).toHaveLength(4);
    const removed = lines.flatMap((line) => line.removed ?? []);
    expect(removed.length).toBeGreaterThan(5);
    for (const paragraph of removed) expect(paragraph.reason).toMatch(/^[a-z-]+$/);
    expect((await stat(out)).size).toBeLessThan(Buffer.byteLength(lines.map((line) => JSON.stringify(line)).join('\n')));
  });

  it('export --clusters: one line per cluster, the canonical member first', async () => {
    const { code, stdout } = await runCommand(exportCommand.run, ['--state', state, '--clusters']);
    expect(code).toBe(0);
    const clusters = jsonLines<ClusterLine>(stdout);
    expect(clusters).toHaveLength(4);
    const ferry = clusters.find((cluster) => cluster.canonical === ingested.get('01-ferry-timetable.txt')!.docId)!;
    expect(ferry.members.map((m) => [m.key, m.role])).toEqual([
      [key('01-ferry-timetable.txt'), 'canonical'],
      [key('02-ferry-timetable-syndicated.txt'), 'duplicate'],
    ]);
    expect(ferry.members[0]!.version).toMatch(/\w/);
  });

  it('export --since: a time after the last ingest gives nothing; a bad time is a usage error', async () => {
    const later = await runCommand(exportCommand.run, ['--state', state, '--since', new Date(Date.now() + 60_000).toISOString()]);
    expect(later.code).toBe(0);
    expect(later.stdout).toBe('');
    const earlier = await runCommand(exportCommand.run, ['--state', state, '--since', '2000-01-01']);
    expect(jsonLines(earlier.stdout)).toHaveLength(4);
    const bad = await runCommand(exportCommand.run, ['--state', state, '--since', 'yesterday']);
    expect(bad.code).toBe(EXIT_USAGE);
    expect(bad.stderr).toContain('--since must be an ISO time');
  });

  it('list: a source column and JSON source; --site filters; --duplicates shows the canonical source', async () => {
    const all = await runCommand(list.run, ['--state', state, '--json']);
    const articles = jsonLines<ListJsonLine>(all.stdout);
    expect(articles[0]!.source).toMatchObject({ bucket: 'scrapes', key: key('01-ferry-timetable.txt') });
    const table = await runCommand(list.run, ['--state', state]);
    expect(table.stdout).toMatch(/source/);
    expect(table.stdout).toContain('01-ferry-timetable.txt');

    const site = articles[0]!.site;
    expect(jsonLines((await runCommand(list.run, ['--state', state, '--json', '--site', site])).stdout)).toHaveLength(4);
    expect(jsonLines((await runCommand(list.run, ['--state', state, '--json', '--site', 'other.example'])).stdout)).toHaveLength(0);

    const duplicates = jsonLines<DuplicateJsonLine>((await runCommand(list.run, ['--state', state, '--json', '--duplicates'])).stdout);
    expect(duplicates).toEqual([
      expect.objectContaining({
        source: expect.objectContaining({ key: key('02-ferry-timetable-syndicated.txt') }),
        canonicalId: ingested.get('01-ferry-timetable.txt')!.docId,
        canonicalSource: expect.objectContaining({ key: key('01-ferry-timetable.txt') }),
        distance: ingested.get('02-ferry-timetable-syndicated.txt')!.distance,
      }),
    ]);
  });

  it('a state folder that does not exist is an error for every reading command, and is not created', async () => {
    const missing = join(scratch, 'no-such-state');
    for (const [command, args] of [
      [list.run, []],
      [show.run, ['abcdef12']],
      [exportCommand.run, []],
    ] as const) {
      const { code, stderr } = await runCommand(command, [...args, '--state', missing]);
      expect(code).toBe(EXIT_USAGE);
      expect(stderr).toContain(`no state folder at ${missing}`);
    }
    await expect(stat(missing)).rejects.toThrow(/ENOENT/);
    // A folder that exists but holds no table is refused too.
    const { code, stderr } = await runCommand(list.run, ['--state', scratch]);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('is not a scrape-dedup state folder');
  });
});
