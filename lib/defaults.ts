// Secure and operational defaults of the CDK stack, in one place (the Solutions Constructs
// `*-defaults.ts` habit): every construct in lib/ reads its defaults from here, and every
// value says why it has that value and what to re-measure before changing it.
import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

// ---------------------------------------------------------------------------
// Queue (lib/ingest-queue.ts) and event source (lib/scrape-dedup-stack.ts)
// ---------------------------------------------------------------------------

/**
 * Receives before a message moves to the dead-letter queue. The handler is idempotent per
 * object version (issue 4), so a retry is safe; 3 rides out a throttle or a lost lease
 * without parking a poison message in the main queue for long.
 */
export const DEFAULT_MAX_RECEIVE_COUNT = 3;

/**
 * AWS guidance for SQS event sources: the queue's visibility timeout must be at least six
 * times the function timeout (plus the batching window), or a message still being processed
 * becomes visible again and is delivered twice while the poller retries throttled calls.
 */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/**
 * How long an unprocessed message waits in the main queue: the SQS maximum, 14 days. A message
 * that expires here is deleted without reaching the dead-letter queue (no outcome, no alarm),
 * so the backlog gets as long as SQS allows and its own alarm (QUEUE_AGE_ALARM_THRESHOLD).
 */
export const QUEUE_RETENTION = Duration.days(14);

/**
 * How long a dead letter is kept: the SQS maximum, 14 days. For a standard queue the enqueue
 * time is kept when a message moves, so a dead letter expires 14 days after its first upload
 * notification, as the main queue's would; a failing message reaches the DLQ within
 * DEFAULT_MAX_RECEIVE_COUNT x visibility timeout (72 minutes), and the queue-age alarm fires
 * on a backlog long before either expiry.
 */
export const DLQ_RETENTION = Duration.days(14);

/**
 * Messages (S3 objects) per invocation. 10 is the SQS maximum without a batching window; the
 * handler reports partial failures, so a bad object does not send its neighbours back.
 * Together with the timeout below it must fit a batch of the largest objects.
 */
export const DEFAULT_BATCH_SIZE = 10;

/**
 * Upper bound on concurrent invocations fed by the queue. It caps how many writers compete
 * for the same index leases (issue 4's concurrency design) and keeps the on-demand table out
 * of throttling on a burst upload; SQS event sources accept 2 to 1000.
 */
export const DEFAULT_MAX_CONCURRENCY = 10;

// ---------------------------------------------------------------------------
// Function (lib/dedup-function.ts). Re-run `node bin/run-ts.js bench/lambda-sizing.ts`
// and `node bin/run-ts.js bench/bundle.ts` before changing these; README "Deploy to AWS"
// quotes their output.
// ---------------------------------------------------------------------------

/**
 * Memory of the function in MB. Measured (`bench/lambda-sizing.ts`, README "Deploy to AWS"):
 * peak RSS is about 150-230 MB on a 5 KB article, a 2 MB article and a 20 MB page, so memory
 * itself needs 512 MB at most. Lambda gives CPU in proportion to memory (1 vCPU at 1,769 MB),
 * and a 2 MB article costs ~7.6 s of CPU, a 20 MB page ~1.7 s: 1,024 MB (~0.58 vCPU) keeps the
 * 2 MB article near 13 s of CPU and leaves 4x headroom over the largest peak for odd pages.
 */
export const DEFAULT_MEMORY_MB = 1024;

/**
 * Function timeout (one batch, objects processed one after another). The handler starts an
 * object only with OBJECT_TIME_RESERVE_MS (95 s: the slowest accepted object, ~35 s, plus one
 * LEASE_MAX_WAIT_MS lease wait of 60 s) left, so the first 240 - 95 = 145 s of a batch are for
 * starting objects: a batch of 10 typical articles (~1 s each) or four of the slowest fits, and
 * whatever does not fit is failed unstarted and redelivered instead of being cut off midway.
 * It must stay below LEASE_TTL_MS minus LEASE_SAFETY_MARGIN_MS (270 s) so a live function never
 * outlives its lease; the stack refuses a longer timeout. Arithmetic in docs/architecture.md.
 */
export const DEFAULT_TIMEOUT = Duration.seconds(240);

