// The function's business metrics, in CloudWatch's embedded metric format (Powertools Metrics):
// what one invocation decided, summed, and the DynamoDB capacity it consumed, written to the
// log as EMF lines at the end of the invocation. CloudWatch turns them into metrics without a
// PutMetricData call (no extra latency, no extra permission).
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { CapacityCounts } from './adapters/capacity-meter.js';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRICS_NAMESPACE, STAGE_ENV } from './metric-names.js';
import type { ProcessedObject } from './process-object.js';

/** Service name when POWERTOOLS_SERVICE_NAME is not set (as the logger's). */
const DEFAULT_SERVICE_NAME = 'scrape-dedup';

/** What an object (or a crawl file, or a range of one) came to, as the handler sees it. */
export type ObjectResult = ProcessedObject & { readonly records?: readonly ProcessedObject[] };

/**
 * The Powertools Metrics instance of the deployed function: namespace from
 * POWERTOOLS_METRICS_NAMESPACE (default `ScrapeDedup`), `service` from POWERTOOLS_SERVICE_NAME,
 * and the stage (SCRAPE_DEDUP_STAGE) as a dimension on every metric.
 *
 * @example
 * const metrics = createPowertoolsMetrics(process.env);
 */
export function createPowertoolsMetrics(env: NodeJS.ProcessEnv = process.env): Metrics {
  return new Metrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE || METRICS_NAMESPACE,
    serviceName: env.POWERTOOLS_SERVICE_NAME || DEFAULT_SERVICE_NAME,
    defaultDimensions: { [METRIC_DIMENSIONS.stage]: env[STAGE_ENV] || 'local' },
  });
}

/**
 * Sums one invocation's decisions and emits them when it ends: `Documents` by `outcome` and
 * `Rejections` by `code` (one EMF line per value, as a dimension can hold one value per line),
 * then one line with `Duplicates`, `CandidatesChecked`, `Replays` and the capacity counts, which
 * is written even when they are all zero (an idle invocation is data, not a gap).
 *
 * @example
 * const tally = new InvocationMetrics(createPowertoolsMetrics(), () => meter.take());
 * tally.recordObject(result);
 * tally.publish();
 */
export class InvocationMetrics {
  private outcomes = new Map<string, number>();
  private codes = new Map<string, number>();
  private duplicates = 0;
  private candidates = 0;
  private replays = 0;

  /**
   * @param metrics - where the lines go
   * @param capacity - the capacity consumed since the last call (a {@link CapacityMeter}'s `take`)
   */
  public constructor(
    private readonly metrics: Metrics,
    private readonly capacity: () => CapacityCounts,
  ) {}

  /** Emits the cold-start metric on a container's first invocation (Powertools keeps track). */
  public captureColdStart(functionName?: string): void {
    this.metrics.captureColdStartMetric(functionName);
  }

  /** Counts an object's documents: a crawl file's records one by one, a replay as a replay. */
  public recordObject(result: ObjectResult): void {
    if (result.replay === true) {
      this.replays += 1;
      return;
    }
    for (const document of result.records ?? [result]) {
      if (document.replay === true) {
        this.replays += 1;
        continue;
      }
      this.outcomes.set(document.outcome, (this.outcomes.get(document.outcome) ?? 0) + 1);
      if (document.outcome === 'rejected' && document.code !== undefined) this.codes.set(document.code, (this.codes.get(document.code) ?? 0) + 1);
      if (document.outcome === 'duplicate') this.duplicates += 1;
      this.candidates += document.candidates ?? 0;
    }
  }

  /** Writes the invocation's lines and starts again from zero. */
  public publish(): void {
    const { writeUnits, readUnits, failedConditionalWrites, unmeteredWrites } = this.capacity();
    const byDimension = (name: string, dimension: string, counts: ReadonlyMap<string, number>): void => {
      for (const [value, count] of counts) {
        // A single metric is written at once, with the default dimensions plus this one.
        this.metrics.singleMetric().addDimension(dimension, value).addMetric(name, MetricUnit.Count, count);
      }
    };
    byDimension(METRIC_NAMES.documents, METRIC_DIMENSIONS.outcome, this.outcomes);
    byDimension(METRIC_NAMES.rejections, METRIC_DIMENSIONS.code, this.codes);
    this.metrics
      .addMetric(METRIC_NAMES.duplicates, MetricUnit.Count, this.duplicates)
      .addMetric(METRIC_NAMES.candidatesChecked, MetricUnit.Count, this.candidates)
      .addMetric(METRIC_NAMES.replays, MetricUnit.Count, this.replays)
      .addMetric(METRIC_NAMES.writeUnits, MetricUnit.Count, writeUnits)
      .addMetric(METRIC_NAMES.readUnits, MetricUnit.Count, readUnits)
      .addMetric(METRIC_NAMES.failedConditionalWrites, MetricUnit.Count, failedConditionalWrites)
      .addMetric(METRIC_NAMES.unmeteredWrites, MetricUnit.Count, unmeteredWrites)
      .publishStoredMetrics();
    this.outcomes = new Map();
    this.codes = new Map();
    this.duplicates = 0;
    this.candidates = 0;
    this.replays = 0;
  }
}
