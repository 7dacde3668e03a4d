// Builds the CDK app the way `cdk synth` does (cdk.json's context, cdk-nag on) into a fresh
// directory, for the infrastructure tests and the bundle benchmark.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { App } from 'aws-cdk-lib';
import { createApp } from '../../lib/app.js';
import type { ScrapeDedupStack, ScrapeDedupStackProps } from '../../lib/scrape-dedup-stack.js';

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
  const { app, stack } = createApp({
    outdir,
    context: { ...cdkJsonContext(), ...options.context },
    ...(options.stackProps === undefined ? {} : { stackProps: options.stackProps }),
  });
  return { app, stack, outdir };
}
