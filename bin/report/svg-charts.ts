// Inline SVG charts for the report: no script, no font, no network; colours come from the
// page's CSS classes so the charts follow its light or dark scheme.
import { escapeHtml } from './html-escape.js';

/** One bar: a label and one value per series (stacked). */
export interface Bar {
  readonly label: string;
  readonly values: readonly number[];
  /** Shown on hover. */
  readonly title?: string;
}

/** A chart's series: the CSS class of each stacked part and its name for the legend. */
export interface Series {
  readonly name: string;
  readonly className: string;
}

const FONT = 12;
const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const LABEL_WIDTH = 190;
const VALUE_WIDTH = 60;
const PLOT_WIDTH = 360;
/** Characters of a row label before it is cut (the full label is in the hover title). */
const LABEL_CHARS = 28;

const format = (n: number): string => n.toLocaleString('en-US');
const cut = (text: string, max: number): string => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

function legend(series: readonly Series[], y: number): string {
  let x = 0;
  return series
    .map((s) => {
      const item = `<rect class="${s.className}" x="${x}" y="${y - 10}" width="10" height="10"/><text x="${x + 14}" y="${y}">${escapeHtml(s.name)}</text>`;
      x += 24 + s.name.length * 7;
      return item;
    })
    .join('');
}

/**
 * Horizontal stacked bars, one row per bar (sites, removal reasons).
 *
 * @example
 * horizontalBars('Articles per site', [{ label: 'example.org', values: [4, 1] }], [{ name: 'canonical', className: 's0' }, { name: 'duplicate', className: 's1' }]);
 */
export function horizontalBars(title: string, bars: readonly Bar[], series: readonly Series[]): string {
  const max = Math.max(1, ...bars.map((bar) => bar.values.reduce((a, b) => a + b, 0)));
  const top = series.length > 1 ? 24 : 8;
  const height = top + bars.length * (BAR_HEIGHT + BAR_GAP) + 4;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const rows = bars.map((bar, i) => {
    const y = top + i * (BAR_HEIGHT + BAR_GAP);
    let x = LABEL_WIDTH;
    const parts = bar.values.map((value, s) => {
      const w = (value / max) * PLOT_WIDTH;
      const rect = value > 0 ? `<rect class="${series[s]?.className ?? 's0'}" x="${x.toFixed(1)}" y="${y}" width="${Math.max(1, w).toFixed(1)}" height="${BAR_HEIGHT}"><title>${escapeHtml(`${bar.label}: ${format(value)} ${series[s]?.name ?? ''}`)}</title></rect>` : '';
      x += w;
      return rect;
    });
    const total = bar.values.reduce((a, b) => a + b, 0);
    return (
      `<g><title>${escapeHtml(bar.title ?? bar.label)}</title>` +
      `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 5}" text-anchor="end">${escapeHtml(cut(bar.label, LABEL_CHARS))}</text>` +
      parts.join('') +
      `<text class="value" x="${(x + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 5}">${format(total)}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="${FONT}">` +
    (series.length > 1 ? legend(series, 14) : '') +
    rows.join('') +
    `</svg>`
  );
}

/**
 * Vertical columns over ordered bins (the distance histogram), with the bin labels below.
 *
 * @example
 * columns('Distance of duplicates (bits)', [{ label: '0', values: [3] }, { label: '1–3', values: [5] }]);
 */
export function columns(title: string, bins: readonly Bar[], axisLabel: string): string {
  const max = Math.max(1, ...bins.map((bin) => bin.values[0] ?? 0));
  const plotHeight = 150;
  const columnWidth = 34;
  const gap = 8;
  const left = 10;
  const top = 18;
  const width = left + bins.length * (columnWidth + gap) + 10;
  const height = top + plotHeight + 40;
  const cols = bins.map((bin, i) => {
    const value = bin.values[0] ?? 0;
    const h = (value / max) * plotHeight;
    const x = left + i * (columnWidth + gap);
    const y = top + plotHeight - h;
    return (
      `<g><title>${escapeHtml(bin.title ?? `${bin.label}: ${format(value)}`)}</title>` +
      (value > 0 ? `<rect class="s1" x="${x}" y="${y.toFixed(1)}" width="${columnWidth}" height="${Math.max(1, h).toFixed(1)}"/>` : '') +
      `<text class="value" x="${x + columnWidth / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle">${value > 0 ? format(value) : ''}</text>` +
      `<text class="label" x="${x + columnWidth / 2}" y="${top + plotHeight + 16}" text-anchor="middle">${escapeHtml(bin.label)}</text></g>`
    );
  });
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-size="${FONT}">` +
    `<line class="axis" x1="${left - 4}" y1="${top + plotHeight}" x2="${width - 6}" y2="${top + plotHeight}"/>` +
    cols.join('') +
    `<text class="label" x="${width / 2}" y="${height - 4}" text-anchor="middle">${escapeHtml(axisLabel)}</text>` +
    `</svg>`
  );
}
