// The registry of active runs: a sorted set whose members are run ids and
// whose scores are the time of each coordinator's last tick. Both sides
// read the time from the Redis server (TIME inside a script), so the clocks
// of the coordinator's and the workers' machines never need to agree.

import type { Redis } from 'ioredis';

import { noticeChannel, runRegistryKey } from './key-names.js';
import { RUN_STALE_MS } from './protocol.js';

/** Lua: the server's time in ms, from TIME's seconds and microseconds. */
const NOW_MS = `local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)`;

const REGISTER_SCRIPT = `${NOW_MS}
redis.call('ZADD', KEYS[1], now, ARGV[1])
return now`;

const LIST_ACTIVE_SCRIPT = `${NOW_MS}
return redis.call('ZRANGEBYSCORE', KEYS[1], now - tonumber(ARGV[1]), '+inf')`;

/**
 * Marks run `runId` as active now. A coordinator calls this on every tick;
 * the run counts as active for RUN_STALE_MS after the last call.
 */
export async function registerRun(
  redis: Redis,
  prefix: string,
  runId: string,
): Promise<void> {
  await redis.eval(REGISTER_SCRIPT, 1, runRegistryKey(prefix), runId);
}

/**
 * Tells the workers under `prefix` that run `runId` started or that its
 * controls changed, so they read the registry and the control record now.
 */
export async function announceRun(
  redis: Redis,
  prefix: string,
  runId: string,
): Promise<void> {
  await redis.publish(noticeChannel(prefix), runId);
}

/** Removes a run from the registry, so workers stop serving it. */
export async function unregisterRun(
  redis: Redis,
  prefix: string,
  runId: string,
): Promise<void> {
  await redis.zrem(runRegistryKey(prefix), runId);
}

/** Returns the ids of runs registered within the last `staleMs` ms. */
export async function listActiveRuns(
  redis: Redis,
  prefix: string,
  staleMs: number = RUN_STALE_MS,
): Promise<string[]> {
  const runIds = await redis.eval(
    LIST_ACTIVE_SCRIPT,
    1,
    runRegistryKey(prefix),
    staleMs,
  );

  return runIds as string[];
}
