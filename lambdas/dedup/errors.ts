// Errors of the dedup layer; all extend the project's ScrapeDedupError.
import { ScrapeDedupError } from '../core/errors.js';

/** A dedup option is out of range (raised once, when the options are built). */
export class InvalidDedupOptionError extends ScrapeDedupError {
  public readonly option: string;

  public constructor(option: string, message: string) {
    super(`invalid dedup option ${option}: ${message}`);
    this.name = 'InvalidDedupOptionError';
    this.option = option;
  }
}

/** An index lease stayed busy longer than the wait allows; the object is retried later. */
export class LeaseBusyError extends ScrapeDedupError {
  public readonly key: string;
  public readonly waitedMs: number;
  /** Epoch ms when the busy lease lapses, when known. */
  public readonly heldUntil?: number;

  public constructor(key: string, waitedMs: number, heldUntil?: number) {
    const until = heldUntil === undefined ? '' : `; it lapses at ${new Date(heldUntil).toISOString()} unless its holder finishes first`;
    super(`index lease on ${key} still busy after waiting ${waitedMs} ms in total${until}`);
    this.name = 'LeaseBusyError';
    this.key = key;
    this.waitedMs = waitedMs;
    this.heldUntil = heldUntil;
  }
}

/** A lease ran out (or was taken over) before its holder wrote; nothing was registered. */
export class LeaseLostError extends ScrapeDedupError {
  public constructor(key: string) {
    super(`index lease on ${key} lost before the write`);
    this.name = 'LeaseLostError';
  }
}
