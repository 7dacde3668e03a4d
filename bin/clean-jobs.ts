// Cleans many local files and yields their records in input order. Today one file at a time in
// this thread; the interface is what `clean --jobs N` needs (worker threads, issue 16).
import { cleanFile, type CleanRecord } from './clean-file.js';

export interface CleanJobsOptions {
  /** Files cleaned at once; 1 cleans in this thread. */
  readonly jobs: number;
}

/** Cleans every source and yields one record per source, in the order the sources came. */
export async function* cleanFilesInOrder(
  sources: AsyncIterable<string> | Iterable<string>,
  options: CleanJobsOptions,
): AsyncIterable<CleanRecord> {
  void options;
  for await (const source of sources) yield await cleanFile(source);
}
