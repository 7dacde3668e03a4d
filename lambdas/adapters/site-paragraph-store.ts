// The recurring paragraphs of each site (learned chrome) on the records table: one small item
// per site (`SITE#<site>`), the rules in lambdas/dedup/site-paragraphs.ts.
import type { ParagraphSiteRecord } from '../dedup/types.js';
import { EMPTY_SITE, paragraphName, siteCounts, withArticle } from '../dedup/site-paragraphs.js';
import type { SiteParagraphs } from '../dedup/site-paragraphs.js';
import { B, N, S, bin, num } from './attribute-values.js';
import type { Item } from './attribute-values.js';
import type { DynamoTable } from './dynamo-table.js';
import { itemKeys } from './table-schema.js';

/** Attempts at a site paragraph record before giving up (each lost only to another writer of the site). */
const SITE_WRITE_ATTEMPTS = 20;

function packNames(names: readonly number[]): Uint8Array {
  const buffer = Buffer.alloc(4 * names.length);
  names.forEach((name, i) => buffer.writeUInt32BE(name >>> 0, 4 * i));
  return Uint8Array.from(buffer);
}

function unpackNames(bytes: Uint8Array | undefined): number[] {
  if (!bytes) return [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: Math.floor(buffer.byteLength / 4) }, (_, i) => buffer.readUInt32BE(4 * i));
}

function siteFromItem(item: Item | undefined): SiteParagraphs {
  if (!item) return EMPTY_SITE;
  return {
    version: num(item, 'version'),
    recent: (item.recent?.L ?? []).map((value) => ({ docId: value.M?.d?.S ?? '', paragraphs: unpackNames(value.M?.p?.B) })),
    learned: unpackNames(bin(item, 'learned')),
  };
}

/** A site's paragraphs as an article shows them. */
export interface ArticleParagraphs {
  readonly docId: string;
  readonly site: string;
  readonly text?: string;
  readonly paragraphFingerprints: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
}

/**
 * Site paragraph records: counted once per canonical article, by a conditional write on the
 * version read, so concurrent articles of a site never lose each other's counts.
 */
export class DynamoSiteParagraphs {
  /** The site records this store last read or wrote, so recording an article needs no second read. */
  private readonly cache = new Map<string, SiteParagraphs>();

  public constructor(
    private readonly table: DynamoTable,
    private readonly learnedChromeMinDocs: number,
  ) {}

  private async read(site: string): Promise<SiteParagraphs> {
    return siteFromItem(await this.table.get(itemKeys.siteParagraphs(site)));
  }

  /**
   * Adds canonical article `docId` to its site's paragraph record: one conditional write on the
   * version read, retried on a concurrent change; a replay changes nothing.
   */
  public async recordParagraphs(docId: string, site: string, fingerprints: readonly string[], seenAt: string): Promise<void> {
    const key = itemKeys.siteParagraphs(site);
    let current = this.cache.get(site) ?? (await this.read(site));
    for (let attempt = 0; ; attempt += 1) {
      const next = withArticle(current, docId, fingerprints, this.learnedChromeMinDocs);
      if (!next) return;
      const response = await this.table.update({
        Key: { pk: S(key.pk), sk: S(key.sk) },
        UpdateExpression: 'SET version = :next, recent = :recent, learned = :learned, site = :site, lastSeen = :seen',
        ConditionExpression: 'attribute_not_exists(version) OR version = :version',
        ExpressionAttributeValues: {
          ':next': N(next.version),
          ':version': N(current.version),
          ':recent': { L: next.recent.map((entry) => ({ M: { d: S(entry.docId), p: B(packNames(entry.paragraphs)) } })) },
          ':learned': B(packNames(next.learned)),
          ':site': S(site),
          ':seen': S(seenAt),
        },
      });
      if (response) {
        this.cache.set(site, next);
        return;
      }
      if (attempt >= SITE_WRITE_ATTEMPTS) throw new Error(`site paragraph record of ${site} kept changing (${attempt + 1} attempts)`);
      current = await this.read(site);
    }
  }

  /**
   * Distinct canonical articles of `site` each fingerprint was counted in, not counting
   * `excludeDocId` (so replaying an article does not see its own earlier count). One read.
   */
  public async siteParagraphCounts(site: string, fingerprints: readonly string[], excludeDocId?: string): Promise<Map<string, number>> {
    const record = await this.read(site);
    this.cache.set(site, record);
    return siteCounts(record, fingerprints, excludeDocId, this.learnedChromeMinDocs);
  }

  /**
   * The paragraphs of one article as its site's record counts them (the articles of the site
   * each was seen in, among the site's latest).
   */
  public async paragraphsOf(article: ArticleParagraphs): Promise<ParagraphSiteRecord[]> {
    const site = await this.read(article.site);
    const texts = (article.text ?? '').split('\n\n');
    const learned = new Set(site.learned);
    return article.paragraphFingerprints.map((fp, i) => {
      const name = paragraphName(fp);
      const docIds = site.recent.filter((entry) => entry.paragraphs.includes(name)).map((entry) => entry.docId);
      return {
        fingerprint: fp,
        site: article.site,
        text: texts[i] ?? '',
        docCount: learned.has(name) ? Math.max(docIds.length, this.learnedChromeMinDocs) : docIds.length,
        docIds,
        firstSeen: article.firstSeen,
        lastSeen: article.lastSeen,
      };
    });
  }
}
