import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { toRedisOptions } from '../../source/queue/connection-options.js';
import {
  ControlRecordError,
  readControl,
  threadsFor,
  writeControl,
} from '../../source/queue/control-record.js';
import { createRunKeys } from '../../source/queue/key-names.js';
import { DEFAULT_CONTROL } from '../../source/queue/protocol.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import { deleteKeys } from './test-coordinator.js';
import {
  hasTestRedis,
  startTestRedis,
  testPrefix,
  type TestRedis,
} from './test-redis.js';

const prefix = testPrefix('control');
const keys = createRunKeys('r1', { prefix });

describe('threadsFor', () => {
  const control = { paused: false, threads: { 'node-1': 2, 'node-1-42': 5 } };

  it('prefers the worker id entry', () => {
    expect(threadsFor(control, 'node-1-42', 'node-1', 8)).toBe(5);
  });

  it('falls back to the host entry', () => {
    expect(threadsFor(control, 'node-1-43', 'node-1', 8)).toBe(2);
  });

  it('falls back to the given count', () => {
    expect(threadsFor(control, 'node-2-7', 'node-2', 8)).toBe(8);
  });

  it('ignores inherited object keys', () => {
    expect(threadsFor(control, 'w', 'constructor', 8)).toBe(8);
  });
});

describe.skipIf(!hasTestRedis)('control record in Redis', () => {
  let redis: TestRedis;
  let client: Redis;

  beforeAll(async () => {
    redis = await startTestRedis();
    client = new Redis(toRedisOptions(parseRedisUrl(redis.url)));
  });

  afterEach(async () => {
    await deleteKeys(client, `${prefix}:*`);
  });

  afterAll(async () => {
    client.disconnect();
    await redis.stop();
  });

  it('reads the default when there is none', async () => {
    expect(await readControl(client, keys)).toBe(DEFAULT_CONTROL);
  });

  it('reads what was written', async () => {
    const control = { paused: true, threads: { 'node-1': 3 } };
    await writeControl(client, keys, control);

    expect(await readControl(client, keys)).toEqual(control);
  });

  it.each([
    ['not JSON', 'pause'],
    ['a missing field', '{"paused":true}'],
    ['zero threads', '{"paused":false,"threads":{"a":0}}'],
    ['too many threads', '{"paused":false,"threads":{"a":257}}'],
  ])('rejects %s', async (_case, text) => {
    await client.set(keys.controlKey, text);

    await expect(readControl(client, keys)).rejects.toThrow(ControlRecordError);
  });
});
