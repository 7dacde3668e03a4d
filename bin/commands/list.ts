// `scrape-dedup list`: the canonical articles recorded so far, oldest first.
import { EXIT_USAGE, STORE_OPTIONS, exitQuietlyOnClosedStdout, UsageError, parseCommandLine, positiveInteger, storeSelection } from '../cli-args.js';
import { renderTable } from '../cli-table.js';
import { openStack } from '../local/connect.js';
import type { CanonicalRecord } from '../../lambdas/dedup/types.js';

const USAGE = `usage: scrape-dedup list [options]

Lists the canonical articles (one per distinct article), in the order they were first seen.

options:
  --state DIR       state folder of the embedded stack (default: $SCRAPE_DEDUP_STATE or .scrape-dedup)
  --json            one JSON object per article per line
  --limit N         at most N articles
  --newest          newest first
  --endpoint URL    endpoint of a running stack (with --table)
  --table NAME      records table of a running stack`;

const OPTIONS = { ...STORE_OPTIONS, limit: { type: 'string' }, newest: { type: 'boolean' } } as const;

/** Records read per request: DynamoDB returns at most 1 MB per query anyway. */
const PAGE_SIZE = 100;

/** The `--json` object of one article: everything but the body. */
export interface ListJsonLine {
  readonly docId: string;
  readonly title: string;
  readonly site: string;
  readonly fingerprint: string;
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly duplicateCount: number;
  readonly paragraphs: number;
}

/**
 * The `--json` object of one canonical record.
 *
 * @example
 * toListJson(record); // { docId: '…', title: 'Talks resume', duplicateCount: 1, … }
 */
export function toListJson(record: CanonicalRecord): ListJsonLine {
  return {
    docId: record.docId,
    title: record.title,
    site: record.site,
    fingerprint: record.fingerprint,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
    duplicateCount: record.duplicateCount,
    paragraphs: record.paragraphFingerprints.length,
  };
}

/**
 * The table `list` prints.
 *
 * @example
 * console.log(renderListTable(records));
 */
export function renderListTable(records: readonly CanonicalRecord[]): string {
  if (records.length === 0) return 'No canonical articles yet: run `npx scrape-dedup ingest <files>` first.';
  const table = renderTable(
    [
      { header: 'docId' },
      { header: 'title', maxWidth: 50 },
      { header: 'site', maxWidth: 30 },
      { header: 'first seen' },
      { header: '¶', align: 'right' },
      { header: 'duplicates', align: 'right' },
    ],
    records.map((record) => [
      record.docId,
      record.title || '(untitled)',
      record.site,
      record.firstSeen.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      String(record.paragraphFingerprints.length),
      String(record.duplicateCount),
    ]),
  );
  return `${table}\n\n${records.length} canonical article${records.length === 1 ? '' : 's'}`;
}

/**
 * Runs `list`; returns the exit code.
 *
 * @example
 * await run(['--json', '--state', '/tmp/state']); // 0
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  let values;
  let limit: number;
  let selection;
  try {
    const parsed = parseCommandLine(args, OPTIONS);
    values = parsed.values;
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
    limit = positiveInteger('limit', values.limit, Number.MAX_SAFE_INTEGER);
    selection = storeSelection(values);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`scrape-dedup list: ${error.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }

  let connection;
  try {
    connection = await openStack(selection);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`scrape-dedup list: ${error.message}`);
    return EXIT_USAGE;
  }
  const records: CanonicalRecord[] = [];
  try {
    let cursor: string | undefined;
    do {
      const page = await connection.store.listCanonical({ limit: Math.min(PAGE_SIZE, limit - records.length), cursor, newestFirst: values.newest });
      records.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined && records.length < limit);
  } finally {
    await connection.close();
  }

  if (values.json) {
    for (const record of records) process.stdout.write(`${JSON.stringify(toListJson(record))}\n`);
  } else {
    console.log(renderListTable(records));
  }
  return 0;
}
