// Parses HTML into a small, script-free element tree with htmlparser2's streaming parser.
import type { Handler, ParserOptions, QuoteType } from 'htmlparser2';
import { Parser, Tokenizer } from 'htmlparser2';
import { InputRejectedError } from './errors.js';
import { MAX_HTML_CHARS, MAX_HTML_DEPTH, MAX_HTML_NESTING } from './settings.js';

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
  /** Name parts of the custom tag name, `class` and `id` (html-score.ts `getClassAndId`), set on first use. */
  nameParts: string | undefined;
}

/** The parsed page: the root element plus the head metadata the extractor reads. */
export interface HtmlTree {
  readonly root: HtmlElement;
  /** Every element in document order (`elements[e.index] === e`); reversed, children come before parents. */
  readonly elements: readonly HtmlElement[];
  /** Text of the first `<title>`. */
  readonly title: string;
  /** `<meta property|name|itemprop|http-equiv = content>` pairs, keys lower-cased (`og:title`, `description`...). */
  readonly meta: ReadonlyMap<string, string>;
  /** The `lang` (or `xml:lang`) attribute of `<html>`, as written; '' when absent. */
  readonly lang: string;
  /** `<link rel=... href=...>` targets by lower-cased rel token (`canonical`), first one wins. */
  readonly links: ReadonlyMap<string, string>;
  /** Bodies of `<script type="application/ld+json">` blocks (schema.org metadata), capped in size. */
  readonly jsonLd: readonly string[];
}

/** Limits of one parse; defaults come from settings.ts. */
export interface HtmlTreeOptions {
  /** Elements nested deeper than this are flattened into their ancestor at this depth. */
  readonly maxDepth?: number;
  /** Longer input is rejected with `InputRejectedError('html-too-large')`. */
  readonly maxChars?: number;
  /** Deeper tag nesting (as estimated by {@link estimateNesting}) is rejected with `html-too-deep`. */
  readonly maxNesting?: number;
}

/**
 * Elements whose end tag HTML lets authors omit (WHATWG "optional tags"), plus void elements:
 * the nesting estimate does not count them, since the parser closes them implicitly.
 */
const IMPLICITLY_CLOSED: ReadonlySet<string> = new Set([
  'p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot',
  'colgroup', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body',
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track',
  'wbr', 'param', 'keygen', 'image',
]);

/** Elements whose content is raw text: the estimate jumps to their end tag. */
const RAW_TEXT_TAGS: ReadonlySet<string> = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext']);

/**
 * Estimates the deepest tag nesting of a page in one linear scan, without building anything:
 * opening tags count up, closing tags count down, implicitly closed and void elements are
 * ignored, comments and raw text (scripts, styles) are skipped. htmlparser2 keeps its
 * open-element stack in an array it shifts and searches, so parse time grows with the square
 * of the nesting depth; this estimate lets the parser refuse hostile nesting (100,000 nested
 * elements) before paying that. Every search moves forward, so the scan stays linear.
 *
 * @example
 * estimateNesting('<div><div><p>text</div></div>'); // 2
 */
export function estimateNesting(html: string): number {
  let depth = 0;
  let deepest = 0;
  let i = html.indexOf('<');
  while (i >= 0 && i < html.length - 1) {
    // A comment is text, whatever tags it holds (commented-out markup is common): jump past it.
    if (html.startsWith('<!--', i)) {
      const commentEnd = html.indexOf('-->', i + 4);
      if (commentEnd < 0) break;
      i = html.indexOf('<', commentEnd + 3);
      continue;
    }
    let start = i + 1;
    const closing = html.charCodeAt(start) === 47; // '/'
    if (closing) start += 1;
    let end = start;
    while (end < html.length && isTagNameChar(html.charCodeAt(end))) end += 1;
    if (end > start) {
      const kind = getTagKind(html, start, end);
      const tagEnd = html.indexOf('>', end);
      if (tagEnd < 0) break;
      const selfClosing = html.charCodeAt(tagEnd - 1) === 47;
      // Raw-text elements are leaves: the scan jumps over their content and end tag below.
      if (kind === COUNTED) {
        if (closing) depth = Math.max(0, depth - 1);
        else if (!selfClosing) depth += 1;
        if (depth > deepest) deepest = depth;
      }
      if (!closing && kind === RAW_TEXT) {
        const rawEnd = indexOfEndTag(html, html.slice(start, end).toLowerCase(), tagEnd);
        if (rawEnd < 0) break;
        i = html.indexOf('<', rawEnd + 2);
        continue;
      }
      i = html.indexOf('<', tagEnd);
      continue;
    }
    i = html.indexOf('<', i + 1);
  }
  return deepest;
}

