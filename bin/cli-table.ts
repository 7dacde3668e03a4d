// Plain-text tables for the terminal: aligned columns, long cells cut with an ellipsis. Widths
// are display columns (string-width: a Chinese character or an emoji takes two, a combining
// accent none), so CJK titles line up; colour is added after the layout and only when asked.
import stringWidth from 'string-width';

/** One column: its header, how to align it, and the widest it may grow. */
export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. @default 'left' */
  readonly align?: 'left' | 'right';
  /** Longer cells are cut to this many characters, ending in '…'. @default no limit */
  readonly maxWidth?: number;
  /** Which end of a long cell is kept: paths read best by their end. @default 'start' */
  readonly keep?: 'start' | 'end';
  /** Colours a (fitted) cell; applied only when {@link renderTable} is asked for colour. */
  readonly color?: (cell: string) => string;
}

/** How {@link renderTable} draws. */
export interface TableOptions {
  /** Apply the columns' colours (the caller decides: a terminal, and no NO_COLOR). @default false */
  readonly color?: boolean;
}

/** Gap between columns. */
const COLUMN_GAP = '  ';
const ELLIPSIS = '…';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The longest run of whole graphemes from the start of `parts` that fits in `room` columns. */
function takeWidth(parts: readonly string[], room: number): string[] {
  const taken: string[] = [];
  let width = 0;
  for (const part of parts) {
    width += stringWidth(part);
    if (width > room) break;
    taken.push(part);
  }
  return taken;
}

/**
 * Cuts a cell to `max` display columns, never inside a character (a CJK character or an emoji
 * counts two columns and is dropped whole when only one is left).
 *
 * @example
 * fitCell('examples/scrapes/long-name.txt', 12);        // 'examples/sc…'
 * fitCell('examples/scrapes/long-name.txt', 12, 'end'); // '…g-name.txt'
 * fitCell('港口渡轮恢复冬季时刻表', 9);                      // '港口渡轮…'
 */
export function fitCell(text: string, max: number | undefined, keep: 'start' | 'end' = 'start'): string {
  // Cells are one line: a newline inside would break every column after it.
  const flat = text.replace(/\s+/g, ' ');
  if (max === undefined || stringWidth(flat) <= max) return flat;
  const parts = Array.from(graphemes.segment(flat), (segment) => segment.segment);
  const ellipsis = stringWidth(ELLIPSIS);
  if (max <= ellipsis) return takeWidth(parts, max).join('');
  if (keep === 'start') return takeWidth(parts, max - ellipsis).join('') + ELLIPSIS;
  return ELLIPSIS + takeWidth(parts.reverse(), max - ellipsis).reverse().join('');
}

function pad(text: string, width: number, align: 'left' | 'right', color: (cell: string) => string = (cell) => cell): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return align === 'right' ? fill + color(text) : color(text) + fill;
}

/**
 * Renders rows under a header line and a rule, each column as wide as its widest cell.
 * Trailing spaces are trimmed so the output diffs cleanly.
 *
 * @example
 * renderTable([{ header: 'file' }, { header: 'kept', align: 'right' }], [['a.txt', '1200']]);
 * // 'file   kept\n─────  ────\na.txt  1200'
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const cells = rows.map((row) => columns.map((column, i) => fitCell(row[i] ?? '', column.maxWidth, column.keep)));
  const widths = columns.map((column, i) => Math.max(stringWidth(column.header), ...cells.map((row) => stringWidth(row[i]!))));
  const line = (row: readonly string[], colored: boolean): string =>
    row.map((cell, i) => pad(cell, widths[i]!, columns[i]!.align ?? 'left', colored ? columns[i]!.color : undefined)).join(COLUMN_GAP).trimEnd();
  const header = line(columns.map((column) => column.header), false);
  const rule = widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP);
  return [header, rule, ...cells.map((row) => line(row, options.color === true))].join('\n');
}

/**
 * Renders label/value pairs as two aligned columns (the `show` command's header block).
 *
 * @example
 * renderPairs([['title', 'Talks resume'], ['site', 'example.org']]);
 * // 'title  Talks resume\nsite   example.org'
 */
export function renderPairs(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...pairs.map(([label]) => stringWidth(label)));
  return pairs.map(([label, value]) => `${pad(label, width, 'left')}  ${value}`.trimEnd()).join('\n');
}

/**
 * Whether to colour what goes to `stream`: only a terminal, never with NO_COLOR set
 * (https://no-color.org: any non-empty value) or TERM=dumb.
 *
 * @example
 * renderTable(columns, rows, { color: colorWanted(process.stdout) });
 */
export function colorWanted(stream: { readonly isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}
