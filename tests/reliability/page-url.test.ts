// Page URLs from object metadata are stored and shown without credentials or tracking (issue 10).
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchObject } from '../../lambdas/adapters/s3-source.js';
import { sanitizePageUrl } from '../../lambdas/core/page-url.js';

describe('Function: sanitizePageUrl', () => {
  it('removes user info, signatures, secrets, session ids, tracking and the fragment', () => {
    const raw =
      'https://alice:hunter2@news.example/2026/talks;jsessionid=AB12?id=7&X-Amz-Signature=abc&X-Amz-Credential=AKIA%2F1&token=t&Key=k&sig=s&signature=x&utm_source=mail&utm_campaign=c&fbclid=f&page=2#access_token=zzz';
    expect(sanitizePageUrl(raw)).toBe('https://news.example/2026/talks?id=7&page=2');
  });

  it('keeps a URL without secrets exactly as it was, query encoding included', () => {
    expect(sanitizePageUrl('https://news.example/search?q=a+b%20c&lang=fr')).toBe('https://news.example/search?q=a+b%20c&lang=fr');
  });

  it('leaves no bare ? when every parameter was a secret', () => {
    expect(sanitizePageUrl('http://news.example/a?X-Amz-Security-Token=t&api_key=k')).toBe('http://news.example/a');
  });

  it('drops values that are not absolute http(s) URLs', () => {
    expect(sanitizePageUrl('not a url')).toBeUndefined();
    expect(sanitizePageUrl('javascript:alert(1)')).toBeUndefined();
    expect(sanitizePageUrl('ftp://user:pw@files.example/a')).toBeUndefined();
  });
});

describe('fetchObject: the metadata URL', () => {
  const s3 = new S3Client({ region: 'us-east-1' });
  const mock = mockClient(s3);
  afterEach(() => mock.reset());

  it('returns the page URL of x-amz-meta-url without its credentials or signature', async () => {
    const body = { transformToByteArray: async () => new TextEncoder().encode('text') } as never;
    mock.on(GetObjectCommand).resolves({
      Body: body,
      ETag: '"e1"',
      Metadata: { url: 'https://bob:secret@courier.example/page?X-Amz-Signature=deadbeef&id=3' },
    });
    const object = await fetchObject(s3, { bucket: 'scrapes', key: 'incoming/page.html' });
    expect(object.url).toBe('https://courier.example/page?id=3');
  });
});
