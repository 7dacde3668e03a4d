// What each `scrape-dedup` command accepts, declared for commander: arguments, options and the
// help text `--help` prints. Only commander is imported here, so the top-level help lists every
// command without loading any of them (the AWS SDK alone takes longer to load than `clean` runs).
import { Command } from 'commander';

/** Environment variable naming the default state folder (tests and CI point it at a temp folder). */
export const STATE_DIR_ENV = 'SCRAPE_DEDUP_STATE';
/** Where the embedded stack keeps its data when neither `--state` nor the environment says. */
export const DEFAULT_STATE_DIR = '.scrape-dedup';
/** Exit code for a command line that could not be understood. */
export const EXIT_USAGE = 2;
/** Exit code when some input got no outcome or reading failed midway. */
export const EXIT_FAILED = 1;
/** `ingest --strict`: exit code when some file was rejected. */
export const EXIT_REJECTED = 3;
/** Deployed stack: default seconds to wait for each file's outcome (see ingest.ts). */
export const DEFAULT_REMOTE_WAIT_SECONDS = 120;
/** Where `report` writes without --out. */
export const DEFAULT_REPORT_FILE = 'scrape-dedup-report.html';

/**
 * Files `clean` and `ingest` take from a folder unless `--include` says otherwise: the formats
 * the readers understand, compressed or not (README.md, images and notes beside them are skipped).
 */
export const DEFAULT_INCLUDE = ['*.txt', '*.html', '*.htm', '*.gz', '*.br', '*.warc*', '*.jsonl*'] as const;

/** Options of every command that reads or writes the records. */
export interface StoreOptions {
  readonly state?: string;
  readonly json?: boolean;
  readonly endpoint?: string;
  readonly bucket?: string;
  readonly table?: string;
}

