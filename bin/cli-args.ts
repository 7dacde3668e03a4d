// Command-line parsing shared by the sub-commands: commander with the commands declared in
// cli-commands.ts, help on stdout (exit 0), and usage errors on stderr (exit 2) that say how to
// get the help; plus the checks every store-reading command makes.
import { CommanderError } from 'commander';
import type { Command } from 'commander';
import { ScrapeDedupError } from '../lambdas/core/errors.js';
import { DEFAULT_STATE_DIR, EXIT_USAGE, STATE_DIR_ENV } from './cli-commands.js';

export { DEFAULT_STATE_DIR, EXIT_USAGE, STATE_DIR_ENV };

/** A command line that cannot be run as given; the CLI prints the message and exits 2. */
export class UsageError extends ScrapeDedupError {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Parsed `--state/--endpoint/--bucket/--table`: where the records live. */
export interface StoreSelection {
  /** Folder of the embedded stack's data; used only when `table` is not given. */
  readonly stateDir: string;
  /** Endpoint URL for both S3 and DynamoDB (e.g. a LocalStack); absent for AWS itself. */
  readonly endpoint?: string;
  /** Bucket of a running stack; absent means the embedded stack's bucket. */
  readonly bucket?: string;
  /** Table of a running stack; when set, no embedded stack is started. */
  readonly table?: string;
}

/** What {@link parseCommand} returns: the command's arguments and its options (camelCase keys). */
export interface ParsedCommand<O> {
  readonly operands: string[];
  readonly options: O;
}

/**
 * Prints a usage error the way every command does: what is wrong, then where the help is.
 *
 * @example
 * printUsageError('clean', 'name at least one file'); // scrape-dedup clean: name at least one file …
 */
export function printUsageError(name: string, message: string): number {
  console.error(`scrape-dedup ${name}: ${message}\n(see \`scrape-dedup ${name} --help\` for the arguments and options)`);
  return EXIT_USAGE;
}

/**
 * Makes a declared command throw instead of exiting, name itself `scrape-dedup <name>` in its
 * usage line, and send its help to `writeHelp`; commander's own error output is silenced, since
 * the caller prints the error in the CLI's form (from the CommanderError it throws).
 *
 * @example
 * prepareCommand(cleanCommand(), (text) => process.stdout.write(text)).parse(['--help'], { from: 'user' }); // throws, exit code 0
 */
export function prepareCommand(command: Command, writeHelp: (text: string) => void): Command {
  return command
    .exitOverride()
    .configureHelp({ commandUsage: (cmd) => `scrape-dedup ${cmd.name()} ${cmd.usage()}` })
    .configureOutput({ writeOut: writeHelp, writeErr: () => undefined, outputError: () => undefined });
}

/**
 * Parses a sub-command's arguments with its commander declaration. `--help`/`-h` prints the help
 * on stdout and returns 0; an unknown option, a missing value or argument, or a {@link UsageError}
 * thrown by `check` prints the problem on stderr and returns {@link EXIT_USAGE}.
 *
 * @example
 * const parsed = parseCommand<{ json?: boolean }>(cleanCommand(), ['a.txt', '--json']);
 * if (typeof parsed === 'number') return parsed; // parsed.operands: ['a.txt'], parsed.options.json: true
 */
export function parseCommand<O>(command: Command, args: readonly string[], check: (parsed: ParsedCommand<O>) => void = () => undefined): ParsedCommand<O> | number {
  const name = command.name();
  let parsed: ParsedCommand<O> | undefined;
  prepareCommand(command, (text) => process.stdout.write(text))
    .action((...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      parsed = { operands: self.args, options: self.opts() as O };
    });
  try {
    command.parse([...args], { from: 'user' });
    check(parsed!);
    return parsed!;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help (already printed)
      return printUsageError(name, error.message.replace(/^error: /, ''));
    }
    if (error instanceof UsageError) return printUsageError(name, error.message);
    throw error;
  }
}

/**
 * Reads a positive integer option (`--concurrency 4`), or the default when absent.
 *
 * @example
 * positiveInteger('concurrency', '4', 1); // 4
 * positiveInteger('concurrency', 'x', 1); // throws UsageError
 */
export function positiveInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    throw new UsageError(`--${name} must be a whole number of at least 1, got '${value}'`);
  }
  return parsed;
}

/**
 * Resolves which stack a command talks to. The state folder is `--state`, else the
 * `SCRAPE_DEDUP_STATE` environment variable, else `.scrape-dedup` in the current folder.
 *
 * @example
 * storeSelection({ table: 'Records', bucket: 'scrapes' }, {}); // a deployed stack
 * storeSelection({}, { SCRAPE_DEDUP_STATE: '/tmp/s' });       // embedded, data in /tmp/s
 */
export function storeSelection(
  values: { state?: string | undefined; endpoint?: string | undefined; bucket?: string | undefined; table?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): StoreSelection {
  const stateDir = values.state ?? (env[STATE_DIR_ENV] || DEFAULT_STATE_DIR);
  if (values.endpoint !== undefined) {
    try {
      new URL(values.endpoint);
    } catch {
      throw new UsageError(`--endpoint must be a URL such as http://localhost:4566, got '${values.endpoint}'`);
    }
  }
  // An endpoint or bucket without a table would silently fall back to the embedded stack.
  if (values.table === undefined && (values.endpoint !== undefined || values.bucket !== undefined)) {
    throw new UsageError('--endpoint and --bucket select a running stack: give its --table too');
  }
  return { stateDir, endpoint: values.endpoint, bucket: values.bucket, table: values.table };
}

let stdoutGuarded = false;

/**
 * Ends quietly when the reader of stdout goes away (`scrape-dedup list | head`): Node reports
 * that as an unhandled EPIPE error with a stack trace, which is noise, not a failure.
 *
 * @example
 * exitQuietlyOnClosedStdout();
 */
export function exitQuietlyOnClosedStdout(): void {
  // Once per process: commands run in-process (tests) must not pile up listeners.
  if (stdoutGuarded) return;
  stdoutGuarded = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * Writes to stdout and waits while the reader is behind (backpressure: a slow `| less` or a
 * full pipe holds the command instead of piling output up in memory). Resolves to false once
 * the reader has gone away (`| head`): the caller stops. A write to a closed pipe fails without
 * an 'error' event until the write is retried, so waiting here is also what ends the command.
 *
 * @example
 * for (const record of records) if (!(await writeStdout(`${JSON.stringify(record)}\n`))) return 0;
 */
export async function writeStdout(text: string | Uint8Array): Promise<boolean> {
  const stdout = process.stdout;
  if (!stdout.write(text)) {
    await new Promise<void>((resolve) => {
      const settle = (): void => {
        stdout.off('drain', settle).off('close', settle).off('error', settle);
        resolve();
      };
      stdout.on('drain', settle).on('close', settle).on('error', settle);
    });
  }
  return !stdout.destroyed;
}
