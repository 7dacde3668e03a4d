// The queue between the bucket and the function, and its dead-letter queue: encrypted,
// TLS-only, redriving after a few receives.
import { Names, Stack } from 'aws-cdk-lib';
import type { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DEFAULT_MAX_RECEIVE_COUNT, DLQ_RETENTION, QUEUE_RETENTION } from './defaults.js';

/** Properties of {@link IngestQueue}. */
export interface IngestQueueProps {
  /**
   * Visibility timeout of the main queue: at least VISIBILITY_TIMEOUT_FACTOR times the
   * consuming function's timeout (the stack computes it).
   */
  readonly visibilityTimeout: Duration;
  /**
   * Receives before a message moves to the dead-letter queue.
   * @default DEFAULT_MAX_RECEIVE_COUNT (3)
   */
  readonly maxReceiveCount?: number;
}

/**
 * Ingest queue with its dead-letter queue. Both use SQS-managed encryption (SSE-SQS): S3
 * can deliver notifications to it without a customer key policy, and it costs nothing.
 *
 * @example
 * const ingest = new IngestQueue(this, 'Ingest', { visibilityTimeout: Duration.minutes(6) });
 */
export class IngestQueue extends Construct {
  /** Receives the S3 notifications and feeds the function. */
  public readonly queue: sqs.Queue;
  /** Messages that failed `maxReceiveCount` times. */
  public readonly deadLetterQueue: sqs.Queue;

  public constructor(scope: Construct, id: string, props: IngestQueueProps) {
    super(scope, id);
    const maxReceiveCount = props.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
    if (!Number.isInteger(maxReceiveCount) || maxReceiveCount < 1) {
      throw new RangeError(`maxReceiveCount must be a positive integer, got ${maxReceiveCount}`);
    }

    // The DLQ accepts dead letters from the ingest queue only (RedriveAllowPolicy). The main
    // queue's redrive policy already names the DLQ's ARN, so naming the main queue's ARN back
    // from the DLQ would be a CloudFormation cycle: the main queue gets a fixed, per-stack
    // unique name and the DLQ names it by the ARN built from that name.
    const queueName = `${Names.uniqueResourceName(this, { maxLength: 70, separator: '-' })}-Queue`;
    const queueArn = Stack.of(this).formatArn({ service: 'sqs', resource: queueName });

    // cdk-nag's SQS3 (queue without a DLQ) recognises a queue used as a DLQ and skips it.
    this.deadLetterQueue = new sqs.Queue(this, 'DeadLetterQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'SourceQueueRef', queueArn)],
      },
    });

    this.queue = new sqs.Queue(this, 'Queue', {
      queueName,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: props.visibilityTimeout,
      retentionPeriod: QUEUE_RETENTION,
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount },
    });
  }
}