/** Options of the commands that walk folders (`clean`, `ingest`). */
export interface WalkOptions {
  readonly include?: string[];
  readonly exclude?: string[];
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

function withStore(command: Command, bucket: string): Command {
  return command
    .option('--state <dir>', `state folder of the embedded stack (default: $${STATE_DIR_ENV} or ${DEFAULT_STATE_DIR})`)
    .option('--endpoint <url>', 'S3 and DynamoDB endpoint of a running stack, e.g. LocalStack (with --table)')
    .option('--bucket <name>', bucket)
    .option('--table <name>', 'records table of a running stack (no embedded stack is started)');
}

function withWalk(command: Command): Command {
  return command
    .option('--include <glob>', `files taken from folders, repeatable (default: ${DEFAULT_INCLUDE.join(' ')}; a glob without / matches file names)`, collect)
    .option('--exclude <glob>', 'files left out of folders, repeatable (e.g. --exclude "drafts/**")', collect);
}

/** The `exit codes:` paragraph at the end of a command's help. */
function exitCodes(lines: string): string {
  return `\nexit codes: ${lines}\n`;
}

/**
 * `clean <paths...>`: the pure pipeline on local files, no stack.
 *
 * @example
 * cleanCommand().parse(['a.txt', '--json'], { from: 'user' });
 */
export function cleanCommand(): Command {
  return withWalk(
    new Command('clean')
      .summary('strip the chrome, print each article and its fingerprint (no stack)')
      .description(
        'Strips the chrome from each file and prints the article, its fingerprint and what was removed.\n' +
          'A folder stands for the scrape files inside it, recursively; - reads standard input.',
      )
      .argument('<paths...>', 'files, folders, or - for standard input')
      .option('--json', 'one JSON object per file per line (source, title, text, paragraphs, fingerprint, removed)')
      .option('-j, --jobs <n>', 'files cleaned at once: this thread and n - 1 worker threads (default: the number of cores)'),
  ).addHelpText('after', exitCodes(`0 every file cleaned, ${EXIT_FAILED} some file could not be read or was refused (the others are printed), ${EXIT_USAGE} bad command line`));
}

/** `ingest <paths...>`: the whole pipeline on an embedded (or running) stack. */
export function ingestCommand(): Command {
  return withStore(
    withWalk(
      new Command('ingest')
        .summary('run the whole pipeline on an embedded stack: canonical or duplicate')
        .description(
          'Uploads each file under incoming/ and runs the pipeline on it, in the order given (folders\n' +
            'recursively, sorted by name). By default everything runs in this process on an embedded\n' +
            'stack whose data is kept in the state folder, so later runs see earlier records.',
        )
        .argument('<paths...>', 'files and folders to ingest')
        .option('--json', 'one JSON object per document per line instead of the table (a WARC or JSON Lines file gives one line per record)')
        .option('--records', 'the table lists every record of WARC and JSON Lines files, not one row per file')
        .option('--concurrency <n>', 'files processed at once (default 1)')
        .option('--strict', `exit ${EXIT_REJECTED} when any file was rejected`)
        .option('--wait <seconds>', `running stack: how long to wait for each outcome (default ${DEFAULT_REMOTE_WAIT_SECONDS})`),
    ),
    "the running stack's scrapes bucket (uploads go there; its notification runs the pipeline)",
  ).addHelpText(
    'after',
    exitCodes(`0 every file got an outcome (rejected is an outcome), ${EXIT_FAILED} some file got none,\n            ${EXIT_USAGE} bad command line, ${EXIT_REJECTED} --strict and some file was rejected`),
  );
}

/** `list`: the canonical articles, or `--duplicates`. */
export function listCommand(): Command {
  return withStore(
    new Command('list')
      .summary('the canonical articles recorded so far, or --duplicates')
      .description(
        'Lists the canonical articles (one per distinct article), in the order they were first seen,\n' +
          'with the object each came from. With --duplicates, lists the objects marked duplicate\n' +
          "instead, each with its canonical article and that article's object.",
      )
      .option('--json', 'one JSON object per row per line')
      .option('--duplicates', "the duplicate objects, with their canonical's source")
      .option('--site <host>', 'only this site (a host such as example.org, or a key folder)')
      .option('--limit <n>', 'at most N rows')
      .option('--newest', 'newest first'),
    "the running stack's scrapes bucket",
  ).addHelpText('after', exitCodes(`0 listed, ${EXIT_USAGE} bad command line or no such state folder / table`));
}

/** `show <id>`: one article with its sources, paragraphs and duplicates. */
export function showCommand(): Command {
  return withStore(
    new Command('show')
      .summary('one article: sources, paragraphs, duplicates')
      .description(
        'Shows one canonical article: its sources, duplicates, paragraphs and removed chrome.\n' +
          'Given a file that was ingested (or its key under incoming/), shows that file\'s outcome and\n' +
          'the article it belongs to. A docId may be shortened to any unique prefix of 6 or more digits.',
      )
      .argument('<id>', 'docId (or a unique prefix of 6+ digits), ingested file, or object key')
      .option('--json', 'the whole record as one JSON object')
      .option('--text', "print the article's full text too"),
    "the running stack's bucket (to look sources up by key)",
  ).addHelpText('after', exitCodes(`0 shown, ${EXIT_FAILED} nothing matches, ${EXIT_USAGE} bad command line, ambiguous prefix, or no such state folder / table`));
}

/** `export`: the de-duplicated corpus as JSON lines. */
export function exportCommand(): Command {
  return withStore(
    new Command('export')
      .summary('the de-duplicated corpus as JSON lines, or --clusters')
      .description(
        'Writes the de-duplicated corpus as JSON lines: one object per canonical article (docId,\n' +
          'title, url, site, text, paragraphs, fingerprint, first and last seen, sources, duplicates),\n' +
          'in first-seen order. Streams: memory stays flat whatever the corpus size.',
      )
      .option('-o, --out <file>', 'write here (default: - for standard output); a name ending in .gz implies --gzip')
      .option('--gzip', 'gzip-compress the output')
      .option('--clusters', 'one line per cluster instead: {"canonical", "title", "site", "members": [...]}')
      .option('--include-removed', 'add the chrome removed from each article, with its reasons')
      .option('--since <iso-time>', 'only articles first seen, or given a new duplicate, at or after this time'),
    "the running stack's scrapes bucket",
  ).addHelpText('after', exitCodes(`0 written, ${EXIT_FAILED} failed midway, ${EXIT_USAGE} bad command line or no such state folder / table`));
}

/** `report`: one self-contained HTML report. */
export function reportCommand(): Command {
  return withStore(
    new Command('report')
      .summary('one self-contained HTML report: charts, clusters, removed chrome')
      .description(
        'Writes one self-contained HTML file (no network, no external scripts or fonts): totals and\n' +
          'outcome counts, a distance histogram and a per-site chart, every cluster with its duplicates\n' +
          'side by side and the differing words marked, each canonical document with the chrome removed\n' +
          'from it struck through in place (reason on hover), and the rejected objects.',
      )
      .option('-o, --out <file>', `where to write (default ${DEFAULT_REPORT_FILE})`),
    'its scrapes bucket: duplicates are read back from it to compare their words',
  ).addHelpText('after', exitCodes(`0 written, ${EXIT_FAILED} failed midway, ${EXIT_USAGE} bad command line or no such state folder / table`));
}

/** `fixture <dirs...>`: developer-only, hidden from the top-level help. */
export function fixtureCommand(): Command {
  return new Command('fixture')
    .summary('(developers) rewrite expected.txt/expected-meta.json of cleaner page fixtures')
    .description('Cleans <dir>/source.txt and writes what the cleaner gives as expected.txt and expected-meta.json.\nReview the diff before committing.')
    .argument('<dirs...>', 'fixture folders such as tests/fixtures/pages/<slug>');
}

/** Every command, in the order the top-level help lists them; `hidden` ones are left out of it. */
export const COMMAND_SPECS: ReadonlyArray<{ readonly build: () => Command; readonly hidden?: boolean }> = [
  { build: cleanCommand },
  { build: ingestCommand },
  { build: listCommand },
  { build: showCommand },
  { build: exportCommand },
  { build: reportCommand },
  { build: fixtureCommand, hidden: true },
];
