// The scrapes bucket: private, TLS-only, encrypted, versioned, with server access logs,
// and the two narrow doors into it (the `incoming/` notification and the read grant).
import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_INCOMING_PREFIX } from '../lambdas/adapters/table-schema.js';
import { parseIncomingPrefix } from './context.js';
import { ABORT_INCOMPLETE_UPLOAD_AFTER, ACCESS_LOG_EXPIRATION, NONCURRENT_VERSION_EXPIRATION } from './defaults.js';
import { acknowledge } from './nag.js';

/** Construct id prefix of the function CDK adds to a stack to configure bucket notifications. */
const NOTIFICATIONS_HANDLER_ID_PREFIX = 'BucketNotificationsHandler';

/** Properties of {@link ScrapeBucket}. */
export interface ScrapeBucketProps {
  /**
   * Prefix whose new objects are processed; the function may read nothing else.
   * @default DEFAULT_INCOMING_PREFIX ('incoming/')
   */
  readonly incomingPrefix?: string;
  /**
   * What happens to both buckets on stack deletion. With DESTROY, CDK empties them first
   * (a small custom resource), since S3 refuses to delete a non-empty bucket.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * The bucket scrapes are uploaded to, plus the bucket that receives its access logs.
 *
 * @example
 * const scrapes = new ScrapeBucket(this, 'Scrapes', { incomingPrefix: 'incoming/' });
 * scrapes.notifyOnIncoming(queue);
 * scrapes.grantReadIncoming(fn);
 */
export class ScrapeBucket extends Construct {
  /** Where scrapes are uploaded. */
  public readonly bucket: s3.Bucket;
  /** Receives the scrapes bucket's server access logs. */
  public readonly accessLogsBucket: s3.Bucket;
  /** The processed prefix, e.g. `incoming/`. */
  public readonly incomingPrefix: string;

  public constructor(scope: Construct, id: string, props: ScrapeBucketProps = {}) {
    super(scope, id);
    this.incomingPrefix = parseIncomingPrefix(props.incomingPrefix ?? DEFAULT_INCOMING_PREFIX);
    const removalPolicy = props.removalPolicy ?? RemovalPolicy.RETAIN;
    const autoDeleteObjects = removalPolicy === RemovalPolicy.DESTROY;

    // cdk-nag's S1 (access logging) recognises this bucket as a log destination, so it needs
    // no exception. Access logs must be SSE-S3 (the log delivery service cannot use a KMS key of ours).
    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: ACCESS_LOG_EXPIRATION }],
      removalPolicy,
      autoDeleteObjects,
    });

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'scrapes/',
      lifecycleRules: [
        { id: 'expire-old-versions', noncurrentVersionExpiration: NONCURRENT_VERSION_EXPIRATION },
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_UPLOAD_AFTER },
      ],
      removalPolicy,
      autoDeleteObjects,
    });
  }

  /**
   * Sends an S3 event notification to `queue` for every object created under the incoming
   * prefix (all ObjectCreated kinds: PUT, POST, COPY, multipart completion).
   */
  public notifyOnIncoming(queue: sqs.IQueue): void {
    this.bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new SourceAccountQueueDestination(queue), {
      prefix: this.incomingPrefix,
    });
    // CDK configures the notification through a singleton custom-resource function of its
    // own, created by the call above, whose role carries the AWS managed basic-execution policy.
    const handler = Stack.of(this)
      .node.children.find((child) => child.node.id.startsWith(NOTIFICATIONS_HANDLER_ID_PREFIX));
    if (handler !== undefined) {
      acknowledge(
        handler,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'CDK\'s own S3-notifications custom resource needs only to write its logs, which the basic-execution policy grants; its S3 permission is an inline policy scoped to this bucket.',
      );
    }
  }

  /**
   * Lets `grantee` read objects under the incoming prefix, any version, and list the bucket;
   * no other prefix, no writes. (HeadObject is authorised by s3:GetObject.)
   *
   * ListBucket is what makes S3 answer a deleted or expired object with 404 (`object-missing`,
   * a recorded outcome) instead of 403, which the function must treat as a real permission
   * fault and retry into the dead-letter queue. It is granted on the bucket unconditioned: an
   * `s3:prefix` condition only narrows ListObjects requests and has no effect on the 404/403
   * choice of GetObject. What it adds is the key names (and sizes, dates) of the bucket, which
   * the function's own uploads already name to it; no object content.
   */
  public grantReadIncoming(grantee: iam.IGrantable): iam.Grant {
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:ListBucket'], resourceArns: [this.bucket.bucketArn] });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resourceArns: [this.bucket.arnForObjects(`${this.incomingPrefix}*`)],
    });
  }
}

/**
 * An SQS notification destination like CDK's `SqsDestination`, whose queue-policy statement
 * pins both the bucket (`aws:SourceArn`) and the account (`aws:SourceAccount`): a bucket name
 * freed and re-created in another account cannot send to the queue (AWS's confused-deputy
 * guidance; the access-log bucket policy does the same). The queues are SSE-SQS, so there is no
 * customer key to grant.
 */
class SourceAccountQueueDestination implements s3.IBucketNotificationDestination {
  public constructor(private readonly queue: sqs.IQueue) {}

  public bind(_scope: Construct, bucket: s3.IBucket): s3.BucketNotificationDestinationConfig {
    this.queue.grantSendMessages(
      new iam.ServicePrincipal('s3.amazonaws.com', {
        conditions: {
          ArnLike: { 'aws:SourceArn': bucket.bucketArn },
          StringEquals: { 'aws:SourceAccount': Stack.of(bucket).account },
        },
      }),
    );
    return { arn: this.queue.queueArn, type: s3.BucketNotificationDestinationType.QUEUE, dependencies: [this.queue] };
  }
}
