// `scrape-dedup show <docId|source>`: one canonical article with its sources, paragraphs and
// duplicates. A source (the file path given to ingest, or its object key) shows that object's
// outcome and the article it belongs to.
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { exitQuietlyOnClosedStdout, printUsageError, UsageError } from '../cli-args.js';
import { showCommand } from '../cli-commands.js';
import type { StoreOptions } from '../cli-commands.js';
import { parseReadingCommand } from '../read-command.js';
import { renderPairs, renderTable } from '../cli-table.js';
import { collectInputFiles } from '../local/input-files.js';
import { openStack } from '../local/connect.js';
import type { Connection } from '../local/connect.js';
import type { CanonicalDetails } from '../../lambdas/adapters/dynamo-store.js';
import { DEFAULT_INCOMING_PREFIX } from '../../lambdas/adapters/table-schema.js';
import type { SourceRecord } from '../../lambdas/dedup/types.js';

/** Exit code when nothing matches the argument. */
export const EXIT_NOT_FOUND = 1;

interface ShowOptions extends StoreOptions {
  readonly text?: boolean;
}

/** Shortest docId prefix accepted: shorter ones match too much to be a deliberate choice. */
const MIN_ID_PREFIX = 6;
/** Characters of a paragraph shown in the paragraphs table (the full text is under --text). */
const PARAGRAPH_PREVIEW_CHARS = 70;

/** What `show` found for its argument. */
export interface ShowResult {
  /** The object named, when the argument was a source. */
  readonly source?: SourceRecord;
  /** Its canonical article; absent for a rejected source. */
  readonly article?: CanonicalDetails;
}

const HEX_ID = /^[0-9a-f]+$/;

async function findByIdPrefix(connection: Connection, prefix: string): Promise<string[]> {
  const matches: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await connection.store.listCanonical({ cursor });
    for (const record of page.items) if (record.docId.startsWith(prefix)) matches.push(record.docId);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return matches;
}

async function sourceKeysFor(argument: string): Promise<string[]> {
  const keys = new Set<string>();
  const onDisk = await stat(argument).then((info) => info.isFile(), () => false);
  if (onDisk) {
    // The key ingest gives this path when named on its own...
    for (const file of await collectInputFiles([argument], { prefix: DEFAULT_INCOMING_PREFIX })) keys.add(file.key);
    // ...or, for a file outside the working folder ingested through a folder, one of its
    // trailing paths (folder/file), most specific first.
    const segments = resolve(argument).split(sep).filter((segment) => segment !== '');
    for (let start = 0; start < segments.length; start += 1) keys.add(`${DEFAULT_INCOMING_PREFIX}${segments.slice(start).join('/')}`);
  }
  if (argument.startsWith(DEFAULT_INCOMING_PREFIX)) keys.add(argument);
  keys.add(`${DEFAULT_INCOMING_PREFIX}${argument.replace(/^\.\//, '')}`);
  return [...keys];
}

/**
 * Resolves `argument` (docId, unique docId prefix, ingested file path, or object key) to a
 * record. Throws {@link UsageError} for an ambiguous prefix; returns `undefined` when nothing matches.
 *
 * @example
 * const found = await findRecord(connection, 'examples/scrapes/001-talks.txt');
 * found?.source?.outcome; // 'canonical'
 */
export async function findRecord(connection: Connection, argument: string): Promise<ShowResult | undefined> {
  const id = argument.toLowerCase();
  if (HEX_ID.test(id)) {
    const exact = await connection.store.showCanonical(id);
    if (exact) return { article: exact };
    if (id.length >= MIN_ID_PREFIX) {
      const matches = await findByIdPrefix(connection, id);
      if (matches.length > 1) throw new UsageError(`'${argument}' matches ${matches.length} articles: give more digits`);
      if (matches.length === 1) return { article: await connection.store.showCanonical(matches[0]!) };
    }
  }
  if (connection.bucket !== undefined) {
    for (const key of await sourceKeysFor(argument)) {
      const source = await connection.store.getLatestSource(connection.bucket, key);
      if (!source) continue;
      const article = source.docId !== undefined ? await connection.store.showCanonical(source.docId) : undefined;
      return { source, article };
    }
  }
  if (HEX_ID.test(id) && id.length < MIN_ID_PREFIX) {
    throw new UsageError(`'${argument}' is too short to look up by prefix: give at least ${MIN_ID_PREFIX} digits of the docId, or all 16 (\`scrape-dedup list\` shows them)`);
  }
  return undefined;
}

