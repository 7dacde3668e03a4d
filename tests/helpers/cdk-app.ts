// Builds the CDK app the way `cdk synth` does (cdk.json's context, cdk-nag on) into a fresh
// directory, for the infrastructure tests and the bundle benchmark.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { createApp } from '../../lib/app.js';
import type { ScrapeDedupStack, ScrapeDedupStackProps } from '../../lib/scrape-dedup-stack.js';

/**
 * Time allowed to a hook or test that synthesises the app (bundling, cdk-nag, assembly). It
 * takes a few seconds on an idle machine but over a minute when the two cores are shared
 * with other test files, beyond vitest's 60 s default; a hang still fails, just later.
 */
export const SYNTH_TIMEOUT_MS = 240_000;

/** The project root (tests/helpers/../..). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The `context` block of cdk.json: feature flags and the stack's settings. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return cdkJson.context ?? {};
}

/**
 * A new, empty cloud-assembly directory inside the project (under cdk.out/, which git
 * ignores), so a bundle written there resolves `@aws-sdk/*` from the project's node_modules
 * the way the Lambda runtime provides it.
 */
export function makeOutdir(): string {
  const parent = path.join(PROJECT_ROOT, 'cdk.out', 'tests');
  mkdirSync(parent, { recursive: true });
  return mkdtempSync(path.join(parent, 'assembly-'));
}

/** Deletes a directory made by {@link makeOutdir} (nothing when a failed setup made none). */
export function removeOutdir(outdir: string | undefined): void {
  if (outdir !== undefined) rmSync(outdir, { recursive: true, force: true });
}

/** What {@link buildApp} returns. */
export interface BuiltApp {
  readonly app: App;
  readonly stack: ScrapeDedupStack;
  readonly outdir: string;
}

/**
 * Creates the app as bin/app.ts does, with cdk.json's context plus `context` overrides.
 *
 * @example
 * const { app, stack, outdir } = buildApp({ context: { 'scrape-dedup:removalPolicy': 'destroy' } });
 */
export function buildApp(
  options: { context?: Record<string, unknown>; stackProps?: ScrapeDedupStackProps } = {},
): BuiltApp {
  const outdir = makeOutdir();
  try {
    const { app, stack } = createApp({
      outdir,
      context: { ...cdkJsonContext(), ...options.context },
      ...(options.stackProps === undefined ? {} : { stackProps: options.stackProps }),
    });
    return { app, stack, outdir };
  } catch (error) {
    removeOutdir(outdir);
    throw error;
  }
}

/** The function `cdk deploy` would upload, as found in a synthesised cloud assembly. */
export interface DeployedFunction {
  /** Absolute path of the bundle's entry file (`index.mjs` in the asset directory). */
  readonly bundle: string;
  /** The function's environment as the template sets it (tokens left as they are). */
  readonly environment: Record<string, unknown>;
  /** The template's handler setting, e.g. `index.handler`. */
  readonly handler: string;
}

/**
 * Finds the dedup function's bundle the way `cdk deploy` does: the template's Code.S3Key
 * names an asset of the stack's asset manifest, whose source path is the directory zipped.
 * Call after `app.synth()`.
 *
 * @example
 * const { app, stack, outdir } = buildApp();
 * app.synth();
 * const { bundle } = findDeployedFunction(stack, outdir);
 */
export function findDeployedFunction(stack: ScrapeDedupStack, outdir: string): DeployedFunction {
  const template = JSON.parse(readFileSync(path.join(outdir, stack.templateFile), 'utf8')) as {
    Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  };
  const functions = Object.values(template.Resources).filter(
    (resource) => resource.Type === 'AWS::Lambda::Function' && resource.Properties.Runtime === 'nodejs22.x',
  );
  if (functions.length !== 1) throw new Error(`expected one nodejs22.x function, found ${functions.length}`);
  const props = functions[0]?.Properties as {
    Handler: string;
    Code: { S3Key: string };
    Environment: { Variables: Record<string, unknown> };
  };
  const assetHash = props.Code.S3Key.replace(/\.zip$/, '');
  const manifest = JSON.parse(readFileSync(path.join(outdir, `${stack.artifactId}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging?: string } }>;
  };
  const asset = manifest.files[assetHash];
  if (asset === undefined || asset.source.packaging !== 'zip') throw new Error(`asset ${assetHash} is not a zipped directory`);
  return {
    bundle: path.join(outdir, asset.source.path, 'index.mjs'),
    environment: props.Environment.Variables,
    handler: props.Handler,
  };
}
