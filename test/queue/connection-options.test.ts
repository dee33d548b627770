import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';

import {
  reconnectDelayMs,
  RECONNECT_JITTER_MS,
  RECONNECT_MAX_DELAY_MS,
  toRedisOptions,
} from '../../source/queue/connection-options.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import { hasRedisServer, RedisServer } from './redis-server.js';

describe('toRedisOptions', () => {
  it('copies the target', () => {
    const options = toRedisOptions(
      parseRedisUrl('redis://alice:secret@cache.lan:6390/4'),
    );

    expect(options.host).toBe('cache.lan');
    expect(options.port).toBe(6390);
    expect(options.db).toBe(4);
    expect(options.username).toBe('alice');
    expect(options.password).toBe('secret');
    expect(options.tls).toBeUndefined();
  });

  it('sets maxRetriesPerRequest to null', () => {
    const options = toRedisOptions(parseRedisUrl('redis://localhost'));

    expect(options.maxRetriesPerRequest).toBeNull();
  });

  it('retries with the capped backoff', () => {
    const options = toRedisOptions(parseRedisUrl('redis://localhost'));
    const delayMs = options.retryStrategy(3);

    expect(delayMs).toBeGreaterThanOrEqual(400);
    expect(delayMs).toBeLessThan(400 + RECONNECT_JITTER_MS);
  });

  it('sends the host name for TLS', () => {
    const options = toRedisOptions(parseRedisUrl('rediss://cache.lan'));

    expect(options.tls).toStrictEqual({ servername: 'cache.lan' });
  });

  it.each(['rediss://127.0.0.1', 'rediss://[::1]'])(
    'sends no server name for %s',
    (url) => {
      expect(toRedisOptions(parseRedisUrl(url)).tls).toStrictEqual({});
    },
  );
});

describe('reconnectDelayMs', () => {
  const noJitter = () => 0;

  it('doubles from 100 ms', () => {
    const delays = [1, 2, 3, 4, 5].map((attempt) =>
      reconnectDelayMs(attempt, noJitter),
    );

    expect(delays).toStrictEqual([100, 200, 400, 800, 1600]);
  });

  it('stops growing at the maximum', () => {
    expect(reconnectDelayMs(6, noJitter)).toBe(RECONNECT_MAX_DELAY_MS);
    expect(reconnectDelayMs(1000, noJitter)).toBe(RECONNECT_MAX_DELAY_MS);
  });

  it('adds at most the jitter', () => {
    const delay = reconnectDelayMs(1000, () => 0.999_999);

    expect(delay).toBe(RECONNECT_MAX_DELAY_MS + RECONNECT_JITTER_MS - 1);
  });

  it('never gives up', () => {
    expect(typeof reconnectDelayMs(1_000_000)).toBe('number');
  });
});

describe.skipIf(!hasRedisServer)('a client with these options', () => {
  let server: RedisServer | undefined;
  let client: Redis | undefined;

  afterEach(async () => {
    client?.disconnect();
    await server?.stop();
  });

  it('reconnects after Redis restarts', async () => {
    server = await RedisServer.start({ password: 'secret' });
    client = new Redis(toRedisOptions(parseRedisUrl(server.url)));
    let reconnections = 0;
    client.on('reconnecting', () => (reconnections += 1));
    client.on('error', () => {});
    expect(await client.ping()).toBe('PONG');

    await server.restart();

    expect(await client.ping()).toBe('PONG');
    expect(reconnections).toBeGreaterThan(0);
  });
});
