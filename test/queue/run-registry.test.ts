import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { toRedisOptions } from '../../source/queue/connection-options.js';
import { runRegistryKey } from '../../source/queue/key-names.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import {
  listActiveRuns,
  registerRun,
  unregisterRun,
} from '../../source/queue/run-registry.js';
import {
  hasTestRedis,
  startTestRedis,
  testPrefix,
  type TestRedis,
} from './test-redis.js';

const prefix = testPrefix('registry');
const SHORT_STALE_MS = 100;

describe.skipIf(!hasTestRedis)('run registry', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(toRedisOptions(parseRedisUrl(redis.url)));
  });

  afterEach(async () => {
    await client.del(runRegistryKey(prefix));
  });

  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('lists a registered run', async () => {
    await registerRun(client, prefix, 'r1');
    await registerRun(client, prefix, 'r2');

    expect((await listActiveRuns(client, prefix)).sort()).toEqual(['r1', 'r2']);
  });

  it('scores a run with the server time', async () => {
    const [seconds] = await client.time();
    await registerRun(client, prefix, 'r1');
    const score = Number(await client.zscore(runRegistryKey(prefix), 'r1'));

    expect(score).toBeGreaterThanOrEqual(Number(seconds) * 1000);
    expect(score).toBeLessThan((Number(seconds) + 2) * 1000);
  });

  it('leaves out a run not updated in time', async () => {
    await registerRun(client, prefix, 'r1');
    await new Promise((resolve) => setTimeout(resolve, 2 * SHORT_STALE_MS));
    await registerRun(client, prefix, 'r2');

    expect(await listActiveRuns(client, prefix, SHORT_STALE_MS)).toEqual([
      'r2',
    ]);
  });

  it('forgets an unregistered run', async () => {
    await registerRun(client, prefix, 'r1');
    await unregisterRun(client, prefix, 'r1');

    expect(await listActiveRuns(client, prefix)).toEqual([]);
  });
});
