// No input may take superlinear time: each hostile shape is cleaned at two sizes, n and 4n, on
// both the text and the HTML path, and the time may grow by at most 8x (linear work grows 4x,
// quadratic 16x). Ratios, not absolute times, so the check holds on a loaded machine; each size
// is timed best of a few runs, and n is large enough that a quadratic part would dominate.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputRejectedError } from '../../lambdas/core/errors.js';
import { cleanScrape } from '../../lambdas/core/pipeline.js';
import { HOSTILE_SHAPES, type HostileShape } from './hostile-shapes.js';

/** Growth allowed from n to 4n: between linear (4x) and quadratic (16x). */
const MAX_GROWTH = 8;
/** Runs per size; the fastest counts (noise from other processes only ever adds time). */
const RUNS = 3;

const PATHS = [
  { format: 'html', hints: { key: 'page.html', contentType: 'text/html' } },
  { format: 'text', hints: { key: 'page.txt', contentType: 'text/plain' } },
] as const;

/**
 * A full garbage collection before each timed run: without it, a run pays for the garbage of the
 * runs before, and the large live tree of the 4n input made allocation-heavy shapes (many tables)
 * look superlinear (7x to 11x from n to 4n in CI runs, also with one collection per size; 2x to
 * 4x with one per run). The collections can slow the first small runs a little, which only
 * lowers a ratio; a quadratic part (16x) still stands out at these sizes.
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

/**
 * Fastest of {@link RUNS} cleanings of `bytes`, in ms of CPU time (other processes on a shared
 * machine stretch wall time, not CPU time); a refusal is an outcome, timed like one.
 */
function bestTime(bytes: Uint8Array, hints: (typeof PATHS)[number]['hints']): number {
  let best = Infinity;
  for (let run = 0; run < RUNS; run += 1) {
    collectGarbage();
    const start = process.cpuUsage();
    try {
      cleanScrape(bytes, hints);
    } catch (error) {
      if (!(error instanceof InputRejectedError)) throw error;
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

/** Time at n and 4n; measured again (up to twice) when the ratio is over the bound (a burst of load or a GC). */
function growth(shape: HostileShape, path: (typeof PATHS)[number]): { small: number; large: number; ratio: number } {
  const small = new TextEncoder().encode(shape.build(shape.n, path.format));
  const large = new TextEncoder().encode(shape.build(4 * shape.n, path.format));
  let result = { small: 0, large: 0, ratio: Infinity };
  for (let attempt = 0; attempt < 3 && result.ratio > MAX_GROWTH; attempt += 1) {
    const smallMs = bestTime(small, path.hints);
    const largeMs = bestTime(large, path.hints);
    // A floor of 5 ms keeps GC pauses and timer resolution from inflating the ratio of tiny inputs
    // (a quadratic part worth finding costs far more than that at n).
    result = { small: smallMs, large: largeMs, ratio: largeMs / Math.max(smallMs, 5) };
  }
  return result;
}

describe('time grows linearly with hostile input', () => {
  // Compile the cleaner's hot paths first, so the first shape's n is not timed cold.
  beforeAll(() => {
    for (const path of PATHS) for (const shape of HOSTILE_SHAPES) bestTime(new TextEncoder().encode(shape.build(50, path.format)), path.hints);
  });

  for (const path of PATHS) {
    describe(`${path.format} path`, () => {
      for (const shape of HOSTILE_SHAPES) {
        it(`${shape.name}: 4n takes at most ${MAX_GROWTH}x the time of n`, () => {
          const { small, large, ratio } = growth(shape, path);
          console.log(
            `linear-time ${path.format} ${shape.name}: n=${shape.n} ${small.toFixed(1)} ms, 4n ${large.toFixed(1)} ms, ${ratio.toFixed(1)}x`,
          );
          expect(ratio).toBeLessThanOrEqual(MAX_GROWTH);
        });
      }
    });
  }
});
