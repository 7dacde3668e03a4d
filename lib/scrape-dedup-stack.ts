// The scrape-dedup stack: bucket -> S3 notification -> queue (+ DLQ) -> function -> table,
// with least-privilege grants, alarms and outputs. Each part lives in its own file.
import { Aws, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { DEFAULT_INCOMING_PREFIX, STORE_TABLE_ACTIONS } from '../lambdas/adapters/table-schema.js';
import { alarmTopic } from './alarm-topic.js';
import type { AlarmTarget } from './alarm-topic.js';
import { PipelineAlarms } from './alarms.js';
import { Backfill } from './backfill.js';
import { checkFunctionTimeout } from './context.js';
import { PipelineDashboard } from './dashboard.js';
import { DedupFunction } from './dedup-function.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_LOG_LEVEL,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MEMORY_MB,
  DEFAULT_SERVICE_NAME,
  DEFAULT_STAGE,
  DEFAULT_TIMEOUT,
  VISIBILITY_TIMEOUT_FACTOR,
} from './defaults.js';
import { IngestQueue } from './ingest-queue.js';
import { acknowledge } from './nag.js';
import { RecordsTable } from './records-table.js';
import { ScrapeBucket } from './scrape-bucket.js';

/** Properties of {@link ScrapeDedupStack}. */
export interface ScrapeDedupStackProps extends StackProps, AlarmTarget {
  /**
   * Deployment stage: the `stage` dimension of the metrics and part of the dashboard's name
   * (the stack's name and tags come from bin/app.ts).
   * @default DEFAULT_STAGE ('prod'); bin/app.ts passes context `scrape-dedup:stage`
   */
  readonly stage?: string;
  /**
   * AWS X-Ray tracing with Powertools Tracer.
   * @default false; bin/app.ts passes context `scrape-dedup:tracing`
   */
  readonly tracing?: boolean;
  /**
   * Powertools log level of the function.
   * @default DEFAULT_LOG_LEVEL ('INFO'); bin/app.ts passes context `scrape-dedup:logLevel`
   */
  readonly logLevel?: string;
  /**
   * Prefix whose new objects are processed.
   * @default DEFAULT_INCOMING_PREFIX ('incoming/'); bin/app.ts passes context `scrape-dedup:incomingPrefix`
   */
  readonly incomingPrefix?: string;
  /**
   * What `cdk destroy` does with the buckets, table and log group.
   * @default RemovalPolicy.RETAIN; bin/app.ts passes context `scrape-dedup:removalPolicy`
   */
  readonly removalPolicy?: RemovalPolicy;
  /**
   * Folders of the scrapes bucket, besides the incoming prefix, a backfill may be started on.
   * @default - none; bin/app.ts passes context `scrape-dedup:backfillPrefixes`
   */
  readonly backfillPrefixes?: readonly string[];
  /**
   * Other buckets, by name, a backfill may list and the function may read.
   * @default - none; bin/app.ts passes context `scrape-dedup:backfillBuckets`
   */
  readonly backfillBuckets?: readonly string[];
  /**
   * Function memory in MB.
   * @default DEFAULT_MEMORY_MB
   */
  readonly memorySize?: number;
  /**
   * Function timeout; the queue's visibility timeout follows it.
   * @default DEFAULT_TIMEOUT
   */
  readonly timeout?: Duration;
  /**
   * Messages per invocation.
   * @default DEFAULT_BATCH_SIZE (10)
   */
  readonly batchSize?: number;
  /**
   * Most concurrent invocations the queue may start.
   * @default DEFAULT_MAX_CONCURRENCY (10)
   */
  readonly maxConcurrency?: number;
  /**
   * Receives before a message is dead-lettered.
   * @default DEFAULT_MAX_RECEIVE_COUNT (3)
   */
  readonly maxReceiveCount?: number;
  /**
   * Actions for the alarms, besides the topic of `alarmEmail` / `alarmTopicArn`.
   * @default - none
   */
  readonly alarmActions?: readonly cloudwatch.IAlarmAction[];
  /**
   * Handler module to bundle (tests only).
   * @default lambdas/handler.ts
   */
  readonly handlerEntry?: string;
}

