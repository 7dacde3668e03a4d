// The scanning tokenizer (html-tree.ts) against htmlparser2's own: the same events, in the same order, at the same positions.
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { ScanningTokenizer } from '../../../../lambdas/core/html-tree.js';
import { loadBenchPages } from '../../../../bench/article-metric.js';

/** Every parser event of a page with its source positions, as one list of strings. */
function events(html: string, scanning: boolean, chunks = 1): string[] {
  const out: string[] = [];
  const parser: Parser = new Parser(
    {
      onopentag: (name, attrs) => out.push(`open ${name} ${JSON.stringify(attrs)} ${parser.startIndex}-${parser.endIndex}`),
      onclosetag: (name, implied) => out.push(`close ${name} ${implied} ${parser.startIndex}-${parser.endIndex}`),
      ontext: (text) => out.push(`text ${JSON.stringify(text)} ${parser.startIndex}-${parser.endIndex}`),
      oncomment: (text) => out.push(`comment ${JSON.stringify(text)}`),
      onprocessinginstruction: (name, text) => out.push(`pi ${name} ${JSON.stringify(text)}`),
      onattribute: (name, value, quote) => out.push(`attr ${name} ${JSON.stringify(value)} ${String(quote)}`),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false, ...(scanning ? { Tokenizer: ScanningTokenizer } : {}) },
  );
  const size = Math.ceil(html.length / chunks);
  for (let at = 0; at < html.length; at += size) parser.write(html.slice(at, at + size));
  parser.end();
  return out;
}

/** Pieces of markup where the tokenizer's states meet: entities, quotes, raw text, comments, broken tags. */
const PIECES = [
  'plain text ', 'a & b', '&amp;', '&lt;p&gt;', '&ampx', '&amp', '&#123;', '&#x1F600;', '&#xZZ;', '&notit;', '&shy;', '&am', '&',
  '<p>', '</p>', '<div class="a b">', '<div class=\'x&amp;y\'>', '<a href="/x?a=1&b=2">', '<a href=/x?a=1&amp;b=2 title=t>', '</a>',
  '<img src="x.png" alt="a &quot;b&quot;"/>', '<br/>', '</br>', '<span data-x="">', '</span>', '<input disabled>',
  '<script>if (a < b && c) { x = "</div>"; }</script>', '<style>p > a { color: red }</style>', '<title>T &amp; U</title>',
  '<textarea>a &lt; b</textarea>', '<!-- c -->', '<!-- a <p> b -->', '<!---->', '<!doctype html>', '<![CDATA[x]]>', '<?xml x?>',
  '<svg><path d="M0 0"/><title>s</title></svg>', '<math><mi>x</mi></math>', '< p>', '</ p>', '<p attr="unclosed', "'", '"', '>',
  '<table><tr><td>1</td><td>2</td></tr></table>', '<li>one<li>two', '<noscript><p>n</p></noscript>', '\u00a0', 'é', '漢字',
];

describe('Class: ScanningTokenizer', () => {
  it('emits what the stock tokenizer emits on generated markup, whole and in chunks', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (pieces, chunks) => {
        const html = pieces.join('');
        expect(events(html, true, chunks)).toEqual(events(html, false, chunks));
      }),
      { numRuns: 2000 },
    );
  });

  it('emits what the stock tokenizer emits on the news benchmark pages', () => {
    const pages = loadBenchPages() ?? [];
    for (const page of pages.slice(0, 60)) expect(events(page.html, true)).toEqual(events(page.html, false));
  });
});
