// `scrape-dedup ingest <files or folders...>`: runs the whole pipeline on an embedded stack
// (or a deployed one) and prints what happened to each file.
import { exitQuietlyOnClosedStdout, parseCommand, positiveInteger, printUsageError, storeSelection, UsageError } from '../cli-args.js';
import { DEFAULT_REMOTE_WAIT_SECONDS, EXIT_FAILED, EXIT_REJECTED, ingestCommand } from '../cli-commands.js';
import type { StoreOptions, WalkOptions } from '../cli-commands.js';
import { createProgress } from '../cli-progress.js';
import pc from 'picocolors';
import { colorWanted, renderTable } from '../cli-table.js';
import { collectInputFiles } from '../local/input-files.js';
import { openStack } from '../local/connect.js';
import { ingestFiles } from '../local/ingest-run.js';
import { createCorpusReader } from '../../lambdas/adapters/corpus-reader.js';
import { sourceName } from '../export/export-lines.js';
import type { SourceName } from '../export/export-lines.js';
import type { IngestResult, IngestStatus, RecordResult } from '../local/ingest-run.js';

export { EXIT_FAILED, EXIT_REJECTED };

/**
 * Deliveries of one event before the file counts as failed: the stack's SQS maxReceiveCount
 * (DEFAULT_MAX_RECEIVE_COUNT in lib/defaults.ts, not imported because it loads aws-cdk-lib).
 * A retry rides out a lost lease when files run concurrently, as it does in Lambda.
 */
const MAX_DELIVERIES = 3;
/** Deployed stack: pause between two reads of a file's outcome (one small GetItem each). */
const REMOTE_POLL_MS = 1000;

interface IngestOptions extends StoreOptions, WalkOptions {
  readonly records?: boolean;
  readonly concurrency?: string;
  readonly strict?: boolean;
  readonly wait?: string;
}

/** The JSON line of one document (`--json`); absent values are `null` so every line has every field. */
export interface IngestJsonLine {
  /** The file. */
  readonly source: string;
  /** The record's position in a crawl file (byte offset, or `line:<n>`); null for a single file. */
  readonly record: string | null;
  /** The page URL the record carried. */
  readonly url: string | null;
  readonly status: IngestStatus;
  readonly docId: string | null;
  readonly canonicalId: string | null;
  readonly distance: number | null;
  readonly reason: string | null;
  /** For a duplicate (or unchanged): the object its canonical article came from. */
  readonly canonicalSource: SourceName | null;
  /** The table's figures: characters kept and stripped, paragraphs new to the site and seen before, learned chrome removed. */
  readonly keptChars: number | null;
  readonly strippedChars: number | null;
  readonly newParagraphs: number | null;
  readonly seenParagraphs: number | null;
  readonly learnedChrome: number;
}

/**
 * The `--json` object of one result.
 *
 * @example
 * toJsonLine(result); // { source: 'examples/scrapes/a.txt', status: 'canonical', docId: '…', canonicalId: '…', distance: null, reason: null }
 */
export function toJsonLine(result: IngestResult): IngestJsonLine {
  return {
    source: result.file.display,
    record: null,
    url: null,
    status: result.status,
    docId: result.docId ?? null,
    canonicalId: result.canonicalId ?? null,
    distance: result.distance ?? null,
    reason: result.reason ?? null,
    canonicalSource: null,
    keptChars: result.stats?.keptChars ?? null,
    strippedChars: result.stats?.strippedChars ?? null,
    newParagraphs: result.stats?.newParagraphs ?? null,
    seenParagraphs: result.stats?.seenParagraphs ?? null,
    learnedChrome: result.learnedChrome ?? 0,
  };
}

/**
 * The `--json` lines of one file: one per record of a crawl file (the file's own line when it
 * has none, e.g. it failed), else the file's line.
 *
 * @example
 * toJsonLines(warcResult).map((line) => line.record); // ['0', '1843', ...]
 */
export function toJsonLines(result: IngestResult): IngestJsonLine[] {
  if (!result.records || result.records.length === 0) return [toJsonLine(result)];
  return result.records.map((record) => ({ ...toJsonLine({ ...record, file: result.file }), record: record.record, url: record.url ?? null }));
}

/**
 * The outcome column of a crawl file: its record totals.
 *
 * @example
 * describeTotals(result); // 'warc: 3 canonical, 1 duplicate, 0 unchanged, 1 rejected, 4 skipped'
 */
