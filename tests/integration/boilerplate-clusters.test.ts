// Issue 11: different articles that share standard paragraphs stay different, on one site and
// on many, processed four at a time; near-duplicates among them still find their originals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { createRecordsTable, startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { normalizeETag } from '../../lambdas/adapters/s3-source.js';
import { createObjectProcessor } from '../../lambdas/process-object.js';
import { proseParagraphs, scrapeText } from '../helpers/factories.js';

const ARTICLES = 200;
/** Every tenth article also arrives as an edited copy. */
const COPY_EVERY = 10;
const CONCURRENCY = 4;
const STANDARD = [
  'Methodology: figures in this article come from official statistics and company filings, adjusted for inflation where noted.',
  'Disclaimer: this article is for general information only and does not constitute financial, legal or medical advice.',
  'Our journalism is independent and funded by readers; corrections can be sent to the standards editor.',
];

let stack: LocalStack;
let tables = 0;

beforeAll(async () => {
  stack = await startLocalStack();
});

afterAll(async () => {
  await stack?.close();
});

/** Ingests every document four at a time on a fresh table; returns the article id of each key. */
async function ingest(documents: ReadonlyArray<{ key: string; text: string; url: string }>): Promise<Map<string, string | undefined>> {
  tables += 1;
  const tableName = `boilerplate-${tables}`;
  await createRecordsTable(stack.dynamo, tableName);
  const store = new DynamoStore({ client: stack.dynamo, tableName });
  const process = createObjectProcessor({ s3: stack.s3, dynamo: stack.dynamo, tableName, store });
  const clusters = new Map<string, string | undefined>();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < documents.length) {
        const doc = documents[next]!;
        next += 1;
        const put = await stack.s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: doc.key, Body: doc.text, Metadata: { url: doc.url } }));
        const result = await process({ bucket: stack.bucket, key: doc.key, eTag: normalizeETag(put.ETag) });
        clusters.set(doc.key, result.docId);
      }
    }),
  );
  return clusters;
}

function documents(site: (i: number) => string, run: string) {
  const out: Array<{ key: string; text: string; url: string; article: number }> = [];
  for (let i = 0; i < ARTICLES; i += 1) {
    const own = proseParagraphs(5000 + i, 4, 3);
    out.push({ key: `incoming/${run}/a-${i}.txt`, text: scrapeText(`Article ${i}`, [...own, ...STANDARD]), url: `https://${site(i)}/a-${i}`, article: i });
    if (i % COPY_EVERY === 0) {
      const edited = own.map((paragraph, p) => (p === 1 ? paragraph.replace(/ (\w+)\./, ' edited.') : paragraph));
      out.push({ key: `incoming/${run}/a-${i}-copy.txt`, text: scrapeText(`Article ${i} (updated)`, [...edited, ...STANDARD]), url: `https://${site(i)}/a-${i}-copy`, article: i });
    }
  }
  return out;
}

describe('Integration: articles sharing standard paragraphs, four at a time', () => {
  it.each([
    ['each on its own site', (i: number) => `site-${i}.example`],
    ['all on one site', () => 'one-site.example'],
  ])('keep one cluster per article %s', async (_name, site) => {
    // Prepare
    const docs = documents(site, site(1).replace(/\W/g, ''));
    // Act
    const clusters = await ingest(docs);
    // Assess: the same clusters as the articles without the standard paragraphs (one per article)
    const byArticle = new Map<number, Set<string | undefined>>();
    for (const doc of docs) byArticle.set(doc.article, new Set([...(byArticle.get(doc.article) ?? []), clusters.get(doc.key)]));
    for (const ids of byArticle.values()) expect(ids.size).toBe(1);
    const distinct = new Set([...byArticle.values()].map((ids) => [...ids][0]));
    expect(distinct.size).toBe(ARTICLES);
    expect(distinct.has(undefined)).toBe(false);
  }, 180_000);
});