/** Kinds of tag name for the estimate: counted, implicitly closed (or void), raw text. */
const COUNTED = 0;
const IMPLICIT = 1;
const RAW_TEXT = 2;

/** Longest name in {@link IMPLICITLY_CLOSED} and {@link RAW_TEXT_TAGS} (`plaintext`): longer names are counted. */
const MAX_LISTED_NAME = 9;

/**
 * The tag name `html[start, end)` (tag-name characters: ASCII letters, digits, '-') as a number,
 * case folded: base 38, at most {@link MAX_LISTED_NAME} characters, exact below 2^53. Slicing and
 * lower-casing every tag name for two set look-ups was a third of the estimate's time.
 */
function getNameKey(html: string, start: number, end: number): number {
  let key = 0;
  for (let i = start; i < end; i += 1) {
    const code = html.charCodeAt(i) | 0x20; // A-Z to a-z; digits and '-' already have the bit
    key = key * 38 + (code >= 97 ? code - 96 : code >= 48 ? code - 21 : 37);
  }
  return key;
}

/** {@link IMPLICIT} or {@link RAW_TEXT} by name key; absent names are {@link COUNTED}. */
const TAG_KINDS: ReadonlyMap<number, number> = new Map([
  ...[...IMPLICITLY_CLOSED].filter((name) => !RAW_TEXT_TAGS.has(name)).map((name) => [getNameKey(name, 0, name.length), IMPLICIT] as const),
  ...[...RAW_TEXT_TAGS].map((name) => [getNameKey(name, 0, name.length), RAW_TEXT] as const),
]);

function getTagKind(html: string, start: number, end: number): number {
  if (end - start > MAX_LISTED_NAME) return COUNTED;
  return TAG_KINDS.get(getNameKey(html, start, end)) ?? COUNTED;
}

function isTagNameChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 45;
}

/**
 * Index of the end tag `</name` (any case: `</SCRIPT`, `</Script`) at or after `from`, or -1.
 * One forward pass over the `</` positions: searching the whole rest of the document for each
 * case spelling made a page of many scripts quadratic (40,000 scripts: 30 s instead of 60 ms).
 */
function indexOfEndTag(html: string, lowerName: string, from: number): number {
  let at = html.indexOf('</', from);
  while (at >= 0) {
    if (startsWithIgnoringCase(html, at + 2, lowerName)) return at;
    at = html.indexOf('</', at + 2);
  }
  return -1;
}

/** Whether `html` has `lowerName` (lower-case ASCII) at `at`, in any case. */
function startsWithIgnoringCase(html: string, at: number, lowerName: string): boolean {
  if (at + lowerName.length > html.length) return false;
  for (let k = 0; k < lowerName.length; k += 1) {
    // Raw-text tag names are ASCII letters, which differ from their upper case by bit 0x20 only.
    if ((html.charCodeAt(at + k) | 0x20) !== (lowerName.charCodeAt(k) | 0x20)) return false;
  }
  return true;
}

/**
 * Elements whose content is never article text: executable, embedded, or form widgets.
 * Their whole subtree is dropped while parsing, so nothing downstream can run or fetch it.
 * Ruby annotations (`<rt>` readings, `<rp>` fallback brackets) go too: inlined, they break CJK
 * words apart ("漢字" with readings would read "漢(かん)字(じ)"); the base text stays.
 */
const DROPPED_SUBTREES: ReadonlySet<string> = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed',
  'canvas', 'video', 'audio', 'select', 'textarea', 'rt', 'rp',
]);

/** The tokenizer fields the scanning steps below read and move (htmlparser2 12's names). */
interface TokenizerInternals {
  buffer: string;
  index: number;
  offset: number;
  readonly decodeEntities: boolean;
  /** Set by the tree parser while it drops the attribute being read: its value needs no decoding. */
  skipsValue: boolean;
  /** Where the last `&` search started, in which buffer, and what it found (-1: none). */
  ampFrom: number;
  ampAt: number;
  ampBuffer: string;
}

type TokenizerStep = (this: TokenizerInternals, c: number, quote?: number) => void;

