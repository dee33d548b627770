import type { RunLogger } from '../runner/run-logger.js';

/**
 * Time between two log lines of the same repeated error, in ms. A worker
 * that lost Redis gets an error on every reconnection attempt, which comes
 * every 2 s per connection once the backoff reaches its cap.
 */
export const REPEAT_LOG_MS = 60_000;

type Repeat = { loggedAt: number; repeats: number };

/**
 * Logs errors that a long-running worker catches and carries on after. An
 * error with a new context and message is logged at once. Its repeats are
 * counted and logged at most once per REPEAT_LOG_MS with the count, so an
 * outage does not flood the log file.
 */
export class ErrorLog {
  private readonly repeats = new Map<string, Repeat>();

  constructor(
    private readonly logger: RunLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Logs `error` at warn level under `context`, such as `tick`. */
  warn(context: string, error: unknown, fields: object = {}): void {
    const text = error instanceof Error ? error.message : String(error);
    const key = `${context}\n${text}`;
    const now = this.now();
    const repeat = this.repeats.get(key);
    if (repeat !== undefined && now - repeat.loggedAt < REPEAT_LOG_MS) {
      repeat.repeats += 1;
      return;
    }

    const repeats = repeat?.repeats ?? 0;
    this.repeats.set(key, { loggedAt: now, repeats: 0 });
    this.logger.warn(
      { ...fields, err: error, ...(repeats > 0 ? { repeats } : {}) },
      `${context}: ${text}`,
    );
  }

  /**
   * Forgets the errors of `context`, as after a reconnection, so that the
   * next failure is logged at once. Returns how many repeats went unlogged.
   */
  clear(context: string): number {
    let unlogged = 0;
    for (const [key, repeat] of this.repeats) {
      if (key.startsWith(`${context}\n`)) {
        unlogged += repeat.repeats;
        this.repeats.delete(key);
      }
    }

    return unlogged;
  }
}
