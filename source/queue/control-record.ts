import type { Redis } from 'ioredis';
import * as z from 'zod';

import type { RunKeys } from './key-names.js';
import { DEFAULT_CONTROL, type ControlRecord } from './protocol.js';

/** Most trials one worker trains at once for one run. */
export const MAX_THREADS = 256;

const controlSchema = z.object({
  paused: z.boolean(),
  threads: z.record(z.string(), z.number().int().min(1).max(MAX_THREADS)),
});

/** Reports a control record that is not valid JSON of the expected shape. */
export class ControlRecordError extends Error {}

/** Writes the run's control record, which workers read on their next tick. */
export async function writeControl(
  redis: Redis,
  keys: RunKeys,
  control: ControlRecord,
): Promise<void> {
  await redis.set(keys.controlKey, JSON.stringify(control));
}

/**
 * Reads the run's control record, or DEFAULT_CONTROL when there is none.
 * Throws ControlRecordError for a record of another shape.
 */
export async function readControl(
  redis: Redis,
  keys: RunKeys,
): Promise<ControlRecord> {
  const text = await redis.get(keys.controlKey);
  if (text === null) {
    return DEFAULT_CONTROL;
  }

  return parseControl(keys, text);
}

function parseControl(keys: RunKeys, text: string): ControlRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }

  const parsed = controlSchema.safeParse(json);
  if (!parsed.success) {
    throw new ControlRecordError(
      `Invalid control record at ${keys.controlKey}: expected JSON such ` +
        `as {"paused":false,"threads":{"host-a":4}} with thread counts ` +
        `from 1 to ${MAX_THREADS}.`,
    );
  }

  return parsed.data;
}

/**
 * Returns the thread count the record sets for a worker: its worker id
 * entry, else its host entry, else `fallback`.
 */
export function threadsFor(
  control: ControlRecord,
  workerId: string,
  host: string,
  fallback: number,
): number {
  // Own keys only, so a host named `constructor` gets no inherited value.
  const entry = (name: string) =>
    Object.hasOwn(control.threads, name) ? control.threads[name] : undefined;

  return entry(workerId) ?? entry(host) ?? fallback;
}
