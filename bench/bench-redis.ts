// Picks the Redis that the queue benchmark runs against. That is a private
// redis-server on a free port of 127.0.0.1 when the binary is on the PATH.
// Otherwise it is database 15 of the machine's Redis, where the benchmark
// touches only keys under its own prefix.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Redis } from 'ioredis';

import { checkRedis } from '../source/queue/check-redis.js';
import { parseRedisUrl } from '../source/queue/redis-url.js';
import { stopProcess } from './stop-process.js';

const HOST = '127.0.0.1';
const MACHINE_REDIS_URL = `redis://${HOST}:6379/15`;
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
/** Time allowed for one PING while the server starts, in ms. */
const PING_TIMEOUT_MS = 500;
const POLL_INTERVAL_MS = 50;
/** Keys matched per SCAN when the machine's Redis is cleaned up. */
const SCAN_COUNT = 200;

/** The Redis of one benchmark and the key prefix it uses there. */
export type BenchRedis = {
  readonly url: string;
  /** Key prefix that no other process uses. */
  readonly prefix: string;
  /** The private server's process id, or none on the machine's Redis. */
  readonly pids: readonly number[];
  /**
   * Stops the private server, or deletes the keys under `prefix` from the
   * machine's Redis.
   */
  stop(): Promise<void>;
};

/** Starts a private server, or returns the machine's Redis. */
export async function startBenchRedis(): Promise<BenchRedis> {
  const prefix = `traintop-bench-${process.pid}`;
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    return {
      url: MACHINE_REDIS_URL,
      prefix,
      pids: [],
      stop: () => deleteKeys(MACHINE_REDIS_URL, prefix),
    };
  }

  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-bench-redis-'));
  const port = await findFreePort();
  const server = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', HOST, '--dir', folder],
      ...['--save', '', '--appendonly', 'no'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async () => {
    await stopProcess(server, STOP_TIMEOUT_MS);
    rmSync(folder, { recursive: true, force: true });
  };

  const url = `redis://${HOST}:${port}/0`;
  try {
    await waitForPing(url, server, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return { url, prefix, pids: [server.pid!], stop };
}

async function waitForPing(
  url: string,
  server: ChildProcess,
  readOutput: () => string,
): Promise<void> {
  const target = parseRedisUrl(url);
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await checkRedis(target, { timeoutMs: PING_TIMEOUT_MS });
      return;
    } catch (error) {
      if (server.exitCode !== null || Date.now() > deadline) {
        throw new Error(
          `Failed to start redis-server at ${url}: ${String(error)}\n` +
            readOutput(),
          { cause: error },
        );
      }
    }

    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
async function findFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');

  return port;
}

/** Deletes the keys under `prefix`, and no other key. */
async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(
        cursor,
        'MATCH',
        `${prefix}:*`,
        'COUNT',
        SCAN_COUNT,
      );
      if (keys.length > 0) {
        await redis.del(...keys);
      }
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
