// The CloudWatch dashboard of one stage: what the function decided (its EMF metrics, names in
// lambdas/metric-names.ts), what it cost in DynamoDB capacity, and the operational signals the
// alarms watch (queue depth, oldest message's age, dead letters, errors, throttles), side by side.
import { Aws, Stack } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { METRIC_DIMENSIONS, METRIC_NAMES, METRICS_NAMESPACE } from '../lambdas/metric-names.js';
import { OUTCOMES } from '../lambdas/dedup/types.js';
import type { PipelineAlarms } from './alarms.js';
import { DASHBOARD_PERIOD, QUEUE_AGE_ALARM_THRESHOLD } from './defaults.js';

/** Properties of {@link PipelineDashboard}. */
export interface PipelineDashboardProps {
  /** Stage whose metrics are shown (the `stage` dimension). */
  readonly stage: string;
  /** Powertools service name of the function (the `service` dimension). */
  readonly serviceName: string;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  readonly function: lambda.IFunction;
  /** The function's timeout, drawn on the duration graph. */
  readonly timeout: Duration;
  /** The event source's maximum concurrency, drawn on the concurrency graph. */
  readonly maxConcurrency: number;
  readonly alarms: PipelineAlarms;
}

/** Graph width: three graphs per row of CloudWatch's 24 columns. */
const WIDTH = 8;
const HEIGHT = 6;

/**
 * One dashboard per stage, named `<stack name>-<region>` (dashboard names are per account).
 *
 * @example
 * new PipelineDashboard(this, 'Dashboard', { stage: 'prod', serviceName: 'scrape-dedup', queue, deadLetterQueue, function: fn, timeout, maxConcurrency: 10, alarms });
 */
