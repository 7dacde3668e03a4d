// `report` end to end on the example scrapes: the file is self-contained, and headless Chromium
// (Debian's `chromium`) draws one section per cluster, struck-through chrome and the charts.
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from '../../bin/commands/ingest.js';
import type { IngestJsonLine } from '../../bin/commands/ingest.js';
import * as report from '../../bin/commands/report.js';
import { EXIT_USAGE } from '../../bin/cli-args.js';
import { dumpDom, findChromium, screenshot } from './chromium.js';
import { jsonLines, runCommand } from './run-command.js';

const EXAMPLES = 'examples/scrapes';

describe('report on the examples', () => {
  let state: string;
  let scratch: string;
  let file: string;
  let html: string;
  let ingested: IngestJsonLine[];

  beforeAll(async () => {
    state = await mkdtemp(join(tmpdir(), 'scrape-dedup-report-state-'));
    scratch = await mkdtemp(join(tmpdir(), 'scrape-dedup-report-out-'));
    const { code, stdout } = await runCommand(ingest.run, [EXAMPLES, '--state', state, '--json']);
    expect(code).toBe(0);
    ingested = jsonLines<IngestJsonLine>(stdout);
    file = join(scratch, 'report.html');
    const written = await runCommand(report.run, ['--state', state, '--out', file]);
    expect(written.code).toBe(0);
    html = await readFile(file, 'utf8');
  });
  afterAll(async () => {
    await rm(state, { recursive: true, force: true });
    // The screenshot stays for a person to look at when KEEP_REPORT is set.
    if (!process.env.KEEP_REPORT) await rm(scratch, { recursive: true, force: true });
  });

  it('is one self-contained file: nothing loaded from elsewhere', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(/i);
    expect(html).not.toMatch(/<img\b/i);
    expect(html).toContain("default-src 'none'");
    // Every cluster is in the embedded data, chrome and all.
    for (const line of ingested.filter((l) => l.status === 'canonical')) expect(html).toContain(`"id":"${line.docId}"`);
  });

  it('a missing state folder is an error, and no file is written', async () => {
    const out = join(scratch, 'none.html');
    const { code, stderr } = await runCommand(report.run, ['--state', join(scratch, 'missing'), '--out', out]);
    expect(code).toBe(EXIT_USAGE);
    expect(stderr).toContain('no state folder');
    await expect(stat(out)).rejects.toThrow(/ENOENT/);
  });

  it('in headless Chromium: one section per cluster, struck-through chrome with reasons, the charts, the diff', async (context) => {
    const chromium = await findChromium();
    if (!chromium) {
      console.warn('[report] SKIPPED: no chromium found (apt-get install chromium, or set CHROMIUM=/path/to/browser)');
      context.skip();
      return;
    }
    const { document } = parseHTML(await dumpDom(chromium, file));
    const canonical = ingested.filter((line) => line.status === 'canonical');
    const sections = [...document.querySelectorAll('section.cluster')];
    expect(sections.map((section) => section.id)).toEqual(canonical.map((line) => `c-${line.docId}`));

    // Removed chrome is struck through in place, with its reason on hover and as a label.
    const struck = [...document.querySelectorAll('.blocks p.rm > del')];
    expect(struck.length).toBeGreaterThan(10);
    for (const del of struck) expect(del.getAttribute('title')).toMatch(/^(removed as [a-z-]+|learned chrome)/);
    expect(document.querySelectorAll('.blocks p.rm.learned').length).toBeGreaterThanOrEqual(1);
    // In place: the ferry article's first kept paragraph comes after its removed masthead.
    const ferry = document.getElementById(`c-${canonical[0]!.docId}`)!;
    const blocks = [...ferry.querySelectorAll('.blocks > p')];
    expect(blocks[0]!.classList.contains('rm')).toBe(true);
    expect(blocks.some((p) => !p.classList.contains('rm'))).toBe(true);

    // The duplicate side by side, with differing words marked on both sides.
    const pair = ferry.querySelector('.pair .sides')!;
    expect(pair.querySelectorAll('.side')).toHaveLength(2);
    expect(pair.querySelectorAll('mark.gone, mark.new').length).toBeGreaterThan(0);

    // Charts: distance histogram, documents per site, removal reasons (moved in by the script).
    const charts = [...document.querySelectorAll('svg.chart')].map((svg) => svg.getAttribute('aria-label'));
    expect(charts).toEqual(expect.arrayContaining(['Distance histogram', 'Documents per site', 'Chrome removed, by reason']));
    expect(document.querySelectorAll('svg.chart rect').length).toBeGreaterThan(5);
    // Rejected objects with their reasons.
    expect(document.querySelector('#rejected')!.textContent).toMatch(/06-harbour-photo\.html[\s\S]*PNG/);
    expect(document.getElementById('count')!.textContent).toContain(`${canonical.length} clusters`);
    expect(Number(document.documentElement.getAttribute('data-drawn-ms'))).toBeGreaterThan(0);

    // Search (opened as #q=…): only the matching cluster, the hits marked.
    const searched = parseHTML(await dumpDom(chromium, file, '#q=seed%20packets')).document;
    expect([...searched.querySelectorAll('section.cluster h2')].map((h) => h.textContent)).toEqual([expect.stringMatching(/library/i)]);
    expect(searched.querySelectorAll('mark.hit').length).toBeGreaterThan(0);
    expect(searched.getElementById('count')!.textContent).toContain(`1 of ${canonical.length} clusters`);

    const png = join(scratch, 'report.png');
    await screenshot(chromium, file, png, 1366, 1800);
    expect((await stat(png)).size).toBeGreaterThan(20_000);
    console.log(`[report] screenshot: ${png}`);
  }, 120_000);
});
