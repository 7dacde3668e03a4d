// Reads and checks the stack's CDK context (cdk.json or `-c key=value`), so a typo in a
// deploy command fails at synth with a readable message instead of deploying something else.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULT_INCOMING_PREFIX } from '../lambdas/adapters/table-schema.js';
import { ScrapeDedupError } from '../lambdas/core/errors.js';
import { LEASE_SAFETY_MARGIN_MS, LEASE_TTL_MS } from '../lambdas/core/settings.js';
import { OBJECT_TIME_RESERVE_MS } from '../lambdas/handler-settings.js';
import {
  DEFAULT_STAGE,
  MAX_BATCH_SIZE,
  MAX_MAX_CONCURRENCY,
  MAX_MEMORY_MB,
  MIN_MAX_CONCURRENCY,
  MIN_MEMORY_MB,
  STAGE_MAX_LENGTH,
} from './defaults.js';

/** Context keys the stack reads. */
export const CONTEXT_KEYS = {
  /** S3 prefix whose new objects trigger processing; must end with `/`. */
  incomingPrefix: 'scrape-dedup:incomingPrefix',
  /** What `cdk destroy` does with the data: `retain` (default) or `destroy`. */
  removalPolicy: 'scrape-dedup:removalPolicy',
  /**
   * Folders of the scrapes bucket, besides the incoming prefix, that a backfill may be started on
   * (`old-scrapes/,archive/2024/`, or a list in cdk.json); the function may read objects under them.
   */
  backfillPrefixes: 'scrape-dedup:backfillPrefixes',
  /** Other buckets, by name, that a backfill may list and the function may read (`bucket-a,bucket-b`). */
  backfillBuckets: 'scrape-dedup:backfillBuckets',
  /** Deployment stage (`prod`, `dev`...): the stack is `ScrapeDedup-<stage>`; tagged `stage`. */
  stage: 'scrape-dedup:stage',
  /** Function memory in MB (CPU follows it). */
  memoryMb: 'scrape-dedup:memoryMb',
  /** Function timeout in seconds; the queue's visibility timeout follows it. */
  timeoutSeconds: 'scrape-dedup:timeoutSeconds',
  /** SQS messages per invocation, 1-10. */
  batchSize: 'scrape-dedup:batchSize',
  /** Most concurrent invocations the queue starts, 2-1000. */
  maxConcurrency: 'scrape-dedup:maxConcurrency',
  /** E-mail address the alarms notify (through a new SNS topic; the address must confirm). */
  alarmEmail: 'scrape-dedup:alarmEmail',
  /** ARN of an existing SNS topic the alarms notify. */
  alarmTopicArn: 'scrape-dedup:alarmTopicArn',
  /** `true` turns on AWS X-Ray tracing with Powertools Tracer (a bigger bundle; X-Ray is billed). */
  tracing: 'scrape-dedup:tracing',
  /** Powertools log level of the function: DEBUG, INFO, WARN or ERROR. */
  logLevel: 'scrape-dedup:logLevel',
} as const;

/** Prefix of this project's context keys; any other key under it is a typo. */
const CONTEXT_KEY_PREFIX = 'scrape-dedup:';

/** A context value the stack cannot use. */
export class StackConfigError extends ScrapeDedupError {
  public constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}

/** The settings the stack takes from context, after validation; absent means the stack's default. */
export interface StackContext {
  readonly stage: string;
  readonly incomingPrefix: string;
  readonly removalPolicy: RemovalPolicy;
  readonly backfillPrefixes: readonly string[];
  readonly backfillBuckets: readonly string[];
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly batchSize?: number;
  readonly maxConcurrency?: number;
  readonly alarmEmail?: string;
  readonly alarmTopicArn?: string;
  readonly tracing: boolean;
  readonly logLevel?: string;
}

const REMOVAL_POLICIES: Readonly<Record<string, RemovalPolicy>> = {
  retain: RemovalPolicy.RETAIN,
  destroy: RemovalPolicy.DESTROY,
};

/**
 * Checks an incoming prefix: relative (no leading `/`), non-empty and ending with `/`, so the
 * S3 notification filter and the function's read grant both cover exactly one folder.
 *
 * @example
 * parseIncomingPrefix('incoming/'); // 'incoming/'
 * parseIncomingPrefix('incoming');  // throws StackConfigError
 */
