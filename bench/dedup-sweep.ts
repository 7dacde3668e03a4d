// The offline sweep of bench:dedup: the same generated documents, cleaned once, then every
// candidate-and-verification design of the table scored without a store: recall (a copy shares an
// index key with its own gold article and verifies), false merges (documents that must stay
// distinct and share a key and verify), and the index writes a new article costs (one per key:
// the lease write registers). Stored samples are thinned as the store thins them (articleItem). docs/architecture.md keeps the table; settings.ts the chosen row.
import { createHash } from 'node:crypto';
import { cleanScrape } from '../lambdas/core/pipeline.js';
import { InputRejectedError } from '../lambdas/core/errors.js';
import type { CleanDocument } from '../lambdas/core/types.js';
import { indexKeysFor } from '../lambdas/dedup/keys.js';
import { isNearDuplicate, measureSimilarity } from '../lambdas/dedup/match.js';
import { resolveDedupOptions } from '../lambdas/dedup/options.js';
import type { DedupOptions } from '../lambdas/dedup/options.js';
import { shingleSketch } from '../lambdas/dedup/shingles.js';
import type { ShingleSketch } from '../lambdas/dedup/shingles.js';
import { siteOf } from '../lambdas/dedup/chrome.js';
import { articleItem, summaryFromItem } from '../lambdas/adapters/record-store.js';
import type { DocSummary } from '../lambdas/dedup/types.js';
import type { BenchDocument } from './dedup-copies.js';

/** One document of the sweep, cleaned. */
interface Cleaned {
  readonly key: string;
  readonly url?: string;
  readonly doc: CleanDocument;
}

/** The shingle sample the store would keep for `c` as an article (thinned to fit its item). */
function storedSketch(c: Cleaned, id: string, options: DedupOptions): ShingleSketch {
  const doc = {
    docId: createHash('sha256').update(id).digest('hex').slice(0, 24),
    title: c.doc.title,
    language: c.doc.language,
    text: c.doc.text,
    fingerprint: c.doc.fingerprint,
    paragraphFingerprints: c.doc.paragraphFingerprints,
    sketch: shingleSketch(c.doc.paragraphs, options.shingleWidth, options.sketchMaxHashes),
    removed: [],
    site: siteOf(c.url, c.key),
    firstSeen: new Date(0).toISOString(),
    source: { bucket: 'scrapes', key: c.key, version: '0'.repeat(32), url: c.url },
  };
  return summaryFromItem(articleItem(doc, { bytes: Math.ceil(c.doc.text.length / 2), chunks: 1 }, options.sketchMinHashes)).sketch;
}

/** A labelled group: copies (with their gold) or a set that must stay distinct. */
export interface SweepInput {
  readonly golds: ReadonlyArray<{ id: string; doc: BenchDocument }>;
  readonly copies: ReadonlyArray<{ id: string; kind: string; doc: BenchDocument }>;
  readonly distinctSets: ReadonlyArray<{ name: string; docs: readonly BenchDocument[] }>;
}

function clean(doc: BenchDocument): CleanDocument | undefined {
  try {
    const cleaned = cleanScrape(typeof doc.body === 'string' ? Buffer.from(doc.body) : doc.body, { key: doc.key, contentType: doc.contentType });
    return cleaned.paragraphs.length > 0 ? cleaned : undefined;
  } catch (error) {
    if (error instanceof InputRejectedError) return undefined;
    throw error;
  }
}

/** The rows of the sweep: the chosen settings first, then one change at a time. */
function designs(): Array<{ label: string; overrides: Partial<DedupOptions> }> {
  return [
    { label: 'settings.ts', overrides: {} },
    { label: '2 shingle keys + lead', overrides: { shingleKeyCount: 2 } },
    { label: '3 shingle keys + lead', overrides: { shingleKeyCount: 3 } },
    { label: '4 shingle keys + lead', overrides: { shingleKeyCount: 4 } },
    { label: '6 shingle keys + lead', overrides: { shingleKeyCount: 6 } },
    { label: '8 shingle keys + lead', overrides: { shingleKeyCount: 8 } },
    { label: '4 shingle keys, no lead', overrides: { shingleKeyCount: 4, leadKey: false } },
    { label: '6 shingle keys, no lead', overrides: { shingleKeyCount: 6, leadKey: false } },
    { label: '3-word shingles', overrides: { shingleWidth: 3 } },
    { label: '5-word shingles', overrides: { shingleWidth: 5 } },
    { label: 'sample cap 128', overrides: { sketchMaxHashes: 128 } },
    { label: 'sample cap 96', overrides: { sketchMaxHashes: 96 } },
    { label: 'sample cap 64', overrides: { sketchMaxHashes: 64 } },
    { label: 'sample cap 48', overrides: { sketchMaxHashes: 48 } },
    { label: 'sample not thinned to fit 1 KB', overrides: { sketchMinHashes: 256 } },
    { label: 'sample cap 512', overrides: { sketchMaxHashes: 512 } },
    { label: 'containment >= 0.5', overrides: { minContainment: 0.5 } },
    { label: 'containment >= 0.8', overrides: { minContainment: 0.8 } },
    { label: 'rest containment >= 0.2', overrides: { minRestContainment: 0.2 } },
    { label: 'rest containment >= 0.5', overrides: { minRestContainment: 0.5 } },
    { label: 'rest rule from 5% of the document', overrides: { restRuleMinShare: 0.05 } },
    { label: 'rest rule from 20% of the document', overrides: { restRuleMinShare: 0.2 } },
    { label: 'rest rule always', overrides: { restRuleMinShare: 0 } },
    { label: 'no rest rule (containment only)', overrides: { restRuleMinShare: 1.01 } },
  ];
}