/**
 * Largest object (bytes) the handler will read; larger ones are rejected with a recorded
 * reason instead of exhausting memory. 25 MB covers the 20 MB page measured for sizing.
 */
export const DEFAULT_MAX_OBJECT_BYTES = 25 * 1024 * 1024;

/** Powertools Logger service name: the `service` key on every log line. */
export const DEFAULT_SERVICE_NAME = 'scrape-dedup';

/** Powertools log level; INFO keeps the one decision line per object the handler writes. */
export const DEFAULT_LOG_LEVEL = 'INFO';

/** Log retention: a month of decisions to investigate a bad merge, without paying forever. */
export const DEFAULT_LOG_RETENTION = RetentionDays.ONE_MONTH;

// ---------------------------------------------------------------------------
// Buckets (lib/scrape-bucket.ts)
// ---------------------------------------------------------------------------

/** Days server access logs are kept before S3 expires them (audit window versus cost). */
export const ACCESS_LOG_EXPIRATION = Duration.days(90);

/**
 * Days a replaced or deleted scrape version is kept. The bucket is versioned so a redelivered
 * event can still read the exact version it names; older versions are only an undo window.
 */
export const NONCURRENT_VERSION_EXPIRATION = Duration.days(30);

/** Days before an unfinished multipart upload is aborted; its parts are billed until then. */
export const ABORT_INCOMPLETE_UPLOAD_AFTER = Duration.days(7);

// ---------------------------------------------------------------------------
// Alarms (lib/alarms.ts)
// ---------------------------------------------------------------------------

/** Period over which alarm metrics are summed: five minutes, CloudWatch's standard period. */
export const ALARM_PERIOD = Duration.minutes(5);

/** Any dead letter is an object with no result: alarm on the first one. */
export const DLQ_DEPTH_THRESHOLD = 1;

/** Errors are failed invocations (not per-record failures, which go to the DLQ): alarm on one. */
export const FUNCTION_ERRORS_THRESHOLD = 1;

/** Throttles mean maxConcurrency exceeds the account's free concurrency: alarm on one. */
export const FUNCTION_THROTTLES_THRESHOLD = 1;

/**
 * Age of the oldest message in the ingest queue that means the backlog is not being drained.
 * A message that fails is retried for at most DEFAULT_MAX_RECEIVE_COUNT x the visibility
 * timeout (3 x 24 min) before it moves to the DLQ, and a burst of uploads drains in minutes at
 * DEFAULT_MAX_CONCURRENCY; six hours is far past both and far short of QUEUE_RETENTION
 * (14 days), after which unprocessed messages would be deleted without a dead letter.
 */
export const QUEUE_AGE_ALARM_THRESHOLD = Duration.hours(6);

// ---------------------------------------------------------------------------
// Stages and tunables (lib/context.ts validates the context values against these)
// ---------------------------------------------------------------------------

/** Stage deployed when `scrape-dedup:stage` is not given; the stack is `ScrapeDedup-prod`. */
export const DEFAULT_STAGE = 'prod';

/**
 * Longest stage name. The stage is part of the stack name, the ingest queue's name (SQS: 80
 * characters, the rest taken by the construct path and a hash) and the dashboard's name.
 */
export const STAGE_MAX_LENGTH = 20;

/** Value of the `project` tag on every resource (and the stack). */
export const PROJECT_TAG = 'scrape-dedup';

/**
 * Smallest function memory accepted (MB): the measured peak RSS is up to ~230 MB on a 20 MB page
 * (bench/lambda-sizing.ts), so less than 256 MB fails on large pages. Lambda's maximum is 10,240.
 */
export const MIN_MEMORY_MB = 256;
export const MAX_MEMORY_MB = 10_240;

/** SQS event sources take up to 10 messages per batch without a batching window (none is set). */
export const MAX_BATCH_SIZE = 10;

/** SQS event sources accept a maximum concurrency of 2 to 1000. */
export const MIN_MAX_CONCURRENCY = 2;
export const MAX_MAX_CONCURRENCY = 1000;

// ---------------------------------------------------------------------------
// Metrics and dashboard (lib/dashboard.ts)
// ---------------------------------------------------------------------------

/** Period of the dashboard's graphs: five minutes, as the alarms. */
export const DASHBOARD_PERIOD = Duration.minutes(5);
