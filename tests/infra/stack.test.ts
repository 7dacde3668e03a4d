// The synthesised template: every resource and property issue 5 asks for, and the wiring
// bucket -> notification -> queue (+ DLQ) -> event source -> function -> table.
import { Duration, Token } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_INDEX, TABLE_KEYS } from '../../lambdas/adapters/table-schema.js';
import { LEASE_SAFETY_MARGIN_MS, LEASE_TTL_MS } from '../../lambdas/core/settings.js';
import { StackConfigError } from '../../lib/context.js';
import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_LOG_LEVEL,
  DEFAULT_MAX_CONCURRENCY,
  DEFAULT_MAX_OBJECT_BYTES,
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_MEMORY_MB,
  DEFAULT_SERVICE_NAME,
  DEFAULT_TIMEOUT,
  DLQ_RETENTION,
  QUEUE_AGE_ALARM_THRESHOLD,
  QUEUE_RETENTION,
  VISIBILITY_TIMEOUT_FACTOR,
} from '../../lib/defaults.js';
import { STACK_OUTPUTS } from '../../lib/scrape-dedup-stack.js';
import type { ScrapeDedupStack } from '../../lib/scrape-dedup-stack.js';
import { buildApp, removeOutdir, SYNTH_TIMEOUT_MS } from '../helpers/cdk-app.js';

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown }>;

/** Logical id of the CloudFormation resource behind an L2 construct. */
function logicalId(stack: ScrapeDedupStack, construct: IConstruct): string {
  return stack.resolve((construct.node.defaultChild as CfnElement).logicalId) as string;
}

/** Synthesises (running cdk-nag) and returns the template of the stack. */
function synthTemplate(options: Parameters<typeof buildApp>[0] = {}): { template: Template; stack: ScrapeDedupStack; outdir: string } {
  const { app, stack, outdir } = buildApp(options);
  app.synth();
  return { template: Template.fromStack(stack), stack, outdir };
}

// The CLI sets these when it knows an account; this file checks the agnostic default.
delete process.env.CDK_DEFAULT_ACCOUNT;
delete process.env.CDK_DEFAULT_REGION;

