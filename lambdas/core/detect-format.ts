// PLACEHOLDER (issue 3 replaces it): decides whether decoded text is HTML or plain text.
import type { ScrapeFormat, ScrapeHints } from './types.js';

export function detectFormat(text: string, hints: ScrapeHints = {}): ScrapeFormat {
  if (hints.contentType?.includes('html')) return 'html';
  if (hints.key && /\.x?html?$/i.test(hints.key)) return 'html';
  return /^\s*<(!doctype html|html|head|body)/i.test(text.slice(0, 1024)) ? 'html' : 'text';
}
