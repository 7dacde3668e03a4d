// Names of the function's CloudWatch metrics (embedded metric format), shared by the handler
// that emits them (lambdas/pipeline-metrics.ts) and the dashboard that graphs them
// (lib/dashboard.ts), so a renamed metric cannot leave an empty graph behind.

/** Namespace of the custom metrics (the stack passes it as POWERTOOLS_METRICS_NAMESPACE). */
export const METRICS_NAMESPACE = 'ScrapeDedup';

/** Environment variable that names the stage; the handler adds it as the `stage` dimension. */
export const STAGE_ENV = 'SCRAPE_DEDUP_STAGE';

/** Dimensions on every metric besides Powertools' `service`. */
export const METRIC_DIMENSIONS = {
  /** The deployment stage (`prod`, `dev`): two stages in one account graph apart. */
  stage: 'stage',
  /** On {@link METRIC_NAMES.documents}: canonical, duplicate, unchanged or rejected. */
  outcome: 'outcome',
  /** On {@link METRIC_NAMES.rejections}: the rejection code (`too-large`, `binary`...). */
  code: 'code',
} as const;

/** The metrics, each summed per invocation before it is emitted. */
export const METRIC_NAMES = {
  /** Documents decided, by `outcome` (a crawl file counts each record; replays are not counted). */
  documents: 'Documents',
  /** Rejected documents, by `code`. */
  rejections: 'Rejections',
  /** Documents recorded as near-duplicates of an earlier article (outcome `duplicate`). */
  duplicates: 'Duplicates',
  /** Candidate articles verified against new documents (the index look-ups' yield). */
  candidatesChecked: 'CandidatesChecked',
  /** Redelivered objects already processed: nothing was written. */
  replays: 'Replays',
  /** Write capacity units DynamoDB reported for the function's writes (ReturnConsumedCapacity). */
  writeUnits: 'WriteUnits',
  /** Read capacity units DynamoDB reported for the function's reads. */
  readUnits: 'ReadUnits',
  /** Conditional writes DynamoDB refused: each is billed at least one write unit, not reported. */
  failedConditionalWrites: 'FailedConditionalWrites',
  /** Writes whose capacity DynamoDB was not asked to report (so not in WriteUnits). */
  unmeteredWrites: 'UnmeteredWrites',
} as const;
