// Reads and checks the stack's CDK context (cdk.json or `-c key=value`), so a typo in a
// deploy command fails at synth with a readable message instead of deploying something else.
import { RemovalPolicy } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { DEFAULT_INCOMING_PREFIX } from '../lambdas/adapters/table-schema.js';
import { ScrapeDedupError } from '../lambdas/core/errors.js';

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
} as const;

/** A context value the stack cannot use. */
export class StackConfigError extends ScrapeDedupError {
  public constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
  }
}

/** The settings the stack takes from context, after validation. */
export interface StackContext {
  readonly incomingPrefix: string;
  readonly removalPolicy: RemovalPolicy;
  readonly backfillPrefixes: readonly string[];
  readonly backfillBuckets: readonly string[];
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

/**
 * Reads the stack's context from `scope`, falling back to the defaults (prefix `incoming/`,
 * retain, no extra backfill sources) for keys that are not set.
 *
 * @example
 * const { incomingPrefix, removalPolicy } = readStackContext(app);
 */
export function readStackContext(scope: Construct): StackContext {
  const prefix = scope.node.tryGetContext(CONTEXT_KEYS.incomingPrefix) ?? DEFAULT_INCOMING_PREFIX;
  const policy = scope.node.tryGetContext(CONTEXT_KEYS.removalPolicy) ?? 'retain';
  const incomingPrefix = parseIncomingPrefix(prefix);
  return {
    incomingPrefix,
    removalPolicy: parseRemovalPolicy(policy),
    backfillPrefixes: parseBackfillPrefixes(scope.node.tryGetContext(CONTEXT_KEYS.backfillPrefixes), incomingPrefix),
    backfillBuckets: parseBackfillBuckets(scope.node.tryGetContext(CONTEXT_KEYS.backfillBuckets)),
  };
}