describe('Stack: ScrapeDedup with cdk.json context', () => {
  let template: Template;
  let stack: ScrapeDedupStack;
  let outdir: string;
  let ids: { bucket: string; logs: string; queue: string; dlq: string; fn: string; table: string; logGroup: string };

  beforeAll(() => {
    ({ template, stack, outdir } = synthTemplate());
    ids = {
      bucket: logicalId(stack, stack.scrapes.bucket),
      logs: logicalId(stack, stack.scrapes.accessLogsBucket),
      queue: logicalId(stack, stack.ingest.queue),
      dlq: logicalId(stack, stack.ingest.deadLetterQueue),
      fn: logicalId(stack, stack.dedup.function),
      table: logicalId(stack, stack.records.table),
      logGroup: logicalId(stack, stack.dedup.logGroup),
    };
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => removeOutdir(outdir));

  describe('scrapes bucket', () => {
    it('blocks all public access, is encrypted and versioned, and logs access to the logs bucket', () => {
      // Assess
      template.hasResource('AWS::S3::Bucket', {
        Properties: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            BlockPublicPolicy: true,
            IgnorePublicAcls: true,
            RestrictPublicBuckets: true,
          },
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
          },
          VersioningConfiguration: { Status: 'Enabled' },
          LoggingConfiguration: { DestinationBucketName: { Ref: ids.logs } },
        },
        DeletionPolicy: 'Retain',
      });
      expect(Object.keys(template.findResources('AWS::S3::Bucket'))).toEqual(expect.arrayContaining([ids.bucket, ids.logs]));
    });

    it('denies every request that is not over TLS, on both buckets', () => {
      for (const bucketId of [ids.bucket, ids.logs]) {
        template.hasResourceProperties('AWS::S3::BucketPolicy', {
          Bucket: { Ref: bucketId },
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({
                Effect: 'Deny',
                Action: 's3:*',
                Principal: { AWS: '*' },
                Condition: { Bool: { 'aws:SecureTransport': 'false' } },
              }),
            ]),
          },
        });
      }
    });

    it('keeps the access-logs bucket private and encrypted too', () => {
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicPolicy: true, RestrictPublicBuckets: true }),
          BucketEncryption: Match.anyValue(),
          LoggingConfiguration: Match.absent(),
        }),
      });
    });
  });

  describe('notification and queues', () => {
    it('sends ObjectCreated events under incoming/ (and nothing else) to the ingest queue', () => {
      template.resourceCountIs('Custom::S3BucketNotifications', 1);
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        BucketName: { Ref: ids.bucket },
        NotificationConfiguration: {
          QueueConfigurations: [
            {
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'incoming/' }] } },
              QueueArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
            },
          ],
        },
      });
    });

    it('lets only this bucket, in this account, send to the queue, and only over TLS', () => {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: ids.queue }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            Match.objectLike({
              Effect: 'Allow',
              Principal: { Service: 's3.amazonaws.com' },
              Action: Match.arrayWith(['sqs:SendMessage']),
              Condition: {
                ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [ids.bucket, 'Arn'] } },
                // Issue 10: a bucket of the same name in another account cannot send (confused deputy).
                StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              },
            }),
          ]),
        },
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: ids.dlq }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    });

    it('encrypts the queue, redrives to the DLQ after a few receives, and times out 6x the function', () => {
      const queue = template.findResources('AWS::SQS::Queue')[ids.queue]?.Properties as Record<string, unknown>;
      const fn = template.findResources('AWS::Lambda::Function')[ids.fn]?.Properties as Record<string, number>;
      expect(queue).toMatchObject({
        SqsManagedSseEnabled: true,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [ids.dlq, 'Arn'] }, maxReceiveCount: DEFAULT_MAX_RECEIVE_COUNT },
      });
      expect(DEFAULT_MAX_RECEIVE_COUNT).toBeLessThanOrEqual(5);
      expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(VISIBILITY_TIMEOUT_FACTOR * (fn.Timeout as number));
    });

    it('encrypts the DLQ and keeps messages and dead letters for the SQS maximum, 14 days', () => {
      const resources = template.findResources('AWS::SQS::Queue') as Resources;
      const dlq = resources[ids.dlq]?.Properties as Record<string, number>;
      const queue = resources[ids.queue]?.Properties as Record<string, number>;
      const fourteenDays = 14 * 24 * 3600;
      expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: DLQ_RETENTION.toSeconds() });
      expect(dlq.RedrivePolicy).toBeUndefined();
      expect([queue.MessageRetentionPeriod, dlq.MessageRetentionPeriod]).toEqual([fourteenDays, fourteenDays]);
    });

    it('lets only the ingest queue move messages into the DLQ (RedriveAllowPolicy byQueue)', () => {
      const resources = template.findResources('AWS::SQS::Queue') as Resources;
      const queue = resources[ids.queue]?.Properties as Record<string, unknown>;
      const dlq = resources[ids.dlq]?.Properties as Record<string, unknown>;
      const allow = dlq.RedriveAllowPolicy as { redrivePermission: string; sourceQueueArns: unknown[] };
      expect(allow.redrivePermission).toBe('byQueue');
      expect(allow.sourceQueueArns).toHaveLength(1);
      // The ARN is built from the ingest queue's fixed name (a GetAtt would be a cycle).
      expect(typeof queue.QueueName).toBe('string');
      expect(JSON.stringify(stack.resolve(allow.sourceQueueArns[0]))).toContain(`:${String(queue.QueueName)}`);
    });

    it('feeds the function from the queue in batches, with partial batch responses and a concurrency cap', () => {
      template.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        EventSourceArn: { 'Fn::GetAtt': [ids.queue, 'Arn'] },
        FunctionName: { Ref: ids.fn },
        BatchSize: DEFAULT_BATCH_SIZE,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        ScalingConfig: { MaximumConcurrency: DEFAULT_MAX_CONCURRENCY },
      });
    });
  });

  describe('function', () => {
    it('runs the bundled handler on nodejs22.x / arm64 with the measured memory and timeout', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: DEFAULT_MEMORY_MB,
        Timeout: DEFAULT_TIMEOUT.toSeconds(),
        Role: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DedupRole'), 'Arn'] },
        LoggingConfig: { LogGroup: { Ref: ids.logGroup } },
      });
    });

    it('tells the handler its table, prefix, object limit and Powertools settings', () => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: ids.table },
            INCOMING_PREFIX: 'incoming/',
            MAX_OBJECT_BYTES: String(DEFAULT_MAX_OBJECT_BYTES),
            POWERTOOLS_SERVICE_NAME: DEFAULT_SERVICE_NAME,
            POWERTOOLS_LOG_LEVEL: DEFAULT_LOG_LEVEL,
          },
        },
      });
    });

    it('writes to its own log group, which has a retention', () => {
      const logGroup = template.findResources('AWS::Logs::LogGroup')[ids.logGroup];
      expect(logGroup?.Properties).toMatchObject({ RetentionInDays: 30 });
      expect(logGroup?.DeletionPolicy).toBe('Retain');
    });
  });

  describe('records table', () => {
    it('is on-demand, with point-in-time recovery, AWS-managed KMS encryption and the shared key layout', () => {
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: {
          BillingMode: 'PAY_PER_REQUEST',
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          // SSEEnabled without a key id: the AWS-managed aws/dynamodb KMS key.
          SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
          DeletionProtectionEnabled: true,
          KeySchema: [
            { AttributeName: TABLE_KEYS.partitionKey, KeyType: 'HASH' },
            { AttributeName: TABLE_KEYS.sortKey, KeyType: 'RANGE' },
          ],
          GlobalSecondaryIndexes: [
            Match.objectLike({
              IndexName: KIND_INDEX.indexName,
              KeySchema: [
                { AttributeName: KIND_INDEX.partitionKey, KeyType: 'HASH' },
                { AttributeName: KIND_INDEX.sortKey, KeyType: 'RANGE' },
              ],
            }),
          ],
        },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
      template.resourceCountIs('AWS::DynamoDB::Table', 1);
    });
  });

  describe('alarms', () => {
    it('alarms on a backlog that is not drained (age of the oldest message)', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateAgeOfOldestMessage',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.queue, 'QueueName'] } }],
        Statistic: 'Maximum',
        Threshold: QUEUE_AGE_ALARM_THRESHOLD.toSeconds(),
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(QUEUE_AGE_ALARM_THRESHOLD.toSeconds()).toBeLessThan(QUEUE_RETENTION.toSeconds());
    });

    it('alarms on dead letters, function errors and throttles', () => {
      template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [ids.dlq, 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        Threshold: 1,
      });
      for (const metric of ['Errors', 'Throttles']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: metric,
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: ids.fn } }],
          Statistic: 'Sum',
          Threshold: 1,
          TreatMissingData: 'notBreaching',
        });
      }
    });
  });

  describe('outputs', () => {
    it('outputs the bucket and table names', () => {
      template.hasOutput(STACK_OUTPUTS.bucketName, { Value: { Ref: ids.bucket } });
      template.hasOutput(STACK_OUTPUTS.tableName, { Value: { Ref: ids.table } });
      template.hasOutput(STACK_OUTPUTS.deadLetterQueueUrl, { Value: { Ref: ids.dlq } });
    });
  });

  it('is environment-agnostic, so synth needs no AWS account or region', () => {
    expect(Token.isUnresolved(stack.account)).toBe(true);
    expect(Token.isUnresolved(stack.region)).toBe(true);
  });
});

