// Splits plain text into paragraphs: blank lines separate blocks, lines inside a block are units unless hard-wrapped.
import type { CleanOptions } from './settings.js';
import { DEFAULT_CLEAN_OPTIONS } from './settings.js';

const REGEXPS = {
  /** Every line-break convention, including the Unicode line and paragraph separators. */
  lineBreak: /\r\n?|[\u2028\u2029\v\f\u0085]/g,
  /** A line that continues the previous one: starts with a lower-case letter or a digit. */
  continuationStart: /^[\p{Ll}\p{Nd}]/u,
  /** A line that cannot end a sentence: ends with a comma, semicolon, colon, hyphen or an opening bracket. */
  openEnd: /[,;:(\u2010-\u2014-]$/,
} as const;

type WrapLimits = Pick<CleanOptions, 'hardWrapMinLineChars' | 'hardWrapMaxLineChars'>;

/** The line breaks other than `\n` that `REGEXPS.lineBreak` rewrites. */
const OTHER_LINE_BREAKS: readonly string[] = ['\r', '\u2028', '\u2029', '\v', '\f', '\u0085'];

/**
 * True when `text` holds a line break other than `\n`. One `indexOf` per character (a native
 * search, a fraction of a nanosecond per character) instead of a character-class pattern tried
 * at every position (1.1 ns per character, 2% of the text pipeline's instructions; issue 16).
 */
function hasOtherLineBreak(text: string): boolean {
  for (const lineBreak of OTHER_LINE_BREAKS) if (text.includes(lineBreak)) return true;
  return false;
}

/**
 * True when the lines of a block are one paragraph wrapped at a fixed width (mail archives,
 * `fmt`, some text exports) rather than separate units. Scrapers that save `innerText` put
 * each paragraph on one line and stack short units (caption, credit, byline, date) on
 * adjacent lines, so the test is strict: every line but the last is of wrapped width, and at
 * least half of the breaks fall inside a sentence (the next line starts in lower case or the
 * line ends with a comma). Seed 002's "caption / caption / credit" blocks fail it.
 */
export function isHardWrapped(lines: readonly string[], limits: WrapLimits = DEFAULT_CLEAN_OPTIONS): boolean {
  if (lines.length < 2) return false;
  let continuations = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const length = lines[i]!.length;
    if (length > limits.hardWrapMaxLineChars) return false;
    if (i === lines.length - 1) break;
    if (length < limits.hardWrapMinLineChars) return false;
    if (REGEXPS.continuationStart.test(lines[i + 1]!) || REGEXPS.openEnd.test(lines[i]!)) continuations += 1;
  }
  return continuations * 2 >= lines.length - 1;
}

/**
 * Splits plain text into paragraphs, in order, each trimmed and never empty. Blank lines
 * separate blocks; inside a block each line is a paragraph, unless the block is hard-wrapped
 * prose ({@link isHardWrapped}), whose lines are joined with single spaces.
 *
 * @example
 * splitParagraphs('Title\n\nFirst paragraph.\nPhoto: Jane Doe/AFP\n\nSecond.');
 * // ['Title', 'First paragraph.', 'Photo: Jane Doe/AFP', 'Second.']
 */
export function splitParagraphs(text: string, limits: WrapLimits = DEFAULT_CLEAN_OPTIONS): string[] {
  const paragraphs: string[] = [];
  // Most scrapes use \n only: test before copying the whole text.
  const unified = hasOtherLineBreak(text) ? text.replace(REGEXPS.lineBreak, '\n') : text;
  // One pass over the lines: a blank line (spaces only) ends a block, as splitting on
  // `/\n[^\S\n]*\n/` and dropping empty lines did, without the block and line arrays (issue 16).
  let block: string[] = [];
  const endBlock = (): void => {
    if (block.length === 0) return;
    if (isHardWrapped(block, limits)) paragraphs.push(block.join(' '));
    else for (const line of block) paragraphs.push(line);
    block = [];
  };
  const length = unified.length;
  let start = 0;
  while (start <= length) {
    let end = unified.indexOf('\n', start);
    if (end === -1) end = length;
    const line = unified.slice(start, end).trim();
    if (line.length === 0) endBlock();
    else block.push(line);
    start = end + 1;
  }
  endBlock();
  return paragraphs;
}
