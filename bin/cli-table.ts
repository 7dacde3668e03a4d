// Plain-text tables for the terminal: aligned columns, long cells cut with an ellipsis.

/** One column: its header, how to align it, and the widest it may grow. */
export interface Column {
  readonly header: string;
  /** Numbers read best right-aligned. @default 'left' */
  readonly align?: 'left' | 'right';
  /** Longer cells are cut to this many characters, ending in '…'. @default no limit */
  readonly maxWidth?: number;
  /** Which end of a long cell is kept: paths read best by their end. @default 'start' */
  readonly keep?: 'start' | 'end';
}

/** Gap between columns. */
const COLUMN_GAP = '  ';
const ELLIPSIS = '…';

/**
 * Cuts a cell to `max` characters (code points, so emoji and CJK are not split in half).
 *
 * @example
 * fitCell('examples/scrapes/long-name.txt', 12);        // 'examples/sc…'
 * fitCell('examples/scrapes/long-name.txt', 12, 'end'); // '…g-name.txt'
 */
export function fitCell(text: string, max: number | undefined, keep: 'start' | 'end' = 'start'): string {
  // Cells are one line: a newline inside would break every column after it.
  const flat = text.replace(/\s+/g, ' ');
  const chars = [...flat];
  if (max === undefined || chars.length <= max) return flat;
  if (max <= ELLIPSIS.length) return chars.slice(0, max).join('');
  const room = max - ELLIPSIS.length;
  return keep === 'end' ? ELLIPSIS + chars.slice(chars.length - room).join('') : chars.slice(0, room).join('') + ELLIPSIS;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - [...text].length));
  return align === 'right' ? fill + text : text + fill;
}

/**
 * Renders rows under a header line and a rule, each column as wide as its widest cell.
 * Trailing spaces are trimmed so the output diffs cleanly.
 *
 * @example
 * renderTable([{ header: 'file' }, { header: 'kept', align: 'right' }], [['a.txt', '1200']]);
 * // 'file   kept\n─────  ────\na.txt  1200'
 */
export function renderTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((column, i) => fitCell(row[i] ?? '', column.maxWidth, column.keep)));
  const widths = columns.map((column, i) =>
    Math.max([...column.header].length, ...cells.map((row) => [...row[i]!].length)),
  );
  const line = (row: readonly string[]): string =>
    row.map((cell, i) => pad(cell, widths[i]!, columns[i]!.align ?? 'left')).join(COLUMN_GAP).trimEnd();
  const header = line(columns.map((column) => column.header));
  const rule = widths.map((width) => '─'.repeat(width)).join(COLUMN_GAP);
  return [header, rule, ...cells.map(line)].join('\n');
}

/**
 * Renders label/value pairs as two aligned columns (the `show` command's header block).
 *
 * @example
 * renderPairs([['title', 'Talks resume'], ['site', 'example.org']]);
 * // 'title  Talks resume\nsite   example.org'
 */
export function renderPairs(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(0, ...pairs.map(([label]) => [...label].length));
  return pairs.map(([label, value]) => `${pad(label, width, 'left')}  ${value}`.trimEnd()).join('\n');
}
