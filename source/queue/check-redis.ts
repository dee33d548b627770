import { Redis } from 'ioredis';

import { toRedisOptions } from './connection-options.js';
import { describeRedisFailure, RedisTimeoutError } from './redis-failure.js';
import type { RedisTarget } from './redis-url.js';

/**
 * How long a client that is closing waits for the server to close its side
 * before it destroys the socket, in ms. A server that accepted the
 * connection but never replies would otherwise hold the process open.
 */
const CLOSE_GRACE_MS = 100;

export type CheckRedisOptions = {
  /** Time allowed to connect, authenticate and get PONG, in ms. */
  readonly timeoutMs: number;
};

/**
 * Connects once to the target, without retrying, and sends PING. Resolves
 * when the server replies with PONG. Otherwise throws a RedisCheckError whose
 * one-line message names the URL without its password and what to do.
 * Returns only after the connection is closed, so it leaves no open handle.
 */
export async function checkRedis(
  target: RedisTarget,
  { timeoutMs }: CheckRedisOptions,
): Promise<void> {
  const client = new Redis({
    ...toRedisOptions(target),
    lazyConnect: true,
    retryStrategy: () => null,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: timeoutMs,
    disconnectTimeout: CLOSE_GRACE_MS,
  });

  // ioredis reports setup failures, such as a rejected password or SELECT,
  // only as "error" events, and prints them to stderr without a listener.
  const setupErrors: Error[] = [];
  client.on('error', (error: Error) => setupErrors.push(error));

  let failure: unknown = null;
  try {
    await withTimeout(connectAndPing(client), timeoutMs);
  } catch (error) {
    failure = error;
  }

  // Taken before closing, because closing can add errors of its own. A
  // rejected SELECT leaves the client on database 0, where PING succeeds,
  // so a setup error fails the check even after PONG.
  const cause = setupErrors[0] ?? failure;
  await closeClient(client);

  if (cause !== null) {
    throw describeRedisFailure(target, cause);
  }
}

async function connectAndPing(client: Redis): Promise<void> {
  await client.connect();
  await client.ping();
}

async function withTimeout(work: Promise<void>, timeoutMs: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(
      () => reject(new RedisTimeoutError(timeoutMs)),
      timeoutMs,
    );
  });

  try {
    await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function closeClient(client: Redis): Promise<void> {
  if (client.status === 'end') {
    return;
  }

  const ended = new Promise((resolve) => client.once('end', resolve));
  client.disconnect();
  await ended;
}
