// Parses HTML into a small, script-free element tree with htmlparser2's streaming parser.
import { Parser } from 'htmlparser2';
import { InputRejectedError } from './errors.js';
import { MAX_HTML_CHARS, MAX_HTML_DEPTH } from './settings.js';

/** One element of the parsed page; text children are plain (entity-decoded) strings. */
export interface HtmlElement {
  /** Position in document (pre-)order: a subtree is the index range `[index, end)`. */
  readonly index: number;
  /** One past the last index of this element's subtree; set when the element closes. */
  end: number;
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly parent: HtmlElement | null;
  readonly children: (HtmlElement | string)[];
}

/** The parsed page: the root element plus the head metadata the extractor reads. */
export interface HtmlTree {
  readonly root: HtmlElement;
  /** Every element in document order (`elements[e.index] === e`); reversed, children come before parents. */
  readonly elements: readonly HtmlElement[];
  /** Text of the first `<title>`. */
  readonly title: string;
  /** `<meta property|name = content>` pairs, keys lower-cased (`og:title`, `description`...). */
  readonly meta: ReadonlyMap<string, string>;
}

/** Limits of one parse; defaults come from settings.ts. */
export interface HtmlTreeOptions {
  /** Elements nested deeper than this are flattened into their ancestor at this depth. */
  readonly maxDepth?: number;
  /** Longer input is rejected with `InputRejectedError('html-too-large')`. */
  readonly maxChars?: number;
}

/**
 * Elements whose content is never article text: executable, embedded, or form widgets.
 * Their whole subtree is dropped while parsing, so nothing downstream can run or fetch it.
 */
const DROPPED_SUBTREES: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'video', 'audio', 'select', 'textarea',
]);

/**
 * Builds the element tree of a page. Iterative (the parser is event-driven), depth-capped,
 * and scripts, styles and embeds never enter the tree.
 *
 * @example
 * const tree = parseHtml('<title>T</title><p>Hello <b>world</b></p>');
 * tree.title; // 'T'
 */
export function parseHtml(html: string, options: HtmlTreeOptions = {}): HtmlTree {
  const maxChars = options.maxChars ?? MAX_HTML_CHARS;
  if (html.length > maxChars) {
    throw new InputRejectedError(
      'html-too-large',
      `The HTML page has ${html.length} characters; the limit is ${maxChars}.`,
    );
  }
  const maxDepth = options.maxDepth ?? MAX_HTML_DEPTH;
  const root: HtmlElement = { index: 0, end: 1, tag: '#root', attrs: {}, parent: null, children: [] };
  const elements: HtmlElement[] = [root];
  const meta = new Map<string, string>();
  let current = root;
  let depth = 0;
  // Opened elements not in the tree (too deep, or inside a dropped subtree), closed in order.
  let overflow = 0;
  let dropped = 0;
  let inTitle = false;
  let title = '';
  let titleSeen = false;

  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (dropped > 0 || DROPPED_SUBTREES.has(name)) {
          dropped += 1;
          return;
        }
        if (name === 'title') {
          if (!titleSeen) inTitle = true;
          overflow += 1;
          return;
        }
        if (name === 'meta') readMeta(attrs, meta);
        if (depth >= maxDepth) {
          overflow += 1;
          return;
        }
        const element: HtmlElement = {
          index: elements.length,
          end: elements.length + 1,
          tag: name,
          attrs,
          parent: current,
          children: [],
        };
        elements.push(element);
        current.children.push(element);
        current = element;
        depth += 1;
      },
      ontext(text) {
        if (inTitle) {
          title += text;
          return;
        }
        if (dropped > 0) return;
        const children = current.children;
        const last = children.length - 1;
        // The tokenizer splits text at entities and buffer edges: join adjacent pieces.
        if (last >= 0 && typeof children[last] === 'string') children[last] += text;
        else children.push(text);
      },
      onclosetag(name) {
        if (name === 'title' && inTitle) {
          inTitle = false;
          titleSeen = true;
        }
        if (dropped > 0) {
          dropped -= 1;
          return;
        }
        if (overflow > 0) {
          overflow -= 1;
          return;
        }
        if (current.parent !== null) {
          current.end = elements.length;
          current = current.parent;
          depth -= 1;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false },
  );
  parser.end(html);
  root.end = elements.length;
  return { root, elements, title: title.replace(/\s+/g, ' ').trim(), meta };
}

function readMeta(attrs: Record<string, string>, meta: Map<string, string>): void {
  const key = attrs.property ?? attrs.name ?? attrs.itemprop;
  const content = attrs.content;
  if (key === undefined || content === undefined) return;
  const lower = key.toLowerCase();
  if (!meta.has(lower)) meta.set(lower, content);
}