const when = (iso: string): string => iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');

function describeSource(source: SourceRecord): string {
  switch (source.outcome) {
    case 'canonical':
      return `canonical (docId ${source.docId})`;
    case 'duplicate':
    case 'unchanged':
      return `${source.outcome} of ${source.docId} (distance ${source.distance ?? '?'}, paragraph overlap ${source.paragraphOverlap ?? '?'})`;
    case 'rejected':
      return `rejected: ${source.reason ?? source.code ?? 'no reason recorded'}${source.code ? ` [${source.code}]` : ''}`;
  }
}

/**
 * The text `show` prints for a record.
 *
 * @example
 * console.log(renderShow({ article: details }, false));
 */
export function renderShow(result: ShowResult, withText: boolean): string {
  const parts: string[] = [];
  if (result.source) {
    const source = result.source;
    parts.push(
      renderPairs([
        ['object', `s3://${source.bucket}/${source.key}`],
        ['version', source.version],
        ...(source.record !== undefined ? [['record', source.record] as const] : []),
        ...(source.url !== undefined ? [['url', source.url] as const] : []),
        ['outcome', describeSource(source)],
        ['processed', when(source.processedAt)],
        ...(source.learnedChromeRemoved ? [['learned chrome', `${source.learnedChromeRemoved} paragraph(s) removed`] as const] : []),
      ]),
    );
  }
  const article = result.article;
  if (article) {
    const { record } = article;
    parts.push(
      renderPairs([
        ['docId', record.docId],
        ['title', record.title || '(untitled)'],
        ['site', record.site],
        ['fingerprint', record.fingerprint],
        ['first seen', when(record.firstSeen)],
        ['last seen', when(record.lastSeen)],
        ['duplicates', String(record.duplicateCount)],
        ['size', `${(record.text ?? '').length.toLocaleString('en-US')} characters in ${record.paragraphFingerprints.length} paragraphs`],
      ]),
    );
    parts.push(
      `sources (${article.sources.length})\n` +
        renderTable(
          [{ header: 'seen' }, { header: 'object', maxWidth: 70, keep: 'end' }, { header: 'role' }],
          article.sources.map((s) => [
            when(s.seenAt),
            `s3://${s.bucket}/${s.key}${s.record !== undefined ? ` @${s.record}` : ''}${s.url ? ` (${s.url})` : ''}`,
            s.duplicate ? 'duplicate' : 'canonical',
          ]),
        ),
    );
    parts.push(
      `paragraphs (${article.paragraphs.length})\n` +
        renderTable(
          [{ header: '#', align: 'right' }, { header: 'fingerprint' }, { header: 'articles on site', align: 'right' }, { header: 'text', maxWidth: PARAGRAPH_PREVIEW_CHARS }],
          article.paragraphs.map((p, i) => [String(i + 1), p.fingerprint, String(p.docCount), p.text]),
        ),
    );
    if (record.removed.length > 0) {
      parts.push(
        `removed chrome (${record.removed.length})\n` +
          renderTable(
            [{ header: 'reason' }, { header: 'text', maxWidth: PARAGRAPH_PREVIEW_CHARS }],
            record.removed.map((r) => [r.reason, r.text]),
          ),
      );
    }
    if (withText && record.text !== undefined) parts.push(`text\n${record.text}`);
  }
  return parts.join('\n\n');
}

/**
 * Runs `show`; returns the exit code.
 *
 * @example
 * await run(['examples/scrapes/001-talks.txt', '--state', '/tmp/state']); // 0
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  const parsed = parseReadingCommand<ShowOptions>(showCommand(), args);
  if (typeof parsed === 'number') return parsed;
  const { selection } = parsed;
  const argument = parsed.operands[0]!;
  let connection;
  let found: ShowResult | undefined;
  try {
    connection = await openStack(selection, { mustExist: true });
    found = await findRecord(connection, argument);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return printUsageError('show', error.message);
  } finally {
    await connection?.close();
  }
  if (!found) {
    console.error(`scrape-dedup show: no article or ingested object matches '${argument}' (see \`npx scrape-dedup list\`)`);
    return EXIT_NOT_FOUND;
  }
  if (parsed.options.json) process.stdout.write(`${JSON.stringify(found)}\n`);
  else console.log(renderShow(found, parsed.options.text === true));
  return 0;
}
