// Command-line argument parsing shared by the sub-commands: Node's own parseArgs, with the
// options every store-reading command accepts and errors a person can act on.
import { parseArgs } from 'node:util';
import { ScrapeDedupError } from '../lambdas/core/errors.js';

/** A command line that cannot be run as given; the CLI prints the message and exits 2. */
export class UsageError extends ScrapeDedupError {
  public constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** The exit code for a command line that could not be understood. */
export const EXIT_USAGE = 2;

/** Environment variable naming the default state folder (tests and CI point it at a temp folder). */
export const STATE_DIR_ENV = 'SCRAPE_DEDUP_STATE';

/** Where the embedded stack keeps its data when neither `--state` nor the environment says. */
export const DEFAULT_STATE_DIR = '.scrape-dedup';

/** Option specs in the shape `util.parseArgs` takes. */
export type OptionSpecs = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/**
 * Options of every command that reads or writes the records: which stack, and output shape.
 * `--endpoint`, `--bucket` and `--table` select a deployed (or any other) stack instead of the
 * embedded one; region, credentials and profile come from the standard AWS environment.
 */
export const STORE_OPTIONS = {
  state: { type: 'string' },
  json: { type: 'boolean' },
  endpoint: { type: 'string' },
  bucket: { type: 'string' },
  table: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

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

/** What {@link parseCommandLine} returns: positionals plus typed option values. */
export interface ParsedCommandLine<T extends OptionSpecs> {
  readonly positionals: string[];
  readonly values: { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string };
}

/**
 * Parses a sub-command's arguments strictly: an unknown option or a missing value is a
 * {@link UsageError} naming the problem, not a stack trace.
 *
 * @example
 * const { positionals, values } = parseCommandLine(['a.txt', '--json'], { json: { type: 'boolean' } });
 * // positionals: ['a.txt'], values.json: true
 */
export function parseCommandLine<T extends OptionSpecs>(args: readonly string[], options: T): ParsedCommandLine<T> {
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { positionals: parsed.positionals, values: parsed.values as ParsedCommandLine<T>['values'] };
  } catch (error) {
    // parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes and a readable message.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
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
