// `scrape-dedup export`: the de-duplicated corpus as JSON lines, one per canonical article
// (or one per cluster with --clusters), streamed from the embedded stack or a deployed table.
import { exitQuietlyOnClosedStdout, UsageError } from '../cli-args.js';
import { exportCommand } from '../cli-commands.js';
import type { StoreOptions } from '../cli-commands.js';
import { EXIT_FAILED, openForReading, parseReadingCommand, writeThroughSink } from '../read-command.js';
import { STDOUT_MARKER } from '../export/line-sink.js';
import { toArticleLine, toClusterLine } from '../export/export-lines.js';
import { createCorpusReader } from '../../lambdas/adapters/corpus-reader.js';

export { EXIT_FAILED };

interface ExportOptions extends StoreOptions {
  readonly out?: string;
  readonly gzip?: boolean;
  readonly clusters?: boolean;
  readonly includeRemoved?: boolean;
  readonly since?: string;
}

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
  const parsed = parseReadingCommand<ExportOptions>(exportCommand(), args, ({ options: values }) => {
    if (values.clusters && values.includeRemoved) throw new UsageError('--include-removed adds article text fields: it does not apply to --clusters');
    since = parseSince(values.since);
  });
  if (typeof parsed === 'number') return parsed;
  const { options: values, selection } = parsed;
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
        const line = values.clusters ? toClusterLine(article) : toArticleLine(article, { includeRemoved: values.includeRemoved === true });
        await sink.writeLine(JSON.stringify(line));
        lines += 1;
        counted();
      }
    },
  });
  if (code === 0 && out !== STDOUT_MARKER) console.error(`${lines.toLocaleString('en-US')} ${noun} written to ${out}`);
  return code;
}
