// Errors the pure core raises; one base class so callers can tell ours from bugs.

/** Base class of every error scrape-dedup raises on purpose. */
export class ScrapeDedupError extends Error {
  public constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScrapeDedupError';
  }
}

/**
 * The input cannot be turned into an article (binary, undecodable, too large, empty...).
 * `code` is stable and machine-readable; `message` is for a person.
 */
export class InputRejectedError extends ScrapeDedupError {
  public readonly code: string;

  public constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InputRejectedError';
    this.code = code;
  }
}
