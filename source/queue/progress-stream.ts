import type { Redis } from 'ioredis';

import type { RunKeys } from './key-names.js';
import { PROGRESS_FIELD, type ProgressMessage } from './protocol.js';

/**
 * Entries a progress stream keeps, roughly: Redis trims whole nodes of the
 * stream past this length. A 144-trial sweep of 1,350 trees in chunks of 10
 * sends about 20,000 progress messages, and a worker one heartbeat a tick.
 * NOTE: A coordinator that falls this far behind loses the oldest entries.
 * A finished trial's result is also the return value of its BullMQ job.
 */
export const PROGRESS_STREAM_MAX_LENGTH = 100_000;

/** One entry of a progress stream. */
export type ProgressEntry = {
  /** Stream entry id, such as `1718000000000-0`; read on after it. */
  readonly id: string;
  readonly message: ProgressMessage;
};

export type ReadProgressOptions = {
  /** Return entries after this id; `0` reads from the start. */
  readonly afterId: string;
  /** Wait up to this long for a new entry, in ms; 0 returns at once. */
  readonly blockMs: number;
  /** Most entries returned. */
  readonly count: number;
};

/** Appends a message to the run's progress stream, as JSON in one field. */
export async function appendProgress(
  redis: Redis,
  keys: RunKeys,
  message: ProgressMessage,
): Promise<void> {
  await redis.xadd(
    keys.progressStream,
    'MAXLEN',
    '~',
    PROGRESS_STREAM_MAX_LENGTH,
    '*',
    PROGRESS_FIELD,
    JSON.stringify(message),
  );
}

/**
 * Reads the entries after `afterId`, waiting up to `blockMs` for the first.
 * Entries without the message field, which traintop never writes, are
 * skipped. A blocking read holds its connection, so give it a client of
 * its own.
 */
export async function readProgress(
  redis: Redis,
  keys: RunKeys,
  { afterId, blockMs, count }: ReadProgressOptions,
): Promise<ProgressEntry[]> {
  const reply =
    blockMs > 0
      ? await redis.xread(
          'COUNT',
          count,
          'BLOCK',
          blockMs,
          'STREAMS',
          keys.progressStream,
          afterId,
        )
      : await redis.xread(
          'COUNT',
          count,
          'STREAMS',
          keys.progressStream,
          afterId,
        );
  const entries = reply?.[0]?.[1] ?? [];

  return entries.flatMap(([id, fields]) => {
    const index = fields.indexOf(PROGRESS_FIELD);
    const text = index % 2 === 0 ? fields[index + 1] : undefined;

    return text === undefined
      ? []
      : [{ id, message: JSON.parse(text) as ProgressMessage }];
  });
}