/** Stack output names, shared with the README and the tests. */
export const STACK_OUTPUTS = {
  bucketName: 'BucketName',
  tableName: 'TableName',
  queueUrl: 'QueueUrl',
  deadLetterQueueUrl: 'DeadLetterQueueUrl',
  functionName: 'FunctionName',
  backfillStateMachineArn: 'BackfillStateMachineArn',
  dashboardUrl: 'DashboardUrl',
  uploadCommand: 'NextStep1Upload',
  listCommand: 'NextStep2List',
  alarmTopicArn: 'AlarmTopicArn',
} as const;

/**
 * The whole pipeline. Environment-agnostic unless `env` is given, so `cdk synth` needs no
 * AWS account.
 *
 * @example
 * const app = new App();
 * new ScrapeDedupStack(app, 'ScrapeDedup', { incomingPrefix: 'incoming/' });
 */
export class ScrapeDedupStack extends Stack {
  public readonly scrapes: ScrapeBucket;
  public readonly ingest: IngestQueue;
  public readonly records: RecordsTable;
  public readonly dedup: DedupFunction;
  public readonly alarms: PipelineAlarms;
  public readonly backfill: Backfill;
  public readonly dashboard: PipelineDashboard;

  public constructor(scope: Construct, id: string, props: ScrapeDedupStackProps = {}) {
    super(scope, id, props);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const stage = props.stage ?? DEFAULT_STAGE;
    // The store's index leases (lambdas/core/settings.ts) assume no invocation outlives them.
    const timeout = checkFunctionTimeout(props.timeout ?? DEFAULT_TIMEOUT);
    const batchSize = props.batchSize ?? DEFAULT_BATCH_SIZE;
    const maxConcurrency = props.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    const serviceName = DEFAULT_SERVICE_NAME;

    // Storage first: the function's environment and grants name it.
    this.scrapes = new ScrapeBucket(this, 'Scrapes', {
      incomingPrefix: props.incomingPrefix ?? DEFAULT_INCOMING_PREFIX,
      removalPolicy,
    });
    this.records = new RecordsTable(this, 'Records', { removalPolicy });

    // Then the function, then the queue sized from its timeout.
    this.dedup = new DedupFunction(this, 'Dedup', {
      table: this.records.table,
      incomingPrefix: this.scrapes.incomingPrefix,
      memorySize: props.memorySize ?? DEFAULT_MEMORY_MB,
      timeout,
      removalPolicy,
      stage,
      serviceName,
      logLevel: props.logLevel ?? DEFAULT_LOG_LEVEL,
      tracing: props.tracing ?? false,
      ...(props.handlerEntry === undefined ? {} : { entry: props.handlerEntry }),
    });
    this.ingest = new IngestQueue(this, 'Ingest', {
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * VISIBILITY_TIMEOUT_FACTOR),
      ...(props.maxReceiveCount === undefined ? {} : { maxReceiveCount: props.maxReceiveCount }),
    });

    // Wiring: bucket -> queue -> function.
    this.scrapes.notifyOnIncoming(this.ingest.queue);
    this.dedup.function.addEventSource(
      new sources.SqsEventSource(this.ingest.queue, {
        batchSize,
        reportBatchItemFailures: true,
        maxConcurrency,
      }),
    );

    // Grants: read incoming scrapes (and list the bucket, so a deleted object reads as 404), read/write the table; nothing else.
    this.scrapes.grantReadIncoming(this.dedup.function);
    this.records.table.grant(this.dedup.function, ...STORE_TABLE_ACTIONS.map((action) => `dynamodb:${action}`));
    acknowledge(
      this.dedup.role,
      `AwsSolutions-IAM5[Resource::<${this.resolveLogicalId(this.records.table.node.defaultChild)}.Arn>/index/*]`,
      'The table grant (the five calls the store makes) covers the table\'s own indexes (tableArn/index/*), which the store queries to list records by kind; no other table is reachable.',
    );
    acknowledge(
      this.dedup.role,
      `AwsSolutions-IAM5[Resource::<${this.resolveLogicalId(this.scrapes.bucket.node.defaultChild)}.Arn>/${this.scrapes.incomingPrefix}*]`,
      'Scrape keys are chosen by whoever uploads them, so the read grant covers every object under the incoming prefix and nothing outside it.',
    );