export function parseIncomingPrefix(value: unknown, key: string = CONTEXT_KEYS.incomingPrefix): string {
  if (typeof value !== 'string' || value.length === 0 || value.startsWith('/') || !value.endsWith('/')) {
    throw new StackConfigError(
      `context ${key} must be a folder such as "incoming/" (no leading "/", ending with "/"), got ${JSON.stringify(value)}`,
    );
  }
  // "*" would widen an IAM resource; "\\" is the escape of the state machine's StringMatches check.
  if (value.includes('*') || value.includes('\\')) {
    throw new StackConfigError(`context ${key} must not contain "*" or "\\", got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A list given as `-c key=a,b` (a string) or in cdk.json (an array of strings); absent is empty. */
function contextList(value: unknown, key: string): string[] {
  if (value === undefined || value === null || value === '') return [];
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (items === undefined || items.some((item) => typeof item !== 'string')) {
    throw new StackConfigError(`context ${key} must be a comma-separated string or a list of strings, got ${JSON.stringify(value)}`);
  }
  const trimmed = (items as string[]).map((item) => item.trim());
  if (trimmed.some((item) => item === '')) throw new StackConfigError(`context ${key} has an empty entry: ${JSON.stringify(value)}`);
  return [...new Set(trimmed)];
}

/**
 * Checks the scrapes bucket's folders a backfill may be started on: each a folder as the
 * incoming prefix is; the incoming prefix itself is dropped (always allowed).
 *
 * @example
 * parseBackfillPrefixes('old-scrapes/,archive/2024/', 'incoming/'); // ['old-scrapes/', 'archive/2024/']
 */
export function parseBackfillPrefixes(value: unknown, incomingPrefix: string): string[] {
  return contextList(value, CONTEXT_KEYS.backfillPrefixes)
    .map((prefix) => parseIncomingPrefix(prefix, CONTEXT_KEYS.backfillPrefixes))
    .filter((prefix) => prefix !== incomingPrefix);
}

/** S3's rules for a general purpose bucket name: 3-63 of a-z 0-9 . -, letter or digit at both ends. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Checks the names of other buckets a backfill may read: valid S3 bucket names (no ARNs, no
 * wildcards, no `s3://`), so each grant names exactly one bucket.
 *
 * @example
 * parseBackfillBuckets('bucket-a,bucket-b'); // ['bucket-a', 'bucket-b']
 * parseBackfillBuckets('s3://bucket-a');     // throws StackConfigError
 */
export function parseBackfillBuckets(value: unknown): string[] {
  const names = contextList(value, CONTEXT_KEYS.backfillBuckets);
  for (const name of names) {
    if (!BUCKET_NAME.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
      throw new StackConfigError(
        `context ${CONTEXT_KEYS.backfillBuckets} must list S3 bucket names (3-63 characters: a-z, 0-9, "." and "-"), got ${JSON.stringify(name)}`,
      );
    }
  }
  return names;
}

/**
 * Maps `retain` / `destroy` (any case) to a RemovalPolicy.
 *
 * @example
 * parseRemovalPolicy('destroy'); // RemovalPolicy.DESTROY
 */
export function parseRemovalPolicy(value: unknown): RemovalPolicy {
  const policy = typeof value === 'string' ? REMOVAL_POLICIES[value.toLowerCase()] : undefined;
  if (policy === undefined) {
    throw new StackConfigError(
      `context ${CONTEXT_KEYS.removalPolicy} must be "retain" or "destroy", got ${JSON.stringify(value)}`,
    );
  }
  return policy;
}

/** A stage: lower-case letters and digits in hyphen-separated words, starting with a letter. */
const STAGE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * Checks a stage name. It becomes part of the stack name, the queue's and dashboard's names and
 * the `stage` tag, so it is kept to characters all of them accept, and short.
 *
 * @example
 * parseStage('dev');  // 'dev'
 * parseStage('Dev!'); // throws StackConfigError
 */
export function parseStage(value: unknown): string {
  if (typeof value !== 'string' || !STAGE.test(value) || value.length > STAGE_MAX_LENGTH) {
    throw new StackConfigError(
      `context ${CONTEXT_KEYS.stage} must be lower-case letters, digits and single hyphens, starting with a letter, at most ${STAGE_MAX_LENGTH} characters (e.g. "dev"), got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * An integer from cdk.json (a number) or `-c key=value` (a string), within `[min, max]`;
 * `why` says where the bounds come from.
 *
 * @example
 * parseInteger('2048', 'scrape-dedup:memoryMb', 256, 10240, 'MB'); // 2048
 */
export function parseInteger(value: unknown, key: string, min: number, max: number, why: string): number {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new StackConfigError(`context ${key} must be a whole number from ${min} to ${max} (${why}), got ${JSON.stringify(value)}`);
  }
  return number;
}

/**
 * Checks a function timeout: longer than the time the handler keeps in reserve before it starts
 * an object (or it would start none and every message would be dead-lettered), and shorter than
 * the index lease TTL minus its safety margin (a live invocation must never outlive its lease).
 *
 * @example
 * checkFunctionTimeout(Duration.seconds(240)); // ok
 * checkFunctionTimeout(Duration.seconds(60));  // throws StackConfigError
 */
export function checkFunctionTimeout(timeout: Duration, source = 'function timeout'): Duration {
  const ms = timeout.toMilliseconds();
  const leaseBoundMs = LEASE_TTL_MS - LEASE_SAFETY_MARGIN_MS;
  if (ms <= OBJECT_TIME_RESERVE_MS || ms >= leaseBoundMs) {
    throw new StackConfigError(
      `${source} must be more than ${OBJECT_TIME_RESERVE_MS / 1000} s (the time an object may need, lambdas/handler-settings.ts) and below ${leaseBoundMs / 1000} s (the index lease TTL minus its safety margin), got ${timeout.toSeconds()} s`,
    );
  }
  return timeout;
}

/** A boolean from cdk.json (true/false) or `-c key=true|false`. */
function parseBoolean(value: unknown, key: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new StackConfigError(`context ${key} must be true or false, got ${JSON.stringify(value)}`);
}

/** Powertools log levels the function may run at. */
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const;

/** One address: something@domain.tld, no spaces or commas (one subscription per address). */
const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

/** An SNS topic ARN in any partition; standard topics only (CloudWatch alarms cannot notify FIFO topics). */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * Checks where alarms go: an e-mail address (a topic is created and subscribes it) or an
 * existing topic's ARN, not both.
 *
 * @example
 * parseAlarmTarget('ops@example.com', undefined); // { alarmEmail: 'ops@example.com' }
 */
export function parseAlarmTarget(email: unknown, topicArn: unknown): { alarmEmail?: string; alarmTopicArn?: string } {
  const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';
  if (given(email) && given(topicArn)) {
    throw new StackConfigError(`give context ${CONTEXT_KEYS.alarmEmail} or ${CONTEXT_KEYS.alarmTopicArn}, not both (subscribe the address to your topic instead)`);
  }
  if (given(email)) {
    if (typeof email !== 'string' || !EMAIL.test(email.trim())) {
      throw new StackConfigError(`context ${CONTEXT_KEYS.alarmEmail} must be one e-mail address such as "ops@example.com", got ${JSON.stringify(email)}`);
    }
    return { alarmEmail: email.trim() };
  }
  if (given(topicArn)) {
    if (typeof topicArn !== 'string' || !TOPIC_ARN.test(topicArn.trim())) {
      throw new StackConfigError(
        `context ${CONTEXT_KEYS.alarmTopicArn} must be a standard SNS topic ARN such as "arn:aws:sns:eu-west-1:123456789012:alerts", got ${JSON.stringify(topicArn)}`,
      );
    }
    return { alarmTopicArn: topicArn.trim() };
  }
  return {};
}

/**
 * Refuses context keys under `scrape-dedup:` that the stack does not read: a misspelt key
 * would otherwise be ignored and the stack deployed with the default.
 */
function checkKnownKeys(scope: Construct): void {
  const known = new Set<string>(Object.values(CONTEXT_KEYS));
  const context = scope.node.getAllContext() as Record<string, unknown>;
  const unknown = Object.keys(context).filter((key) => key.startsWith(CONTEXT_KEY_PREFIX) && !known.has(key));
  const [first] = unknown;
  if (first === undefined) return;
  const nearest = [...known].sort((a, b) => editDistance(first, a) - editDistance(first, b))[0] as string;
  const hint = editDistance(first, nearest) <= 4 ? `did you mean ${nearest}?` : `the stack reads ${[...known].join(', ')}`;
  throw new StackConfigError(`unknown context ${first}; ${hint}`);
}

/** Levenshtein distance, case-insensitive (for the "did you mean" of a misspelt key). */
function editDistance(a: string, b: string): number {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length] as number;
}

/**
 * Reads the stack's context from `scope`, falling back to the defaults (stage `prod`, prefix
 * `incoming/`, retain, no extra backfill sources, the stack's sizing, no alarm target, no
 * tracing) for keys that are not set. Throws {@link StackConfigError} on the first bad value.
 *
 * @example
 * const { stage, incomingPrefix, removalPolicy } = readStackContext(app);
 */
export function readStackContext(scope: Construct): StackContext {
  checkKnownKeys(scope);
  const get = (key: string): unknown => {
    const value: unknown = scope.node.tryGetContext(key);
    return value === null || value === '' ? undefined : value;
  };
  const incomingPrefix = parseIncomingPrefix(get(CONTEXT_KEYS.incomingPrefix) ?? DEFAULT_INCOMING_PREFIX);
  const memoryMb = get(CONTEXT_KEYS.memoryMb);
  const timeoutSeconds = get(CONTEXT_KEYS.timeoutSeconds);
  const batchSize = get(CONTEXT_KEYS.batchSize);
  const maxConcurrency = get(CONTEXT_KEYS.maxConcurrency);
  const tracing = get(CONTEXT_KEYS.tracing);
  const logLevel = get(CONTEXT_KEYS.logLevel);
  const level = typeof logLevel === 'string' ? logLevel.toUpperCase() : logLevel;
  if (level !== undefined && !LOG_LEVELS.includes(level as (typeof LOG_LEVELS)[number])) {
    throw new StackConfigError(`context ${CONTEXT_KEYS.logLevel} must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(logLevel)}`);
  }
  return {
    stage: parseStage(get(CONTEXT_KEYS.stage) ?? DEFAULT_STAGE),
    incomingPrefix,
    removalPolicy: parseRemovalPolicy(get(CONTEXT_KEYS.removalPolicy) ?? 'retain'),
    backfillPrefixes: parseBackfillPrefixes(get(CONTEXT_KEYS.backfillPrefixes), incomingPrefix),
    backfillBuckets: parseBackfillBuckets(get(CONTEXT_KEYS.backfillBuckets)),
    ...(memoryMb === undefined
      ? {}
      : { memorySize: parseInteger(memoryMb, CONTEXT_KEYS.memoryMb, MIN_MEMORY_MB, MAX_MEMORY_MB, 'MB; the measured peak is ~230 MB, Lambda allows 10,240') }),
    ...(timeoutSeconds === undefined
      ? {}
      : {
          timeout: checkFunctionTimeout(
            Duration.seconds(parseInteger(timeoutSeconds, CONTEXT_KEYS.timeoutSeconds, 1, 900, 'seconds')),
            `context ${CONTEXT_KEYS.timeoutSeconds}`,
          ),
        }),
    ...(batchSize === undefined ? {} : { batchSize: parseInteger(batchSize, CONTEXT_KEYS.batchSize, 1, MAX_BATCH_SIZE, 'the SQS maximum without a batching window') }),
    ...(maxConcurrency === undefined
      ? {}
      : { maxConcurrency: parseInteger(maxConcurrency, CONTEXT_KEYS.maxConcurrency, MIN_MAX_CONCURRENCY, MAX_MAX_CONCURRENCY, 'what SQS event sources accept') }),
    ...parseAlarmTarget(get(CONTEXT_KEYS.alarmEmail), get(CONTEXT_KEYS.alarmTopicArn)),
    tracing: tracing === undefined ? false : parseBoolean(tracing, CONTEXT_KEYS.tracing),
    ...(level === undefined ? {} : { logLevel: level as string }),
  };
}