const LT = 60; // '<'
const AMP = 38; // '&'

/**
 * htmlparser2's tokenizer hands every character of text and attribute values to its state
 * machine, one loop turn each, though nothing happens before the next `<` or `&` (or the
 * closing quote). These steps jump there with `indexOf`, the way the tokenizer already does
 * when entities are not decoded, so the same events come out with the same positions
 * (tests/unit/core/html/scanning-tokenizer.test.ts compares them with the stock tokenizer's).
 */
export class ScanningTokenizer extends Tokenizer {
  skipsValue = false;
  ampFrom = 0;
  ampAt = -1;
  ampBuffer = '';
}

const stockSteps = Tokenizer.prototype as unknown as Record<
  'stateText' | 'handleInAttributeValue' | 'stateInTagName' | 'stateInClosingTagName' | 'stateInAttributeName' | 'stateBeforeAttributeName',
  TokenizerStep
>;
const scanningSteps = ScanningTokenizer.prototype as unknown as Record<string, unknown>;

/** Buffer position of the first `&` at or after `from` (-1: none), remembered so that a page without `&` is searched once. */
function nextAmpersand(tokenizer: TokenizerInternals, from: number): number {
  if (tokenizer.ampBuffer !== tokenizer.buffer || from < tokenizer.ampFrom || (tokenizer.ampAt >= 0 && tokenizer.ampAt < from)) {
    tokenizer.ampBuffer = tokenizer.buffer;
    tokenizer.ampFrom = from;
    tokenizer.ampAt = tokenizer.buffer.indexOf('&', from);
  }
  return tokenizer.ampAt;
}

/** Moves to the character before buffer position `stop` (the loop then steps onto it), or to the end. */
function skipTo(tokenizer: TokenizerInternals, stop: number, amp: number): void {
  const end = stop < 0 ? tokenizer.buffer.length : stop;
  tokenizer.index = tokenizer.offset + (amp >= 0 && amp < end ? amp : end) - 1;
}

scanningSteps.stateText = function stateText(this: TokenizerInternals, c: number): void {
  if (c === LT || c === AMP || !this.decodeEntities) {
    stockSteps.stateText.call(this, c);
    return;
  }
  const from = this.index - this.offset + 1;
  skipTo(this, this.buffer.indexOf('<', from), nextAmpersand(this, from));
};

scanningSteps.handleInAttributeValue = function handleInAttributeValue(this: TokenizerInternals, c: number, quote: number): void {
  if (c === quote || !this.decodeEntities) {
    stockSteps.handleInAttributeValue.call(this, c, quote);
    return;
  }
  const from = this.index - this.offset + 1;
  const end = this.buffer.indexOf(quote === 34 ? '"' : "'", from);
  // A dropped attribute's entities (the &amp; of srcset URLs) are not decoded: its data goes
  // unread, and no entity holds a quote, so the value ends where it would.
  if (this.skipsValue) skipTo(this, end, -1);
  else if (c === AMP) stockSteps.handleInAttributeValue.call(this, c, quote);
  else skipTo(this, end, nextAmpersand(this, from));
};

/** HTML whitespace as the tokenizer knows it: space, \n, \t, \f, \r. */
function isTagSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 12 || c === 13;
}

/** What ends a tag or attribute name: whitespace, '/' or '>' (and '=' after an attribute name). */
function endsName(c: number, attribute: boolean): boolean {
  return c === 47 || c === 62 || isTagSpace(c) || (attribute && c === 61);
}

/** Moves to the character before the first one from `index + 1` that ends a name (or to the end). */
function skipName(tokenizer: TokenizerInternals, attribute: boolean): void {
  const buffer = tokenizer.buffer;
  let at = tokenizer.index - tokenizer.offset + 1;
  while (at < buffer.length && !endsName(buffer.charCodeAt(at), attribute)) at += 1;
  tokenizer.index = tokenizer.offset + at - 1;
}

scanningSteps.stateInTagName = function stateInTagName(this: TokenizerInternals, c: number): void {
  if (endsName(c, false)) stockSteps.stateInTagName.call(this, c);
  else skipName(this, false);
};

scanningSteps.stateInClosingTagName = function stateInClosingTagName(this: TokenizerInternals, c: number): void {
  if (endsName(c, false)) stockSteps.stateInClosingTagName.call(this, c);
  else skipName(this, false);
};

