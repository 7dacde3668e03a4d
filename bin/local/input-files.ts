// Turns the `ingest` arguments (files and folders) into the ordered list of files to upload,
// each with the object key it gets under the incoming prefix.
import { readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../cli-args.js';

/** One file to ingest. */
export interface InputFile {
  /** The path as shown to the user (relative to the working folder when inside it). */
  readonly display: string;
  /** Absolute path on disk. */
  readonly path: string;
  /** Object key: the incoming prefix plus {@link relativeKeyPath}. */
  readonly key: string;
}

/** Names skipped while walking folders: editor and OS litter, never scrapes. */
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', '.git']);

function byName(a: string, b: string): number {
  // Code-point order, not locale order: the same on every machine, and '000_' sorts before '001_'.
  return a < b ? -1 : a > b ? 1 : 0;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
    if (IGNORED_NAMES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(path)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/**
 * The key path of a file (without the prefix), in `/` form. When the argument it came from is
 * the working folder or inside it, the path is taken from the working folder
 * (`examples/scrapes/a.txt`), so the key's folder names the site the way the user organised it;
 * otherwise from the argument's parent folder (`site/a.txt`). Never starts with `/` or holds `..`.
 *
 * @example
 * relativeKeyPath('/repo/examples/a.txt', '/repo/examples', '/repo'); // 'examples/a.txt'
 * relativeKeyPath('/tmp/site/a.txt', '/tmp/site', '/repo');           // 'site/a.txt'
 */
export function relativeKeyPath(file: string, argument: string, cwd: string): string {
  const argumentFromCwd = relative(cwd, argument);
  const inside = argumentFromCwd === '' || (!argumentFromCwd.startsWith('..') && !isAbsolute(argumentFromCwd));
  const path = inside ? relative(cwd, file) : relative(resolve(argument, '..'), file) || basename(file);
  return path.split(sep).join('/');
}

/**
 * Expands files and folders into files, in the order given; a folder contributes its files
 * recursively, sorted by name. A file named twice is ingested once (its first place).
 * Throws {@link UsageError} for a path that does not exist.
 *
 * @example
 * await collectInputFiles(['examples/scrapes'], 'incoming/');
 * // [{ display: 'examples/scrapes/001-….txt', key: 'incoming/examples/scrapes/001-….txt', … }, …]
 */
export async function collectInputFiles(args: readonly string[], prefix: string, cwd: string = process.cwd()): Promise<InputFile[]> {
  const files: InputFile[] = [];
  const seen = new Set<string>();
  for (const argument of args) {
    const absolute = resolve(cwd, argument);
    let info;
    try {
      info = await stat(absolute);
    } catch {
      throw new UsageError(`no such file or folder: ${argument}`);
    }
    const paths = info.isDirectory() ? await walk(absolute) : [absolute];
    for (const path of paths) {
      if (seen.has(path)) continue;
      seen.add(path);
      const keyPath = relativeKeyPath(path, absolute, cwd);
      const display = relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
      files.push({ display: display.split(sep).join('/'), path, key: `${prefix}${keyPath}` });
    }
  }
  return files;
}
