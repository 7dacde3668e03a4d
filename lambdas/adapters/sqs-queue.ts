// Sends fan-out messages (ranges of a crawl file's records) to the ingest queue.
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SQSClient } from '@aws-sdk/client-sqs';

/**
 * An `enqueue` for {@link FanOut}: SendMessageBatch of up to 10 JSON bodies. Entries SQS
 * refuses make the call throw, so the message that planned them fails and is redelivered;
 * the messages it sent twice then change nothing (every record is recorded once).
 *
 * @example
 * const enqueue = sqsEnqueue(new SQSClient({}), process.env.QUEUE_URL!);
 * await enqueue([{ scrapeDedup: 'records', ... }]);
 */
export function sqsEnqueue(client: SQSClient, queueUrl: string): (messages: readonly object[]) => Promise<void> {
  return async (messages) => {
    for (let at = 0; at < messages.length; at += 10) {
      const batch = messages.slice(at, at + 10);
      const response = await client.send(
        new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) })) }),
      );
      if (response.Failed && response.Failed.length > 0) {
        throw new Error(`SQS refused ${response.Failed.length} of ${batch.length} messages: ${response.Failed.map((f) => `${f.Code} ${f.Message ?? ''}`).join('; ')}`);
      }
    }
  };
}
