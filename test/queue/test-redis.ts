// Picks the Redis that queue tests run against: a private redis-server
// when the binary is on the PATH, else database 15 of the machine's Redis,
// where tests touch only keys under their own prefix.

import { answersPing, hasRedisServer, RedisServer } from './redis-server.js';

const MACHINE_REDIS_PORT = 6379;
const MACHINE_REDIS_URL = `redis://127.0.0.1:${MACHINE_REDIS_PORT}/15`;

/** Whether the tests have a Redis to run against. */
export const hasTestRedis =
  hasRedisServer || (await answersPing(MACHINE_REDIS_PORT));

/** Why Redis tests are skipped, or null when they run. */
export const noRedisReason = hasTestRedis
  ? null
  : 'no redis-server on the PATH and nothing answers PING at ' +
    `127.0.0.1:${MACHINE_REDIS_PORT}`;

export type TestRedis = {
  readonly url: string;
  /** The private server, or null on the machine's Redis. */
  readonly server: RedisServer | null;
  stop(): Promise<void>;
};

/** Starts a private server, or returns the machine's Redis. */
export async function startTestRedis(): Promise<TestRedis> {
  if (!hasRedisServer) {
    return { url: MACHINE_REDIS_URL, server: null, stop: async () => {} };
  }

  const server = await RedisServer.start();

  return { url: server.url, server, stop: () => server.stop() };
}

/** Returns a key prefix that no other test process uses. */
export function testPrefix(name: string): string {
  return `traintop-test-${process.pid}-${name}`;
}
