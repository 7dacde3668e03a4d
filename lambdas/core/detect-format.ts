// Decides whether a decoded scrape is an HTML page or plain text: content type, then extension, then sniffing.
import { FORMAT_SNIFF_CHARS, HTML_TAG_DENSITY, MIN_SNIFFED_TAGS } from './settings.js';
import type { ScrapeFormat, ScrapeHints } from './types.js';

const REGEXPS = {
  /** Content types of HTML documents (IANA). */
  htmlType: /\b(text\/html|application\/xhtml\+xml)\b/i,
  /** Content types of plain text. */
  textType: /\btext\/plain\b/i,
  /** File extensions of HTML pages. */
  htmlExtension: /\.(html?|xhtml|shtml|php|aspx?|jsp)$/i,
  /** File extensions of plain-text scrapes. */
  textExtension: /\.(txt|text|md)$/i,
  /**
   * WHATWG MIME sniffing "HTML" patterns: after leading whitespace, one of these tags followed
   * by a space or `>` (or a comment opener) starts an HTML document.
   */
  documentStart:
    /^\s*(<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<script[\s>]|<iframe[\s>]|<h1[\s>]|<div[\s>]|<font[\s>]|<table[\s>]|<a[\s>]|<style[\s>]|<title[\s>]|<b[\s>]|<br[\s>/]|<p[\s>]|<!--|<\?xml[^>]*>\s*<(!doctype\s+)?html)/i,
  /** Opening or closing tags of common HTML elements, for the density fallback. */
  markupTag: /<\/?(p|div|span|a|br|li|ul|h[1-6]|table|tr|td|img|section|article|meta|link|script)[\s>/]/gi,
} as const;

/**
 * Tells HTML from plain text. An HTML content type wins; a text/plain content type or a text
 * extension wins unless the text itself opens like an HTML document (scrapers mislabel pages
 * more often than they mislabel text); then an HTML extension; then sniffing.
 *
 * @example
 * detectFormat('<!DOCTYPE html><html>...', {}); // 'html'
 * detectFormat('Headline\n\nFirst paragraph.', { key: 'scrapes/a.txt' }); // 'text'
 * detectFormat('plain words', { contentType: 'text/html; charset=utf-8' }); // 'html'
 */
export function detectFormat(text: string, hints: ScrapeHints = {}): ScrapeFormat {
  const contentType = hints.contentType ?? '';
  if (REGEXPS.htmlType.test(contentType)) return 'html';
  const head = text.slice(0, FORMAT_SNIFF_CHARS).replace(/^\uFEFF/, '');
  const key = hints.key ?? '';
  if (REGEXPS.textType.test(contentType) || REGEXPS.textExtension.test(key)) {
    return REGEXPS.documentStart.test(head) ? 'html' : 'text';
  }
  if (REGEXPS.htmlExtension.test(key)) return 'html';
  return isProbablyHtml(head) ? 'html' : 'text';
}

/** Byte sniffing on the decoded start of the text: a document start, or dense markup. */
function isProbablyHtml(head: string): boolean {
  if (REGEXPS.documentStart.test(head)) return true;
  const tags = head.match(REGEXPS.markupTag)?.length ?? 0;
  return tags >= MIN_SNIFFED_TAGS && (tags / Math.max(head.length, 1)) * 1000 >= HTML_TAG_DENSITY;
}
