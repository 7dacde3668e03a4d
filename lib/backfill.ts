// The backfill: a Step Functions Distributed Map over an S3 listing (the scrapes bucket's
// incoming prefix unless the execution input names another granted prefix or bucket), sending
// each listed object to the ingest queue as a `backfill` message. The same queue, function and
// idempotent processor as uploads: an object already processed is a replay that changes nothing,
// so a backfill can be re-run or stopped and started again.
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
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
  /** Keys listed when the execution input names no prefix (the incoming prefix). */
  readonly prefix: string;
  /**
   * Other folders of `bucket` an execution may list (context `scrape-dedup:backfillPrefixes`).
   * @default - none: only `prefix` and the folders under it
   */
  readonly extraPrefixes?: readonly string[];
  /**
   * Names of other buckets an execution may list, whole or under any prefix (context
   * `scrape-dedup:backfillBuckets`).
   * @default - none
   */
  readonly otherBucketNames?: readonly string[];
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

/** Error name of the execution that names a bucket or prefix the stack does not grant. */
export const BACKFILL_NOT_GRANTED_ERROR = 'BackfillSourceNotGranted';

/**
 * CDK's S3ObjectsItemReader with the bucket and prefix taken from the state input
 * (`Bucket.$` / `Prefix.$`), but granting ListBucket on the named buckets only: given
 * `bucketNamePath`, CDK's reader grants `s3:ListBucket` on `*` (every bucket in the account),
 * because it cannot know which names the path will hold. Here the state machine's Choice state
 * admits only the granted buckets, so the grant can name exactly those.
 */
class GrantedBucketsObjectsReader implements sfn.IItemReader {
  public readonly resource: string;
  public readonly bucketNamePath: string;
  private readonly reader: sfn.S3ObjectsItemReader;

  public constructor(
    public readonly bucket: s3.IBucket,
    private readonly listable: readonly s3.IBucket[],
    paths: { bucket: string; prefix: string },
  ) {
    this.bucketNamePath = paths.bucket;
    this.reader = new sfn.S3ObjectsItemReader({ bucketNamePath: paths.bucket, prefix: paths.prefix });
    this.resource = this.reader.resource;
  }

  public render(queryLanguage?: sfn.QueryLanguage): unknown {
    return this.reader.render(queryLanguage);
  }

  public providePolicyStatements(): iam.PolicyStatement[] {
    return [new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: this.listable.map((bucket) => bucket.bucketArn) })];
  }

  public validateItemReader(): string[] {
    return this.reader.validateItemReader();
  }
}

/**
 * The backfill state machine. Start it with an empty input for the incoming prefix, or name a
 * granted folder or bucket:
 * `aws stepfunctions start-execution --state-machine-arn <BackfillStateMachineArn> --input '{"prefix":"old-scrapes/2024/"}'`
 * `... --input '{"bucket":"bucket-a","prefix":""}'` (another bucket needs an explicit prefix; "" is the whole bucket).
 *
 * @example
 * const backfill = new Backfill(this, 'Backfill', { bucket, prefix: 'incoming/', queue, otherBucketNames: ['old-scrapes'] });
 * backfill.grantReadSources(fn.role);
 */