scanningSteps.stateInAttributeName = function stateInAttributeName(this: TokenizerInternals, c: number): void {
  if (endsName(c, true)) stockSteps.stateInAttributeName.call(this, c);
  else skipName(this, true);
};

scanningSteps.stateBeforeAttributeName = function stateBeforeAttributeName(this: TokenizerInternals, c: number): void {
  if (!isTagSpace(c)) {
    stockSteps.stateBeforeAttributeName.call(this, c);
    return;
  }
  const buffer = this.buffer;
  let at = this.index - this.offset + 1;
  while (at < buffer.length && isTagSpace(buffer.charCodeAt(at))) at += 1;
  this.index = this.offset + at - 1;
};

scanningSteps.fastForwardTo = function fastForwardTo(this: TokenizerInternals, c: number): boolean {
  const at = this.buffer.indexOf(String.fromCharCode(c), this.index - this.offset + 1);
  if (at >= 0) {
    this.index = this.offset + at;
    return true;
  }
  this.index = this.buffer.length + this.offset - 1;
  return false;
};

/**
 * The attributes the extractor reads (html-score.ts, html-blocks.ts, extract-html.ts, the head
 * metadata above), as written: the parser keeps attribute names' case. Any other attribute
 * (`src`, `srcset`, `data-*`, `alt`, `width`...) is dropped while parsing: storing every one of
 * them in each element's record was 7% of the extraction's time.
 */
export const READ_ATTRIBUTES: ReadonlySet<string> = new Set([
  'class', 'id', 'style', 'hidden', 'aria-hidden', 'aria-label', 'role', 'itemprop', 'href', 'name',
  'data-dismiss', 'data-bs-dismiss', 'type', 'lang', 'xml:lang', 'rel', 'property', 'http-equiv', 'content',
]);

/** The parser fields the attribute steps below read and write (htmlparser2 12's names). */
interface ParserInternals {
  startIndex: number;
  endIndex: number;
  attribname: string;
  attribvalue: string;
  attribs: Record<string, string> | null;
  readonly buffers: readonly string[];
  readonly bufferOffset: number;
}

/** {@link READ_ATTRIBUTES} by length. */
const READ_ATTRIBUTES_BY_LENGTH: ReadonlyMap<number, readonly string[]> = (() => {
  const byLength = new Map<number, string[]>();
  for (const name of READ_ATTRIBUTES) byLength.set(name.length, [...(byLength.get(name.length) ?? []), name]);
  return byLength;
})();

/** The kept attribute named by `buffer[from, to)` (exact case), without slicing the name out; undefined when not kept. */
function findReadAttribute(buffer: string, from: number, to: number): string | undefined {
  const candidates = READ_ATTRIBUTES_BY_LENGTH.get(to - from);
  if (candidates === undefined) return undefined;
  for (const name of candidates) {
    let k = 0;
    while (k < name.length && buffer.charCodeAt(from + k) === name.charCodeAt(k)) k += 1;
    if (k === name.length) return name;
  }
  return undefined;
}

/** htmlparser2's parser keeping only {@link READ_ATTRIBUTES}; the first of a repeated attribute wins, as there. */
class TreeParser extends Parser {
  private skipsAttribute = false;
  /** The parser's tokenizer when it is a {@link ScanningTokenizer}: told which values are dropped. */
  private readonly tokenizerOfTree: TokenizerInternals | undefined;

  constructor(handler: Partial<Handler>, options: ParserOptions) {
    super(handler, options);
    const tokenizer = (this as unknown as { readonly tokenizer: unknown }).tokenizer;
    this.tokenizerOfTree = tokenizer instanceof ScanningTokenizer ? (tokenizer as unknown as TokenizerInternals) : undefined;
  }

  override onattribname(start: number, endIndex: number): void {
    const internals = this as unknown as ParserInternals;
    const buffer = internals.buffers[0];
    const from = start - internals.bufferOffset;
    const to = endIndex - internals.bufferOffset;
    if (buffer !== undefined && from >= 0 && to <= buffer.length) {
      // The name lies in the first buffer (always, for one write): look it up where it stands,
      // since slicing out every attribute name only to drop most of them was 2% of the time.
      const name = findReadAttribute(buffer, from, to);
      internals.startIndex = start;
      internals.attribname = name ?? '';
      this.skipsAttribute = name === undefined;
    } else {
      super.onattribname(start, endIndex);
      this.skipsAttribute = !READ_ATTRIBUTES.has(internals.attribname);
    }
    if (this.tokenizerOfTree !== undefined) this.tokenizerOfTree.skipsValue = this.skipsAttribute;
  }

