// Worker-thread entry of `clean --jobs N` (bin/clean-jobs.ts): cleans the files the pool sends,
// one at a time, and answers with each record. It reads the file itself, so reading and
// decoding happen in parallel too; a record that is a bug (not bad input) comes back as `bug`.
import { parentPort } from 'node:worker_threads';
import { cleanFile } from './clean-file.js';
import type { CleanRequest, CleanResponse } from './clean-jobs.js';

const port = parentPort;
if (port === null) throw new Error('clean-worker.ts runs as a worker thread of bin/clean-jobs.ts');

port.on('message', (request: CleanRequest) => {
  cleanFile(request.source).then(
    (record) => port.postMessage({ index: request.index, record } satisfies CleanResponse),
    (error: unknown) => {
      const bug = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ index: request.index, bug } satisfies CleanResponse);
    },
  );
});
