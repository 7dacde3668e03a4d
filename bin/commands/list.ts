// `scrape-dedup list`: the canonical articles recorded so far, oldest first, or with
// --duplicates the objects marked duplicate, each with the source of its canonical.
import { exitQuietlyOnClosedStdout, positiveInteger } from '../cli-args.js';
import { listCommand } from '../cli-commands.js';
import type { StoreOptions } from '../cli-commands.js';
import { openForReading, parseReadingCommand } from '../read-command.js';
import { renderTable } from '../cli-table.js';
import { createCorpusReader, mapOrdered } from '../../lambdas/adapters/corpus-reader.js';
import type { ArticleSource, CorpusReader } from '../../lambdas/adapters/corpus-reader.js';
import type { Connection } from '../local/connect.js';
import type { CanonicalRecord, SourceRecord } from '../../lambdas/dedup/types.js';
import { sourceName } from '../export/export-lines.js';
import type { SourceName } from '../export/export-lines.js';

interface ListOptions extends StoreOptions {
  readonly limit?: string;
  readonly newest?: boolean;
  readonly duplicates?: boolean;
  readonly site?: string;
}

/** Records read per request: DynamoDB returns at most 1 MB per query anyway. */
const PAGE_SIZE = 100;
/** Source look-ups in flight while listing (one Query each). */
const SOURCE_LOOKUPS = 8;

/** An object as `list` shows it: enough to find it again. */
export type ListedSource = SourceName;

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
  /** The object the article was first seen in; null if its source link is missing. */
  readonly source: ListedSource | null;
}

/** The `--duplicates --json` object of one duplicate object. */
export interface DuplicateJsonLine {
  readonly source: ListedSource;
  readonly site: string | null;
  readonly canonicalId: string;
  readonly canonicalSource: ListedSource | null;
  readonly distance: number | null;
  readonly paragraphOverlap: number | null;
  readonly learnedChromeRemoved: number;
  readonly processedAt: string;
}

function listed(source: SourceName | undefined): ListedSource | null {
  return source ? sourceName(source) : null;
}

/**
 * The `--json` object of one canonical record.
 *
 * @example
 * toListJson(record, source); // { docId: '…', title: 'Talks resume', duplicateCount: 1, source: { key: 'incoming/a.txt', … } }
 */
export function toListJson(record: CanonicalRecord, source?: ArticleSource): ListJsonLine {
  return {
    docId: record.docId,
    title: record.title,
    site: record.site,
    fingerprint: record.fingerprint,
    firstSeen: record.firstSeen,
    lastSeen: record.lastSeen,
    duplicateCount: record.duplicateCount,
    paragraphs: record.paragraphFingerprints.length,
    source: listed(source),
  };
}