export class PipelineDashboard extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  /** Name of the dashboard (a token: it holds the region). */
  public readonly dashboardName: string;

  public constructor(scope: Construct, id: string, props: PipelineDashboardProps) {
    super(scope, id);
    const period = DASHBOARD_PERIOD;
    const dimensions = { service: props.serviceName, [METRIC_DIMENSIONS.stage]: props.stage };
    const custom = (metricName: string, label: string, extra: Record<string, string> = {}): cloudwatch.Metric =>
      new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, dimensionsMap: { ...dimensions, ...extra }, statistic: cloudwatch.Stats.SUM, period, label });
    const graph = (title: string, left: cloudwatch.IMetric[], options: Partial<cloudwatch.GraphWidgetProps> = {}): cloudwatch.GraphWidget =>
      new cloudwatch.GraphWidget({ title, left, width: WIDTH, height: HEIGHT, period, ...options });

    const documents = Object.values(OUTCOMES).map((outcome) => custom(METRIC_NAMES.documents, outcome, { [METRIC_DIMENSIONS.outcome]: outcome }));
    // Rejection codes are an open set: a search finds every code the function has emitted.
    const schema = `{${METRICS_NAMESPACE},${METRIC_DIMENSIONS.code},service,${METRIC_DIMENSIONS.stage}}`;
    const rejections = new cloudwatch.MathExpression({
      expression: `SEARCH('${schema} MetricName="${METRIC_NAMES.rejections}" ${METRIC_DIMENSIONS.stage}="${props.stage}" service="${props.serviceName}"', 'Sum', ${period.toSeconds()})`,
      label: '',
      period,
    });
    const writeUnits = custom(METRIC_NAMES.writeUnits, 'write units (reported)');
    const perDocument = new cloudwatch.MathExpression({
      expression: 'w / (d0 + d1 + d2 + d3)',
      usingMetrics: { w: writeUnits, ...Object.fromEntries(documents.map((metric, index) => [`d${index}`, metric])) },
      label: 'write units per document',
      period,
    });

    const queueMax = (metric: cloudwatch.Metric, label: string): cloudwatch.Metric => metric.with({ statistic: cloudwatch.Stats.MAXIMUM, period, label });
    const fnSum = (metric: cloudwatch.Metric, label: string): cloudwatch.Metric => metric.with({ statistic: cloudwatch.Stats.SUM, period, label });

    this.dashboardName = `${Stack.of(this).stackName}-${Aws.REGION}`;
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: this.dashboardName,
      widgets: [
        [
          new cloudwatch.TextWidget({
            markdown: `# scrape-dedup, stage ${props.stage}\nDocuments, rejections and DynamoDB capacity come from the function's embedded metric format lines (namespace ${METRICS_NAMESPACE}); the rest are AWS metrics of the queue and the function. Sums per ${period.toMinutes()} minutes.`,
            width: 24,
            height: 2,
          }),
        ],
        [
          graph('Documents by outcome', documents, { stacked: true }),
          graph('Rejections by code', [rejections], { stacked: true }),
          graph('Duplicates, candidates checked, replays', [custom(METRIC_NAMES.duplicates, 'duplicates'), custom(METRIC_NAMES.replays, 'replays')], {
            right: [custom(METRIC_NAMES.candidatesChecked, 'candidates checked')],
          }),
        ],
        [
          graph('DynamoDB capacity consumed', [writeUnits, custom(METRIC_NAMES.readUnits, 'read units (reported)')], {
            right: [custom(METRIC_NAMES.failedConditionalWrites, 'failed conditional writes (>= 1 WRU each)'), custom(METRIC_NAMES.unmeteredWrites, 'unmetered writes')],
          }),
          graph('Write units per document', [perDocument]),
          new cloudwatch.AlarmStatusWidget({
            title: 'Alarms',
            alarms: [props.alarms.deadLetterDepth, props.alarms.queueAge, props.alarms.functionErrors, props.alarms.functionThrottles],
            width: WIDTH,
            height: HEIGHT,
          }),
        ],
        [
          graph('Ingest queue depth', [
            queueMax(props.queue.metricApproximateNumberOfMessagesVisible(), 'waiting'),
            queueMax(props.queue.metricApproximateNumberOfMessagesNotVisible(), 'in flight'),
            queueMax(props.deadLetterQueue.metricApproximateNumberOfMessagesVisible(), 'dead letters'),
          ]),
          graph('Oldest message age (seconds)', [queueMax(props.queue.metricApproximateAgeOfOldestMessage(), 'oldest message')], {
            leftAnnotations: [{ value: QUEUE_AGE_ALARM_THRESHOLD.toSeconds(), label: 'alarm', color: cloudwatch.Color.RED }],
          }),
          graph('Function errors and throttles', [fnSum(props.function.metricErrors(), 'errors'), fnSum(props.function.metricThrottles(), 'throttles')], {
            right: [fnSum(props.function.metricInvocations(), 'invocations')],
          }),
        ],
        [
          graph('Function duration (ms)', [
            props.function.metricDuration({ statistic: cloudwatch.Stats.percentile(50), period, label: 'p50' }),
            props.function.metricDuration({ statistic: cloudwatch.Stats.percentile(99), period, label: 'p99' }),
            props.function.metricDuration({ statistic: cloudwatch.Stats.MAXIMUM, period, label: 'max' }),
          ], { leftAnnotations: [{ value: props.timeout.toMilliseconds(), label: 'timeout', color: cloudwatch.Color.RED }] }),
          graph('Concurrent executions', [
            new cloudwatch.Metric({
              namespace: 'AWS/Lambda',
              metricName: 'ConcurrentExecutions',
              dimensionsMap: { FunctionName: props.function.functionName },
              statistic: cloudwatch.Stats.MAXIMUM,
              period,
              label: 'concurrent executions',
            }),
          ], { leftAnnotations: [{ value: props.maxConcurrency, label: 'maxConcurrency' }] }),
          graph('Cold starts', [custom('ColdStart', 'cold starts', { function_name: props.function.functionName })]),
        ],
      ],
    });
  }
}
