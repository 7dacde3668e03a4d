// Worker-thread entry of `clean --jobs N` (bin/clean-jobs.ts): cleans the files the pool sends,
// one at a time, and answers with each one's output, rendered here (bin/clean-output.ts). It
// reads the file itself, so reading, decoding and rendering happen in parallel too; an
// exception that is a bug (not bad input) comes back as `bug`.
import { parentPort } from 'node:worker_threads';
import type { CleanRequest, CleanResponse } from './clean-jobs.js';
import { cleanFileOutput, toTransferable } from './clean-output.js';

const port = parentPort;
if (port === null) throw new Error('clean-worker.ts runs as a worker thread of bin/clean-jobs.ts');

port.on('message', (request: CleanRequest) => {
  cleanFileOutput(request.source, request.format).then(
    (rendered) => {
      const { output, transfer } = toTransferable(rendered);
      port.postMessage({ index: request.index, output } satisfies CleanResponse, transfer);
    },
    (error: unknown) => {
      const bug = error instanceof Error ? (error.stack ?? error.message) : String(error);
      port.postMessage({ index: request.index, bug } satisfies CleanResponse);
    },
  );
});