/** A source as one table cell: its URL when known (what a person recognises), else its key. */
export function sourceCell(source: ListedSource | null): string {
  if (!source) return '—';
  const where = source.url ?? source.key.replace(/^incoming\//, '');
  return source.record !== undefined ? `${where} @${source.record}` : where;
}

const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

/**
 * The table `list` prints.
 *
 * @example
 * console.log(renderListTable(lines));
 */
export function renderListTable(lines: readonly ListJsonLine[]): string {
  if (lines.length === 0) return 'No canonical articles match: run `npx scrape-dedup ingest <files>` first, or check --site.';
  const table = renderTable(
    [
      { header: 'docId' },
      { header: 'title', maxWidth: 44 },
      { header: 'site', maxWidth: 24 },
      { header: 'source', maxWidth: 40, keep: 'end' },
      { header: 'first seen' },
      { header: '¶', align: 'right' },
      { header: 'duplicates', align: 'right' },
    ],
    lines.map((line) => [
      line.docId,
      line.title || '(untitled)',
      line.site,
      sourceCell(line.source),
      when(line.firstSeen),
      String(line.paragraphs),
      String(line.duplicateCount),
    ]),
  );
  return `${table}\n\n${lines.length} canonical article${lines.length === 1 ? '' : 's'}`;
}

/**
 * The table `list --duplicates` prints.
 *
 * @example
 * console.log(renderDuplicateTable(lines));
 */
export function renderDuplicateTable(lines: readonly DuplicateJsonLine[]): string {
  if (lines.length === 0) return 'No duplicates recorded (for this site).';
  const table = renderTable(
    [
      { header: 'duplicate', maxWidth: 40, keep: 'end' },
      { header: 'canonical docId' },
      { header: 'canonical source', maxWidth: 40, keep: 'end' },
      { header: 'distance', align: 'right' },
      { header: 'overlap', align: 'right' },
      { header: 'processed' },
    ],
    lines.map((line) => [
      sourceCell(line.source),
      line.canonicalId,
      sourceCell(line.canonicalSource),
      line.distance === null ? '—' : String(line.distance),
      line.paragraphOverlap === null ? '—' : `${Math.round(line.paragraphOverlap * 100)}%`,
      when(line.processedAt),
    ]),
  );
  return `${table}\n\n${lines.length} duplicate${lines.length === 1 ? '' : 's'}`;
}

/** Whether `site` is the one asked for: exact, or the same host with or without `www.`. */
export function siteMatches(site: string | undefined, wanted: string | undefined): boolean {
  if (wanted === undefined) return true;
  if (site === undefined) return false;
  const plain = (value: string): string => value.toLowerCase().replace(/^www\./, '').replace(/\/$/, '');
  return plain(site) === plain(wanted);
}

async function* canonicalRecords(connection: Connection, newest: boolean): AsyncGenerator<CanonicalRecord> {
  let cursor: string | undefined;
  do {
    const page = await connection.store.listCanonical({ limit: PAGE_SIZE, cursor, newestFirst: newest });
    yield* page.items;
    cursor = page.cursor;
  } while (cursor !== undefined);
}

async function* filtered<T>(items: AsyncIterable<T>, keep: (item: T) => boolean, limit: number): AsyncGenerator<T> {
  let count = 0;
  if (limit <= 0) return;
  for await (const item of items) {
    if (!keep(item)) continue;
    yield item;
    count += 1;
    if (count >= limit) return;
  }
}

async function articleLines(connection: Connection, reader: CorpusReader, options: { newest: boolean; site?: string; limit: number }): Promise<ListJsonLine[]> {
  const records = filtered(canonicalRecords(connection, options.newest), (record) => siteMatches(record.site, options.site), options.limit);
  const lines: ListJsonLine[] = [];
  for await (const line of mapOrdered(records, SOURCE_LOOKUPS, async (record) => toListJson(record, await reader.canonicalSource(record.docId)))) lines.push(line);
  return lines;
}

async function duplicateLines(reader: CorpusReader, options: { newest: boolean; site?: string; limit: number }): Promise<DuplicateJsonLine[]> {
  const sources = filtered(reader.sources(), (source) => source.outcome === 'duplicate' && siteMatches(source.site, options.site), options.limit);
  // Many duplicates share a canonical: look each canonical's source up once.
  const canonicalSources = new Map<string, Promise<ArticleSource | undefined>>();
  const lookUp = (docId: string): Promise<ArticleSource | undefined> => {
    let found = canonicalSources.get(docId);
    if (!found) canonicalSources.set(docId, (found = reader.canonicalSource(docId)));
    return found;
  };
  const lines: DuplicateJsonLine[] = [];
  const toLine = async (source: SourceRecord): Promise<DuplicateJsonLine> => ({
    source: listed(source)!,
    site: source.site ?? null,
    canonicalId: source.docId ?? '',
    canonicalSource: listed(source.docId !== undefined ? await lookUp(source.docId) : undefined),
    distance: source.distance ?? null,
    paragraphOverlap: source.paragraphOverlap ?? null,
    learnedChromeRemoved: source.learnedChromeRemoved ?? 0,
    processedAt: source.processedAt,
  });
  for await (const line of mapOrdered(sources, SOURCE_LOOKUPS, toLine)) lines.push(line);
  return options.newest ? lines.reverse() : lines;
}

/**
 * Runs `list`; returns the exit code.
 *
 * @example
 * await run(['--json', '--state', '/tmp/state']); // 0
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  let limit = Number.MAX_SAFE_INTEGER;
  const parsed = parseReadingCommand<ListOptions>(listCommand(), args, ({ options }) => {
    limit = positiveInteger('limit', options.limit, Number.MAX_SAFE_INTEGER);
  });
  if (typeof parsed === 'number') return parsed;
  const { options: values, selection } = parsed;
  const connection = await openForReading('list', selection);
  if (typeof connection === 'number') return connection;
  const options = { newest: values.newest === true, site: values.site, limit };
  try {
    const reader = createCorpusReader(connection.store);
    if (values.duplicates) {
      const lines = await duplicateLines(reader, options);
      if (values.json) for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
      else console.log(renderDuplicateTable(lines));
    } else {
      const lines = await articleLines(connection, reader, options);
      if (values.json) for (const line of lines) process.stdout.write(`${JSON.stringify(line)}\n`);
      else console.log(renderListTable(lines));
    }
  } finally {
    await connection.close();
  }
  return 0;
}
