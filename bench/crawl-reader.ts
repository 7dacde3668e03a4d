// `node bin/run-ts.js bench/crawl-reader.ts [records]`: the WARC reader alone (warcio framing
// and HTTP parsing plus lambdas/readers/warc.ts), on generated crawls of news-sized pages, plain
// and gzipped per record: records/s, MB/s of the file, heap growth (constant memory), and
// whether every record came back at its own offset. The fan-out arithmetic in
// docs/architecture.md uses these figures.
import { Readable } from 'node:stream';
import { readObject } from '../lambdas/readers/read-object.js';
import { buildWarc, syntheticPage } from './crawl-files.js';
import type { WarcRecordSpec } from './crawl-files.js';

const pages = Number(process.argv[2] ?? 3000);
const specs: WarcRecordSpec[] = [{ type: 'warcinfo' }];
// About 60 KB per page (the size of a news page's HTML), a request record before each response.
for (let n = 0; n < pages; n += 1) specs.push({ type: 'request', url: `https://bench.example/${n}` }, { url: `https://bench.example/${n}`, body: syntheticPage(n).repeat(25) });

for (const gzip of [false, true]) {
  const { bytes, offsets } = buildWarc(specs, { gzip });
  const chunks = function* (): Generator<Uint8Array> {
    for (let at = 0; at < bytes.byteLength; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
  };
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = 0;
  let records = 0;
  let misplaced = 0;
  let documents = 0;
  const started = performance.now();
  for await (const item of readObject({ format: 'warc', stream: Readable.from(chunks()) })) {
    if (item.offset !== offsets[records]) misplaced += 1;
    if (item.kind === 'document') documents += 1;
    records += 1;
    if (records % 500 === 0) heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed - heapBefore);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      gzip,
      fileMB: Number((bytes.byteLength / 1e6).toFixed(1)),
      records,
      documents,
      misplaced,
      recordsPerSecond: Math.round(records / seconds),
      fileMBPerSecond: Number((bytes.byteLength / 1e6 / seconds).toFixed(1)),
      heapGrowthMB: Number((heapPeak / 1e6).toFixed(1)),
    }),
  );
}
