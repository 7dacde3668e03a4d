// Where `export` writes: a file or stdout, optionally gzip-compressed, one write at a time with
// back-pressure, so memory stays flat however large the corpus (the reader waits for the disk).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';

/** The standard-output marker of `--out`. */
export const STDOUT_MARKER = '-';

/** A line-by-line writer. */
export interface LineSink {
  /** Writes one line (a newline is added); resolves when the stream can take more. */
  writeLine(line: string): Promise<void>;
  /** Flushes (and finishes the gzip stream); the file is complete when this resolves. */
  close(): Promise<void>;
  /** Bytes handed to the sink before compression. */
  readonly bytesIn: () => number;
}

async function write(stream: Writable, chunk: string | Buffer): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Opens `out` (a path, or `-` for stdout) for JSON lines, gzip-compressed when `gzip`.
 *
 * @example
 * const sink = await openLineSink('corpus.jsonl.gz', true);
 * await sink.writeLine('{"docId":"…"}');
 * await sink.close();
 */
export async function openLineSink(out: string, gzip: boolean): Promise<LineSink> {
  const toStdout = out === STDOUT_MARKER;
  const target: Writable = toStdout ? process.stdout : createWriteStream(out);
  if (!toStdout) await once(target, 'open');
  let bytes = 0;
  const compressor = gzip ? createGzip() : undefined;
  // Compressed chunks go to the target as they come, with the target's back-pressure.
  const forwarding = compressor
    ? (async () => {
        for await (const chunk of compressor) await write(target, chunk as Buffer);
      })()
    : Promise.resolve();
  return {
    bytesIn: () => bytes,
    async writeLine(line) {
      const chunk = `${line}\n`;
      bytes += Buffer.byteLength(chunk);
      await write(compressor ?? target, chunk);
    },
    async close() {
      if (compressor) {
        compressor.end();
        await forwarding;
      }
      if (!toStdout) {
        const finished = once(target, 'finish');
        target.end();
        await finished;
      }
    },
  };
}
