// The handler's metrics: what each invocation decided, written as CloudWatch embedded metric
// format (EMF) lines by Powertools Metrics when the invocation ends. The lines are read back from
// standard output and checked as CloudWatch would read them (namespace, dimension sets, values).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CapacityCounts } from '../../lambdas/adapters/capacity-meter.js';
import { createHandler } from '../../lambdas/handler.js';
import { METRIC_NAMES, METRICS_NAMESPACE, STAGE_ENV } from '../../lambdas/metric-names.js';
import { createPowertoolsMetrics, InvocationMetrics } from '../../lambdas/pipeline-metrics.js';
import type { ObjectProcessor, ProcessedObject } from '../../lambdas/process-object.js';
import { TOO_LARGE_CODE } from '../../lambdas/process-object.js';
import { s3Event, sqsEvent } from '../helpers/factories.js';
import { handlerTestDeps } from './handler-deps.js';

const s3Mock = mockClient(S3Client);
const dynamoMock = mockClient(DynamoDBClient);

/** One EMF line as CloudWatch reads it. */
interface EmfLine {
  readonly _aws: { Timestamp: number; CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string; Unit: string }> }> };
  readonly [key: string]: unknown;
}

let stdout: string[] = [];

/** The EMF lines written since the test started. */
function emfLines(): EmfLine[] {
  return stdout
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.startsWith('{"_aws"'))
    .map((line) => JSON.parse(line) as EmfLine);
}

/** The value of `name` in the line whose dimensions are `service`, `stage` plus `extra`. */
function metricValue(lines: readonly EmfLine[], name: string, extra: Record<string, string> = {}): unknown {
  const matching = lines.filter((line) => {
    const directive = line._aws.CloudWatchMetrics[0];
    if (!directive?.Metrics.some((metric) => metric.Name === name)) return false;
    const dimensions = directive.Dimensions[0] ?? [];
    return dimensions.length === 2 + Object.keys(extra).length && Object.entries(extra).every(([key, value]) => line[key] === value);
  });
  if (matching.length !== 1) throw new Error(`expected one line with ${name} ${JSON.stringify(extra)}, found ${matching.length}`);
  return matching[0]?.[name];
}

const object = (key: string, eTag = 'e1') => ({ bucket: 'scrapes', key, size: 10, eTag });
const noCapacity = (): CapacityCounts => ({ writeUnits: 0, readUnits: 0, failedConditionalWrites: 0, unmeteredWrites: 0 });

function metricsFor(capacity: () => CapacityCounts = noCapacity): InvocationMetrics {
  return new InvocationMetrics(createPowertoolsMetrics({ [STAGE_ENV]: 'test', POWERTOOLS_SERVICE_NAME: 'scrape-dedup' }), capacity);
}

const deps = (processor: ObjectProcessor | undefined, metrics: InvocationMetrics) => handlerTestDeps(processor, { metrics });

beforeEach(() => {
  s3Mock.reset();
  dynamoMock.reset();
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
});

