// The one typed options object of the dedup layer, built from settings.ts and validated once.
import {
  BODY_CHUNK_BYTES,
  DEDUP_BAND_COUNT,
  DEDUP_MAX_DISTANCE,
  DEDUP_MAX_DISTANCE_WITH_OVERLAP,
  DEDUP_MIN_PARAGRAPH_OVERLAP,
  DEDUP_MIN_SHARED_PARAGRAPHS,
  DEDUP_PARAGRAPH_MATCH_DISTANCE,
  DEDUP_SKETCH_MIN_CHARS,
  DEDUP_SKETCH_SIZE,
  INDEX_MAX_ENTRIES,
  LEARNED_CHROME_MIN_DOCS,
  LEASE_MAX_WAIT_MS,
  LEASE_RETRY_BASE_MS,
  LEASE_SAFETY_MARGIN_MS,
  LEASE_TTL_MS,
  PARAGRAPH_MAX_LISTED_DOCS,
  SIMHASH_BITS,
} from '../core/settings.js';
import { InvalidDedupOptionError } from './errors.js';

/** Every tunable of the dedup layer; see lambdas/core/settings.ts for what each is for. */
export interface DedupOptions {
  readonly bandCount: number;
  readonly sketchSize: number;
  readonly sketchMinChars: number;
  readonly maxDistance: number;
  readonly minParagraphOverlap: number;
  /** Shared paragraphs required by the overlap signal (capped by the smaller document's count). */
  readonly minSharedParagraphs: number;
  readonly paragraphMatchDistance: number;
  readonly maxDistanceWithOverlap: number;
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
  bandCount: DEDUP_BAND_COUNT,
  sketchSize: DEDUP_SKETCH_SIZE,
  sketchMinChars: DEDUP_SKETCH_MIN_CHARS,
  maxDistance: DEDUP_MAX_DISTANCE,
  minParagraphOverlap: DEDUP_MIN_PARAGRAPH_OVERLAP,
  minSharedParagraphs: DEDUP_MIN_SHARED_PARAGRAPHS,
  paragraphMatchDistance: DEDUP_PARAGRAPH_MATCH_DISTANCE,
  maxDistanceWithOverlap: DEDUP_MAX_DISTANCE_WITH_OVERLAP,
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
  requireInteger('bandCount', options.bandCount, 1, SIMHASH_BITS);
  if (SIMHASH_BITS % options.bandCount !== 0) {
    throw new InvalidDedupOptionError('bandCount', `must divide ${SIMHASH_BITS}, got ${options.bandCount}`);
  }
  requireInteger('sketchSize', options.sketchSize, 0, 64);
  requireInteger('sketchMinChars', options.sketchMinChars, 0, Number.MAX_SAFE_INTEGER);
  requireInteger('maxDistance', options.maxDistance, 0, SIMHASH_BITS);
  requireInteger('minSharedParagraphs', options.minSharedParagraphs, 1, 1000);
  requireInteger('paragraphMatchDistance', options.paragraphMatchDistance, 0, SIMHASH_BITS);
  requireInteger('maxDistanceWithOverlap', options.maxDistanceWithOverlap, 0, SIMHASH_BITS);
  if (!(options.minParagraphOverlap > 0 && options.minParagraphOverlap <= 1)) {
    throw new InvalidDedupOptionError('minParagraphOverlap', `expected a share in (0, 1], got ${options.minParagraphOverlap}`);
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