describe('Stack: context and props change what they should', () => {
  it('follows scrape-dedup:incomingPrefix and scrape-dedup:removalPolicy=destroy', () => {
    // Prepare
    const { template, stack, outdir } = synthTemplate({
      context: { 'scrape-dedup:incomingPrefix': 'raw/scrapes/', 'scrape-dedup:removalPolicy': 'destroy' },
    });
    try {
      const bucketId = logicalId(stack, stack.scrapes.bucket);
      // Assess: the prefix reaches the notification filter, the environment and the read grant
      template.hasResourceProperties('Custom::S3BucketNotifications', {
        NotificationConfiguration: {
          QueueConfigurations: [
            Match.objectLike({ Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'raw/scrapes/' }] } } }),
          ],
        },
      });
      template.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ INCOMING_PREFIX: 'raw/scrapes/' }) },
      });
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Action: ['s3:GetObject', 's3:GetObjectVersion'],
              Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/raw/scrapes/*']] },
            }),
          ]),
        },
      });
      // Assess: destroy means the data goes with the stack, buckets emptied first
      template.hasResource('AWS::DynamoDB::Table', {
        Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
        DeletionPolicy: 'Delete',
      });
      expect(Object.values(template.findResources('AWS::S3::Bucket')).map((r) => r.DeletionPolicy)).toEqual(['Delete', 'Delete']);
      template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
      template.resourceCountIs('Custom::S3AutoDeleteObjects', 2);
    } finally {
      removeOutdir(outdir);
    }
  }, SYNTH_TIMEOUT_MS);

  it('sizes the queue visibility timeout from a custom function timeout', () => {
    // Prepare
    const { template, stack, outdir } = synthTemplate({ stackProps: { timeout: Duration.seconds(100), memorySize: 2048 } });
    try {
      // Assess
      template.hasResourceProperties('AWS::Lambda::Function', { Timeout: 100, MemorySize: 2048 });
      const queue = template.findResources('AWS::SQS::Queue')[logicalId(stack, stack.ingest.queue)];
      expect(queue?.Properties?.VisibilityTimeout).toBe(100 * VISIBILITY_TIMEOUT_FACTOR);
    } finally {
      removeOutdir(outdir);
    }
  }, SYNTH_TIMEOUT_MS);

  it('refuses a function timeout that could outlive an index lease', () => {
    // Prepare
    const tooLong = Duration.millis(LEASE_TTL_MS - LEASE_SAFETY_MARGIN_MS);
    // Act / Assess
    expect(() => buildApp({ stackProps: { timeout: tooLong } })).toThrow(StackConfigError);
    expect(DEFAULT_TIMEOUT.toMilliseconds()).toBeLessThan(LEASE_TTL_MS - LEASE_SAFETY_MARGIN_MS);
  });

  it.each([
    [{ 'scrape-dedup:incomingPrefix': 'incoming' }, /must be a folder/],
    [{ 'scrape-dedup:incomingPrefix': '/incoming/' }, /must be a folder/],
    [{ 'scrape-dedup:incomingPrefix': 'in*/' }, /must not contain "\*"/],
    [{ 'scrape-dedup:removalPolicy': 'snapshot' }, /must be "retain" or "destroy"/],
  ])('refuses context %j with a readable StackConfigError', (context, message) => {
    // Act / Assess
    expect(() => buildApp({ context })).toThrow(StackConfigError);
    expect(() => buildApp({ context })).toThrow(message);
  });
});
