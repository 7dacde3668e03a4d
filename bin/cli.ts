// The `scrape-dedup` command line: picks a sub-command and hands it the remaining arguments.
// Each sub-command lives in bin/commands/<name>.ts and exports `run(args): Promise<number>`
// (the process exit code), so adding one touches only this table.

interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ run: (args: string[]) => Promise<number> }>;
}

const COMMANDS: Record<string, Command> = {
  clean: {
    summary: 'clean <files...> [--json]      strip the chrome, print the article and its fingerprint',
    load: () => import('./commands/clean.js'),
  },
  export: {
    summary: 'export [--out FILE]            the de-duplicated corpus as JSON lines, or --clusters (export --help)',
    load: () => import('./commands/export.js'),
  },
  fixture: {
    summary: 'fixture <dir...>               rewrite expected.txt/expected-meta.json of cleaner page fixtures',
    load: () => import('./commands/fixture.js'),
  },
  ingest: {
    summary: 'ingest <files|folders...>      run the whole pipeline on an embedded stack (ingest --help)',
    load: () => import('./commands/ingest.js'),
  },
  list: {
    summary: 'list [--json] [--duplicates]   the canonical articles recorded so far, or the duplicates',
    load: () => import('./commands/list.js'),
  },
  report: {
    summary: 'report [--out report.html]     one self-contained HTML report: charts, clusters, removed chrome',
    load: () => import('./commands/report.js'),
  },
  show: {
    summary: 'show <docId|file> [--json]     one article: sources, paragraphs, duplicates',
    load: () => import('./commands/show.js'),
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((command) => `  scrape-dedup ${command.summary}`);
  return ['usage:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`scrape-dedup: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  const module = await command.load();
  return module.run(args);
}

process.exitCode = await main(process.argv.slice(2));
