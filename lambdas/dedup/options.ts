// The one typed options object of the dedup layer, built from settings.ts and validated once.
import {
  BODY_CHUNK_BYTES,
  INDEX_MAX_ENTRIES,
  LEARNED_CHROME_MIN_DOCS,
  LEASE_MAX_WAIT_MS,
  LEASE_RETRY_BASE_MS,
  LEASE_SAFETY_MARGIN_MS,
  LEASE_TTL_MS,
  PARAGRAPH_MAX_LISTED_DOCS,
} from '../core/settings.js';
import { LEAD_KEY, MIN_CONTAINMENT, MIN_REST_CONTAINMENT, REST_RULE_MIN_SHARE, SHINGLE_KEY_COUNT, SHINGLE_WIDTH, SKETCH_MAX_HASHES, SKETCH_MIN_HASHES } from './settings.js';
import { InvalidDedupOptionError } from './errors.js';

/**
 * Every tunable of the dedup layer; see lambdas/dedup/settings.ts (matching, index keys) and
 * lambdas/core/settings.ts (leases, learned chrome, bodies) for what each is for.
 */
export interface DedupOptions {
  readonly shingleWidth: number;
  readonly sketchMaxHashes: number;
  /** Fewest hashes a stored sample is thinned to, to fit the article item in one write unit. */
  readonly sketchMinHashes: number;
  readonly shingleKeyCount: number;
  /** Also index the document's opening words. */
  readonly leadKey: boolean;
  readonly minContainment: number;
  readonly minRestContainment: number;
  readonly restRuleMinShare: number;
  /** Distinct earlier articles of a site a paragraph must appear in to be learned chrome; 0 disables. */
  readonly learnedChromeMinDocs: number;
  readonly paragraphMaxListedDocs: number;
  readonly indexMaxEntries: number;
  readonly leaseTtlMs: number;
  readonly leaseSafetyMarginMs: number;
  readonly leaseMaxWaitMs: number;
  readonly leaseRetryBaseMs: number;
  readonly bodyChunkBytes: number;
}

/** The defaults from settings.ts. */
export const DEFAULT_DEDUP_OPTIONS: DedupOptions = Object.freeze({
  shingleWidth: SHINGLE_WIDTH,
  sketchMaxHashes: SKETCH_MAX_HASHES,
  sketchMinHashes: SKETCH_MIN_HASHES,
  shingleKeyCount: SHINGLE_KEY_COUNT,
  leadKey: LEAD_KEY,
  minContainment: MIN_CONTAINMENT,
  minRestContainment: MIN_REST_CONTAINMENT,
  restRuleMinShare: REST_RULE_MIN_SHARE,
  learnedChromeMinDocs: LEARNED_CHROME_MIN_DOCS,
  paragraphMaxListedDocs: PARAGRAPH_MAX_LISTED_DOCS,
  indexMaxEntries: INDEX_MAX_ENTRIES,
  leaseTtlMs: LEASE_TTL_MS,
  leaseSafetyMarginMs: LEASE_SAFETY_MARGIN_MS,
  leaseMaxWaitMs: LEASE_MAX_WAIT_MS,
  leaseRetryBaseMs: LEASE_RETRY_BASE_MS,
  bodyChunkBytes: BODY_CHUNK_BYTES,
});

/** DynamoDB's item size limit; body chunks must leave room for keys and attribute names. */
const DYNAMODB_ITEM_LIMIT_BYTES = 400 * 1024;
/** Room kept in a body item for its keys and attribute names. */
const ITEM_OVERHEAD_BYTES = 1024;

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidDedupOptionError(name, `expected an integer in [${min}, ${max}], got ${value}`);
  }
}

/**
 * Merges overrides into the defaults and rejects impossible values with a specific error.
 *
 * @example
 * const options = resolveDedupOptions({ learnedChromeMinDocs: 3 });
 * resolveDedupOptions({ bandCount: 5 }); // throws InvalidDedupOptionError (5 does not divide 64)
 */
export function resolveDedupOptions(overrides: Partial<DedupOptions> = {}): DedupOptions {
  const options: DedupOptions = { ...DEFAULT_DEDUP_OPTIONS, ...overrides };
  requireInteger('shingleWidth', options.shingleWidth, 1, 16);
  requireInteger('sketchMaxHashes', options.sketchMaxHashes, 16, 16_384);
  requireInteger('sketchMinHashes', options.sketchMinHashes, 1, options.sketchMaxHashes);
  requireInteger('shingleKeyCount', options.shingleKeyCount, 1, 32);
  // Above 1 the rule never applies (a share never exceeds 1): how the sweep turns it off.
  if (!(options.restRuleMinShare >= 0 && options.restRuleMinShare <= 2)) {
    throw new InvalidDedupOptionError('restRuleMinShare', `expected a share in [0, 2], got ${options.restRuleMinShare}`);
  }
  for (const name of ['minContainment', 'minRestContainment'] as const) {
    if (!(options[name] > 0 && options[name] <= 1)) throw new InvalidDedupOptionError(name, `expected a share in (0, 1], got ${options[name]}`);
  }
  requireInteger('learnedChromeMinDocs', options.learnedChromeMinDocs, 0, 1000);
  requireInteger('paragraphMaxListedDocs', options.paragraphMaxListedDocs, 1, 1000);
  if (options.learnedChromeMinDocs > options.paragraphMaxListedDocs) {
    throw new InvalidDedupOptionError('learnedChromeMinDocs', 'cannot exceed paragraphMaxListedDocs (counts stop there)');
  }
  requireInteger('indexMaxEntries', options.indexMaxEntries, 1, 2000);
  requireInteger('leaseTtlMs', options.leaseTtlMs, 1, 24 * 3600_000);
  requireInteger('leaseSafetyMarginMs', options.leaseSafetyMarginMs, 0, options.leaseTtlMs - 1);
  requireInteger('leaseMaxWaitMs', options.leaseMaxWaitMs, 0, 24 * 3600_000);
  requireInteger('leaseRetryBaseMs', options.leaseRetryBaseMs, 1, 60_000);
  requireInteger('bodyChunkBytes', options.bodyChunkBytes, 1, DYNAMODB_ITEM_LIMIT_BYTES - ITEM_OVERHEAD_BYTES);
  return options;
}
