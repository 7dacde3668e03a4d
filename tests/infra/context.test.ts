// The stack's context values (lib/context.ts): the stage, the tunables and the backfill sources
// a deploy command names are checked at synth, so a typo fails with a readable one-line message
// (bin/app.ts) instead of deploying or granting something else.
import { spawnSync } from 'node:child_process';
import { App, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  checkFunctionTimeout,
  CONTEXT_KEYS,
  parseAlarmTarget,
  parseBackfillBuckets,
  parseBackfillPrefixes,
  parseInteger,
  parseStage,
  readStackContext,
  StackConfigError,
} from '../../lib/context.js';
import { LEASE_SAFETY_MARGIN_MS, LEASE_TTL_MS } from '../../lambdas/core/settings.js';
import { OBJECT_TIME_RESERVE_MS } from '../../lambdas/handler-settings.js';
import { PROJECT_ROOT } from '../helpers/cdk-app.js';
import { TUNABLES_CONTEXT } from './fixtures/tunables.js';

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

describe('Function: parseStage', () => {
  it('takes short lower-case names with single hyphens', () => {
    for (const stage of ['prod', 'dev', 'pr-123', 'eu2']) expect(parseStage(stage)).toBe(stage);
  });

  it('refuses what would break a stack, queue or dashboard name', () => {
    for (const bad of ['', 'Dev', 'dev_1', '1dev', 'dev-', 'a--b', 'x'.repeat(21), 'dev.1', 7]) {
      expect(() => parseStage(bad), String(bad)).toThrow(CONTEXT_KEYS.stage);
    }
  });
});

describe('Function: parseInteger', () => {
  it('reads numbers from cdk.json and strings from -c', () => {
    expect(parseInteger(2048, CONTEXT_KEYS.memoryMb, 256, 10240, 'MB')).toBe(2048);
    expect(parseInteger('2048', CONTEXT_KEYS.memoryMb, 256, 10240, 'MB')).toBe(2048);
  });

  it('refuses fractions, units, out-of-range values and non-numbers, naming the key and the range', () => {
    for (const bad of ['2048MB', '1.5', 1.5, '-1', 100, 20000, true, '0x10']) {
      expect(() => parseInteger(bad, CONTEXT_KEYS.memoryMb, 256, 10240, 'MB'), String(bad)).toThrow(/scrape-dedup:memoryMb must be a whole number from 256 to 10240/);
    }
  });
});

describe('Function: checkFunctionTimeout', () => {
  it('accepts timeouts between the per-object reserve and the lease bound', () => {
    expect(checkFunctionTimeout(Duration.seconds(240)).toSeconds()).toBe(240);
  });

  it('refuses a timeout too short to start any object, or long enough to outlive a lease', () => {
    expect(() => checkFunctionTimeout(Duration.millis(OBJECT_TIME_RESERVE_MS))).toThrow(StackConfigError);
    expect(() => checkFunctionTimeout(Duration.millis(LEASE_TTL_MS - LEASE_SAFETY_MARGIN_MS))).toThrow(/index lease TTL/);
  });
});

describe('Function: parseAlarmTarget', () => {
  it('takes one e-mail address or one standard topic ARN', () => {
    expect(parseAlarmTarget(' ops@example.com ', undefined)).toEqual({ alarmEmail: 'ops@example.com' });
    expect(parseAlarmTarget(undefined, 'arn:aws:sns:eu-west-1:123456789012:alerts')).toEqual({ alarmTopicArn: 'arn:aws:sns:eu-west-1:123456789012:alerts' });
    expect(parseAlarmTarget(undefined, undefined)).toEqual({});
  });

  it('refuses both at once, lists of addresses, FIFO topics and things that are not ARNs', () => {
    expect(() => parseAlarmTarget('ops@example.com', 'arn:aws:sns:eu-west-1:123456789012:alerts')).toThrow(/not both/);
    for (const bad of ['ops', 'a@b.c,d@e.f', 'ops@example']) expect(() => parseAlarmTarget(bad, undefined), bad).toThrow(CONTEXT_KEYS.alarmEmail);
    for (const bad of ['alerts', 'arn:aws:sns:eu-west-1:123456789012:alerts.fifo', 'arn:aws:sqs:eu-west-1:123456789012:q']) {
      expect(() => parseAlarmTarget(undefined, bad), bad).toThrow(CONTEXT_KEYS.alarmTopicArn);
    }
  });
});

describe('Function: readStackContext (stage and tunables)', () => {
  it('defaults to stage prod, retain, no tracing and the stack\'s own sizing', () => {
    const context = readStackContext(new App());
    expect(context).toMatchObject({ stage: 'prod', removalPolicy: RemovalPolicy.RETAIN, tracing: false });
    for (const key of ['memorySize', 'timeout', 'batchSize', 'maxConcurrency', 'alarmEmail', 'alarmTopicArn', 'logLevel']) expect(context).not.toHaveProperty(key);
  });

  it('reads every tunable, as -c gives them (strings)', () => {
    const app = new App({
      context: { ...TUNABLES_CONTEXT, [CONTEXT_KEYS.stage]: 'dev', [CONTEXT_KEYS.tracing]: 'true' },
    });
    const context = readStackContext(app);
    expect(context).toMatchObject({ stage: 'dev', memorySize: 2048, batchSize: 5, maxConcurrency: 50, alarmEmail: 'ops@example.com', tracing: true, logLevel: 'WARN' });
    expect(context.timeout?.toSeconds()).toBe(200);
  });

  it.each([
    [CONTEXT_KEYS.batchSize, '11', /1 to 10/],
    [CONTEXT_KEYS.maxConcurrency, '1', /2 to 1000/],
    [CONTEXT_KEYS.memoryMb, '128', /256 to 10240/],
    [CONTEXT_KEYS.timeoutSeconds, '60', /more than 95 s/],
    [CONTEXT_KEYS.tracing, 'yes', /true or false/],
    [CONTEXT_KEYS.logLevel, 'VERBOSE', /DEBUG, INFO, WARN, ERROR/],
  ])('refuses %s=%s with a message naming the key', (key, value, message) => {
    const read = () => readStackContext(new App({ context: { [key]: value } }));
    expect(read).toThrow(StackConfigError);
    expect(read).toThrow(key);
    expect(read).toThrow(message);
  });

  it('refuses a misspelt key under scrape-dedup: and suggests the right one', () => {
    const read = () => readStackContext(new App({ context: { 'scrape-dedup:memorySize': '2048' } }));
    expect(read).toThrow('unknown context scrape-dedup:memorySize; did you mean scrape-dedup:memoryMb?');
  });
});

describe('CDK app entry (bin/app.ts)', () => {
  it('reports a bad context value as one line on stderr and exit code 1, not a stack trace', () => {
    // Act: the app as `cdk synth -c scrape-dedup:removalPolicy=snapshot` runs it (context through CDK_CONTEXT_JSON)
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ [CONTEXT_KEYS.removalPolicy]: 'snapshot' }), NODE_NO_WARNINGS: '1' },
      encoding: 'utf8',
    });
    // Assess
    expect(child.status).toBe(1);
    expect(child.stderr).toBe('scrape-dedup: context scrape-dedup:removalPolicy must be "retain" or "destroy", got "snapshot"\n');
    expect(child.stdout).toBe('');
  }, 60_000);
});
