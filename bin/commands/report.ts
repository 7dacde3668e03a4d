// `scrape-dedup report`: one self-contained HTML file showing what the pipeline did: totals and
// charts, every cluster side by side with its differing words marked, each canonical document
// with its removed chrome struck through in place, and the rejected objects.
import { DEFAULT_REPORT_FILE, reportCommand } from '../cli-commands.js';
import type { StoreOptions } from '../cli-commands.js';
import { EXIT_FAILED, openForReading, parseReadingCommand, writeThroughSink } from '../read-command.js';
import { createCorpusReader, mapOrdered } from '../../lambdas/adapters/corpus-reader.js';
import { createDocumentReader } from '../report/object-documents.js';
import { buildCluster, summarize } from '../report/report-data.js';
import { ENTRY_SEPARATOR, clusterEntry, pageEnd, pageStart } from '../report/report-page.js';

export { EXIT_FAILED };
/** Where the report goes without --out. */
export { DEFAULT_REPORT_FILE };
/** Clusters built at once (each may read its objects back from the bucket). */
const CLUSTER_CONCURRENCY = 4;

/**
 * Runs `report`; returns the exit code.
 *
 * @example
 * await run(['--state', '/tmp/state', '--out', 'report.html']); // 0
 */
export async function run(args: string[]): Promise<number> {
  const parsed = parseReadingCommand<StoreOptions & { readonly out?: string }>(reportCommand(), args);
  if (typeof parsed === 'number') return parsed;
  const { options: values, selection } = parsed;
  const out = values.out ?? DEFAULT_REPORT_FILE;
  const connection = await openForReading('report', selection);
  if (typeof connection === 'number') return connection;
  const reader = createCorpusReader(connection.store);
  const readDocument = connection.target ? createDocumentReader(connection.target.s3) : undefined;
  const origin = connection.embedded ? `state folder ${selection.stateDir}` : `table ${connection.tableName}`;
  let clusters = 0;
  const code = await writeThroughSink({
    name: 'report',
    noun: 'clusters',
    out,
    gzip: false,
    connection,
    write: async (sink, counted) => {
      const summary = await summarize(reader, origin, new Date());
      const removedByReason = new Map<string, number>();
      await sink.writeLine(pageStart(summary));
      const built = mapOrdered(reader.articles(), CLUSTER_CONCURRENCY, (article) => buildCluster(article, readDocument));
      for await (const cluster of built) {
        for (const block of cluster.blocks) {
          if (block.kind === 'removed') removedByReason.set(block.reason ?? 'removed', (removedByReason.get(block.reason ?? 'removed') ?? 0) + 1);
        }
        await sink.writeLine((clusters > 0 ? ENTRY_SEPARATOR : '') + clusterEntry(cluster));
        clusters += 1;
        counted();
      }
      await sink.writeLine(pageEnd(removedByReason));
    },
  });
  if (code === 0) console.error(`report of ${clusters.toLocaleString('en-US')} clusters written to ${out}`);
  return code;
}
