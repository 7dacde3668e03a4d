// The `scrape-dedup` command line: picks a sub-command and hands it the remaining arguments.
// Each sub-command lives in bin/commands/<name>.ts and exports `run(args): Promise<number>` (the
// process exit code); its arguments and help are declared in cli-commands.ts, so the top-level
// help and `--version` load no command, and a command loads only what it uses.
import { createRequire } from 'node:module';
import { Command } from 'commander';
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

/** package.json sits one folder up from both bin/cli.ts and the built dist/scrape-dedup.js. */
function packageVersion(): string {
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

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  // `scrape-dedup help clean` is `scrape-dedup clean --help`.
  if (name === 'help' && args[0] !== undefined && LOADERS[args[0]]) return (await LOADERS[args[0]]!()).run(['--help']);
  const load = name === undefined ? undefined : LOADERS[name];
  if (load) return (await load()).run(args);
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