describe('Handler metrics (EMF)', () => {
  it('sums one batch: documents by outcome, rejections by code, duplicates, candidates, replays and capacity', async () => {
    // Prepare: six objects, one of which fails (it is retried, so it is not counted)
    const results: Record<string, ProcessedObject> = {
      'incoming/a.html': { outcome: 'canonical', version: 'e1', docId: 'd1', candidates: 2 },
      'incoming/b.html': { outcome: 'duplicate', version: 'e1', docId: 'd1', candidates: 3 },
      'incoming/c.bin': { outcome: 'rejected', version: 'e1', code: 'binary', reason: 'not text' },
      'incoming/d.html': { outcome: 'rejected', version: 'e1', code: TOO_LARGE_CODE, reason: 'too large' },
      'incoming/e.html': { outcome: 'canonical', version: 'e1', docId: 'd0', replay: true },
    };
    const processor = vi.fn<ObjectProcessor>(async (ref) => {
      const result = results[ref.key];
      if (result === undefined) throw new Error('throttled');
      return result;
    });
    const capacity = vi.fn(() => ({ writeUnits: 7.5, readUnits: 3, failedConditionalWrites: 1, unmeteredWrites: 0 }));
    const event = sqsEvent(...[...Object.keys(results), 'incoming/f.html'].map((key) => s3Event(object(key))));

    // Act
    const result = await createHandler(deps(processor, metricsFor(capacity)))(event);

    // Assess: the failed object went back to SQS, and the lines say what the rest came to
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: 'm-5' }]);
    const lines = emfLines();
    for (const line of lines) {
      expect(line._aws.CloudWatchMetrics[0]?.Namespace).toBe(METRICS_NAMESPACE);
      expect(line).toMatchObject({ service: 'scrape-dedup', stage: 'test' });
    }
    expect(metricValue(lines, METRIC_NAMES.documents, { outcome: 'canonical' })).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.documents, { outcome: 'duplicate' })).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.documents, { outcome: 'rejected' })).toBe(2);
    expect(() => metricValue(lines, METRIC_NAMES.documents, { outcome: 'unchanged' })).toThrow(/found 0/);
    expect(metricValue(lines, METRIC_NAMES.rejections, { code: 'binary' })).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.rejections, { code: TOO_LARGE_CODE })).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.duplicates)).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.candidatesChecked)).toBe(5);
    expect(metricValue(lines, METRIC_NAMES.replays)).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.writeUnits)).toBe(7.5);
    expect(metricValue(lines, METRIC_NAMES.readUnits)).toBe(3);
    expect(metricValue(lines, METRIC_NAMES.failedConditionalWrites)).toBe(1);
    expect(capacity).toHaveBeenCalledTimes(1);
    const main = lines.find((line) => METRIC_NAMES.writeUnits in line);
    expect(main?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([['service', 'stage']]);
    expect(main?._aws.CloudWatchMetrics[0]?.Metrics).toContainEqual({ Name: METRIC_NAMES.writeUnits, Unit: 'Count' });
  });

  it('counts each record of a crawl file, and starts from zero at the next invocation', async () => {
    // Prepare: a WARC file whose records came to a canonical, a duplicate and a rejection
    const records: ProcessedObject[] = [
      { outcome: 'canonical', version: 'e1', record: '0', candidates: 0 },
      { outcome: 'duplicate', version: 'e1', record: '1', candidates: 4 },
      { outcome: 'rejected', version: 'e1', record: '2', code: 'http-status' },
    ];
    const processor = vi.fn<ObjectProcessor>(async () => ({ outcome: 'canonical', version: 'e1', records }) as ProcessedObject);
    const handle = createHandler(deps(processor, metricsFor()));

    // Act
    await handle(sqsEvent(s3Event(object('incoming/crawl.warc.gz'))));
    const first = emfLines();
    stdout = [];
    await handle({ Records: [] });
    const second = emfLines();

    // Assess
    expect(metricValue(first, METRIC_NAMES.documents, { outcome: 'canonical' })).toBe(1);
    expect(metricValue(first, METRIC_NAMES.documents, { outcome: 'rejected' })).toBe(1);
    expect(metricValue(first, METRIC_NAMES.rejections, { code: 'http-status' })).toBe(1);
    expect(metricValue(first, METRIC_NAMES.candidatesChecked)).toBe(4);
    // An invocation with nothing to do still writes its line of zeros (data, not a gap)
    expect(second).toHaveLength(1);
    expect(metricValue(second, METRIC_NAMES.duplicates)).toBe(0);
    expect(metricValue(second, METRIC_NAMES.writeUnits)).toBe(0);
  });

  it('writes the metrics of an invocation that throws (a direct S3 event with a failed object)', async () => {
    const processor = vi.fn<ObjectProcessor>(async (ref) => {
      if (ref.key.endsWith('bad.html')) throw new Error('boom');
      return { outcome: 'canonical', version: 'e1', docId: 'd1' };
    });
    const handle = createHandler(deps(processor, metricsFor()));
    await expect(handle(s3Event(object('incoming/ok.html'), object('incoming/bad.html')))).rejects.toThrow(/1 object/);
    expect(metricValue(emfLines(), METRIC_NAMES.documents, { outcome: 'canonical' })).toBe(1);
  });

  it('records a rejection the real processor makes, with S3 and DynamoDB mocked (aws-sdk-client-mock)', async () => {
    // Prepare: an object over the size limit is refused from its event, never downloaded
    dynamoMock.onAnyCommand().resolves({});
    const handle = createHandler({ ...deps(undefined, metricsFor()), maxObjectBytes: 100 });
    const event = sqsEvent(s3Event({ bucket: 'scrapes', key: 'incoming/huge.html', size: 5_000, eTag: 'e9' }));

    // Act
    const result = await handle(event);

    // Assess
    expect(result.batchItemFailures).toEqual([]);
    expect(s3Mock.calls()).toHaveLength(0);
    const lines = emfLines();
    expect(metricValue(lines, METRIC_NAMES.documents, { outcome: 'rejected' })).toBe(1);
    expect(metricValue(lines, METRIC_NAMES.rejections, { code: TOO_LARGE_CODE })).toBe(1);
  });

  it('writes the cold-start metric on the first invocation of a container only', async () => {
    // Prepare: Powertools reads the initialisation type Lambda sets
    process.env.AWS_LAMBDA_INITIALIZATION_TYPE = 'on-demand';
    const handle = createHandler(deps(vi.fn<ObjectProcessor>(), metricsFor()));
    const context = { functionName: 'dedup-fn', getRemainingTimeInMillis: () => 60_000 };

    // Act
    await handle({ Records: [] }, context);
    const first = emfLines();
    stdout = [];
    await handle({ Records: [] }, context);

    // Assess
    expect(metricValue(first, 'ColdStart', { function_name: 'dedup-fn' })).toBe(1);
    expect(emfLines().some((line) => 'ColdStart' in line)).toBe(false);
  });
});
