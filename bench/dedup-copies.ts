// Seeded generators for bench:dedup: the copy kinds of issue 11 (each must be matched to its
// original) and the must-stay-distinct sets (none may merge). Built from the gold article bodies
// of ../shared/bench/article-extraction and the five seed scrapes of ../shared/seeds; every
// random choice comes from a seeded generator, so two runs produce the same documents.
import { seededRandom } from '../tests/helpers/seeded-random.js';
import { proseParagraphs } from '../tests/helpers/factories.js';

/** One generated document: what the bench uploads and what it expects. */
export interface BenchDocument {
  /** Object key under `incoming/`. */
  readonly key: string;
  readonly body: string | Uint8Array;
  readonly contentType: string;
  /** Page URL (object metadata), which makes the URL's host the document's site. */
  readonly url?: string;
}

/** The copy kinds the issue lists, in table order. */
export const COPY_KINDS = [
  'typos',
  'edited',
  'rewrapped',
  'reordered',
  'ads',
  'update',
  'headline',
  'wire',
  'requoted',
  'site-chrome',
  'teaser',
  'cut-80',
] as const;
export type CopyKind = (typeof COPY_KINDS)[number];

/** What a copy kind does, for the table. */
export const COPY_KIND_LABELS: Record<CopyKind, string> = {
  typos: 're-typed with typos (1% of words)',
  edited: 'lightly edited (2% of words substituted, sentences rewritten)',
  rewrapped: 're-wrapped (paragraphs merged and split)',
  reordered: 'paragraphs reordered',
  ads: 'ad and "Read more" lines inserted',
  update: 'update appended',
  headline: 'new headline',
  wire: 'wire dateline and credits added',
  requoted: 're-quoted (typographic quotes and dashes)',
  'site-chrome': 'wrapped in site chrome (the raw HTML page)',
  teaser: 'cut to its first half (teaser)',
  'cut-80': 'cut to 80%',
};

/** Substitute words for edits: common enough not to stand out, none a copy of the text. */
const SUBSTITUTES = 'report city group plan week figure local market member public local second place money issue office nation study court'.split(' ');
const DATELINES = ['WASHINGTON', 'LONDON', 'NEW YORK', 'PARIS', 'BERLIN', 'TOKYO', 'SYDNEY', 'NAIROBI'];
const WIRES = ['(Reuters)', '(AP)', '(AFP)', '(Bloomberg)'];

export function splitParagraphs(text: string): string[] {
  return text.split(/\n\s*\n|\n/).map((p) => p.trim()).filter((p) => p.length > 0);
}

function splitSentences(paragraph: string): string[] {
  return paragraph.match(/[^.!?]+[.!?]+["'”’)]*\s*|[^.!?]+$/g)?.map((s) => s.trim()).filter(Boolean) ?? [paragraph];
}

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)]!;
}

/** Applies `edit` to a share of the words (at least one), chosen at random. */
function editWords(paragraphs: readonly string[], share: number, next: () => number, edit: (word: string) => string): string[] {
  const words = paragraphs.map((p) => p.split(' '));
  const total = words.reduce((n, w) => n + w.length, 0);
  const count = Math.max(1, Math.round(total * share));
  for (let i = 0; i < count; i += 1) {
    const p = Math.floor(next() * words.length);
    const w = Math.floor(next() * words[p]!.length);
    words[p]![w] = edit(words[p]![w]!);
  }
  return words.map((w) => w.join(' '));
}

function typo(word: string, next: () => number): string {
  if (word.length < 3) return `${word}${word.slice(-1)}`;
  const i = 1 + Math.floor(next() * (word.length - 2));
  const mode = Math.floor(next() * 3);
  if (mode === 0) return word.slice(0, i) + word.slice(i + 1); // dropped letter
  if (mode === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swapped letters
  return word.slice(0, i) + word[i] + word.slice(i); // doubled letter
}

/** Words truncated to the first `share` of the text, ending at a word boundary. */
function cutTo(paragraphs: readonly string[], share: number): string[] {
  const total = paragraphs.reduce((n, p) => n + p.split(' ').length, 0);
  let budget = Math.max(1, Math.round(total * share));
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    if (budget <= 0) break;
    const words = paragraph.split(' ');
    out.push(words.slice(0, budget).join(' '));
    budget -= words.length;
  }
  return out;
}