export function describeTotals(result: IngestResult): string {
  const totals = result.totals!;
  const failed = result.records?.filter((r) => r.status === 'failed').length ?? 0;
  return `${result.format}: ${totals.canonical} canonical, ${totals.duplicate} duplicate, ${totals.unchanged} unchanged, ${totals.rejected} rejected, ${totals.skipped} skipped${failed ? `, ${failed} FAILED` : ''}`;
}

/**
 * The outcome column: what a person needs to read at a glance.
 *
 * @example
 * describeOutcome({ status: 'duplicate', canonicalId: 'ab12', distance: 3, ... }); // 'duplicate of ab12 (distance 3)'
 */
export function describeOutcome(result: IngestResult | (RecordResult & { readonly totals?: undefined })): string {
  if (result.totals) return describeTotals(result as IngestResult);
  const learned = result.learnedChrome ? `; ${result.learnedChrome} ¶ learned chrome removed` : '';
  switch (result.status) {
    case 'canonical':
      return `canonical${learned}`;
    case 'duplicate':
      return `duplicate of ${result.canonicalId ?? '?'} (distance ${result.distance ?? '?'})${learned}`;
    case 'unchanged':
      return `unchanged (${result.reason?.replace(/^already processed: /, '') ?? 'seen before'})`;
    case 'rejected':
      return `rejected: ${result.reason ?? 'no reason recorded'}`;
    case 'failed':
      return `FAILED: ${result.reason ?? 'unknown error'}`;
  }
}

const count = (n: number | undefined): string => (n === undefined ? '—' : n.toLocaleString('en-US'));

/** Colours the outcome column uses (renderTable applies them only when colour is wanted). */
const COLORS = pc.createColors(true);

/** Colour of an outcome cell: what needs a look (rejected, failed) in red. */
function outcomeColor(cell: string): string {
  if (cell.startsWith('canonical')) return COLORS.green(cell);
  if (cell.startsWith('duplicate')) return COLORS.yellow(cell);
  if (cell.startsWith('unchanged')) return COLORS.dim(cell);
  if (cell.startsWith('rejected') || cell.includes('FAILED')) return COLORS.red(cell);
  return cell;
}

/** Statuses in the order the totals line lists them. */
const STATUS_ORDER: readonly IngestStatus[] = ['canonical', 'duplicate', 'unchanged', 'rejected', 'failed'];

/**
 * The table `ingest` prints: one row per file, then the totals.
 *
 * @example
 * console.log(renderIngestTable(results));
 */
export function renderIngestTable(results: readonly IngestResult[], options: { readonly records?: boolean; readonly color?: boolean } = {}): string {
  // With --records a crawl file contributes one row per record (`file#record`, its URL).
  type Row = { readonly name: string; readonly row: IngestResult | RecordResult };
  const rows: Row[] = results.flatMap((result): Row[] =>
    options.records && result.records?.length
      ? result.records.map((record) => ({ name: `${result.file.display}#${record.record}${record.url ? ` ${record.url}` : ''}`, row: record }))
      : [{ name: result.file.display, row: result }],
  );
  const table = renderTable(
    [
      { header: 'file', maxWidth: 56, keep: 'end' },
      { header: 'outcome', maxWidth: 72, color: outcomeColor },
      { header: 'chars kept', align: 'right' },
      { header: 'stripped', align: 'right' },
      { header: '¶ new', align: 'right' },
      { header: '¶ seen', align: 'right' },
    ],
    rows.map(({ name, row }) => [
      name,
      describeOutcome(row as IngestResult),
      count(row.stats?.keptChars),
      count(row.stats?.strippedChars),
      count(row.stats?.newParagraphs),
      count(row.stats?.seenParagraphs),
    ]),
    { color: options.color === true },
  );
  // Totals count documents: a single file is one, a crawl file one per record.
  const documents: readonly (IngestResult | RecordResult)[] = results.flatMap((r): (IngestResult | RecordResult)[] => (r.records?.length ? [...r.records] : [r]));
  const skipped = results.reduce((total, r) => total + (r.totals?.skipped ?? 0), 0);
  const byStatus = STATUS_ORDER.map((status) => [status, documents.filter((r) => r.status === status).length] as const)
    .filter(([status, n]) => n > 0 || status !== 'failed')
    .map(([status, n]) => `${n} ${status}`);
  if (skipped > 0) byStatus.push(`${skipped} skipped`);
  // Sums over the files that have figures; '—' when none has (re-runs, a deployed stack).
  const sum = (pick: (r: IngestResult) => number | undefined): number | undefined =>
    results.some((r) => pick(r) !== undefined) ? results.reduce((total, r) => total + (pick(r) ?? 0), 0) : undefined;
  const crawlFiles = results.filter((r) => r.records?.length).length;
  const records = crawlFiles > 0 ? ` (${documents.length} documents, records of ${crawlFiles} crawl file${crawlFiles === 1 ? '' : 's'} included)` : '';
  const totals = [`${results.length} file${results.length === 1 ? '' : 's'}${records}: ${byStatus.join(', ')}`];
  if (sum((r) => r.stats?.keptChars) !== undefined) {
    totals.push(
      `${count(sum((r) => r.stats?.keptChars))} characters kept, ${count(sum((r) => r.stats?.strippedChars))} stripped; ` +
        `${count(sum((r) => r.stats?.newParagraphs))} paragraphs new, ${count(sum((r) => r.stats?.seenParagraphs))} seen before`,
    );
  }
  return `${table}\n\n${totals.join('\n')}`;
}

