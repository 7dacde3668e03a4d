#!/usr/bin/env node
// Builds the `scrape-dedup` command to JavaScript in dist/ (never committed: `npm ci` runs this
// through the `prepare` script, `npm start` through `prestart`, `npm pack` through `prepare`).
// esbuild bundles the project's own modules, one chunk per command loaded on demand, so `clean`
// never loads the AWS SDK. The package's `dependencies` stay imports of node_modules; anything
// else the CLI imports is inlined: htmlparser2 is a devDependency for that reason (its entity
// tables are some 20 files that `clean` would otherwise resolve and read at every start, about
// 50 ms of CPU). Start-up figures: README "Install and run".
import { chmod, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
// `prepare` passes --if-available: `npm ci --omit=dev` has no esbuild and must not fail for it
// (a clone installed that way runs nothing from dist/; the packed tarball ships dist/ built).
const ifAvailable = args.includes('--if-available');
const build = await import('esbuild').then(
  (esbuild) => esbuild.build,
  (error) => {
    if (!ifAvailable) throw error;
    console.error('scrape-dedup build: esbuild is not installed (dev dependencies omitted), so dist/ was not built; run `npm ci` to build the command');
    process.exit(0);
  },
);
const { dependencies, version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
const outdir = join(root, args.find((arg) => !arg.startsWith('--')) ?? 'dist');

// Worker-thread entries of `clean --jobs` (bin/clean-worker*.ts) are loaded by file name from
// beside the chunk that starts them, so each is an entry of its own in the same flat folder.
const workers = (await readdir(join(root, 'bin')))
  .filter((name) => /^clean-worker.*\.ts$/.test(name))
  .map((name) => ({ in: join(root, 'bin', name), out: name.replace(/\.ts$/, '') }));

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [{ in: join(root, 'bin', 'cli.ts'), out: 'scrape-dedup' }, ...workers],
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // `--version` without reading package.json at run time (bin/cli.ts).
  define: { SCRAPE_DEDUP_VERSION: JSON.stringify(version) },
  // A package name also covers its subpaths (`@aws-sdk/client-s3/…`).
  external: Object.keys(dependencies),
  // Chunks beside the entries: `new URL('./x.js', import.meta.url)` means the same folder everywhere.
  chunkNames: '[name]-[hash]',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  write: true,
});
// The hashbang goes on the entry only: it is the one file run directly.
const entry = join(outdir, 'scrape-dedup.js');
await writeFile(entry, `#!/usr/bin/env node\n${await readFile(entry, 'utf8')}`);
await chmod(entry, 0o755);
