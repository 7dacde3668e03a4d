// What `scrape-dedup clean` prints for one file, rendered where the file was cleaned (this
// thread with one job, a worker of `--jobs N` otherwise): the finished text crosses threads as
// one string, not as a record object (a structured clone of every field, then JSON.stringify
// again in the thread that prints: 7-10% of the run, and garbage for the printing thread).
import { cleanFile, type CleanRecord } from './clean-file.js';

/** `json`: one JSON object per line (`--json`); `plain`: the title and the text. */
export type CleanFormat = 'json' | 'plain';

/** A file to clean: where it is, and the name its output shows (`-` for standard input). */
export interface CleanSource {
  readonly path: string;
  readonly shown: string;
}

/** One file's outcome, ready to print. */
export interface CleanOutput {
  /** The name the output shows. */
  readonly source: string;
  /**
   * For standard output, empty when nothing (a refused file in `plain`: its reason goes to
   * standard error). UTF-8 bytes when a worker cleaned the file (see {@link toTransferable}).
   */
  readonly text: string | Uint8Array;
  /** Why the file could not be cleaned, when it could not. */
  readonly error?: string;
}

function formatPlain(record: Extract<CleanRecord, { title: string }>): string {
  const title = record.title === '' ? '(no title)' : record.title;
  const summary = `[${record.source} · fingerprint ${record.fingerprint} · ${record.paragraphs.length} paragraphs kept, ${record.removed.length} removed]`;
  return `${title}\n${'='.repeat(Math.min(title.length, 80))}\n\n${record.text}\n\n${summary}\n\n`;
}

/** The printed form of `record`, under the name `shown`. */
export function renderRecord(record: CleanRecord, shown: string, format: CleanFormat): CleanOutput {
  const named = record.source === shown ? record : { ...record, source: shown };
  const error = 'error' in named ? named.error : undefined;
  if (format === 'json') return { source: shown, text: `${JSON.stringify(named)}\n`, ...(error === undefined ? {} : { error }) };
  if (error !== undefined) return { source: shown, text: '', error };
  return { source: shown, text: formatPlain(named as Extract<CleanRecord, { title: string }>) };
}

const utf8 = new TextEncoder();

/**
 * The output with its text as UTF-8 bytes in a buffer of their own, to be transferred to the
 * printing thread rather than copied: a string would be copied twice and leave garbage there
 * (a quarter of that thread's CPU was its garbage collector).
 */
export function toTransferable(output: CleanOutput): { output: CleanOutput; transfer: ArrayBuffer[] } {
  if (typeof output.text !== 'string') return { output, transfer: [] };
  const bytes = utf8.encode(output.text);
  return { output: { ...output, text: bytes }, transfer: [bytes.buffer as ArrayBuffer] };
}

/**
 * Cleans one file and renders it; never throws for bad input (a bug still throws).
 *
 * @example
 * const { text } = await cleanFileOutput({ path: 'a.txt', shown: 'a.txt' }, 'json'); // one JSON line
 */
export async function cleanFileOutput(source: CleanSource, format: CleanFormat): Promise<CleanOutput> {
  return renderRecord(await cleanFile(source.path), source.shown, format);
}
