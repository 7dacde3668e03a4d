// Hostile page shapes of issue 10, each built at any size: the growth test cleans every shape at
// n and 4n (text and HTML path) and the sizing bench runs the largest accepted one.

/** The two front ends of the cleaner: the HTML extractor and the plain-text splitter. */
export type ShapeFormat = 'html' | 'text';

/**
 * One shape: `build(size, format)` returns a page whose hostile part repeats `size` times, as an
 * HTML document or as a plain-text scrape (the same hostile part after a plain title line, so
 * sniffing keeps it on the text path: markup in a text scrape is just characters).
 */
export interface HostileShape {
  readonly name: string;
  /** The small size of the growth test; 4n is the large one. */
  readonly n: number;
  readonly build: (size: number, format?: ShapeFormat) => string;
}

/** A distinct, pronounceable word for every integer (so paragraphs are not duplicates of each other). */
export function wordFor(i: number): string {
  const consonants = 'bcdfghjklmnprstvz';
  const vowels = 'aeiou';
  let word = '';
  let rest = i + 1;
  while (rest > 0) {
    word += consonants[rest % consonants.length]! + vowels[Math.floor(rest / consonants.length) % vowels.length]!;
    rest = Math.floor(rest / (consonants.length * vowels.length));
  }
  return word;
}

/** A prose sentence of `words` distinct words starting at word number `from`. */
export function sentence(from: number, words: number): string {
  const parts: string[] = [];
  for (let k = 0; k < words; k += 1) parts.push(wordFor(from + k));
  return `${parts.join(' ')}.`;
}

/** The article every page wraps its hostile part around, so the extractor has something to keep. */
const ARTICLE_PARAGRAPHS = Array.from({ length: 6 }, (_, k) => sentence(k * 40, 40));

function page(body: string, format: ShapeFormat = 'html'): string {
  if (format === 'text') return `Harbour ferry timetable changes\n\n${ARTICLE_PARAGRAPHS.join('\n\n')}\n\n${body}`;
  const article = `<h1>Harbour ferry timetable changes</h1>${ARTICLE_PARAGRAPHS.map((p) => `<p>${p}</p>`).join('\n')}`;
  return `<!doctype html><html><head><title>Ferry</title></head><body><article>${article}${body}</article></body></html>`;
}

/** `size` parts, one a line. */
const lines = (size: number, part: (i: number) => string): string => Array.from({ length: size }, (_, i) => part(i)).join('\n');

/** The hostile shapes named by issue 10, with sizes that run in tens of milliseconds at n. */
export const HOSTILE_SHAPES: readonly HostileShape[] = [
  { name: 'many scripts', n: 2_000, build: (size, format) => page(lines(size, (i) => `<script>var a${i} = 1; if (a < 2) {}</script>`), format) },
  { name: 'many styles', n: 2_000, build: (size, format) => page(lines(size, (i) => `<style>.c${i} { color: red }</style>`), format) },
  // Commented-out markup: the nesting estimate must not count the tags inside.
  { name: 'many comments', n: 2_000, build: (size, format) => page(lines(size, (i) => `<!-- note ${i} <div> -->`), format) },
  // Inline elements never closed: `<p>` does not close an open `<b>`, so these nest.
  { name: 'unclosed tags', n: 1_000, build: (size, format) => page(lines(size, (i) => `<p>${wordFor(i)} <b>bold <i>${wordFor(i + 7)}`), format) },
  {
    name: 'thousands of attributes',
    n: 4_000,
    build: (size, format) => page(`<div ${lines(size, (i) => `data-a${i}="${wordFor(i)}"`)}>${sentence(5_000, 30)}</div>`, format),
  },
  { name: 'unterminated script', n: 5_000, build: (size, format) => page(`<script>${lines(size, (i) => `if (x${i} </ y) { a <b> }`)}`, format) },
  { name: 'deep nesting', n: 2_000, build: (size, format) => page(`${'<div>'.repeat(size)}${sentence(9_000, 30)}${'</div>'.repeat(size)}`, format) },
  // One line of prose with no break: the paragraph splitter and the word counter see it whole.
  { name: 'very long line', n: 20_000, build: (size, format) => page(`<p>${sentence(0, size)}</p>`, format) },
  { name: 'many tiny paragraphs', n: 3_000, build: (size, format) => page(lines(size, (i) => `<p>${wordFor(i)} ${wordFor(i + 50_000)}</p>\n`), format) },
  // Lines that share their opening words but not their vocabulary: every one is a near-duplicate
  // candidate of every other (the in-document de-duplication compared them all; issue 10).
  { name: 'shared opening words', n: 1_000, build: (size, format) => page(lines(size, (i) => `<p>The harbour board said that ${sentence(i * 8, 8)}</p>\n`), format) },
  // Teasers cut off with "...": each looks for the full paragraph it starts.
  { name: 'many truncated teasers', n: 1_000, build: (size, format) => page(lines(size, (i) => `<p>The harbour board said that ${sentence(i * 5, 5)} ...</p>\n`), format) },
  {
    name: 'many tables',
    n: 2_000,
    build: (size, format) => page(lines(size, (i) => `<table><tr><td>${wordFor(i)}</td><td>${sentence(i * 3, 3)}</td></tr></table>`), format),
  },
];
