// Starts a worker thread on one of the bin/clean-worker*.ts entries (bin/build-cli.js builds
// each beside the CLI's chunks), from the compiled CLI and from the TypeScript sources alike.
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker entry `name` (`clean-worker`, without extension). From compiled JavaScript
 * (dist/, where the build puts the entry beside this module's chunk) it runs the file directly;
 * from the TypeScript sources (tsx, vitest) the worker registers tsx first, since loader hooks
 * of the main thread do not reach worker threads on Node 20.
 *
 * @example
 * const worker = startWorker('clean-worker');
 */
export function startWorker(name: string): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL(`./${name}.js`, here));
  const workerUrl = new URL(`./${name}.ts`, here).href;
  const tsxApi = resolveTsxApi(here);
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(workerUrl)}); });`;
  return new Worker(bootstrap, { eval: true });
}

/** The file URL of tsx's ESM register API (its CommonJS build cannot register hooks from a worker). */
function resolveTsxApi(here: string): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const commonJs = createRequire(fileURLToPath(here)).resolve('tsx/esm/api');
  return pathToFileURL(commonJs.replace(/\.cjs$/, '.mjs')).href;
}
