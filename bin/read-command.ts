// The frame shared by the commands that read the records (`list`, `show`, `export`, `report`):
// parse strictly, open an existing stack, and for the streaming ones write through a sink with
// a counter, turning a failure midway into a message and exit code 1.
import type { Command } from 'commander';
import { EXIT_USAGE, UsageError, parseCommand, storeSelection } from './cli-args.js';
import type { ParsedCommand, StoreSelection } from './cli-args.js';
import { EXIT_FAILED } from './cli-commands.js';
import type { StoreOptions } from './cli-commands.js';
import { createCounter } from './cli-progress.js';
import { openStack } from './local/connect.js';
import type { Connection } from './local/connect.js';
import { openLineSink } from './export/line-sink.js';
import type { LineSink } from './export/line-sink.js';

/** Exit code when reading or writing failed midway (the output is then incomplete). */
export { EXIT_FAILED };

/** A parsed command line with its stack selection. */
export type ReadingCommandLine<O extends StoreOptions> = ParsedCommand<O> & { readonly selection: StoreSelection };

/**
 * Parses `args` with `command`; prints the help for `--help` (exit 0) or a usage error (exit 2)
 * and returns the exit code instead. `check` throws {@link UsageError} for combinations it refuses.
 *
 * @example
 * const parsed = parseReadingCommand<ExportOptions>(exportCommand(), args);
 * if (typeof parsed === 'number') return parsed;
 */
export function parseReadingCommand<O extends StoreOptions>(command: Command, args: readonly string[], check: (parsed: ParsedCommand<O>) => void = () => undefined): ReadingCommandLine<O> | number {
  let selection: StoreSelection | undefined;
  const parsed = parseCommand<O>(command, args, (line) => {
    check(line);
    selection = storeSelection(line.options);
  });
  return typeof parsed === 'number' ? parsed : { ...parsed, selection: selection! };
}

/**
 * Opens the selected stack, which must exist; prints why not and returns exit code 2 otherwise.
 *
 * @example
 * const connection = await openForReading('list', selection);
 * if (typeof connection === 'number') return connection;
 */
export async function openForReading(name: string, selection: StoreSelection): Promise<Connection | number> {
  try {
    return await openStack(selection, { mustExist: true });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`scrape-dedup ${name}: ${error.message}`);
    return EXIT_USAGE;
  }
}

/** What {@link writeThroughSink} needs. */
export interface SinkRun {
  readonly name: string;
  /** What one counted item is, for the counter and the messages ('articles', 'clusters'). */
  readonly noun: string;
  readonly out: string;
  readonly gzip: boolean;
  readonly connection: Connection;
  /** Writes everything; calls `counted()` after each item. */
  readonly write: (sink: LineSink, counted: () => void) => Promise<void>;
}

/**
 * Runs `write` into a sink on `out` with a counter on a terminal's stderr, then closes the sink
 * and the connection. Returns 0, or {@link EXIT_FAILED} with "stopped after N" on stderr.
 *
 * @example
 * return writeThroughSink({ name: 'export', noun: 'articles', out, gzip, connection, write: async (sink, counted) => { ... } });
 */
export async function writeThroughSink(run: SinkRun): Promise<number> {
  const progress = createCounter(process.stderr, run.noun);
  let written = 0;
  const counted = (): void => {
    written += 1;
    progress.tick('');
  };
  try {
    const sink = await openLineSink(run.out, run.gzip);
    try {
      await run.write(sink, counted);
    } finally {
      await sink.close();
    }
  } catch (error) {
    progress.done();
    console.error(`scrape-dedup ${run.name}: stopped after ${written.toLocaleString('en-US')} ${run.noun}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_FAILED;
  } finally {
    await run.connection.close();
  }
  progress.done();
  return 0;
}
