// The durable records of the dedup layer on the records table: source records (one per
// ingested document), canonical articles (body chunks, then the article item that commits
// them) and source links (one per duplicate, under its article). Item layout in table-schema.ts
// and docs/architecture.md ("Data model").
import { brotliCompressSync, constants as zlibConstants } from 'node:zlib';
import type { DocSummary, NewCanonical, Outcome, SourceRecord, SourceRef } from '../dedup/types.js';
import { packSketch, thinToFit, unpackSketch } from '../dedup/shingles.js';
import { B, N, S, bin, compact, itemSize, num, packFingerprints, str, unpackFingerprints } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import type { DynamoTable } from './dynamo-table.js';
import { ITEM_KINDS, itemKeys, kindShard } from './table-schema.js';

/**
 * Brotli quality of article bodies. On the 181 benchmark bodies: 5 gives 2.47 write units per
 * body at about 1 ms; 10 and 11 give 2.20 and 2.14 at 11-19 ms, a CPU cost above the 0.3 write
 * units they save.
 */
const BODY_BROTLI_QUALITY = 5;

/** One write unit: an article item this size or under costs 1 to write (and is never rewritten). */
const ARTICLE_ITEM_TARGET_BYTES = 1024;

/** The id of a source inside its article's partition: bucket, key, version and record. */
export function sourceIdOf(ref: SourceRef): string {
  const base = `${ref.bucket}/${ref.key}#${ref.version}`;
  return ref.record === undefined ? base : `${base}#R#${ref.record}`;
}

/** What verification reads of an article item. */
export function summaryFromItem(item: Item): DocSummary {
  return {
    docId: str(item, 'docId') ?? '',
    fingerprint: str(item, 'fingerprint') ?? '',
    firstSeen: str(item, 'firstSeen') ?? '',
    paragraphFingerprints: unpackFingerprints(bin(item, 'paragraphFps')),
    sketch: unpackSketch(bin(item, 'shingles')),
  };
}

/** The object an item names (a source record, a link, an article's own source). */
export function sourceRefFromItem(item: Item): SourceRef {
  return { bucket: str(item, 'bucket') ?? '', key: str(item, 'key') ?? '', version: str(item, 'version') ?? '', record: str(item, 'record'), url: str(item, 'url') };
}

/** A source record from its item (or from the byKind index's projection of it). */
export function sourceFromItem(item: Item): SourceRecord {
  return {
    ...sourceRefFromItem(item),
    outcome: str(item, 'outcome') as Outcome,
    docId: str(item, 'docId'),
    distance: item.distance ? num(item, 'distance') : undefined,
    paragraphOverlap: item.paragraphOverlap ? num(item, 'paragraphOverlap') : undefined,
    containment: item.containment ? num(item, 'containment') : undefined,
    code: str(item, 'code'),
    reason: str(item, 'reason'),
    site: str(item, 'site'),
    learnedChromeRemoved: item.learnedChromeRemoved ? num(item, 'learnedChromeRemoved') : undefined,
    processedAt: str(item, 'processedAt') ?? '',
  };
}

/**
 * The article item of a canonical article: what listing shows and what verification reads. Its
 * shingle sample is thinned (a consistent coarser rate, never below `sketchMinHashes` hashes)
 * until the item fits one write unit. bench:dedup's sweep scores samples thinned by this function.
 */
export function articleItem(doc: NewCanonical, body: { readonly bytes: number; readonly chunks: number }, sketchMinHashes: number): Item {
  const key = itemKeys.docMeta(doc.docId);
  const item = compact({
    pk: S(key.pk),
    sk: S(key.sk),
    kind: S(kindShard(ITEM_KINDS.doc, key.pk)),
    createdAt: S(`${doc.firstSeen}#${doc.docId}`),
    docId: S(doc.docId),
    title: S(doc.title),
    language: doc.language === undefined ? undefined : S(doc.language),
    fingerprint: S(doc.fingerprint),
    paragraphFps: B(packFingerprints(doc.paragraphFingerprints)),
    paragraphCount: N(doc.paragraphFingerprints.length),
    site: S(doc.site),
    firstSeen: S(doc.firstSeen),
    bodyBytes: N(body.bytes),
    bodyChunks: N(body.chunks),
    textChars: N(doc.text.length),
    bucket: S(doc.source.bucket),
    key: S(doc.source.key),
    version: S(doc.source.version),
    record: doc.source.record !== undefined ? S(doc.source.record) : undefined,
    url: doc.source.url !== undefined ? S(doc.source.url) : undefined,
    learnedChromeRemoved: doc.learnedChromeRemoved ? N(doc.learnedChromeRemoved) : undefined,
  });
  const sketch = thinToFit(doc.sketch, (candidate) => itemSize({ ...item, shingles: B(packSketch(candidate)) }) <= ARTICLE_ITEM_TARGET_BYTES, sketchMinHashes);
  return { ...item, shingles: B(packSketch(sketch)) };
}

/**
 * Source records, articles and source links on one table. Every write is idempotent: a replay
 * of any step changes nothing.
 */
export class DynamoRecords {
  public constructor(
    private readonly table: DynamoTable,
    private readonly bodyChunkBytes: number,
    private readonly sketchMinHashes: number,
  ) {}

