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
export function parseIncomingPrefix(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.startsWith('/') || !value.endsWith('/')) {
    throw new StackConfigError(
      `context ${CONTEXT_KEYS.incomingPrefix} must be a folder such as "incoming/" (no leading "/", ending with "/"), got ${JSON.stringify(value)}`,
    );
  }
  if (value.includes('*')) {
    throw new StackConfigError(`context ${CONTEXT_KEYS.incomingPrefix} must not contain "*", got ${JSON.stringify(value)}`);
  }
  return value;
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
 * retain) for keys that are not set.
 *
 * @example
 * const { incomingPrefix, removalPolicy } = readStackContext(app);
 */
export function readStackContext(scope: Construct): StackContext {
  const prefix = scope.node.tryGetContext(CONTEXT_KEYS.incomingPrefix) ?? DEFAULT_INCOMING_PREFIX;
  const policy = scope.node.tryGetContext(CONTEXT_KEYS.removalPolicy) ?? 'retain';
  return { incomingPrefix: parseIncomingPrefix(prefix), removalPolicy: parseRemovalPolicy(policy) };
}