    // Crawl files (issue 13): large WARC / JSON Lines files fan out as record-range messages on
    // the function's own queue; the backfill feeds listed objects to the same queue.
    this.ingest.queue.grantSendMessages(this.dedup.function);
    this.dedup.function.addEnvironment('QUEUE_URL', this.ingest.queue.queueUrl);
    this.backfill = new Backfill(this, 'Backfill', {
      bucket: this.scrapes.bucket,
      prefix: this.scrapes.incomingPrefix,
      extraPrefixes: props.backfillPrefixes ?? [],
      otherBucketNames: props.backfillBuckets ?? [],
      queue: this.ingest.queue,
      removalPolicy,
    });
    // The function reads what a backfill may send it: the configured folders and buckets, nothing more.
    this.backfill.grantReadSources(this.dedup.role);

    const notify = alarmTopic(this, 'AlarmTopic', props);
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      queue: this.ingest.queue,
      deadLetterQueue: this.ingest.deadLetterQueue,
      function: this.dedup.function,
      alarmActions: [...(props.alarmActions ?? []), ...(notify?.actions ?? [])],
    });
    this.dashboard = new PipelineDashboard(this, 'Dashboard', {
      stage,
      serviceName,
      queue: this.ingest.queue,
      deadLetterQueue: this.ingest.deadLetterQueue,
      function: this.dedup.function,
      timeout,
      maxConcurrency,
      alarms: this.alarms,
    });

    new CfnOutput(this, STACK_OUTPUTS.bucketName, {
      value: this.scrapes.bucket.bucketName,
      description: `Upload scrapes under s3://<this>/${this.scrapes.incomingPrefix}`,
    });
    new CfnOutput(this, STACK_OUTPUTS.tableName, {
      value: this.records.table.tableName,
      description: 'Records table (scrape-dedup list --table <this>)',
    });
    new CfnOutput(this, STACK_OUTPUTS.queueUrl, { value: this.ingest.queue.queueUrl });
    new CfnOutput(this, STACK_OUTPUTS.deadLetterQueueUrl, { value: this.ingest.deadLetterQueue.queueUrl });
    new CfnOutput(this, STACK_OUTPUTS.functionName, { value: this.dedup.function.functionName });
    // What to run next, with this stage's real names filled in (cdk deploy prints outputs last).
    new CfnOutput(this, STACK_OUTPUTS.uploadCommand, {
      value: `aws s3 cp --recursive ./scrapes s3://${this.scrapes.bucket.bucketName}/${this.scrapes.incomingPrefix}`,
      description: 'Next: upload scrapes (every new object under the incoming prefix is processed once)',
    });
    new CfnOutput(this, STACK_OUTPUTS.listCommand, {
      value: `AWS_REGION=${Aws.REGION} npx scrape-dedup list --table ${this.records.table.tableName}`,
      description: 'Then: list the canonical articles found so far',
    });
    new CfnOutput(this, STACK_OUTPUTS.dashboardUrl, {
      value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards/dashboard/${this.dashboard.dashboardName}`,
      description: 'Documents by outcome, rejections, write units, queue depth and age, errors and throttles',
    });
    if (notify !== undefined) {
      new CfnOutput(this, STACK_OUTPUTS.alarmTopicArn, {
        value: notify.topic.topicArn,
        description: props.alarmEmail === undefined ? 'The alarms publish here' : `The alarms publish here; ${props.alarmEmail} must confirm the subscription e-mail first`,
      });
    }
    new CfnOutput(this, STACK_OUTPUTS.backfillStateMachineArn, {
      value: this.backfill.stateMachine.stateMachineArn,
      description: 'Feeds objects already in a bucket to the pipeline: aws stepfunctions start-execution --state-machine-arn <this> [--input \'{"prefix":"...","bucket":"..."}\'] (default: the incoming prefix)',
    });
  }

  private resolveLogicalId(element: unknown): string {
    return this.resolve((element as { logicalId: string }).logicalId) as string;
  }
}
