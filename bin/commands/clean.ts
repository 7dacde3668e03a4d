// `scrape-dedup clean <files...> [--json]`: runs the pure pipeline on local files and prints the articles.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ScrapeDedupError } from '../../lambdas/core/errors.js';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import type { CleanDocument } from '../../lambdas/core/types.js';

const USAGE = 'usage: scrape-dedup clean <files or directories...> [--json]';

/** One output line of `--json`: the cleaned article, or the reason the file was refused. */
export type CleanRecord =
  | {
      source: string;
      title: string;
      text: string;
      paragraphs: readonly string[];
      fingerprint: string;
      removed: ReadonlyArray<{ text: string; reason: string }>;
      /** Primary language subtag (declared or detected), `und` when unknown. */
      language?: string;
      /** HTML only, when the page declares them. */
      canonicalUrl?: string;
      published?: string;
      author?: string;
    }
  | { source: string; error: string; code?: string };

/** Files named on the command line; a directory stands for the files directly inside it, sorted. */
async function expandSources(paths: readonly string[]): Promise<string[]> {
  const sources: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (info?.isDirectory()) {
      const entries = await readdir(path, { withFileTypes: true });
      sources.push(...entries.filter((entry) => entry.isFile()).map((entry) => join(path, entry.name)).sort());
    } else {
      sources.push(path); // a missing file is reported by the read below
    }
  }
  return sources;
}

/** Cleans one file; never throws: a failure becomes an `error` record. */
export async function cleanFile(source: string): Promise<CleanRecord> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(source);
  } catch (error) {
    return { source, error: `cannot read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, code: 'unreadable' };
  }
  try {
    const document: CleanDocument = cleanScrape(bytes, { key: source });
    return {
      source,
      title: document.title,
      text: document.text,
      paragraphs: document.paragraphs,
      fingerprint: document.fingerprint,
      removed: document.removed.map(({ text, reason }) => ({ text, reason })),
      ...(document.language === undefined ? {} : { language: document.language }),
      ...(document.canonicalUrl === undefined ? {} : { canonicalUrl: document.canonicalUrl }),
      ...(document.published === undefined ? {} : { published: document.published }),
      ...(document.author === undefined ? {} : { author: document.author }),
    };
  } catch (error) {
    if (error instanceof ScrapeDedupError) {
      const code = (error as ScrapeDedupError & { code?: string }).code;
      return code === undefined ? { source, error: error.message } : { source, error: error.message, code };
    }
    throw error; // a bug, not bad input: let it surface with its stack
  }
}

function formatPlain(record: Extract<CleanRecord, { title: string }>): string {
  const title = record.title === '' ? '(no title)' : record.title;
  const summary = `[${record.source} · fingerprint ${record.fingerprint} · ${record.paragraphs.length} paragraphs kept, ${record.removed.length} removed]`;
  return `${title}\n${'='.repeat(Math.min(title.length, 80))}\n\n${record.text}\n\n${summary}\n`;
}

/**
 * Runs the command; resolves to the exit code: 0 when every file was cleaned, 1 when at least
 * one could not be read or decoded (after processing the others), 2 for a usage error.
 *
 * @example
 * await run(['examples/scrapes', '--json']); // prints one JSON object per file
 */
export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const unknown = args.filter((arg) => arg.startsWith('-') && arg !== '--json');
  const paths = args.filter((arg) => !arg.startsWith('-'));
  if (unknown.length > 0 || paths.length === 0) {
    console.error(unknown.length > 0 ? `scrape-dedup clean: unknown option ${unknown[0]}\n${USAGE}` : USAGE);
    return 2;
  }
  let failures = 0;
  for (const source of await expandSources(paths)) {
    const record = await cleanFile(source);
    if ('error' in record) failures += 1;
    if (json) {
      process.stdout.write(`${JSON.stringify(record)}\n`);
    } else if ('error' in record) {
      console.error(`scrape-dedup clean: ${record.source}: ${record.error}`);
    } else {
      process.stdout.write(`${formatPlain(record)}\n`);
    }
  }
  return failures > 0 ? 1 : 0;
}