/**
 * Runs `ingest`; returns the exit code.
 *
 * @example
 * await run(['examples/scrapes', '--state', '/tmp/state', '--json']); // 0
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  const parsed = parseCommand<IngestOptions>(ingestCommand(), args);
  if (typeof parsed === 'number') return parsed;
  const { options: values, operands } = parsed;
  let connection;
  let files;
  let concurrency;
  let waitSeconds;
  let selection;
  try {
    concurrency = positiveInteger('concurrency', values.concurrency, 1);
    waitSeconds = positiveInteger('wait', values.wait, DEFAULT_REMOTE_WAIT_SECONDS);
    selection = storeSelection(values);
    if (selection.table !== undefined && selection.bucket === undefined) {
      throw new UsageError('ingest into a running stack needs its --bucket as well as its --table');
    }
    // Walk first: a typo in a path should not cost starting the stack.
    files = await collectInputFiles(operands, {
      include: values.include,
      exclude: values.exclude,
      onSkip: (skipped, why) => console.error(`scrape-dedup ingest: skipped ${skipped}: ${why}`),
    });
    connection = await openStack(selection);
    const prefix = connection.target!.incomingPrefix;
    files = files.map((file) => ({ ...file, key: `${prefix}${file.key}` }));
  } catch (error) {
    await connection?.close();
    if (!(error instanceof UsageError)) throw error;
    return printUsageError('ingest', error.message);
  }

  const progress = createProgress(process.stderr, files.length);
  // JSON lines stream out in file order as soon as every earlier file is done; a duplicate's
  // line names its canonical's object (one look-up per canonical, issue 14).
  const pending = new Map<number, IngestResult>();
  let printed = 0;
  let printing = Promise.resolve();
  const reader = createCorpusReader(connection.store);
  const canonicalSources = new Map<string, Promise<SourceName | null>>();
  const canonicalSourceOf = (docId: string): Promise<SourceName | null> => {
    let found = canonicalSources.get(docId);
    if (!found) canonicalSources.set(docId, (found = reader.canonicalSource(docId).then((source) => (source ? sourceName(source) : null))));
    return found;
  };
  const printLines = async (result: IngestResult): Promise<void> => {
    for (const line of toJsonLines(result)) {
      const canonicalSource = line.canonicalId !== null && line.status !== 'canonical' ? await canonicalSourceOf(line.canonicalId) : null;
      process.stdout.write(`${JSON.stringify({ ...line, canonicalSource })}\n`);
    }
  };
  let results: IngestResult[];
  try {
    results = await ingestFiles(files, connection.target!, {
      concurrency,
      maxDeliveries: MAX_DELIVERIES,
      remoteWaitMs: waitSeconds * 1000,
      remotePollMs: REMOTE_POLL_MS,
      onResult: (result, index) => {
        progress.tick(result.file.display);
        if (!values.json) return;
        pending.set(index, result);
        while (pending.has(printed)) {
          const ready = pending.get(printed)!;
          printing = printing.then(() => printLines(ready));
          pending.delete(printed);
          printed += 1;
        }
      },
    });
    await printing;
  } finally {
    progress.done();
    await connection.close();
  }

  if (!values.json) {
    console.log(renderIngestTable(results, { records: values.records === true, color: colorWanted(process.stdout) }));
    if (connection.embedded) {
      console.log(`\nRecords are kept in ${selection.stateDir}; see them with \`npx scrape-dedup list\` and \`npx scrape-dedup show <id>\`.`);
    }
  }
  if (results.some((r) => r.status === 'failed')) return EXIT_FAILED;
  if (values.strict && results.some((r) => r.status === 'rejected' || r.records?.some((record) => record.status === 'rejected'))) return EXIT_REJECTED;
  return 0;
}
