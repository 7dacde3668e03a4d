// The stack's context values (lib/context.ts): the backfill sources a deploy command names are
// checked at synth, so a typo fails with a readable message instead of granting something else.
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { CONTEXT_KEYS, parseBackfillBuckets, parseBackfillPrefixes, readStackContext, StackConfigError } from '../../lib/context.js';

describe('Function: parseBackfillBuckets', () => {
  it('reads a comma-separated list (-c) or a cdk.json list, trimmed and without repeats; absent is none', () => {
    expect(parseBackfillBuckets('bucket-a, bucket-b,bucket-a')).toEqual(['bucket-a', 'bucket-b']);
    expect(parseBackfillBuckets(['old.scrapes.example', 'b12'])).toEqual(['old.scrapes.example', 'b12']);
    expect(parseBackfillBuckets(undefined)).toEqual([]);
    expect(parseBackfillBuckets('')).toEqual([]);
  });

  it('refuses what is not one bucket name: ARNs, s3:// URLs, wildcards, upper case, empty entries', () => {
    for (const bad of ['s3://bucket-a', 'arn:aws:s3:::bucket-a', 'bucket-*', 'Bucket-A', 'ab', 'a..b', '192.168.1.1', 'bucket-a,,bucket-b', '-bucket']) {
      expect(() => parseBackfillBuckets(bad), bad).toThrow(StackConfigError);
    }
    expect(() => parseBackfillBuckets([1])).toThrow(CONTEXT_KEYS.backfillBuckets);
  });
});

describe('Function: parseBackfillPrefixes', () => {
  it('reads folders of the scrapes bucket and drops the incoming prefix, which is always allowed', () => {
    expect(parseBackfillPrefixes('old-scrapes/,incoming/, archive/2024/', 'incoming/')).toEqual(['old-scrapes/', 'archive/2024/']);
    expect(parseBackfillPrefixes(undefined, 'incoming/')).toEqual([]);
  });

  it('refuses a prefix that is not a folder, or holds "*" or "\\"', () => {
    for (const bad of ['old-scrapes', '/old/', 'old/*/', 'old\\x/']) {
      expect(() => parseBackfillPrefixes(bad, 'incoming/'), bad).toThrow(new RegExp(CONTEXT_KEYS.backfillPrefixes));
    }
  });
});

describe('Function: readStackContext', () => {
  it('returns no backfill sources by default and the validated ones when set', () => {
    expect(readStackContext(new App())).toMatchObject({ backfillPrefixes: [], backfillBuckets: [] });
    const app = new App({ context: { [CONTEXT_KEYS.backfillPrefixes]: 'old/', [CONTEXT_KEYS.backfillBuckets]: 'bucket-a' } });
    expect(readStackContext(app)).toMatchObject({ incomingPrefix: 'incoming/', backfillPrefixes: ['old/'], backfillBuckets: ['bucket-a'] });
  });
});
