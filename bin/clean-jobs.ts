// Cleans many local files and yields their printed outputs in input order: one job cleans in
// this thread; N jobs are this thread and a pool of N - 1 worker threads (`clean --jobs N`, issue 16).
// Each file is rendered where it was cleaned (bin/clean-output.ts), so the thread that prints
// only writes.
import type { Worker } from 'node:worker_threads';
import { cleanFileOutput, type CleanFormat, type CleanOutput, type CleanSource } from './clean-output.js';
import { startWorker } from './start-worker.js';

export interface CleanJobsOptions {
  /** Files cleaned at once; 1 cleans in this thread, N > 1 in this thread and N - 1 worker threads. */
  readonly jobs: number;
  readonly format: CleanFormat;
}

/** A file for a worker to clean: `index` is its place in the input order. */
export interface CleanRequest {
  readonly index: number;
  readonly source: CleanSource;
  readonly format: CleanFormat;
}

/** A worker's answer: the file's output, or the stack of a bug (an exception that is not bad input). */
export type CleanResponse = { readonly index: number; readonly output: CleanOutput } | { readonly index: number; readonly bug: string };

/**
 * Files each worker may hold at once, cleaned or waiting. Records come out in input order, so a
 * slow file at the head stops new files from being handed out until it is done: with 2 per
 * worker the other worker ran dry (workers 31-43% idle on 3,000 files of 8 KB, `--jobs 2` slower
 * than one job); with 16 they stay busy (4% idle). At most `jobs * FILES_PER_WORKER` records are
 * in memory whatever the number of files (each record is under the document limits of
 * lambdas/document-limits.ts): memory stays flat on any input size.
 */
export const FILES_PER_WORKER = 16;

/** A fixed pool of worker threads, started on demand, that cleans one file per request. */
class CleanPool {
  private readonly all: Worker[] = [];
  private readonly waiting = new Map<number, { resolve: (output: CleanOutput) => void; reject: (error: Error) => void; worker: Worker }>();
  private failure: Error | undefined;

  public constructor(private readonly size: number) {}

  /** Cleans `source` on a worker with room (a new one while fewer than `size` run). */
  public clean(index: number, source: CleanSource, format: CleanFormat): Promise<CleanOutput> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const worker = this.pickWorker();
    return new Promise((resolve, reject) => {
      this.waiting.set(index, { resolve, reject, worker });
      worker.postMessage({ index, source, format } satisfies CleanRequest);
    });
  }

  private pickWorker(): Worker {
    const load = (worker: Worker): number => [...this.waiting.values()].filter((entry) => entry.worker === worker).length;
    const free = this.all.find((worker) => load(worker) === 0);
    if (free !== undefined) return free;
    if (this.all.length < this.size) return this.spawn();
    return this.all.reduce((best, worker) => (load(worker) < load(best) ? worker : best));
  }

  private spawn(): Worker {
    const worker = startWorker('clean-worker');
    worker.on('message', (response: CleanResponse) => {
      const entry = this.waiting.get(response.index);
      if (entry === undefined) return;
      this.waiting.delete(response.index);
      if ('bug' in response) entry.reject(new Error(`clean worker: ${response.bug}`));
      else entry.resolve(response.output);
    });
    const fail = (error: Error): void => {
      this.failure ??= error;
      for (const [index, entry] of this.waiting) {
        if (entry.worker !== worker) continue;
        this.waiting.delete(index);
        entry.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`clean worker exited with code ${code}`));
    });
    this.all.push(worker);
    return worker;
  }

  public async close(): Promise<void> {
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }
}

/**
 * Cleans every source and yields its output, in the order the sources came. With `jobs` > 1
 * the files are cleaned in this thread and on `jobs - 1` worker threads, at most `jobs * FILES_PER_WORKER` ahead
 * of the output being yielded (sources are read lazily, so an endless or huge list streams); a
 * single source is cleaned in this thread. Stopping the iteration early stops the workers.
 *
 * @example
 * for await (const { text } of cleanFilesInOrder([{ path: 'a.txt', shown: 'a.txt' }], { jobs: 2, format: 'json' })) process.stdout.write(text);
 */
export async function* cleanFilesInOrder(sources: AsyncIterable<CleanSource> | Iterable<CleanSource>, options: CleanJobsOptions): AsyncIterable<CleanOutput> {
  if (options.jobs <= 1) {
    for await (const source of sources) yield await cleanFileOutput(source, options.format);
    return;
  }
  // One file alone is cleaned here: starting a worker (module load, JIT) costs more than it saves.
  const iterator = toAsyncIterator(sources);
  const first = await iterator.next();
  if (first.done === true) return;
  const second = await iterator.next();
  if (second.done === true) {
    yield await cleanFileOutput(first.value, options.format);
    return;
  }
  yield* cleanOnPool(chain([first.value, second.value], iterator), options);
}

function toAsyncIterator<T>(sources: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in sources) return sources[Symbol.asyncIterator]();
  const syncIterator = sources[Symbol.iterator]();
  return { next: () => Promise.resolve(syncIterator.next()) };
}

/** The `head` values, then the rest of `iterator`. */
async function* chain<T>(head: readonly T[], iterator: AsyncIterator<T>): AsyncIterable<T> {
  yield* head;
  for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
}

async function* cleanOnPool(sources: AsyncIterable<CleanSource>, options: CleanJobsOptions): AsyncIterable<CleanOutput> {
  // This thread takes every `jobs`-th file itself, beside `jobs - 1` workers: it would otherwise
  // sit mostly idle, and each worker compiles the core afresh (about 0.6 CPU s per isolate).
  // 100 MB of 100 KB files, --jobs 2 against --jobs 1: 1.45-1.47x with two workers, 1.61-1.64x
  // this way (two rounds each, /usr/bin/time, 2 December 12:50 UTC).
  const pool = new CleanPool(options.jobs - 1);
  const window = options.jobs * FILES_PER_WORKER;
  const pending: Array<Promise<CleanOutput>> = [];
  try {
    let index = 0;
    for await (const source of sources) {
      const output = index % options.jobs === options.jobs - 1 ? cleanFileOutput(source, options.format) : pool.clean(index, source, options.format);
      // A rejection is seen when its turn comes; until then it must not count as unhandled.
      output.catch(() => undefined);
      pending.push(output);
      index += 1;
      if (pending.length >= window) yield await pending.shift()!;
    }
    while (pending.length > 0) yield await pending.shift()!;
  } finally {
    await pool.close();
  }
}
