// Thresholds and tunables of the pure core, in one place (trafilatura settings.py habit).
// Each constant says why it exists, who reads it and which benchmark or test to re-run
// after changing it. Engineers append their own section under a heading comment; the
// options objects built from these defaults are the only way to override them.

// ---------------------------------------------------------------------------
// Fingerprints (issue 2): lambdas/core/simhash.ts
// Re-run `npm run bench` (distances table) and tests/unit/core/simhash.test.ts
// (pinned hex values change on purpose when any of these change).
// ---------------------------------------------------------------------------

/** Width of a fingerprint. 64 bits is Manku et al.'s size for web-scale near-duplicate detection. */
export const SIMHASH_BITS = 64;

/**
 * Words per shingle (feature) of the simhash. 3 was chosen by measurement (`npm run bench`
 * prints k = 2, 3, 4): k = 1 puts related articles on one story too close together (shared
 * vocabulary), larger k makes one edited word move more features (k features per word).
 */
export const SIMHASH_SHINGLE_SIZE = 3;

/**
 * Bands a fingerprint is split into for index look-ups (pigeonhole principle: two fingerprints
 * within distance `bands - 1` share at least one band exactly). Read by simhash.ts
 * `fingerprintBands` and by the dedup index; 4 bands of 16 bits catch distance <= 3.
 */
export const DEFAULT_BAND_COUNT = 4;