function requote(text: string): string {
  const typographic = /[“”‘’—]/.test(text);
  if (typographic) {
    return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/—/g, '--');
  }
  return text
    .replace(/"(?=\w)/g, '“')
    .replace(/"/g, '”')
    .replace(/(\w)'(\w)/g, '$1’$2')
    .replace(/'/g, '’')
    .replace(/ - /g, ' — ');
}

/**
 * A copy of one gold article body of the given kind, as paragraphs of plain text (or, for
 * `site-chrome`, null: the bench uses the article's raw HTML page).
 *
 * @example
 * copyOf('teaser', goldBody, 7, otherTitles); // the first half of the article
 */
export function copyOf(kind: CopyKind, gold: string, seed: number, otherLeads: readonly string[]): string[] | null {
  const next = seededRandom(seed);
  const paragraphs = splitParagraphs(gold);
  switch (kind) {
    case 'typos':
      return editWords(paragraphs, 0.01, next, (word) => typo(word, next));
    case 'edited': {
      const edited = editWords(paragraphs, 0.02, next, () => pick(next, SUBSTITUTES));
      // A couple of sentences rewritten: one per ten sentences, at most two.
      const sentences = edited.map(splitSentences);
      const count = Math.min(2, Math.floor(sentences.flat().length / 10));
      for (let i = 0; i < count; i += 1) {
        const p = Math.floor(next() * sentences.length);
        const s = Math.floor(next() * sentences[p]!.length);
        const words = sentences[p]![s]!.split(' ').length;
        sentences[p]![s] = `${proseParagraphs(seed * 31 + i, 1, 1)[0]!.split(' ').slice(0, Math.max(6, words)).join(' ').replace(/\.?$/, '.')}`;
      }
      return sentences.map((s) => s.join(' '));
    }
    case 'rewrapped': {
      // Sentences re-flowed: consecutive paragraphs merged, long ones split mid-way.
      const out: string[] = [];
      let i = 0;
      while (i < paragraphs.length) {
        if (next() < 0.4 && i + 1 < paragraphs.length) {
          out.push(`${paragraphs[i]} ${paragraphs[i + 1]}`);
          i += 2;
          continue;
        }
        const sentences = splitSentences(paragraphs[i]!);
        if (sentences.length >= 2 && next() < 0.5) {
          const half = Math.ceil(sentences.length / 2);
          out.push(sentences.slice(0, half).join(' '), sentences.slice(half).join(' '));
        } else out.push(paragraphs[i]!);
        i += 1;
      }
      return out;
    }
    case 'reordered': {
      const out = [...paragraphs];
      for (let i = out.length - 1; i > 0; i -= 1) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    }
    case 'ads': {
      const out: string[] = [];
      paragraphs.forEach((paragraph, i) => {
        out.push(paragraph);
        if (i % 3 === 2) out.push(next() < 0.5 ? 'Advertisement' : `Read more: ${pick(next, otherLeads)}`);
      });
      if (paragraphs.length < 3) out.push(`Read more: ${pick(next, otherLeads)}`);
      return out;
    }
    case 'update': {
      const update = proseParagraphs(seed * 17 + 3, 1, 2)[0]!;
      return [...paragraphs, `Update, ${1 + Math.floor(next() * 28)} March: ${update}`];
    }
    case 'headline':
      return [`${pick(next, otherLeads)} — what we know`, ...paragraphs];
    case 'wire': {
      const first = `${pick(next, DATELINES)} ${pick(next, WIRES)} — ${paragraphs[0] ?? ''}`;
      return [first, ...paragraphs.slice(1), 'Reporting by Jane Doe; additional reporting by Sam Roe; editing by Alex Poe'];
    }
    case 'requoted':
      return paragraphs.map(requote);
    case 'teaser':
      return cutTo(paragraphs, 0.5);
    case 'cut-80':
      return cutTo(paragraphs, 0.8);
    case 'site-chrome':
      return null;
  }
}

/** Three standard paragraphs a site (or a syndicate) appends to every article. */
export const STANDARD_PARAGRAPHS = [
  'Methodology: figures in this article come from official statistics and company filings, adjusted for inflation where noted, and were checked by our data desk before publication.',
  'Disclaimer: this article is for general information only and does not constitute financial, legal or medical advice. Readers should consult a qualified professional about their own situation.',
  'Our journalism is independent and funded by readers. Corrections and complaints can be sent to the standards editor; we publish every correction on our corrections page.',
];

/** A short brief: three own sentences as paragraphs plus the site's three standard paragraphs. */
export function briefOf(seed: number): string[] {
  return [...proseParagraphs(seed, 3, 1), ...STANDARD_PARAGRAPHS];
}

/**
 * A list page ("latest news"): the leads of `count` articles starting at `start` (modulo the
 * list), each lead its own paragraph. Neighbouring pages share half their entries.
 */
export function listPageOf(leads: readonly string[], start: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => leads[(start + i) % leads.length]!);
}

/** Plain-text scrape: title line, blank line, paragraphs separated by blank lines. */
export function asScrape(title: string, paragraphs: readonly string[]): string {
  return `${title}\n\n${paragraphs.join('\n\n')}\n`;
}
