import net from 'node:net';
import type { ConnectionOptions as TlsOptions } from 'node:tls';

import type { RedisTarget } from './redis-url.js';

/** Delay before the first reconnection attempt, in ms. */
export const RECONNECT_BASE_DELAY_MS = 100;

/** Maximum delay between reconnection attempts, in ms. */
export const RECONNECT_MAX_DELAY_MS = 2_000;

/**
 * Maximum random delay added to each attempt, in ms, so that many workers
 * that lost the same server do not all reconnect at the same moment.
 */
export const RECONNECT_JITTER_MS = 100;

/**
 * ioredis client options. The type is spelled out, not ioredis's
 * RedisOptions, because BullMQ 6's `connection` option declares its own
 * options type, which takes this one but not ioredis's.
 */
export type RedisConnectionOptions = {
  /** Host name or IP address. */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** Database index that the client selects. */
  readonly db: number;
  /** ACL user name, or undefined for the default user. */
  readonly username: string | undefined;
  /** Password, or undefined when the server requires none. */
  readonly password: string | undefined;
  /** TLS options for rediss:// URLs, or undefined for plain TCP. */
  readonly tls: TlsOptions | undefined;
  /** Always null, so commands wait for a reconnection instead of failing. */
  readonly maxRetriesPerRequest: null;
  /** Delay before reconnection attempt number `attempt` (from 1), in ms. */
  readonly retryStrategy: (attempt: number) => number;
};

/**
 * Returns ioredis options for a target, fit for BullMQ queues and workers.
 * The client retries for ever with capped backoff, so a restarted Redis is
 * reconnected, and commands wait for the connection instead of failing.
 */
export function toRedisOptions(target: RedisTarget): RedisConnectionOptions {
  return {
    host: target.host,
    port: target.port,
    db: target.db,
    username: target.username,
    password: target.password,
    tls: target.tls ? tlsOptions(target.host) : undefined,
    // BullMQ workers block on Redis and require null here: a finite limit
    // would fail their blocking commands while Redis restarts.
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => reconnectDelayMs(attempt),
  };
}

/**
 * Returns the delay before reconnection attempt number `attempt` (from 1),
 * in ms: doubling from RECONNECT_BASE_DELAY_MS up to RECONNECT_MAX_DELAY_MS,
 * plus up to RECONNECT_JITTER_MS of random jitter. It never gives up.
 */
export function reconnectDelayMs(
  attempt: number,
  random: () => number = Math.random,
): number {
  const backoffMs = Math.min(
    RECONNECT_BASE_DELAY_MS * 2 ** Math.max(attempt - 1, 0),
    RECONNECT_MAX_DELAY_MS,
  );

  return backoffMs + Math.floor(random() * RECONNECT_JITTER_MS);
}

function tlsOptions(host: string): TlsOptions {
  // Server Name Indication takes host names only (RFC 6066), and Node
  // prints a deprecation warning when given an IP address.
  return net.isIP(host) === 0 ? { servername: host } : {};
}
