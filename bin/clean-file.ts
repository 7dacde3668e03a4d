// Cleans one local scrape file into the record `scrape-dedup clean` prints: the pure pipeline
// (lambdas/core/pipeline.ts) plus the file read, with every failure turned into an error record.
import { readFileSync } from 'node:fs';
import { ScrapeDedupError } from '../lambdas/core/errors.js';
import { cleanScrape } from '../lambdas/core/pipeline.js';
import type { CleanDocument } from '../lambdas/core/types.js';

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

/** Why a file could not be read, and what to do about it (every message names the fix). */
function cannotReadMessage(error: NodeJS.ErrnoException): string {
  const fixes: Record<string, string> = {
    ENOENT: 'no such file: check the path (it is relative to the current folder)',
    EACCES: 'permission denied: make the file readable (chmod +r) or run as its owner',
    EPERM: 'permission denied: make the file readable (chmod +r) or run as its owner',
    EISDIR: 'a folder: name the folder itself to clean every scrape inside it',
    EMFILE: 'too many open files: raise the limit (ulimit -n) or pass fewer --jobs',
  };
  const code = error.code ?? '';
  return `cannot read: ${fixes[code] ?? `${code || String(error)}: check the file exists and is readable`}${code === '' ? '' : ` (${code})`}`;
}

/** Cleans one file; never throws: a failure becomes an `error` record. */
export async function cleanFile(source: string): Promise<CleanRecord> {
  let bytes: Uint8Array;
  try {
    // A synchronous read: files are cleaned one after the other in a thread (this one, or a
    // worker of `--jobs`), and fs/promises' open, stat, read and close round trips through the
    // thread pool took a quarter of the CPU of `clean` on many small files (issue 16).
    bytes = readFileSync(source);
  } catch (error) {
    return { source, error: cannotReadMessage(error as NodeJS.ErrnoException), code: 'unreadable' };
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
