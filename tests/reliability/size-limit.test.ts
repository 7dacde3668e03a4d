// An object over the size limit is refused from its GetObject headers: the body stream is
// closed after at most one chunk, never read whole (aws-sdk-client-mock, a counting stream).
import { Readable } from 'node:stream';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchObject } from '../../lambdas/adapters/s3-source.js';

/** A lazily generated body of `size` bytes that counts what was pulled from it. */
function countingBody(size: number): { body: Readable; pulled: () => number; destroyed: () => boolean } {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let produced = 0;
  const body = new Readable({
    read() {
      if (produced >= size) {
        this.push(null);
        return;
      }
      const next = chunk.subarray(0, Math.min(chunk.length, size - produced));
      produced += next.length;
      this.push(next);
    },
  });
  return { body, pulled: () => produced, destroyed: () => body.destroyed };
}

/** The SDK's streaming body: a Node stream plus `transformToByteArray` (what fetchObject calls). */
function sdkBody(body: Readable): never {
  return Object.assign(body, {
    async transformToByteArray(): Promise<Uint8Array> {
      const chunks: Buffer[] = [];
      for await (const chunk of body) chunks.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(chunks));
    },
  }) as never;
}

describe('fetchObject with maxBytes', () => {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  afterEach(() => mock.reset());

  it('does not read a body whose Content-Length passes the limit', async () => {
    // Prepare: a 512 MiB object the test never materialises.
    const size = 512 * 1024 * 1024;
    const stream = countingBody(size);
    mock.on(GetObjectCommand).resolves({ Body: sdkBody(stream.body), ContentLength: size, ETag: '"e1"' });
    // Act
    const object = await fetchObject(s3, { bucket: 'scrapes', key: 'incoming/huge.txt' }, { maxBytes: 25 * 1024 * 1024 });
    // Assess
    expect(object).toMatchObject({ bodySkipped: true, size, version: 'e1' });
    expect(object.bytes.byteLength).toBe(0);
    expect(stream.destroyed()).toBe(true);
    expect(stream.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it('reads a body within the limit whole', async () => {
    const stream = countingBody(100_000);
    mock.on(GetObjectCommand).resolves({ Body: sdkBody(stream.body), ContentLength: 100_000, ETag: '"e2"' });
    const object = await fetchObject(s3, { bucket: 'scrapes', key: 'incoming/small.txt' }, { maxBytes: 1_000_000 });
    expect(object.bodySkipped).toBeUndefined();
    expect(object.bytes.byteLength).toBe(100_000);
  });
});
