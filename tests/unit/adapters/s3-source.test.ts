import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { fetchObject, normalizeETag } from '../../../lambdas/adapters/s3-source.js';

const s3Mock = mockClient(S3Client);

/** The one method of the SDK's streaming body that fetchObject uses. */
function body(text: string): GetObjectCommandOutput['Body'] {
  return { transformToByteArray: async () => Uint8Array.from(Buffer.from(text)) } as unknown as GetObjectCommandOutput['Body'];
}

beforeEach(() => s3Mock.reset());

describe('Function: fetchObject', () => {
  it('returns the bytes, the ETag as identity and the URL from user metadata', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body('hello'), ETag: '"abc"', ContentType: 'text/plain', Metadata: { 'source-url': 'https://example.com/a' } });
    const object = await fetchObject(new S3Client({ region: 'us-east-1' }), { bucket: 'b', key: 'incoming/a.txt' });
    expect(Buffer.from(object.bytes).toString()).toBe('hello');
    expect(object).toMatchObject({ version: 'abc', eTag: 'abc', url: 'https://example.com/a', contentType: 'text/plain', size: 5 });
  });

  it('reads the exact version and prefers it as identity', async () => {
    s3Mock.on(GetObjectCommand).resolves({ Body: body('x'), ETag: '"abc"', VersionId: 'v7' });
    const object = await fetchObject(new S3Client({ region: 'us-east-1' }), { bucket: 'b', key: 'k', versionId: 'v7' });
    expect(object.version).toBe('v7');
    expect(s3Mock.commandCalls(GetObjectCommand)[0]!.args[0].input.VersionId).toBe('v7');
  });
});

describe('Function: normalizeETag', () => {
  it('strips the quotes S3 puts around ETags', () => {
    expect(normalizeETag('"abc"')).toBe('abc');
    expect(normalizeETag('abc')).toBe('abc');
    expect(normalizeETag(undefined)).toBeUndefined();
  });
});
