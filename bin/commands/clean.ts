// `scrape-dedup clean <files...> [--json]`: runs the pure pipeline on local files and prints the articles.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CleanRecord } from '../clean-file.js';
import { cleanFilesInOrder } from '../clean-jobs.js';

const USAGE = 'usage: scrape-dedup clean <files or directories...> [--json]';

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
  for await (const record of cleanFilesInOrder(await expandSources(paths), { jobs: 1 })) {
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
