// Collects every regular expression the Lambda code uses, for the catastrophic-backtracking test:
// literals found by parsing the sources, plus RegExp values reachable from the modules' exports
// (patterns built at load time with `new RegExp(...)` from word lists).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../helpers/cdk-app.js';

/** One pattern, with where it was found (for the failure message). */
export interface FoundRegExp {
  readonly where: string;
  readonly pattern: RegExp;
}

/** Folders whose code runs in the Lambda function (the CLI and the stack are not exposed to scraped input). */
export const LAMBDA_SOURCE_DIRS = ['lambdas'] as const;

function listSources(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listSources(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files.sort();
}

/** Every `.ts` file of the Lambda code, absolute paths, sorted. */
export function lambdaSourceFiles(): string[] {
  return LAMBDA_SOURCE_DIRS.flatMap((dir) => listSources(join(PROJECT_ROOT, dir)));
}

/** Turns the text of a regex literal (`/a+b/gi`) into a RegExp. */
function fromLiteral(text: string): RegExp {
  const end = text.lastIndexOf('/');
  return new RegExp(text.slice(1, end), text.slice(end + 1));
}

/**
 * Every regular-expression literal in the Lambda sources, found with the TypeScript parser (so
 * patterns in module-private maps count too).
 */
export function collectLiteralRegExps(): FoundRegExp[] {
  const found: FoundRegExp[] = [];
  for (const file of lambdaSourceFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({ where: `${relative(PROJECT_ROOT, file)}:${line + 1}`, pattern: fromLiteral(node.getText()) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** Places in the Lambda sources that build a pattern at run time (`new RegExp(`, `RegExp(`). */
export function countConstructedRegExpSites(): number {
  let sites = 0;
  for (const file of lambdaSourceFiles()) sites += readFileSync(file, 'utf8').match(/\bRegExp\(/g)?.length ?? 0;
  return sites;
}

function walk(value: unknown, where: string, found: FoundRegExp[], seen: Set<unknown>, depth: number): void {
  if (value instanceof RegExp) {
    found.push({ where, pattern: value });
    return;
  }
  if (value === null || typeof value !== 'object' || seen.has(value) || depth > 3) return;
  seen.add(value);
  for (const [name, child] of Object.entries(value)) walk(child, `${where}.${name}`, found, seen, depth + 1);
}

/**
 * RegExp values reachable from the exports of the given module namespaces (maps such as
 * CHROME_PATTERNS hold patterns assembled from word lists, which no literal shows).
 */
export function collectExportedRegExps(modules: Readonly<Record<string, unknown>>): FoundRegExp[] {
  const found: FoundRegExp[] = [];
  const seen = new Set<unknown>();
  for (const [name, namespace] of Object.entries(modules)) walk(namespace, name, found, seen, 0);
  return found;
}
