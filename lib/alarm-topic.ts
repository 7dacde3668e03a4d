// Where the alarms go when the deploy names a target: an existing SNS topic by ARN, or a new
// topic that e-mails one address (context scrape-dedup:alarmTopicArn / scrape-dedup:alarmEmail).
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

/** Where alarms notify; neither means the alarms show in the console only. */
export interface AlarmTarget {
  /** An address to e-mail (it receives a confirmation message first). */
  readonly alarmEmail?: string;
  /** An existing standard SNS topic. */
  readonly alarmTopicArn?: string;
}

/**
 * The topic the alarms notify, and the alarm actions that publish to it; `undefined` without a
 * target. A new topic accepts only TLS publishers. It is not KMS-encrypted: CloudWatch cannot
 * publish to a topic under the AWS-managed SNS key, the messages carry alarm names and states
 * only, and the AwsSolutions pack does not require it of this topic (nag.test.ts checks).
 *
 * @example
 * const target = alarmTopic(this, 'AlarmTopic', { alarmEmail: 'ops@example.com' });
 * new PipelineAlarms(this, 'Alarms', { ..., alarmActions: target?.actions });
 */
export function alarmTopic(scope: Construct, id: string, target: AlarmTarget): { topic: sns.ITopic; actions: cloudwatch.IAlarmAction[] } | undefined {
  let topic: sns.ITopic;
  if (target.alarmTopicArn !== undefined) {
    topic = sns.Topic.fromTopicArn(scope, id, target.alarmTopicArn);
  } else if (target.alarmEmail !== undefined) {
    const created = new sns.Topic(scope, id, { displayName: 'scrape-dedup alarms', enforceSSL: true });
    created.addSubscription(new subscriptions.EmailSubscription(target.alarmEmail));
    topic = created;
  } else {
    return undefined;
  }
  return { topic, actions: [new cloudwatchActions.SnsAction(topic)] };
}
