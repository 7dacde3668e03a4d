// The parser keeps only the attributes the extractor reads (html-tree.ts READ_ATTRIBUTES): every attribute the code reads must be in that list.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { READ_ATTRIBUTES, parseHtml } from '../../../../lambdas/core/html-tree.js';

const ROOT = join(import.meta.dirname, '../../../..');

/** Attribute names read from an element's `attrs` in a source file: `attrs.name`, `attrs['name']`, `{ a, b: c } = x.attrs`. */
function readAttributes(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/\battrs(?:\??\.([A-Za-z_$][\w$]*)|\[\s*'([^']+)'\s*\])/g)) names.push((match[1] ?? match[2]) as string);
  for (const match of source.matchAll(/\{([^{}]*)\}\s*=\s*[\w.]*\battrs\b/g)) {
    for (const part of (match[1] as string).split(',')) {
      const name = part.split(':')[0]?.trim();
      if (name !== undefined && name !== '') names.push(name);
    }
  }
  return names;
}

describe('Constant: READ_ATTRIBUTES', () => {
  it('holds every attribute the extractor and its diagnosis read', () => {
    const files = [
      ...readdirSync(join(ROOT, 'lambdas/core')).filter((name) => name.endsWith('.ts')).map((name) => join(ROOT, 'lambdas/core', name)),
      join(ROOT, 'bench/extract-diagnosis.ts'),
    ];
    const read = new Set(files.flatMap((file) => readAttributes(readFileSync(file, 'utf8'))));
    expect(read.size).toBeGreaterThan(10); // the scan finds the reads at all
    for (const name of read) expect(READ_ATTRIBUTES.has(name), `attribute "${name}" is read but not kept by the parser`).toBe(true);
  });

  it('keeps the read attributes (first of a repeated one) and drops the others', () => {
    const tree = parseHtml('<div class="a" class="b" data-x="1" ID="u" id="v" aria-hidden="true" src="x.png" hidden>t</div>');
    expect(tree.elements[1]?.attrs).toEqual({ class: 'a', id: 'v', 'aria-hidden': 'true', hidden: '' });
    // Names of one length, a near miss at the longest kept name, a case variant, an empty value.
    const other = parseHtml('<a rolE="x" role="r" href="h" name="" typo="t" data-bs-dismisx="n" data-bs-dismiss="m" xml:lang="l" http-equiV="z">t</a>');
    expect(other.elements[1]?.attrs).toEqual({ role: 'r', href: 'h', name: '', 'data-bs-dismiss': 'm', 'xml:lang': 'l' });
    // A dropped value holding entities and the other quote ends where the stock parser ends it.
    const entities = parseHtml(`<a data-x="a&amp;b'c&#34;" title='x&quot;y"' href="x&amp;y&lt;" class='q&amp;'>t</a>`);
    expect(entities.elements[1]?.attrs).toEqual({ href: 'x&y<', class: 'q&' });
  });
});

/** Tags and attribute values of a page as the stock parser reads them, the attributes filtered to the kept ones. */
function stockElements(html: string): unknown[] {
  const out: unknown[] = [];
  const parser = new Parser(
    {
      onopentag: (name, attrs) => out.push([name, Object.fromEntries(Object.entries(attrs).filter(([key]) => READ_ATTRIBUTES.has(key)))]),
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false },
  );
  parser.end(html);
  return out;
}

describe('Function: parseHtml attributes against the stock parser', () => {
  it('reads the same kept attribute values, whatever entities and quotes the dropped ones hold', () => {
    const name = fc.constantFrom('class', 'href', 'id', 'title', 'data-x', 'srcset', 'CLASS', 'style', 'content', 'x');
    const value = fc
      .array(fc.constantFrom('a', ' ', '&amp;', '&quot;', '&#34;', '&#x27;', '&lt;', '&ampx', '&', '"', "'", '>', '<', '/', '=', 'é'), { maxLength: 8 })
      .map((parts) => parts.join(''));
    const attribute = fc.tuple(name, value, fc.constantFrom('"', "'", '')).map(([key, text, quote]) => {
      if (quote === '"') return ` ${key}="${text.replaceAll('"', '')}"`;
      if (quote === "'") return ` ${key}='${text.replaceAll("'", '')}'`;
      return ` ${key}=${text.replace(/[\s"'<>=`]/g, '') || 'v'}`;
    });
    const tag = fc.tuple(fc.constantFrom('div', 'a', 'p', 'span', 'meta', 'link'), fc.array(attribute, { maxLength: 4 })).map(([tagName, attributes]) => `<${tagName}${attributes.join('')}>t`);
    fc.assert(
      fc.property(fc.array(tag, { minLength: 1, maxLength: 6 }), (tags) => {
        const html = tags.join('');
        const tree = parseHtml(html);
        const ours = tree.elements.slice(1).map((element) => [element.tag, { ...element.attrs }]);
        expect(ours).toEqual(stockElements(html));
      }),
      { numRuns: 3000 },
    );
  });
});
