#!/usr/bin/env node
// Builds the `scrape-dedup` command to JavaScript in dist/ (never committed: `npm ci` runs this
// through the `prepare` script, `npm start` through `prestart`, `npm pack` through `prepare`).
// esbuild bundles the project's own modules, one chunk per command loaded on demand, so `clean`
// never loads the AWS SDK. The package's `dependencies` stay imports of node_modules; anything
// else the CLI imports is inlined: htmlparser2 is a devDependency for that reason (its entity
// tables are some 20 files that `clean` would otherwise resolve and read at every start, about
// 50 ms of CPU). The tokenizer's character tables are computed here once instead of at every
// start (about 100 ms of CPU, a quarter of `clean` on a small file). Start-up figures: README
// "Install and run the command line".
import { chmod, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { Buffer } from 'node:buffer';

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

/** The module whose load builds the tokenizer's tables, and the statement that does it. */
const TABLES_MODULE = join(root, 'lambdas', 'core', 'simhash.ts');
const TABLES_STATEMENT = 'const { CHAR_CLASS, LOWER } = buildCharTables();';

/** An esbuild plugin that appends `extra` to the tables module, or swaps its statement for `replacement`. */
function tablesPlugin(edit) {
  return {
    name: 'char-tables',
    setup(plugin) {
      plugin.onLoad({ filter: /[\\/]lambdas[\\/]core[\\/]simhash\.ts$/ }, async (file) => {
        const source = await readFile(file.path, 'utf8');
        const contents = edit(source);
        return contents === undefined ? undefined : { contents, loader: 'ts' };
      });
    },
  };
}

/**
 * The tables as the TypeScript builds them (this Node's Unicode data), as a statement that
 * rebuilds the same bytes from a deflated literal: the class table as is, the lower-case table
 * as the difference from each code unit (mostly 0), 196 KB in about 2.5 KB of base64. Undefined
 * (tables built at load, as before) when the module no longer has that statement.
 */
async function precomputedTables() {
  const source = await readFile(TABLES_MODULE, 'utf8');
  if (!source.includes(TABLES_STATEMENT)) {
    console.warn(`scrape-dedup build: '${TABLES_STATEMENT}' is no longer in lambdas/core/simhash.ts: the tables are built at load (update bin/build-cli.js)`);
    return undefined;
  }
  const probe = await build({
    absWorkingDir: root,
    entryPoints: [TABLES_MODULE],
    bundle: true,
    format: 'esm',
    platform: 'node',
    external: Object.keys(dependencies),
    write: false,
    logLevel: 'warning',
    plugins: [tablesPlugin((text) => `${text}\nexport { CHAR_CLASS as __charClass, LOWER as __lower };\n`)],
  });
  // Inside the package folder, so any import the module keeps resolves to node_modules.
  const probeFile = join(outdir, 'char-tables-probe.mjs');
  await mkdir(outdir, { recursive: true });
  await writeFile(probeFile, probe.outputFiles[0].text);
  const { __charClass: charClass, __lower: lower } = await import(pathToFileURL(probeFile).href);
  await rm(probeFile);
  const lowerDelta = Int16Array.from(lower, (unit, code) => unit - code);
  const packed = deflateSync(Buffer.concat([Buffer.from(charClass.buffer), Buffer.from(lowerDelta.buffer)]), { level: 9 }).toString('base64');
  return [
    "import { inflateSync as inflateCharTables } from 'node:zlib';",
    '// Computed by bin/build-cli.js with buildCharTables() below: the same bytes, without the work at start.',
    'const { CHAR_CLASS, LOWER } = ((): { CHAR_CLASS: Uint8Array; LOWER: Uint16Array } => {',
    `  const bytes = inflateCharTables(Buffer.from('${packed}', 'base64'));`,
    `  const classes = new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + ${charClass.length}));`,
    `  const delta = new Int16Array(bytes.buffer.slice(bytes.byteOffset + ${charClass.length}, bytes.byteOffset + ${charClass.length + lowerDelta.byteLength}));`,
    '  return { CHAR_CLASS: classes, LOWER: Uint16Array.from(delta, (difference, code) => code + difference) };',
    '})();',
  ].join('\n');
}

await rm(outdir, { recursive: true, force: true });
const tables = await precomputedTables();
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
  plugins: tables === undefined ? [] : [tablesPlugin((text) => text.replace(TABLES_STATEMENT, tables))],
});
// The hashbang goes on the entry only: it is the one file run directly.
const entry = join(outdir, 'scrape-dedup.js');
await writeFile(entry, `#!/usr/bin/env node\n${await readFile(entry, 'utf8')}`);
await chmod(entry, 0o755);
