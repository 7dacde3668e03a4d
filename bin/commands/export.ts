// `scrape-dedup export`: the de-duplicated corpus as JSON lines, one per canonical article
// (or one per cluster with --clusters), streamed from the embedded stack or a deployed table.
import { EXIT_USAGE, STORE_OPTIONS, exitQuietlyOnClosedStdout, UsageError } from '../cli-args.js';
import { EXIT_FAILED, openForReading, parseReadingCommand, writeThroughSink } from '../read-command.js';
import { STDOUT_MARKER } from '../export/line-sink.js';
import { toArticleLine, toClusterLine } from '../export/export-lines.js';
import { createCorpusReader } from '../../lambdas/adapters/corpus-reader.js';

export { EXIT_FAILED };

const USAGE = `usage: scrape-dedup export [options]

Writes the de-duplicated corpus as JSON lines: one object per canonical article (docId,
title, url, site, text, paragraphs, fingerprint, first and last seen, sources, duplicates),
in first-seen order. Streams: memory stays flat whatever the corpus size.

options:
  --out FILE          write here (default: - for standard output); a name ending in .gz implies --gzip
  --gzip              gzip-compress the output
  --clusters          one line per cluster instead: {"canonical", "title", "site", "members": [...]}
  --include-removed   add the chrome removed from each article, with its reasons
  --since ISO-TIME    only articles first seen, or given a new duplicate, at or after this time
  --state DIR         state folder of the embedded stack (default: $SCRAPE_DEDUP_STATE or .scrape-dedup)
  --endpoint URL      endpoint of a running stack (with --table)
  --table NAME        records table of a running stack

exit codes: 0 written, ${EXIT_FAILED} failed midway, ${EXIT_USAGE} bad command line or no such state folder / table`;

const OPTIONS = {
  ...STORE_OPTIONS,
  out: { type: 'string', short: 'o' },
  gzip: { type: 'boolean' },
  clusters: { type: 'boolean' },
  'include-removed': { type: 'boolean' },
  since: { type: 'string' },
} as const;

/** `--since`, checked and normalised to the stored form (ISO 8601 in UTC with milliseconds). */
export function parseSince(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new UsageError(`--since must be an ISO time such as 2026-11-24 or 2026-11-24T10:00:00Z, got '${value}'`);
  return new Date(time).toISOString();
}

/**
 * Runs `export`; returns the exit code.
 *
 * @example
 * await run(['--state', '/tmp/state', '--out', 'corpus.jsonl.gz']); // 0
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  let since: string | undefined;
  const parsed = parseReadingCommand('export', args, OPTIONS, USAGE, ({ positionals, values }) => {
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    if (values.clusters && values['include-removed']) throw new UsageError('--include-removed adds article text fields: it does not apply to --clusters');
    since = parseSince(values.since);
  });
  if (typeof parsed === 'number') return parsed;
  const { values, selection } = parsed;
  const out = values.out ?? STDOUT_MARKER;
  const connection = await openForReading('export', selection);
  if (typeof connection === 'number') return connection;
  const reader = createCorpusReader(connection.store);
  const noun = values.clusters ? 'clusters' : 'articles';
  let lines = 0;
  const code = await writeThroughSink({
    name: 'export',
    noun,
    out,
    gzip: values.gzip === true || out.endsWith('.gz'),
    connection,
    write: async (sink, counted) => {
      for await (const article of reader.articles({ since })) {
        const line = values.clusters ? toClusterLine(article) : toArticleLine(article, { includeRemoved: values['include-removed'] === true });
        await sink.writeLine(JSON.stringify(line));
        lines += 1;
        counted();
      }
    },
  });
  if (code === 0 && out !== STDOUT_MARKER) console.error(`${lines.toLocaleString('en-US')} ${noun} written to ${out}`);
  return code;
}
