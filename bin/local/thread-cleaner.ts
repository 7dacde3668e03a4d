// The embedded stack's cleaner: the pipeline's own cleanScrape, run on a worker thread
// (bin/clean-worker-document.ts) instead of the thread of the handler and the AWS SDK clients.
// With `ingest --concurrency 4` that thread was the limit (cleaning was 12% of it, the SDK's
// request work most of the rest; issue 16); the deployed Lambda cleans in its own thread.
import type { Worker } from 'node:worker_threads';
import { InputRejectedError } from '../../lambdas/core/errors.js';
import type { CleanDocument, ScrapeHints } from '../../lambdas/core/types.js';
import { startWorker } from '../start-worker.js';

/** A document for the worker to clean. */
export interface DocumentCleanRequest {
  readonly id: number;
  readonly bytes: Uint8Array;
  readonly hints: ScrapeHints;
}

/** The worker's answer: the document, a refusal of the input, or the stack of anything else thrown. */
export type DocumentCleanResponse =
  | { readonly id: number; readonly document: CleanDocument }
  | { readonly id: number; readonly rejected: { readonly code: string; readonly message: string } }
  | { readonly id: number; readonly failure: string };

/** A cleaner on a worker thread, started at the first document. */
export interface ThreadCleaner {
  /** A {@link Cleaner}: resolves to the document, rejects as cleanScrape throws. */
  readonly clean: (bytes: Uint8Array, hints: ScrapeHints) => Promise<CleanDocument>;
  /**
   * Starts the worker now, if it is not running, and resolves once it has loaded the pipeline
   * and answered an empty input, so the first document does not wait for the start. Rejects
   * only when the thread stopped (it could not load the pipeline, or exited).
   */
  ready(): Promise<void>;
  /** Stops the worker; documents still waiting are refused with an error. */
  close(): Promise<void>;
}

/**
 * A cleaner (process-object's `Cleaner`) that runs cleanScrape on one worker thread, documents in arrival order.
 * Refusals are thrown as the same InputRejectedError (code and message) as in this thread.
 *
 * @example
 * const cleaner = createThreadCleaner();
 * const processor = createObjectProcessor({ ...deps, clean: cleaner.clean });
 * // ...
 * await cleaner.close();
 */
export function createThreadCleaner(): ThreadCleaner {
  let worker: Worker | undefined;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (document: CleanDocument) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error): void => {
    for (const entry of waiting.values()) entry.reject(error);
    waiting.clear();
    worker = undefined;
  };
  const started = (): Worker => {
    if (worker !== undefined) return worker;
    const thread = startWorker('clean-worker-document');
    thread.on('message', (response: DocumentCleanResponse) => {
      const entry = waiting.get(response.id);
      if (entry === undefined) return;
      waiting.delete(response.id);
      if (waiting.size === 0) thread.unref();
      if ('document' in response) entry.resolve(response.document);
      else if ('rejected' in response) entry.reject(new InputRejectedError(response.rejected.code, response.rejected.message));
      else entry.reject(new Error(`clean worker: ${response.failure}`));
    });
    thread.on('error', failAll);
    thread.on('exit', (code) => failAll(new Error(`clean worker exited with code ${code}`)));
    worker = thread;
    return thread;
  };
  const clean = (bytes: Uint8Array, hints: ScrapeHints): Promise<CleanDocument> =>
    new Promise<CleanDocument>((resolve, reject) => {
      const id = nextId;
      nextId += 1;
      const thread = started();
      // Waiting for a document keeps the process alive; an idle worker does not.
      if (waiting.size === 0) thread.ref();
      waiting.set(id, { resolve, reject });
      // Copied, not transferred: the caller keeps its bytes (and a small Buffer shares a pool).
      thread.postMessage({ id, bytes, hints } satisfies DocumentCleanRequest);
    });
  return {
    clean,
    ready: () =>
      clean(new Uint8Array(0), { key: 'ready.txt' }).then(
        () => undefined,
        (error: unknown) => {
          // Any answer (a refusal of the empty input, even a failure) shows the thread runs;
          // only a thread that stopped (an error or exit event cleared it) is an error here.
          if (worker === undefined) throw error;
        },
      ),
    async close() {
      const thread = worker;
      worker = undefined;
      if (thread !== undefined) await thread.terminate();
    },
  };
}
