// The frame shared by the commands that read the records (`list`, `show`, `export`, `report`):
// parse strictly, open an existing stack, and for the streaming ones write through a sink with
// a counter, turning a failure midway into a message and exit code 1.
import { EXIT_USAGE, UsageError, parseCommandLine, storeSelection } from './cli-args.js';
import type { OptionSpecs, ParsedCommandLine, StoreSelection } from './cli-args.js';
import { createCounter } from './cli-progress.js';
import { openStack } from './local/connect.js';
import type { Connection } from './local/connect.js';
import { openLineSink } from './export/line-sink.js';
import type { LineSink } from './export/line-sink.js';

/** Exit code when reading or writing failed midway (the output is then incomplete). */
export const EXIT_FAILED = 1;

/** A parsed command line with its stack selection. */
export type ReadingCommandLine<T extends OptionSpecs> = ParsedCommandLine<T> & { readonly selection: StoreSelection };

/**
 * Parses `args`; prints the usage for `--help` (exit 0) or a usage error (exit 2) and returns
 * the exit code instead. `check` throws {@link UsageError} for combinations it refuses.
 *
 * @example
 * const parsed = parseReadingCommand('export', args, OPTIONS, USAGE);
 * if (typeof parsed === 'number') return parsed;
 */
export function parseReadingCommand<T extends OptionSpecs & { help: { type: 'boolean' } }>(
  name: string,
  args: readonly string[],
  options: T,
  usage: string,
  check: (parsed: ParsedCommandLine<T>) => void = (parsed) => {
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument '${parsed.positionals[0]}'`);
  },
): ReadingCommandLine<T> | number {
  try {
    const parsed = parseCommandLine(args, options);
    if (parsed.values.help) {
      console.log(usage);
      return 0;
    }
    check(parsed);
    return { ...parsed, selection: storeSelection(parsed.values as Parameters<typeof storeSelection>[0]) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`scrape-dedup ${name}: ${error.message}\n\n${usage}`);
    return EXIT_USAGE;
  }
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
