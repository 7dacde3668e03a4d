// The `scrape-dedup` command line: picks a sub-command and hands it the remaining arguments.
// Each sub-command lives in bin/commands/<name>.ts and exports `run(args): Promise<number>` (the
// process exit code); its arguments and help are declared in cli-commands.ts, so the top-level
// help and `--version` load no command, and a command loads only what it uses.
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { prepareCommand } from './cli-args.js';
import { COMMAND_SPECS, EXIT_USAGE } from './cli-commands.js';

type CommandModule = { run: (args: string[]) => Promise<number> };

const LOADERS: Record<string, () => Promise<CommandModule>> = {
  clean: () => import('./commands/clean.js'),
  export: () => import('./commands/export.js'),
  fixture: () => import('./commands/fixture.js'),
  ingest: () => import('./commands/ingest.js'),
  list: () => import('./commands/list.js'),
  report: () => import('./commands/report.js'),
  show: () => import('./commands/show.js'),
};

/** Set by the build (bin/build-cli.js) from package.json; absent when run from the TypeScript. */
declare const SCRAPE_DEDUP_VERSION: string | undefined;

function packageVersion(): string {
  if (typeof SCRAPE_DEDUP_VERSION === 'string') return SCRAPE_DEDUP_VERSION;
  // From the sources, package.json is one folder up from bin/cli.ts.
  return (createRequire(import.meta.url)('../package.json') as { version: string }).version;
}

function topLevel(): Command {
  const program = new Command('scrape-dedup')
    .description('Strip the chrome from web scrapes and find near-duplicate articles, locally or on AWS.')
    .usage('<command> [options]')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'print this help')
    .helpCommand('help [command]', 'print the help of a command')
    .addHelpText('after', '\nRun `scrape-dedup <command> --help` for its options. Start with `scrape-dedup ingest <folder>`.')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      writeErr: (text) => process.stderr.write(text),
      outputError: () => undefined,
    });
  for (const spec of COMMAND_SPECS) program.addCommand(spec.build(), { hidden: spec.hidden === true });
  return program;
}

/**
 * The help text when `args` ask a command for it, else undefined. Answered from the declaration
 * alone, so `ingest --help` does not wait for the AWS SDK to load; anything else (including a bad
 * command line) is left to the command's own parse.
 */
function helpOf(name: string, args: readonly string[]): string | undefined {
  const spec = COMMAND_SPECS.find((candidate) => candidate.build().name() === name);
  if (!spec) return undefined;
  let text = '';
  const command = prepareCommand(spec.build(), (chunk) => (text += chunk)).action(() => undefined);
  try {
    command.parse([...args], { from: 'user' });
  } catch (error) {
    if ((error as { code?: string }).code === 'commander.helpDisplayed') return text;
  }
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  // `scrape-dedup help clean` is `scrape-dedup clean --help`.
  const [commandName, commandArgs] = name === 'help' && args[0] !== undefined && LOADERS[args[0]] ? [args[0], ['--help']] : [name, args];
  const load = commandName === undefined ? undefined : LOADERS[commandName];
  if (load) {
    const help = helpOf(commandName!, commandArgs);
    if (help !== undefined) {
      process.stdout.write(help);
      return 0;
    }
    return (await load()).run(commandArgs);
  }
  const program = topLevel();
  if (name === undefined) {
    // No command: the help, on stderr since nothing asked for it, and the usage exit code.
    process.stderr.write(program.helpInformation());
    return EXIT_USAGE;
  }
  try {
    program.parse(argv, { from: 'user' });
    return 0;
  } catch (error) {
    const exitCode = (error as { exitCode?: number }).exitCode;
    if (exitCode === 0) return 0; // --help, --version
    const message = error instanceof Error ? error.message.replace(/^error: /, '') : String(error);
    console.error(`scrape-dedup: ${message}\n(see \`scrape-dedup --help\` for the commands)`);
    return EXIT_USAGE;
  }
}

process.exitCode = await main(process.argv.slice(2));
