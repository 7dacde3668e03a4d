// `node bin/run-ts.js bench/count-instructions.ts`: instructions per pass of the bundled text core
// over the 181 gold bodies, counted by valgrind's callgrind (issue 16).
//
// Time on this project's machines drifts by 20-40% within an hour; instruction counts do not.
// The core is bundled by esbuild as the command and the Lambda bundle it, and run in a fresh Node
// with V8 in --single-threaded mode (the optimising compiler then works on the main thread, so a
// run's count does not depend on when a background compile finishes). One pass = (count of
// `--passes-high` passes - count of `--passes-low` passes) / their difference: start-up, module
// load and warm-up cancel out. Takes a few minutes (valgrind runs Node about 50x slower).
//   --passes-low N   (default 2)
//   --passes-high N  (default 6)
//   --functions K    also print the K functions with the most instructions per pass (default 0;
//                    JIT-compiled functions are named through Node's --perf-basic-prof map)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
const GOLD_FILE = resolve(PROJECT_ROOT, '../shared/bench/article-extraction/ground-truth.json');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The entry bundled with the core: `passes` passes of cleanScrape over the gold bodies. */
const ENTRY = `
import { readFileSync } from 'node:fs';
import { cleanScrape } from './lambdas/core/pipeline.ts';
const bodies = Object.values(JSON.parse(readFileSync(process.env.GOLD_FILE, 'utf8'))).map(({ articleBody }) => new TextEncoder().encode(articleBody));
let sink = 0;
for (let pass = 0; pass < Number(process.env.PASSES); pass += 1) {
  for (const bytes of bodies) {
    try { sink += cleanScrape(bytes, { key: 'body.txt' }).fingerprint.length; } catch { sink += 1; }
  }
}
console.log(sink);
`;

/** Self instructions per function name from a callgrind output file, JIT code named through the perf map. */
function selfCostByFunction(outFile: string, perfMap: string | undefined): Map<string, number> {
  const jit = perfMap === undefined || !existsSync(perfMap) ? [] : readFileSync(perfMap, 'utf8').split('\n').filter(Boolean).map((line) => {
    const [start, size, ...name] = line.split(' ');
    return { start: Number.parseInt(start!, 16), end: Number.parseInt(start!, 16) + Number.parseInt(size!, 16), name: name.join(' ') };
  }).sort((a, b) => a.start - b.start);
  const nameOf = (raw: string): string => {
    const address = /^0x[0-9a-f]+/i.exec(raw);
    if (address === null) return raw;
    const value = Number.parseInt(address[0], 16);
    const hit = jit.find((entry) => value >= entry.start && value < entry.end);
    return hit === undefined ? '(JIT code, unnamed)' : hit.name.replace(/ file:\/\/\S+/, '');
  };
  const names = new Map<string, string>();
  const costs = new Map<string, number>();
  let current: string | undefined;
  let afterCall = false;
  for (const line of readFileSync(outFile, 'utf8').split('\n')) {
    const definition = /^c?fn=\((\d+)\)(?: (.*))?$/.exec(line);
    if (definition !== null) {
      if (definition[2] !== undefined) names.set(definition[1]!, definition[2]);
      if (line.startsWith('fn=')) current = definition[1];
      continue;
    }
    if (line.startsWith('calls=')) {
      afterCall = true;
      continue;
    }
    if (/^[+\-*\d]/.test(line)) {
      if (afterCall) afterCall = false;
      else if (current !== undefined) {
        const cost = Number(line.split(' ')[1]);
        if (Number.isFinite(cost)) costs.set(current, (costs.get(current) ?? 0) + cost);
      }
    }
  }
  const byName = new Map<string, number>();
  for (const [id, cost] of costs) {
    const name = nameOf(names.get(id) ?? id);
    byName.set(name, (byName.get(name) ?? 0) + cost);
  }
  return byName;
}

async function main(): Promise<void> {
  if (!existsSync(GOLD_FILE)) {
    console.log(`count-instructions skipped: gold bodies not found at ${GOLD_FILE}`);
    return;
  }
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    console.log('count-instructions skipped: valgrind is not installed (apt-get install valgrind)');
    return;
  }
  const low = option('--passes-low', 2);
  const high = option('--passes-high', 6);
  const topFunctions = option('--functions', 0);
  const folder = mkdtempSync(join(tmpdir(), 'count-instructions-'));
  try {
    const bundle = join(folder, 'core.mjs');
    await build({ stdin: { contents: ENTRY, resolveDir: PROJECT_ROOT, loader: 'ts' }, bundle: true, format: 'esm', platform: 'node', target: 'node20', outfile: bundle, logLevel: 'warning' });
    writeFileSync(join(folder, 'package.json'), '{"type":"module"}');
    const runs = [low, high].map((passes) => {
      const out = join(folder, `callgrind.${passes}`);
      const result = spawnSync('valgrind', ['--tool=callgrind', '--smc-check=all-non-file', `--callgrind-out-file=${out}`, process.execPath, '--single-threaded', '--perf-basic-prof', bundle], {
        env: { ...process.env, PASSES: String(passes), GOLD_FILE },
        encoding: 'utf8',
        // --perf-basic-prof also leaves V8 log files in the working folder: keep them in ours.
        cwd: folder,
      });
      const total = /Collected : (\d+)/.exec(result.stderr);
      if (result.status !== 0 || total === null) throw new Error(`valgrind failed: ${result.stderr.slice(-500)}`);
      const pid = /==(\d+)==/.exec(result.stderr)?.[1];
      const perfMap = pid === undefined ? undefined : `/tmp/perf-${pid}.map`;
      const functions = topFunctions > 0 ? selfCostByFunction(out, perfMap) : new Map<string, number>();
      if (perfMap !== undefined) rmSync(perfMap, { force: true });
      return { passes, total: Number(total[1]), functions };
    });
    const [first, second] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const perPass = (second.total - first.total) / (high - low);
    const bytes = Object.values(JSON.parse(readFileSync(GOLD_FILE, 'utf8')) as Record<string, { articleBody: string }>).reduce((sum, { articleBody }) => sum + Buffer.byteLength(articleBody), 0);
    console.log(`instructions per pass over the 181 gold bodies (${(bytes / 1e6).toFixed(3)} MB), bundled core, V8 --single-threaded:`);
    console.log(`${(perPass / 1e6).toFixed(1)} M (${(perPass / bytes).toFixed(0)} per byte); ${low} passes ${(first.total / 1e6).toFixed(0)} M, ${high} passes ${(second.total / 1e6).toFixed(0)} M in all`);
    if (topFunctions > 0) {
      const rows = [...second.functions].map(([name, cost]) => [name, (cost - (first.functions.get(name) ?? 0)) / (high - low)] as const).sort((a, b) => b[1] - a[1]).slice(0, topFunctions);
      for (const [name, cost] of rows) console.log(`${(cost / 1e6).toFixed(2).padStart(8)} M  ${(100 * cost / perPass).toFixed(1).padStart(5)}%  ${name.slice(0, 120)}`);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await main();
