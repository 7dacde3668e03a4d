// The backfill: a Step Functions Distributed Map over the S3 listing of the scrapes bucket's
// incoming prefix, sending each listed object to the ingest queue as a `backfill` message. The
// same queue, function and idempotent processor as uploads: an object already processed is a
// replay that changes nothing, so a backfill can be re-run or stopped and started again.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/**
 * Objects listed and enqueued at once. The table is protected downstream by the queue's event
 * source (at most DEFAULT_MAX_CONCURRENCY invocations); this bound keeps the backlog growing at
 * a steady few hundred messages a second instead of in a burst, and stays far below Step
 * Functions' limit of 10,000 parallel child executions.
 */
export const DEFAULT_BACKFILL_CONCURRENCY = 20;

/**
 * Objects per child execution: the map batches listed objects and each child sends their
 * messages one after another, so a million objects are 100,000 express child executions.
 */
export const BACKFILL_OBJECTS_PER_CHILD = 10;

/** Properties of {@link Backfill}. */
export interface BackfillProps {
  /** The bucket whose objects are fed to the pipeline. */
  readonly bucket: s3.IBucket;
  /** Only keys under this prefix are listed (the incoming prefix). */
  readonly prefix: string;
  /** The ingest queue the function consumes. */
  readonly queue: sqs.IQueue;
  /**
   * Child executions at once.
   * @default DEFAULT_BACKFILL_CONCURRENCY
   */
  readonly maxConcurrency?: number;
  /**
   * What `cdk destroy` does with the execution log group.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The backfill state machine. Start it with an empty input:
 * `aws stepfunctions start-execution --state-machine-arn <BackfillStateMachineArn>`.
 *
 * @example
 * const backfill = new Backfill(this, 'Backfill', { bucket, prefix: 'incoming/', queue });
 */
export class Backfill extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  public constructor(scope: Construct, id: string, props: BackfillProps) {
    super(scope, id);
    // One SQS message per listed object, shaped as lambdas/queue-message.ts reads it: the key
    // as listed (not URL-encoded, unlike S3 notifications), its ETag and size. Step Functions
    // serialises the JSON body itself, so keys need no escaping here.
    const sendOne = new tasks.SqsSendMessage(this, 'EnqueueObject', {
      queue: props.queue,
      messageBody: sfn.TaskInput.fromObject({
        scrapeDedup: 'object',
        bucket: props.bucket.bucketName,
        key: sfn.JsonPath.stringAt('$.key'),
        eTag: sfn.JsonPath.stringAt('$.eTag'),
        size: sfn.JsonPath.numberAt('$.size'),
      }),
    });
    sendOne.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
    const eachInBatch = new sfn.Map(this, 'EachInBatch', { itemsPath: sfn.JsonPath.stringAt('$.Items'), maxConcurrency: 1 });
    eachInBatch.itemProcessor(sendOne);

    const map = new sfn.DistributedMap(this, 'EachObject', {
      itemReader: new sfn.S3ObjectsItemReader({ bucket: props.bucket, prefix: props.prefix }),
      itemSelector: {
        key: sfn.JsonPath.stringAt('$$.Map.Item.Value.Key'),
        eTag: sfn.JsonPath.stringAt('$$.Map.Item.Value.Etag'),
        size: sfn.JsonPath.numberAt('$$.Map.Item.Value.Size'),
      },
      itemBatcher: new sfn.ItemBatcher({ maxItemsPerBatch: BACKFILL_OBJECTS_PER_CHILD }),
      maxConcurrency: props.maxConcurrency ?? DEFAULT_BACKFILL_CONCURRENCY,
      mapExecutionType: sfn.StateMachineType.EXPRESS,
    });
    map.itemProcessor(eachInBatch);

    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_MONTH, removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(map),
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL },
    });
    // The logical id of the state machine appears inside the child-execution ARNs nag reports.
    const machineId = Stack.of(this).resolve((this.stateMachine.node.defaultChild as CfnElement).logicalId) as string;
    const executions = `arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:{"Fn::Select":[6,{"Fn::Split":[":",{"Ref":"${machineId}"}]}]}`;
    acknowledge(
      this.stateMachine.role,
      'AwsSolutions-IAM5[Resource::*]',
      'Step Functions log delivery (logs:CreateLogDelivery, GetLogDelivery, ListLogDeliveries, DescribeLogGroups...) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules/Targets) have no resource-level permissions; AWS documents "*" for both.',
    );
    acknowledge(
      this.stateMachine,
      `AwsSolutions-IAM5[Resource::${executions}:*]`,
      'The Distributed Map runs its batches as child executions of this state machine and must describe and stop them; their ids are generated per run, so the grant names this state machine\'s executions only.',
    );
    acknowledge(
      this.stateMachine,
      `AwsSolutions-IAM5[Resource::${executions}/*:*]`,
      'Child executions of the Distributed Map (map-run executions of this state machine only), created per run with generated ids.',
    );
  }
}
