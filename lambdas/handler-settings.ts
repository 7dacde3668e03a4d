// Limits of one invocation of the function, each with the measurement behind it.

/**
 * An object is not started with less time than this left in the invocation: the slowest
 * accepted object (the document limits of document-limits.ts at their maximum, about 35 s of
 * CPU and writes at 1,024 MB) plus one index-lease wait (`LEASE_MAX_WAIT_MS`, 60 s), rounded
 * up. With a 240 s function timeout, a batch has 145 s before the check starts refusing; an
 * object refused here is reported as a batch item failure and redelivered, never half-written.
 * Re-measure with bench/lambda-sizing.ts when the limits or the memory change.
 */
export const OBJECT_TIME_RESERVE_MS = 95_000;
