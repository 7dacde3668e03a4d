// A one-line progress bar for long runs. It draws only on a terminal, so piped and
// redirected output (and `--json` consumers) never see control characters. Kept rather than
// cli-progress: that one redraws on a timer, cuts the line at the terminal's edge instead of
// keeping the end of the path, and brings a second string-width; this is the little we need.
import { fitCell } from './cli-table.js';

/** The part of a stream the bar writes to (process.stderr satisfies it). */
export interface ProgressStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
  write(chunk: string): boolean;
}

/** Drawn width of the bar itself, in characters, when the terminal is wide enough. */
const BAR_WIDTH = 30;
/** Terminal width assumed when the stream does not report one. */
const FALLBACK_COLUMNS = 80;

/** Progress of a run: call `tick` after each item and `done` at the end. */
export interface Progress {
  tick(label: string): void;
  done(): void;
}

const SILENT: Progress = { tick: () => undefined, done: () => undefined };

/**
 * Builds the one-line text of the bar (exported for tests).
 *
 * @example
 * progressLine(3, 10, 'a.txt', 60); // '[█████████░░░…░] 3/10 a.txt' fitted to 60 columns
 */
export function progressLine(completed: number, total: number, label: string, columns: number): string {
  const share = total === 0 ? 1 : Math.min(1, completed / total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}] ${completed}/${total} `;
  // Leave the last column free: writing into it wraps the line on some terminals.
  const room = Math.max(0, columns - 1 - bar.length);
  // Display columns, keeping the end of the path (the file name): a CJK name must not wrap the line.
  return bar + (room > 1 ? fitCell(label, room, 'end') : '');
}

/**
 * A progress bar on `stream` when it is a terminal, else a no-op.
 *
 * @example
 * const progress = createProgress(process.stderr, files.length);
 * for (const file of files) { await work(file); progress.tick(file); }
 * progress.done();
 */
export function createProgress(stream: ProgressStream, total: number): Progress {
  if (!stream.isTTY) return SILENT;
  let completed = 0;
  return {
    tick(label) {
      completed += 1;
      const columns = stream.columns ?? FALLBACK_COLUMNS;
      // \r returns to the line start and \x1b[K clears what a longer previous line left.
      stream.write(`\r${progressLine(completed, total, label, columns)}\x1b[K`);
    },
    done() {
      if (completed > 0) stream.write('\r\x1b[K');
    },
  };
}

/**
 * Text of a progress line for a run whose total is not known in advance (export streams pages).
 *
 * @example
 * counterLine(1234, 'articles', 2.5); // '1,234 articles, 494/s'
 */
export function counterLine(completed: number, noun: string, seconds: number): string {
  const rate = seconds > 0 ? Math.round(completed / seconds) : 0;
  return `${completed.toLocaleString('en-US')} ${noun}, ${rate.toLocaleString('en-US')}/s`;
}

/** Redraws at most this often: a line per item would cost more than the export itself. */
const COUNTER_REDRAW_MS = 100;

/**
 * A running count on `stream` when it is a terminal, else a no-op (the label of `tick` is ignored).
 *
 * @example
 * const progress = createCounter(process.stderr, 'articles');
 * for await (const article of articles) { write(article); progress.tick(''); }
 * progress.done();
 */
export function createCounter(stream: ProgressStream, noun: string, now: () => number = Date.now): Progress {
  if (!stream.isTTY) return SILENT;
  const started = now();
  let completed = 0;
  let drawn = 0;
  return {
    tick() {
      completed += 1;
      const time = now();
      if (time - drawn < COUNTER_REDRAW_MS) return;
      drawn = time;
      stream.write(`\r${counterLine(completed, noun, (time - started) / 1000)}\x1b[K`);
    },
    done() {
      if (completed > 0) stream.write('\r\x1b[K');
    },
  };
}
