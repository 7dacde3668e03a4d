// The deployed artifact works: synthesise the app, load the function's bundle from the cloud
// assembly (the file `cdk deploy` uploads), give it the environment the template gives it,
// and run it against dynalite and s3rver with real S3-in-SQS events.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalStack } from '../../bin/local/local-stack.js';
import type { LocalStack } from '../../bin/local/local-stack.js';
import { s3PutEvent, sqsEventFor } from '../../bin/local/s3-event.js';
import { DynamoStore } from '../../lambdas/adapters/dynamo-store.js';
import { buildApp, findDeployedFunction, removeOutdir, SYNTH_TIMEOUT_MS } from '../helpers/cdk-app.js';
import type { DeployedFunction } from '../helpers/cdk-app.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

type DeployedHandler = (event: SQSEvent) => Promise<{ batchItemFailures: Array<{ itemIdentifier: string }> }>;

describe('Deployed bundle against dynalite and s3rver', () => {
  let outdir: string;
  let local: LocalStack;
  let deployed: DeployedFunction;
  let handler: DeployedHandler;
  let store: DynamoStore;
  const logLines: string[] = [];

  /** Uploads `body` under `key` and returns the SQS event the stack's queue would deliver. */
  async function upload(key: string, body: string, contentType: string): Promise<SQSEvent> {
    const put = await local.s3.send(new PutObjectCommand({ Bucket: local.bucket, Key: key, Body: body, ContentType: contentType }));
    const eTag = (put.ETag ?? '').replace(/"/g, '');
    return sqsEventFor(s3PutEvent({ bucket: local.bucket, key, size: Buffer.byteLength(body), eTag }));
  }

  beforeAll(async () => {
    // Prepare: synthesise (cdk-nag on) and find the bundle the template deploys
    const built = buildApp();
    outdir = built.outdir;
    built.app.synth();
    deployed = findDeployedFunction(built.stack, outdir);

    // The template's environment with the table name made local, plus the local endpoints
    local = await startLocalStack();
    const environment = Object.fromEntries(
      Object.entries(deployed.environment).filter(([, value]) => typeof value === 'string'),
    ) as Record<string, string>;
    Object.assign(process.env, environment, local.env);
    store = new DynamoStore({ client: local.dynamo, tableName: local.tableName });

    // Powertools writes JSON lines to stdout; keep them to check the decision log.
    const write = process.stdout.write.bind(process.stdout);
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logLines.push(String(chunk));
      return write(chunk as string, ...(rest as []));
    });

    const module = (await import(pathToFileURL(deployed.bundle).href)) as Record<string, unknown>;
    handler = module[deployed.handler.replace(/^index\./, '')] as DeployedHandler;
  }, SYNTH_TIMEOUT_MS);

  afterAll(async () => {
    vi.restoreAllMocks();
    await local?.close();
    removeOutdir(outdir);
  });

  it('is an ES module bundle that keeps the AWS SDK out and Powertools and the parsers in', () => {
    // Prepare
    const source = readFileSync(deployed.bundle, 'utf8');
    // Assess: the runtime provides the SDK, so it is imported, not inlined ...
    expect(source).toMatch(/from\s*"@aws-sdk\/client-s3"/);
    expect(source).toMatch(/from\s*"@aws-sdk\/client-dynamodb"/);
    expect(source).not.toMatch(/S3ServiceException\s*=\s*class|class \w+ extends S3ServiceException/);
    // ... while nothing else is left to resolve at run time: static and dynamic imports name
    // only the SDK and Node built-ins, and require() (CommonJS parts) only built-ins.
    const imported = [
      ...source.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w$*{}\s,]+?\s*from\s*)?"([^"]+)"/g),
      ...source.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g),
    ].map((match) => match[1] as string);
    const required = [...source.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((match) => match[1] as string);
    const isBuiltin = (name: string): boolean => builtinModules.includes(name.replace(/^node:/, ''));
    expect(imported).toEqual(expect.arrayContaining(['@aws-sdk/client-s3', '@aws-sdk/client-dynamodb']));
    expect(imported.filter((name) => !isBuiltin(name) && !name.startsWith('@aws-sdk/'))).toEqual([]);
    expect(required.filter((name) => !isBuiltin(name))).toEqual([]);
    expect(source).toContain('POWERTOOLS_SERVICE_NAME');
    expect(source).toContain('POWERTOOLS_METRICS_NAMESPACE');
    // Tracing is off by default: the X-Ray SDK (lambdas/handler-traced.ts) is not in this bundle.
    expect(source).not.toContain('AWS_XRAY_DAEMON_ADDRESS');
    expect(typeof handler).toBe('function');
  });

  it('records a canonical article and its re-rendered web page as a duplicate, and reports a bad message', async () => {
    // Prepare: the plain-text article, the same article as an HTML page, and a message that is not JSON
    const text = readFileSync(path.join(FIXTURES, 'article.txt'), 'utf8');
    const page = readFileSync(path.join(FIXTURES, 'article-page.html'), 'utf8');
    const first = await upload('incoming/courier/bridge.txt', text, 'text/plain; charset=utf-8');
    const second = await upload('incoming/courier/bridge page.html', page, 'text/html; charset=utf-8');
    const broken = sqsEventFor(s3PutEvent({ bucket: local.bucket, key: 'incoming/never-uploaded.txt', size: 1 }));
    const badRecord = { ...broken.Records[0]!, body: 'not json' };
    const event: SQSEvent = { Records: [first.Records[0]!, second.Records[0]!, badRecord] };

    // Act
    const result = await handler(event);

    // Assess: only the bad message is handed back to SQS
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: badRecord.messageId }]);
    const canonical = await store.getLatestSource(local.bucket, 'incoming/courier/bridge.txt');
    const duplicate = await store.getLatestSource(local.bucket, 'incoming/courier/bridge page.html');
    expect(canonical).toMatchObject({ outcome: 'canonical' });
    expect(canonical?.docId).toEqual(expect.any(String));
    expect(duplicate).toMatchObject({ outcome: 'duplicate', docId: canonical?.docId });
    const record = await store.getCanonical(canonical?.docId as string, { withText: true });
    expect(record?.title).toBe('Harbour Bridge Reopens After Two Years of Repairs');
    expect(record?.text).toContain('concrete-filled steel tubes');
    expect(record?.duplicateCount).toBe(1);
  });

  it('changes nothing when SQS delivers the same event again', async () => {
    // Prepare
    const text = readFileSync(path.join(FIXTURES, 'article.txt'), 'utf8');
    const event = await upload('incoming/courier/bridge.txt', text, 'text/plain; charset=utf-8');
    const before = await store.getLatestSource(local.bucket, 'incoming/courier/bridge.txt');
    const countBefore = (await store.getCanonical(before?.docId as string))?.duplicateCount;

    // Act: the same object version, delivered twice
    const results = [await handler(event), await handler(event)];

    // Assess
    expect(results.map((r) => r.batchItemFailures)).toEqual([[], []]);
    const after = await store.getLatestSource(local.bucket, 'incoming/courier/bridge.txt');
    expect(after?.docId).toBe(before?.docId);
    expect((await store.getCanonical(before?.docId as string))?.duplicateCount).toBe(countBefore);
  });

  it('logs one structured decision per object with the Powertools settings from the template', () => {
    const decisions = logLines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.message === 'decision');
    expect(decisions.length).toBeGreaterThanOrEqual(2);
    for (const entry of decisions) {
      expect(entry).toMatchObject({ service: deployed.environment.POWERTOOLS_SERVICE_NAME, level: 'INFO' });
    }
    expect(decisions.map((entry) => entry.outcome)).toEqual(expect.arrayContaining(['canonical', 'duplicate']));
  });

  it('writes EMF metrics per invocation: the stage, the decisions, and the write units dynalite reported', () => {
    // Assess: the lines CloudWatch would turn into metrics, with the template's namespace and stage
    const lines = logLines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.startsWith('{"_aws"'))
      .map((line) => JSON.parse(line) as Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string }> } });
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line._aws.CloudWatchMetrics[0]?.Namespace).toBe(deployed.environment.POWERTOOLS_METRICS_NAMESPACE);
      expect(line).toMatchObject({ service: deployed.environment.POWERTOOLS_SERVICE_NAME, stage: deployed.environment.SCRAPE_DEDUP_STAGE });
    }
    const total = (name: string, extra: Record<string, string> = {}): number =>
      lines
        .filter((line) => name in line && Object.entries(extra).every(([key, value]) => line[key] === value))
        .reduce((sum, line) => sum + (line[name] as number), 0);
    expect(total('Documents', { outcome: 'canonical' })).toBe(1);
    expect(total('Documents', { outcome: 'duplicate' })).toBe(1);
    expect(total('Duplicates')).toBe(1);
    expect(total('CandidatesChecked')).toBeGreaterThanOrEqual(1);
    // The redelivered event of the replay test: nothing decided, nothing counted twice
    expect(total('Replays')).toBeGreaterThanOrEqual(2);
    // The capacity meter read the ConsumedCapacity of the store's writes through the real SDK client
    expect(total('WriteUnits')).toBeGreaterThan(0);
    expect(total('UnmeteredWrites')).toBe(0);
  });
});
