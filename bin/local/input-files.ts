// Turns the files and folders named to `clean` and `ingest` into the ordered list of files to
// read, each with the object key it gets under the incoming prefix. Both commands walk folders
// the same way: recursively in name order, following symbolic links (a link back to a folder
// being walked is skipped with a warning), taking the files the include globs match.
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { UsageError } from '../cli-args.js';
import { DEFAULT_INCLUDE } from '../cli-commands.js';

/** One file to read. */
export interface InputFile {
  /** The path as shown to the user (relative to the working folder when inside it). */
  readonly display: string;
  /** Absolute path on disk. */
  readonly path: string;
  /** Object key: the incoming prefix plus {@link relativeKeyPath}. */
  readonly key: string;
}

/** How {@link collectInputFiles} walks. */
export interface CollectOptions {
  /** Object key prefix (`incoming/`). @default '' */
  readonly prefix?: string;
  /** @default process.cwd() */
  readonly cwd?: string;
  /** Globs a file inside a folder must match; a glob without `/` matches the file name. @default DEFAULT_INCLUDE */
  readonly include?: readonly string[];
  /** Globs of files inside folders to leave out. @default none */
  readonly exclude?: readonly string[];
  /** A named path that does not exist: a UsageError (`ingest`), or kept so reading it reports the error (`clean`). @default 'error' */
  readonly missing?: 'error' | 'keep';
  /** Told about each link skipped while walking (a loop, or a link to nothing). */
  readonly onSkip?: (path: string, why: string) => void;
}

/** Names skipped while walking folders: editor and OS litter, never scrapes. */
const IGNORED_NAMES = new Set(['.DS_Store', 'Thumbs.db', '.git']);

/**
 * A test of a `/`-separated relative path against globs. A glob without `/` (`*.html`) matches the
 * file name at any depth, as in .gitignore (picomatch's own `basename` option would also apply
 * that to `drafts/**` and never match it).
 */
function globMatcher(globs: readonly string[]): (path: string) => boolean {
  const byName = globs.filter((glob) => !glob.includes('/'));
  const byPath = globs.filter((glob) => glob.includes('/'));
  const name = byName.length > 0 ? picomatch(byName, { basename: true }) : () => false;
  const path = byPath.length > 0 ? picomatch(byPath) : () => false;
  return (relativePath) => name(relativePath) || path(relativePath);
}

function byName(a: string, b: string): number {
  // Code-point order, not locale order: the same on every machine, and '000_' sorts before '001_'.
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A file found by {@link walk}: the path it was reached by, and its real path (links resolved). */
interface FoundFile {
  readonly path: string;
  readonly real: string;
}

/**
 * Files under `dir`, depth first in name order. `ancestors` holds the real paths of the folders
 * being walked, the last one `dir`'s own: a link to one of them would recurse for ever, so it is
 * skipped. A plain entry's real path is its real folder's plus its name, so only links (and the
 * folders under them) cost a `realpath` call, not every file.
 */
async function walk(dir: string, ancestors: readonly string[], onSkip: CollectOptions['onSkip']): Promise<FoundFile[]> {
  const realDir = ancestors[ancestors.length - 1]!;
  const entries = await readdir(dir, { withFileTypes: true });
  const files: FoundFile[] = [];
  for (const entry of entries.sort((a, b) => byName(a.name, b.name))) {
    if (IGNORED_NAMES.has(entry.name)) continue;
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    const isLink = entry.isSymbolicLink();
    if (isLink) {
      const target = await stat(path).catch(() => undefined);
      if (!target) {
        onSkip?.(path, 'a link to nothing');
        continue;
      }
      isDirectory = target.isDirectory();
      if (!isDirectory && !target.isFile()) continue;
    } else if (!isDirectory && !entry.isFile()) {
      continue; // sockets, pipes, devices
    }
    const real = isLink ? await realpath(path) : join(realDir, entry.name);
    if (!isDirectory) {
      files.push({ path, real });
      continue;
    }
    if (ancestors.includes(real)) {
      onSkip?.(path, 'a link back to a folder it is inside (a loop)');
      continue;
    }
    files.push(...(await walk(path, [...ancestors, real], onSkip)));
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
 * Expands files and folders into files, in the order given. A folder contributes the files
 * inside it (recursively, in name order) that an include glob matches and no exclude glob does;
 * a file named on its own is always taken. A file reached twice (named twice, or through a link)
 * is read once, at its first place. Throws {@link UsageError} for a path that does not exist
 * (unless `missing: 'keep'`) and for a folder holding no file to take, saying what to pass.
 *
 * @example
 * await collectInputFiles(['examples/scrapes'], { prefix: 'incoming/' });
 * // [{ display: 'examples/scrapes/01-….txt', key: 'incoming/examples/scrapes/01-….txt', … }, …]
 */
export async function collectInputFiles(args: readonly string[], options: CollectOptions = {}): Promise<InputFile[]> {
  const { prefix = '', cwd = process.cwd(), missing = 'error' } = options;
  const include = options.include?.length ? options.include : DEFAULT_INCLUDE;
  const included = globMatcher(include);
  const excluded = globMatcher(options.exclude ?? []);
  const files: InputFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, real: string, absolute: string): void => {
    if (seen.has(real)) return;
    seen.add(real);
    const display = relative(cwd, path).startsWith('..') ? path : relative(cwd, path);
    files.push({ display: display.split(sep).join('/'), path, key: `${prefix}${relativeKeyPath(path, absolute, cwd)}` });
  };
  for (const argument of args) {
    const absolute = resolve(cwd, argument);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      if (missing === 'error') throw new UsageError(`no such file or folder: ${argument} (check the path, relative to ${cwd})`);
      add(absolute, absolute, absolute);
      continue;
    }
    if (!info.isDirectory()) {
      add(absolute, await realpath(absolute), absolute);
      continue;
    }
    const found = await walk(absolute, [await realpath(absolute)], options.onSkip);
    const taken = found.filter(({ path }) => {
      const inside = relative(absolute, path).split(sep).join('/');
      return included(inside) && !excluded(inside);
    });
    if (taken.length === 0) {
      const why = found.length === 0 ? 'it holds no files' : `none of its ${found.length} file${found.length === 1 ? '' : 's'} matches ${options.include?.length ? '--include' : 'the scrape extensions'}${options.exclude?.length ? ' without matching --exclude' : ''}`;
      throw new UsageError(`nothing to read in ${argument}: ${why} (name files directly, or pass --include '*' to take every file)`);
    }
    for (const { path, real } of taken) add(path, real, absolute);
  }
  return files;
}
