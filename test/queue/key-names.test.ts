import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';

import { toRedisOptions } from '../../source/queue/connection-options.js';
import {
  createRunKeys,
  DEFAULT_KEY_PREFIX,
  heartbeatKey,
  KeyNameError,
  runRegistryKey,
} from '../../source/queue/key-names.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import { hasRedisServer, RedisServer } from './redis-server.js';

const RUN_ID = '20250101T120000-4242';

async function scanKeys(client: Redis, pattern: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await client.scan(cursor, 'MATCH', pattern);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');

  return keys;
}

describe('createRunKeys', () => {
  it('derives all names from the run id', () => {
    expect(createRunKeys(RUN_ID)).toStrictEqual({
      prefix: 'traintop',
      queueName: `run-${RUN_ID}`,
      progressStream: `traintop:run:${RUN_ID}:progress`,
      heartbeatPattern: `traintop:run:${RUN_ID}:heartbeat:*`,
      controlKey: `traintop:run:${RUN_ID}:control`,
      tableKey: `traintop:run:${RUN_ID}:table`,
    });
  });

  it('defaults the prefix to traintop', () => {
    expect(createRunKeys(RUN_ID).prefix).toBe(DEFAULT_KEY_PREFIX);
  });

  it('puts every key under a given prefix', () => {
    const keys = createRunKeys('r1', { prefix: 'traintop-test-7' });

    expect(keys.prefix).toBe('traintop-test-7');
    expect(keys.progressStream).toBe('traintop-test-7:run:r1:progress');
    expect(keys.heartbeatPattern).toBe('traintop-test-7:run:r1:heartbeat:*');
    expect(keys.controlKey).toBe('traintop-test-7:run:r1:control');
  });

  it('gives a queue name without ":"', () => {
    expect(createRunKeys(RUN_ID).queueName).not.toContain(':');
  });

  it.each(['', 'a:b', 'run*', 'r?', 'r[1]', 'r 1', 'r\\1', 'r/1'])(
    'rejects run id %j',
    (runId) => {
      expect(() => createRunKeys(runId)).toThrow(KeyNameError);
    },
  );

  it('names the bad run id and the allowed characters', () => {
    expect(() => createRunKeys('a:b')).toThrow(
      'Invalid run id "a:b": use only letters, digits, ".", "_" and "-", ' +
        'because it becomes part of Redis key names.',
    );
  });

  it('rejects a prefix with ":"', () => {
    expect(() => createRunKeys('r1', { prefix: 'a:b' })).toThrow(
      'Invalid key prefix "a:b"',
    );
  });
});

describe('runRegistryKey', () => {
  it('puts the registry under the prefix', () => {
    expect(runRegistryKey('traintop-test-7')).toBe('traintop-test-7:runs');
  });

  it('rejects a prefix with ":"', () => {
    expect(() => runRegistryKey('a:b')).toThrow('Invalid key prefix "a:b"');
  });
});

describe('heartbeatKey', () => {
  it('replaces the wildcard with the worker id', () => {
    const keys = createRunKeys('r1');

    expect(heartbeatKey(keys, 'node-2.lan-311')).toBe(
      'traintop:run:r1:heartbeat:node-2.lan-311',
    );
  });

  it('rejects a worker id with glob characters', () => {
    expect(() => heartbeatKey(createRunKeys('r1'), 'w*')).toThrow(
      'Invalid worker id "w*"',
    );
  });
});

describe.skipIf(!hasRedisServer)('run keys on a private server', () => {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  let queue: Queue | undefined;

  afterEach(async () => {
    await queue?.close();
    client?.disconnect();
    await server?.stop();
  });

  it('keeps BullMQ and traintop keys under the prefix', async () => {
    server = await RedisServer.start();
    const connection = toRedisOptions(parseRedisUrl(server.url));
    const keys = createRunKeys('r1', { prefix: 'traintop-test' });
    queue = new Queue(keys.queueName, { connection, prefix: keys.prefix });
    await queue.add('trial', { trialId: 't01' });
    client = new Redis(connection);
    await client.xadd(keys.progressStream, '*', 'kind', 'trial-started');
    await client.set(keys.controlKey, 'pause');

    const written = await client.keys('*');

    expect(written).toContain(keys.progressStream);
    expect(written).toContain(keys.controlKey);
    expect(written).toContain(`traintop-test:${keys.queueName}:meta`);
    for (const key of written) {
      expect(key.startsWith('traintop-test:')).toBe(true);
    }
  });

  it('finds heartbeats of one run by pattern', async () => {
    server = await RedisServer.start();
    client = new Redis(toRedisOptions(parseRedisUrl(server.url)));
    const run = createRunKeys('r1');
    const otherRun = createRunKeys('r10');
    await client.set(heartbeatKey(run, 'host-a-1'), '1', 'PX', 60_000);
    await client.set(heartbeatKey(run, 'host-b-2'), '1', 'PX', 60_000);
    await client.set(heartbeatKey(otherRun, 'host-a-1'), '1', 'PX', 60_000);

    const found = await scanKeys(client, run.heartbeatPattern);

    expect(found.sort()).toStrictEqual([
      'traintop:run:r1:heartbeat:host-a-1',
      'traintop:run:r1:heartbeat:host-b-2',
    ]);
  });
});
