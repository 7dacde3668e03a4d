// Benchmark: size of the deployed function bundle, its cold import time and its cold start.
//
//   node bin/run-ts.js bench/bundle.ts             # 7 fresh processes per measurement
//   node bin/run-ts.js bench/bundle.ts --runs 15
//   node bin/run-ts.js bench/bundle.ts --context scrape-dedup:tracing=true   # the traced bundle
//   node bin/run-ts.js bench/bundle.ts --entry cdk.out/before/lambdas/handler.ts   # another handler
//                                                       # (e.g. an older commit's, from git archive)
//
// The app is synthesised as `cdk synth` does; the asset's index.mjs is what `cdk deploy` zips
// and uploads. Cold import = a fresh Node process importing the file, timed inside the process.
// Cold start = the same plus the handler's first call on an event naming no object (the
// container's init: clients, Powertools, the handler built), with the template's environment.
// Two baselines are measured in the same run, alternating with the bundle so machine load
// hits all three alike: importing nothing (an empty module) and importing only the two AWS
// SDK clients the bundle leaves to the runtime. "bundle's own" = bundle minus SDK-only.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildApp, findDeployedFunction, PROJECT_ROOT, removeOutdir } from '../tests/helpers/cdk-app.js';

/** One cold import: wall time and CPU time (user + system) of the import, in ms. */
interface ImportTime {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/**
 * Imports `specifier` in a fresh process and times it. CPU time is reported beside wall time
 * because it barely moves when other jobs share the machine, while wall time does.
 */
function coldImport(specifier: string, init?: { handler: string; environment: Record<string, string> }): ImportTime {
  // The timing goes to stderr's last line: the handler's own log and metric lines go to stdout.
  const call = init === undefined ? '' : `await module[${JSON.stringify(init.handler)}]({ Records: [] });`;
  const code = `const c = process.cpuUsage(); const t = performance.now(); const module = await import(${JSON.stringify(specifier)});
    ${call}
    const wallMs = performance.now() - t; const u = process.cpuUsage(c);
    process.stderr.write('\\n' + JSON.stringify({ wallMs, cpuMs: (u.user + u.system) / 1000 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_NO_WARNINGS: '1', ...init?.environment },
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`import of ${specifier} failed: ${child.stderr}`);
  return JSON.parse(child.stderr.trim().split('\n').at(-1) ?? '') as ImportTime;
}

/**
 * The template's environment as strings (tokens such as the table name replaced by a stand-in),
 * plus a region, so the handler builds its clients as in Lambda without reaching AWS.
 */
function initEnvironment(environment: Record<string, unknown>): Record<string, string> {
  const strings = Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, typeof value === 'string' ? value : `bench-${name.toLowerCase()}`]),
  );
  return { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', ...strings };
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

function main(): void {
  const runsArg = process.argv.indexOf('--runs');
  const runs = runsArg >= 0 ? Number(process.argv[runsArg + 1]) : 7;
  // -c style overrides, as `cdk synth -c key=value` would give them.
  const context = Object.fromEntries(
    process.argv.flatMap((arg, index) => (arg === '--context' ? [process.argv[index + 1] ?? ''] : [])).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]),
  );
  const entryArg = process.argv.indexOf('--entry');
  const handlerEntry = entryArg >= 0 ? path.resolve(process.argv[entryArg + 1] ?? '') : undefined;

  const built = buildApp({ context, ...(handlerEntry === undefined ? {} : { stackProps: { handlerEntry } }) });
  const scratch = mkdtempSync(path.join(tmpdir(), 'scrape-dedup-bundle-'));
  try {
    built.app.synth();
    const deployed = findDeployedFunction(built.stack, built.outdir);
    const { bundle } = deployed;
    const init = { handler: deployed.handler.replace(/^index\./, ''), environment: initEnvironment(deployed.environment) };
    const assetDir = path.dirname(bundle);
    const files = readdirSync(assetDir);
    const bytes = readFileSync(bundle);
    const assetBytes = files.reduce((total, file) => total + statSync(path.join(assetDir, file)).size, 0);

    // The SDK-only baseline lives in the project so it resolves the same node_modules.
    const sdkOnly = path.join(PROJECT_ROOT, 'cdk.out', `sdk-only-${process.pid}.mjs`);
    writeFileSync(sdkOnly, "import '@aws-sdk/client-s3';\nimport '@aws-sdk/client-dynamodb';\n");
    const empty = path.join(scratch, 'empty.mjs');
    writeFileSync(empty, '');
    const samples = { empty: [] as ImportTime[], sdk: [] as ImportTime[], bundle: [] as ImportTime[], init: [] as ImportTime[] };
    try {
      coldImport(pathToFileURL(bundle).href); // warms the OS file cache, not measured
      for (let run = 0; run < runs; run++) {
        samples.empty.push(coldImport(pathToFileURL(empty).href));
        samples.sdk.push(coldImport(pathToFileURL(sdkOnly).href));
        samples.bundle.push(coldImport(pathToFileURL(bundle).href));
        samples.init.push(coldImport(pathToFileURL(bundle).href, init));
      }
    } finally {
      rmSync(sdkOnly, { force: true });
    }

    const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
    console.log(`Entry: ${handlerEntry ?? 'the stack\'s'}; context: ${JSON.stringify(context)}`);
    console.log(`Asset directory: ${files.join(', ')} (${kb(assetBytes)})`);
    console.log(`index.mjs: ${kb(bytes.length)} minified, ${kb(gzipSync(bytes, { level: 9 }).length)} gzipped (about the zip cdk deploy uploads)`);
    console.log(`\nCold import, median of ${runs} fresh processes (Node ${process.version}):\n`);
    console.log('| import | wall ms (median) | CPU ms (median) | CPU vs empty module |');
    console.log('|---|---:|---:|---:|');
    const wall = (values: readonly ImportTime[]): number => median(values.map((v) => v.wallMs));
    const cpu = (values: readonly ImportTime[]): number => median(values.map((v) => v.cpuMs));
    const base = cpu(samples.empty);
    for (const [name, values] of [
      ['empty module (baseline)', samples.empty],
      ['AWS SDK clients only (S3 + DynamoDB)', samples.sdk],
      ['deployed bundle (with the SDK it imports)', samples.bundle],
      ['cold start: bundle + handler init (first call, no object)', samples.init],
    ] as const) {
      console.log(`| ${name} | ${wall(values).toFixed(1)} | ${cpu(values).toFixed(1)} | ${(cpu(values) / base).toFixed(1)}x |`);
    }
    console.log(
      `\nbundle's own import cost (bundle minus SDK-only): ${(cpu(samples.bundle) - cpu(samples.sdk)).toFixed(1)} ms CPU, ` +
        `${(wall(samples.bundle) - wall(samples.sdk)).toFixed(1)} ms wall`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    removeOutdir(built.outdir);
  }
}

main();
