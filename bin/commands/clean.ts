// `scrape-dedup clean <paths...>`: runs the pure pipeline on local files (folders walked as
// `ingest` walks them, `-` for standard input) and prints the articles; no stack is started.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { exitQuietlyOnClosedStdout, parseCommand, positiveInteger, printUsageError, UsageError } from '../cli-args.js';
import { cleanCommand, EXIT_FAILED } from '../cli-commands.js';
import type { WalkOptions } from '../cli-commands.js';
import { BufferedStdout } from '../buffered-stdout.js';
import { cleanFilesInOrder } from '../clean-jobs.js';
import type { CleanSource } from '../clean-output.js';
import { collectInputFiles } from '../local/input-files.js';

/** The argument that stands for standard input. */
const STDIN_ARGUMENT = '-';

interface CleanOptions extends WalkOptions {
  readonly json?: boolean;
  readonly jobs?: string;
}

/**
 * The files to clean, in order; standard input is copied to a file in `spool` first, so it
 * takes the same path (and worker pool) as every other file. Returns each path with the name
 * its record shows.
 */
async function sourcesOf(paths: readonly string[], options: CleanOptions, spool: () => Promise<string>): Promise<CleanSource[]> {
  const sources: CleanSource[] = [];
  for (const path of paths) {
    if (path === STDIN_ARGUMENT) {
      const file = join(await spool(), 'stdin');
      await writeFile(file, await buffer(process.stdin));
      sources.push({ path: file, shown: STDIN_ARGUMENT });
      continue;
    }
    const files = await collectInputFiles([path], {
      include: options.include,
      exclude: options.exclude,
      missing: 'keep', // reported as that file's error record, after the others are cleaned
      onSkip: (skipped, why) => console.error(`scrape-dedup clean: skipped ${skipped}: ${why}`),
    });
    sources.push(...files.map((file) => ({ path: file.path, shown: file.display })));
  }
  return sources;
}

/**
 * Runs the command; resolves to the exit code: 0 when every file was cleaned, 1 when at least
 * one could not be read or decoded (after processing the others), 2 for a usage error.
 *
 * @example
 * await run(['examples/scrapes', '--json']); // prints one JSON object per file
 */
export async function run(args: string[]): Promise<number> {
  exitQuietlyOnClosedStdout();
  let jobs = 1;
  const parsed = parseCommand<CleanOptions>(cleanCommand(), args, ({ operands, options }) => {
    jobs = positiveInteger('jobs', options.jobs, availableParallelism());
    if (operands.filter((path) => path === STDIN_ARGUMENT).length > 1) throw new UsageError('standard input (-) can be read once only');
  });
  if (typeof parsed === 'number') return parsed;
  const { operands, options } = parsed;
  let spoolDir: string | undefined;
  const spool = async (): Promise<string> => (spoolDir ??= await mkdtemp(join(tmpdir(), 'scrape-dedup-stdin-')));
  try {
    let sources;
    try {
      sources = await sourcesOf(operands, options, spool);
    } catch (error) {
      if (error instanceof UsageError) return printUsageError('clean', error.message);
      throw error;
    }
    let failures = 0;
    // More workers than files would only cost their start-up (one file cleans in this thread).
    const workers = Math.max(1, Math.min(jobs, sources.length));
    const stdout = new BufferedStdout();
    for await (const output of cleanFilesInOrder(sources, { jobs: workers, format: options.json ? 'json' : 'plain' })) {
      if (output.error !== undefined) {
        failures += 1;
        // Standard output first, so a terminal shows the reason after the files before it.
        if (!options.json && !(await stdout.flush())) return 0;
        if (!options.json) console.error(`scrape-dedup clean: ${output.source}: ${output.error}`);
      }
      // The reader took what it wanted (`| head`): stop quietly; leaving the loop stops the workers.
      if (output.text.length > 0 && !(await stdout.write(output.text))) return 0;
    }
    if (!(await stdout.flush())) return 0;
    return failures > 0 ? EXIT_FAILED : 0;
  } finally {
    if (spoolDir !== undefined) await rm(spoolDir, { recursive: true, force: true });
  }
}
