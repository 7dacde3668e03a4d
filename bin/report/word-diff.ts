// Word-level difference between two texts (Myers' O(ND) algorithm), for the report's side-by-side
// view of a canonical article and its duplicates. Near-duplicates differ in few words, so D is
// small and the diff is fast; texts too different to align are reported as such.

/** One run of tokens: in both texts, only in the first (`removed`) or only in the second (`added`). */
export interface DiffRun {
  readonly op: 'same' | 'removed' | 'added';
  /** Tokens of the run: words, and {@link PARAGRAPH_BREAK} between paragraphs. */
  readonly tokens: readonly string[];
}

/** The token that stands for a paragraph break (never a word: words contain no newline). */
export const PARAGRAPH_BREAK = '\n';

/**
 * Most differing tokens aligned before giving up: the work grows with (length x differences),
 * and two texts this far apart are not near-duplicates worth a word-by-word view.
 */
export const MAX_DIFF_TOKENS = 2000;

/**
 * Splits a text into words and paragraph breaks (paragraphs are separated by blank lines).
 *
 * @example
 * tokenize('Ferry back.\n\nIt runs.'); // ['Ferry', 'back.', '\n', 'It', 'runs.']
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  text.split(/\n\s*\n/).forEach((paragraph, i) => {
    if (i > 0) tokens.push(PARAGRAPH_BREAK);
    for (const word of paragraph.split(/\s+/)) if (word !== '') tokens.push(word);
  });
  return tokens;
}

/** Two words are the same when they differ only in case or in the typography of quotes and dashes. */
function comparisonKey(token: string): string {
  return token
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201a\u201b\u2032`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, '-');
}

function runsFrom(ops: readonly ('same' | 'removed' | 'added')[], tokens: readonly string[]): DiffRun[] {
  const runs: { op: DiffRun['op']; tokens: string[] }[] = [];
  ops.forEach((op, i) => {
    const last = runs.at(-1);
    if (last && last.op === op) last.tokens.push(tokens[i]!);
    else runs.push({ op, tokens: [tokens[i]!] });
  });
  return runs;
}

/**
 * The shortest edit script turning `a` into `b`, as runs; `undefined` when more than
 * `maxEdits` tokens differ.
 *
 * @example
 * diffWords(tokenize('the late ferry'), tokenize('the last ferry'));
 * // [{op:'same',tokens:['the']},{op:'removed',tokens:['late']},{op:'added',tokens:['last']},{op:'same',tokens:['ferry']}]
 */
export function diffWords(a: readonly string[], b: readonly string[], maxEdits = MAX_DIFF_TOKENS): DiffRun[] | undefined {
  // Interned comparison keys: the inner loop compares small integers.
  const ids = new Map<string, number>();
  const intern = (token: string): number => {
    const key = comparisonKey(token);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  };
  const x = Int32Array.from(a, intern);
  const y = Int32Array.from(b, intern);
  // Common head and tail need no search.
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head += 1;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail += 1;
  const n = x.length - head - tail;
  const m = y.length - head - tail;

  // Myers: v[k] is the furthest x on diagonal k; one snapshot of v per edit count for the walk back.
  const max = n + m;
  const limit = Math.min(max, maxEdits);
  const offset = limit + 1;
  const v = new Int32Array(2 * offset + 1);
  const trace: Int32Array[] = [];
  let found = n === 0 && m === 0 ? 0 : -1;
  for (let d = 0; d <= limit && found < 0; d += 1) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let px = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let py = px - k;
      while (px < n && py < m && x[head + px] === y[head + py]) {
        px += 1;
        py += 1;
      }
      v[offset + k] = px;
      if (px >= n && py >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return undefined;

  // Walk back from (n, m) through the snapshots, collecting operations in reverse.
  const reversed: { op: DiffRun['op']; token: string }[] = [];
  let px = n;
  let py = m;
  for (let d = found; d > 0; d -= 1) {
    const prev = trace[d]!;
    const k = px - py;
    const down = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK]!;
    const prevY = prevX - prevK;
    while (px > prevX && py > prevY) {
      px -= 1;
      py -= 1;
      reversed.push({ op: 'same', token: b[head + py]! });
    }
    if (down) {
      py -= 1;
      reversed.push({ op: 'added', token: b[head + py]! });
    } else {
      px -= 1;
      reversed.push({ op: 'removed', token: a[head + px]! });
    }
  }
  while (px > 0 && py > 0) {
    px -= 1;
    py -= 1;
    reversed.push({ op: 'same', token: b[head + py]! });
  }
  const middle = reversed.reverse();
  const ops = [
    ...a.slice(0, head).map(() => 'same' as const),
    ...middle.map((step) => step.op),
    ...a.slice(a.length - tail).map(() => 'same' as const),
  ];
  const tokens = [...b.slice(0, head), ...middle.map((step) => step.token), ...b.slice(b.length - tail)];
  return runsFrom(ops, tokens);
}
