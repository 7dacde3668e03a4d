// Worker-thread entry of the embedded stack's cleaner (bin/local/thread-cleaner.ts): runs the
// pipeline's cleanScrape on the bytes the handler fetched, so the handler's thread is left with
// the store and S3 requests. A refusal (InputRejectedError) comes back as `rejected`, to be
// rebuilt as the same error; any other exception as `failure`, with its stack.
import { parentPort } from 'node:worker_threads';
import { InputRejectedError } from '../lambdas/core/errors.js';
import { cleanScrape } from '../lambdas/core/pipeline.js';
import type { DocumentCleanRequest, DocumentCleanResponse } from './local/thread-cleaner.js';

const port = parentPort;
if (port === null) throw new Error('clean-worker-document.ts runs as a worker thread of bin/local/thread-cleaner.ts');

port.on('message', ({ id, bytes, hints }: DocumentCleanRequest) => {
  let response: DocumentCleanResponse;
  try {
    response = { id, document: cleanScrape(bytes, hints) };
  } catch (error) {
    if (error instanceof InputRejectedError) response = { id, rejected: { code: error.code, message: error.message } };
    else response = { id, failure: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(response);
});