export class Backfill extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;
  /** Folders of the scrapes bucket an execution may list besides the default prefix. */
  public readonly extraPrefixes: readonly string[];
  /** The other buckets an execution may list. */
  public readonly otherBuckets: readonly s3.IBucket[];
  private readonly scrapes: s3.IBucket;

  public constructor(scope: Construct, id: string, props: BackfillProps) {
    super(scope, id);
    this.scrapes = props.bucket;
    this.extraPrefixes = [...(props.extraPrefixes ?? [])];
    this.otherBuckets = (props.otherBucketNames ?? []).map((name, index) => s3.Bucket.fromBucketName(this, `Other${index}`, name));

    // What to list: the execution input's `bucket` and `prefix` over the defaults (the scrapes
    // bucket, the incoming prefix). States.JsonMerge needs both objects as paths, hence the Pass.
    const withDefaults = new sfn.Pass(this, 'WithDefaults', {
      parameters: { defaults: { bucket: props.bucket.bucketName, prefix: props.prefix }, 'input.$': '$' },
    });
    const chooseListing = new sfn.Pass(this, 'ChooseListing', {
      parameters: {
        listing: sfn.JsonPath.jsonMerge(sfn.JsonPath.objectAt('$.defaults'), sfn.JsonPath.objectAt('$.input')),
        'input.$': '$.input',
      },
    });
    // Only what the grants cover gets listed: a folder of the scrapes bucket under the default or
    // a configured prefix (StringMatches: "*" is any suffix), or a named bucket with the prefix
    // spelled out (so `{"bucket":"b"}` does not silently list b's incoming/). Anything else fails
    // here, before a single message is sent that the function could not read.
    const anyOf = (conditions: sfn.Condition[]): sfn.Condition => (conditions.length === 1 ? conditions[0]! : sfn.Condition.or(...conditions));
    const granted = [
      sfn.Condition.and(
        sfn.Condition.stringEquals('$.listing.bucket', props.bucket.bucketName),
        anyOf([props.prefix, ...this.extraPrefixes].map((prefix) => sfn.Condition.stringMatches('$.listing.prefix', `${prefix}*`))),
      ),
    ];
    if (this.otherBuckets.length > 0) {
      granted.push(
        sfn.Condition.and(
          anyOf(this.otherBuckets.map((bucket) => sfn.Condition.stringEquals('$.listing.bucket', bucket.bucketName))),
          sfn.Condition.isPresent('$.input.prefix'),
        ),
      );
    }
    const notGranted = new sfn.Fail(this, 'NotGranted', {
      error: BACKFILL_NOT_GRANTED_ERROR,
      cause:
        `"bucket" must be the scrapes bucket with a "prefix" under ${[props.prefix, ...this.extraPrefixes].join(' or ')} ` +
        '(more folders: context scrape-dedup:backfillPrefixes), or a bucket of context scrape-dedup:backfillBuckets ' +
        `(${(props.otherBucketNames ?? []).join(', ') || 'none configured'}) with an explicit "prefix" ("" for the whole bucket).`,
    });

    // One SQS message per listed object, shaped as lambdas/queue-message.ts reads it: the key
    // as listed (not URL-encoded, unlike S3 notifications), its ETag and size. Step Functions
    // serialises the JSON body itself, so keys need no escaping here.
    const sendOne = new tasks.SqsSendMessage(this, 'EnqueueObject', {
      queue: props.queue,
      messageBody: sfn.TaskInput.fromObject({
        scrapeDedup: 'object',
        bucket: sfn.JsonPath.stringAt('$.bucket'),
        key: sfn.JsonPath.stringAt('$.key'),
        eTag: sfn.JsonPath.stringAt('$.eTag'),
        size: sfn.JsonPath.numberAt('$.size'),
      }),
    });
    sendOne.addRetry({ errors: ['States.ALL'], interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6 });
    const eachInBatch = new sfn.Map(this, 'EachInBatch', { itemsPath: sfn.JsonPath.stringAt('$.Items'), maxConcurrency: 1 });
    eachInBatch.itemProcessor(sendOne);

    const map = new sfn.DistributedMap(this, 'EachObject', {
      itemReader: new GrantedBucketsObjectsReader(props.bucket, [props.bucket, ...this.otherBuckets], {
        bucket: sfn.JsonPath.stringAt('$.listing.bucket'),
        prefix: sfn.JsonPath.stringAt('$.listing.prefix'),
      }),
      itemSelector: {
        // ItemSelector's "$" is the map state's input: the listing chosen above.
        bucket: sfn.JsonPath.stringAt('$.listing.bucket'),
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
      definitionBody: sfn.DefinitionBody.fromChainable(
        withDefaults.next(chooseListing).next(
          new sfn.Choice(this, 'CheckGranted')
            .when(sfn.Condition.and(sfn.Condition.isString('$.listing.bucket'), sfn.Condition.isString('$.listing.prefix'), anyOf(granted)), map)
            .otherwise(notGranted),
        ),
      ),
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

  /**
   * Lets `grantee` (the function's role) read what an execution may send it beyond the incoming
   * prefix, which the scrapes bucket grants already: objects (any version: crawl-file ranges
   * read the version planned) under the extra folders of the scrapes bucket, and in the other
   * buckets objects plus ListBucket, which makes an object deleted since the listing read as
   * 404, a recorded `object-missing` outcome, instead of a 403 retried into the dead-letter
   * queue (as for the scrapes bucket, issue 10). Nothing when no source is configured.
   */
  public grantReadSources(grantee: iam.IGrantable & Construct): void {
    const objectActions = ['s3:GetObject', 's3:GetObjectVersion'];
    const scrapesId = Stack.of(this).resolve((this.scrapes.node.defaultChild as CfnElement | undefined)?.logicalId) as string | undefined;
    for (const prefix of this.extraPrefixes) {
      iam.Grant.addToPrincipal({ grantee, actions: objectActions, resourceArns: [this.scrapes.arnForObjects(`${prefix}*`)] });
      if (scrapesId !== undefined) {
        acknowledge(
          grantee,
          `AwsSolutions-IAM5[Resource::<${scrapesId}.Arn>/${prefix}*]`,
          `The backfill may be started on the scrapes bucket's folder ${prefix} (context scrape-dedup:backfillPrefixes), whose keys were chosen by whoever wrote them, so the function reads every object under it and nothing outside the configured folders.`,
        );
      }
    }
    for (const bucket of this.otherBuckets) {
      iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [bucket.bucketArn] });
      iam.Grant.addToPrincipal({ grantee, actions: objectActions, resourceArns: [bucket.arnForObjects('*')] });
      acknowledge(
        grantee,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::${bucket.bucketName}/*]`,
        `The user named bucket ${bucket.bucketName} for backfills (context scrape-dedup:backfillBuckets); a backfill may list any prefix of it, so the function reads its objects (read only, this bucket only).`,
      );
    }
  }
}