/**
 * Prints the sweep table and returns its rows.
 *
 * @example
 * runDedupSweep({ golds, copies, distinctSets });
 */
export function runDedupSweep(input: SweepInput): void {
  const started = performance.now();
  const gold = new Map<string, Cleaned>();
  for (const { id, doc } of input.golds) {
    const cleaned = clean(doc);
    if (cleaned) gold.set(id, { key: doc.key, url: doc.url, doc: cleaned });
  }
  const copies = input.copies.flatMap(({ id, kind, doc }) => {
    const cleaned = clean(doc);
    return cleaned && gold.has(id) ? [{ id, kind, cleaned: { key: doc.key, url: doc.url, doc: cleaned } }] : [];
  });
  const sets = input.distinctSets.map((set) => set.docs.flatMap((doc) => {
    const cleaned = clean(doc);
    return cleaned ? [{ key: doc.key, url: doc.url, doc: cleaned }] : [];
  }));
  console.log(`\nsweep (offline, ${gold.size} gold articles, ${copies.length} copies, ${sets.reduce((n, s) => n + s.length, 0)} must-stay-distinct documents; cleaned in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log('| design | keys per article | index writes per new article | copies matched (worst kind) | false merges |');
  console.log('|---|---|---|---|---|');
  for (const { label, overrides } of designs()) {
    const options = resolveDedupOptions(overrides);
    const summaryOf = (c: Cleaned, id: string): DocSummary & { keys: string[] } => ({
      docId: id,
      firstSeen: '',
      fingerprint: c.doc.fingerprint,
      paragraphFingerprints: c.doc.paragraphFingerprints,
      sketch: storedSketch(c, id, options),
      keys: indexKeysFor(c.doc, options),
    });
    const probe = (c: Cleaned) => ({ ...c.doc, sketch: shingleSketch(c.doc.paragraphs, options.shingleWidth, Number.POSITIVE_INFINITY), keys: indexKeysFor(c.doc, options) });
    // Registered articles: the gold bodies (step 1), each set on its own (step 2).
    const golds = new Map([...gold.entries()].map(([id, c]) => [id, summaryOf(c, id)]));
    const byKey = new Map<string, string[]>();
    for (const [id, s] of golds) for (const key of s.keys) byKey.set(key, [...(byKey.get(key) ?? []), id]);
    let keyCount = 0;
    for (const s of golds.values()) keyCount += s.keys.length;
    const perKind = new Map<string, { hit: number; total: number }>();
    let falseMerges = 0;
    for (const copy of copies) {
      const p = probe(copy.cleaned);
      const candidates = new Set(p.keys.flatMap((key) => byKey.get(key) ?? []));
      const row = perKind.get(copy.kind) ?? { hit: 0, total: 0 };
      row.total += 1;
      const matches = [...candidates].filter((id) => isNearDuplicate(measureSimilarity(p, golds.get(id)!), options));
      if (matches.includes(copy.id)) row.hit += 1;
      falseMerges += matches.filter((id) => id !== copy.id).length > 0 && !matches.includes(copy.id) ? 1 : 0;
      perKind.set(copy.kind, row);
    }
    // Different gold articles, and every must-stay-distinct set, pairwise through the index.
    const groups: Array<Array<{ id: string; c: Cleaned }>> = [
      [...gold.entries()].map(([id, c]) => ({ id, c })),
      ...sets.map((set) => set.map((c) => ({ id: c.key, c }))),
    ];
    for (const group of groups) {
      const registered: Array<DocSummary & { keys: string[] }> = [];
      const index = new Map<string, number[]>();
      for (const { id, c } of group) {
        const p = probe(c);
        const candidates = new Set(p.keys.flatMap((key) => index.get(key) ?? []));
        if ([...candidates].some((i) => isNearDuplicate(measureSimilarity(p, registered[i]!), options))) {
          falseMerges += 1;
          continue;
        }
        registered.push(summaryOf(c, id));
        for (const key of p.keys) index.set(key, [...(index.get(key) ?? []), registered.length - 1]);
      }
    }
    const rows = [...perKind.entries()];
    const hits = rows.reduce((n, [, r]) => n + r.hit, 0);
    const total = rows.reduce((n, [, r]) => n + r.total, 0);
    const worst = rows.reduce((w, r) => (r[1].hit / r[1].total < w[1].hit / w[1].total ? r : w), rows[0]!);
    const keys = keyCount / Math.max(1, golds.size);
    console.log(`| ${label} | ${keys.toFixed(1)} | ${keys.toFixed(1)} | ${(100 * hits / Math.max(1, total)).toFixed(1)}% (${worst[0]} ${(100 * worst[1].hit / worst[1].total).toFixed(1)}%) | ${falseMerges} |`);
  }
  console.log(`sweep took ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
