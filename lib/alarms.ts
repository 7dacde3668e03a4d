// CloudWatch alarms that say the pipeline needs a person: dead letters (objects with no
// result), a backlog that is not drained, failed invocations and throttled invocations.
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ALARM_PERIOD,
  DLQ_DEPTH_THRESHOLD,
  FUNCTION_ERRORS_THRESHOLD,
  FUNCTION_THROTTLES_THRESHOLD,
  QUEUE_AGE_ALARM_THRESHOLD,
} from './defaults.js';

/** Properties of {@link PipelineAlarms}. */
export interface PipelineAlarmsProps {
  /** The ingest queue (its oldest message's age is watched). */
  readonly queue: sqs.IQueue;
  /** The ingest queue's dead-letter queue. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The dedup function. */
  readonly function: lambda.IFunction;
  /**
   * Actions run when an alarm fires (e.g. an SNS topic that pages someone).
   * @default - none: the alarms show in the CloudWatch console only
   */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
}

/**
 * The four alarms of the pipeline. Missing data counts as healthy: an idle pipeline emits
 * no Errors or Throttles data points at all.
 *
 * @example
 * new PipelineAlarms(this, 'Alarms', { queue: ingest.queue, deadLetterQueue: ingest.deadLetterQueue, function: dedup.function });
 */
export class PipelineAlarms extends Construct {
  /** Fires when the dead-letter queue holds a message. */
  public readonly deadLetterDepth: cloudwatch.Alarm;
  /** Fires when the ingest queue's oldest message is older than QUEUE_AGE_ALARM_THRESHOLD. */
  public readonly queueAge: cloudwatch.Alarm;
  /** Fires when invocations fail (timeout, crash, unhandled error). */
  public readonly functionErrors: cloudwatch.Alarm;
  /** Fires when invocations are throttled. */
  public readonly functionThrottles: cloudwatch.Alarm;

  public constructor(scope: Construct, id: string, props: PipelineAlarmsProps) {
    super(scope, id);
    const common = {
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    };

    this.deadLetterDepth = new cloudwatch.Alarm(this, 'DeadLetterDepth', {
      ...common,
      metric: props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: ALARM_PERIOD,
        statistic: cloudwatch.Stats.MAXIMUM,
      }),
      threshold: DLQ_DEPTH_THRESHOLD,
      alarmDescription: 'Scrapes failed processing repeatedly and were moved to the dead-letter queue; they have no record.',
    });
    this.queueAge = new cloudwatch.Alarm(this, 'QueueAge', {
      ...common,
      metric: props.queue.metricApproximateAgeOfOldestMessage({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: QUEUE_AGE_ALARM_THRESHOLD.toSeconds(),
      alarmDescription:
        'The ingest queue is not being drained: its oldest message is hours old. Messages still unprocessed at the end of the 14-day retention are deleted without reaching the dead-letter queue.',
    });
    this.functionErrors = new cloudwatch.Alarm(this, 'FunctionErrors', {
      ...common,
      metric: props.function.metricErrors({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: FUNCTION_ERRORS_THRESHOLD,
      alarmDescription: 'The dedup function failed whole invocations (timeout, crash or unhandled error).',
    });
    this.functionThrottles = new cloudwatch.Alarm(this, 'FunctionThrottles', {
      ...common,
      metric: props.function.metricThrottles({ period: ALARM_PERIOD, statistic: cloudwatch.Stats.SUM }),
      threshold: FUNCTION_THROTTLES_THRESHOLD,
      alarmDescription: 'The dedup function was throttled: the account has less free concurrency than maxConcurrency.',
    });

    for (const alarm of [this.deadLetterDepth, this.queueAge, this.functionErrors, this.functionThrottles]) {
      alarm.addAlarmAction(...(props.alarmActions ?? []));
    }
  }
}
