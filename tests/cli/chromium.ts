// Runs Debian's `chromium` headless for the report test: the DOM after the page's script ran,
// and a screenshot. Absent browser: `findChromium()` returns undefined and the test says so.
import { execFile } from 'node:child_process';
import { access } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where Debian and others put the browser. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags for a root user in a container without a display, GPU or D-Bus. */
const HEADLESS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--hide-scrollbars', '--mute-audio'];

/** The browser's path, or undefined when none is installed. */
export async function findChromium(): Promise<string | undefined> {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const path of CANDIDATES) {
    if (await access(path).then(() => true, () => false)) return path;
  }
  return undefined;
}

/** The serialised DOM of `file` (opened at `hash`) after its scripts ran (Chromium's --dump-dom). */
export async function dumpDom(chromium: string, file: string, hash = ''): Promise<string> {
  const { stdout } = await run(chromium, [...HEADLESS, '--window-size=1366,900', '--dump-dom', `${pathToFileURL(file).href}${hash}`], { maxBuffer: 256 * 1024 * 1024, timeout: 120_000 });
  return stdout;
}

/** Saves a PNG of `file` rendered at `width` x `height`. */
export async function screenshot(chromium: string, file: string, png: string, width: number, height: number): Promise<void> {
  await run(chromium, [...HEADLESS, `--window-size=${width},${height}`, `--screenshot=${png}`, pathToFileURL(file).href], { timeout: 60_000 });
}