  /** The recorded outcome of one object version (or one `record` of it), if it was processed. */
  public async getSource(bucket: string, key: string, version: string, record?: string): Promise<SourceRecord | undefined> {
    const item = await this.table.get(itemKeys.source(bucket, key, version, record));
    return item ? sourceFromItem(item) : undefined;
  }

  /** Every processed version of one key, in processing order. */
  public async listSourceVersions(bucket: string, key: string): Promise<SourceRecord[]> {
    const items = await this.table.queryAll(itemKeys.source(bucket, key, '').pk, 'V#');
    return items.map(sourceFromItem).sort((a, b) => (a.processedAt < b.processedAt ? -1 : a.processedAt > b.processedAt ? 1 : 0));
  }

  /**
   * Writes (or rewrites, identically on a replay) the outcome of one object version. A
   * canonical's record is not listed in the byKind index: its article item is (and names it),
   * so listing sources reads both and a new article pays one index write, not two.
   */
  public async putSource(record: SourceRecord): Promise<void> {
    const key = itemKeys.source(record.bucket, record.key, record.version, record.record);
    const listed = record.outcome !== 'canonical';
    await this.table.put(
      compact({
        pk: S(key.pk),
        sk: S(key.sk),
        kind: listed ? S(kindShard(ITEM_KINDS.source, key.pk)) : undefined,
        createdAt: listed ? S(record.processedAt) : undefined,
        bucket: S(record.bucket),
        key: S(record.key),
        version: S(record.version),
        record: record.record !== undefined ? S(record.record) : undefined,
        url: record.url !== undefined ? S(record.url) : undefined,
        outcome: S(record.outcome),
        docId: record.docId !== undefined ? S(record.docId) : undefined,
        distance: record.distance !== undefined ? N(record.distance) : undefined,
        paragraphOverlap: record.paragraphOverlap !== undefined ? N(record.paragraphOverlap) : undefined,
        containment: record.containment !== undefined ? N(record.containment) : undefined,
        code: record.code !== undefined ? S(record.code) : undefined,
        reason: record.reason !== undefined ? S(record.reason) : undefined,
        site: record.site !== undefined ? S(record.site) : undefined,
        learnedChromeRemoved: record.learnedChromeRemoved !== undefined ? N(record.learnedChromeRemoved) : undefined,
        processedAt: S(record.processedAt),
      }),
      false,
    );
  }

  /**
   * Summaries of committed articles (their article items); unknown ids are left out. Eventually
   * consistent reads (`consistent: false`) may miss an article committed a moment ago, never
   * show one that is not: article items are only ever created.
   */
  public async getSummaries(docIds: readonly string[], input: { consistent?: boolean } = {}): Promise<DocSummary[]> {
    const unique = [...new Set(docIds)];
    if (unique.length === 0) return [];
    const items = await this.table.batchGet(unique.map((id) => itemKeys.docMeta(id)), input.consistent ?? true);
    return items.map(summaryFromItem);
  }

  /** Which of `docIds` are committed articles (strongly consistent). */
  public async committed(docIds: readonly string[]): Promise<ReadonlySet<string>> {
    return new Set((await this.getSummaries(docIds)).map((summary) => summary.docId));
  }

  /**
   * Stores a canonical article: its body (text and removed paragraphs, brotli-compressed) in
   * `BODY#n` items of at most `bodyChunkBytes`, then, after `beforeCommit`, the article item,
   * only if absent. The article item is the commit point: it holds what listing shows and what
   * verification reads (fingerprints, shingle sample), so an article is either wholly there or
   * not at all, and it is never rewritten (duplicates are counted from their links).
   */
  public async putCanonical(doc: NewCanonical, beforeCommit?: () => Promise<void>): Promise<void> {
    const body = brotliCompressSync(Buffer.from(JSON.stringify({ text: doc.text, removed: doc.removed })), {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: BODY_BROTLI_QUALITY },
    });
    const chunks = Math.max(1, Math.ceil(body.byteLength / this.bodyChunkBytes));
    for (let chunk = 0; chunk < chunks; chunk += 1) {
      const key = itemKeys.docBody(doc.docId, chunk);
      await this.table.put({ pk: S(key.pk), sk: S(key.sk), data: B(body.subarray(chunk * this.bodyChunkBytes, (chunk + 1) * this.bodyChunkBytes)) }, false);
    }
    const item = articleItem(doc, { bytes: body.byteLength, chunks }, this.sketchMinHashes);
    await beforeCommit?.();
    await this.table.put(item, true);
  }

  /**
   * Links duplicate `source` to article `docId`: one small item per source, written only if
   * absent. The duplicate count and last sighting are read from these links, so counting needs
   * no write to the article and is exact under retries.
   */
  public async addSource(docId: string, source: SourceRef, seenAt: string): Promise<void> {
    const key = itemKeys.docSource(docId, sourceIdOf(source));
    await this.table.put(
      compact({
        pk: S(key.pk),
        sk: S(key.sk),
        docId: S(docId),
        bucket: S(source.bucket),
        key: S(source.key),
        version: S(source.version),
        record: source.record !== undefined ? S(source.record) : undefined,
        url: source.url !== undefined ? S(source.url) : undefined,
        duplicate: { BOOL: true },
        seenAt: S(seenAt),
      }),
      true,
    );
  }
}