  override onattribdata(start: number, endIndex: number): void {
    if (!this.skipsAttribute) super.onattribdata(start, endIndex);
  }

  override onattribentity(codePoint: number): void {
    if (!this.skipsAttribute) super.onattribentity(codePoint);
  }

  override onattribend(quote: QuoteType, endIndex: number): void {
    if (!this.skipsAttribute) {
      super.onattribend(quote, endIndex);
      return;
    }
    const internals = this as unknown as ParserInternals;
    internals.endIndex = endIndex;
    internals.attribvalue = '';
  }
}

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
  const maxNesting = options.maxNesting ?? MAX_HTML_NESTING;
  const nesting = estimateNesting(html);
  if (nesting > maxNesting) {
    throw new InputRejectedError(
      'html-too-deep',
      `The HTML page nests tags about ${nesting} deep; the limit is ${maxNesting}.`,
    );
  }
  const maxDepth = options.maxDepth ?? MAX_HTML_DEPTH;
  const root: HtmlElement = { index: 0, end: 1, tag: '#root', attrs: {}, parent: null, children: [], nameParts: undefined };
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
  let lang = '';
  const links = new Map<string, string>();
  const jsonLd: string[] = [];
  let jsonLdChars = 0;
  // Set while inside a JSON-LD script: its text is kept aside, never in the tree.
  let inJsonLd = false;

  const parser = new TreeParser(
    {
      onopentag(name, attrs) {
        if (dropped > 0 || DROPPED_SUBTREES.has(name)) {
          if (dropped === 0 && name === 'script' && attrs.type?.trim().toLowerCase() === 'application/ld+json' && jsonLdChars < MAX_JSON_LD_CHARS) {
            inJsonLd = true;
            jsonLd.push('');
          }
          dropped += 1;
          return;
        }
        if (name === 'html' && lang === '') lang = (attrs.lang ?? attrs['xml:lang'] ?? '').trim();
        if (name === 'link') readLink(attrs, links);
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
          nameParts: undefined,
        };
        elements.push(element);
        current.children.push(element);
        current = element;
        depth += 1;
      },
      ontext(raw) {
        const text = raw.includes(SOFT_HYPHEN) ? raw.replaceAll(SOFT_HYPHEN, '') : raw;
        if (inTitle) {
          title += text;
          return;
        }
        if (dropped > 0) {
          if (inJsonLd && dropped === 1 && jsonLdChars < MAX_JSON_LD_CHARS) {
            jsonLd[jsonLd.length - 1] += text;
            jsonLdChars += text.length;
          }
          return;
        }
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
          if (dropped === 0) inJsonLd = false;
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
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: false, Tokenizer: ScanningTokenizer },
  );
  parser.end(html);
  root.end = elements.length;
  return { root, elements, title: title.replace(/\s+/g, ' ').trim(), meta, lang, links, jsonLd };
}

/**
 * The soft hyphen (U+00AD, `&shy;`): an invisible hint where a long word may break across
 * lines, which some sites put in every word ("Wäh&shy;rend Sie über den Markt schlen&shy;dern").
 * It is not text: left in, it splits words for search, dedup fingerprints and any reader of the
 * output, so it is dropped while parsing.
 */
const SOFT_HYPHEN = '\u00ad';

/** Most characters of JSON-LD kept per page: metadata is small, and a page could inline megabytes. */
const MAX_JSON_LD_CHARS = 256 * 1024;

function readLink(attrs: Record<string, string>, links: Map<string, string>): void {
  const rel = attrs.rel;
  const href = attrs.href?.trim();
  if (rel === undefined || href === undefined || href === '') return;
  for (const token of rel.toLowerCase().split(/\s+/)) if (token !== '' && !links.has(token)) links.set(token, href);
}

function readMeta(attrs: Record<string, string>, meta: Map<string, string>): void {
  const key = attrs.property ?? attrs.name ?? attrs.itemprop ?? attrs['http-equiv'];
  const content = attrs.content;
  if (key === undefined || content === undefined) return;
  const lower = key.toLowerCase();
  if (!meta.has(lower)) meta.set(lower, content);
}
