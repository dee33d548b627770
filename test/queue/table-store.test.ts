import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { loadIris } from '../../source/data/iris.js';
import { shareTable, splitTable } from '../../source/data/shared-table.js';
import { splitRows } from '../../source/data/split.js';
import { toRedisOptions } from '../../source/queue/connection-options.js';
import { createRunKeys } from '../../source/queue/key-names.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import {
  loadTable,
  storeTable,
  TableStoreError,
} from '../../source/queue/table-store.js';
import { linearDataset } from '../train/fold-data.js';
import { deleteKeys } from './test-coordinator.js';
import {
  hasTestRedis,
  startTestRedis,
  testPrefix,
  type TestRedis,
} from './test-redis.js';

const prefix = testPrefix('table');
const keys = createRunKeys('r1', { prefix });

describe.skipIf(!hasTestRedis)('table store', () => {
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

  it('loads the rows it stored', async () => {
    const iris = loadIris();
    const table = shareTable(
      iris,
      splitRows(iris, { kind: 'cv', folds: 3 }, 7),
    );
    await storeTable(client, keys, table);
    const loaded = await loadTable(client, keys);

    expect(loaded.key).toBe(table.key);
    expect(loaded.task).toBe('classification');
    expect(loaded.classCount).toBe(3);
    expect(loaded.featureCount).toBe(4);
    expect(loaded.features).toEqual(table.features);
    expect(loaded.targets).toEqual(table.targets);
    expect(loaded.folds).toEqual(table.folds);
    expect(loaded.features.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(splitTable(loaded)).toEqual(splitTable(table));
  });

  it('stores a regression table', async () => {
    const dataset = linearDataset(50);
    const table = shareTable(
      dataset,
      splitRows(dataset, { kind: 'holdout', testFraction: 0.2 }, 1),
    );
    await storeTable(client, keys, table);
    const loaded = await loadTable(client, keys);

    expect(loaded.task).toBe('regression');
    expect(loaded.classCount).toBe(0);
    expect(loaded.targets).toEqual(table.targets);
  });

  it('names the key of a missing table', async () => {
    await expect(loadTable(client, keys)).rejects.toThrow(
      new TableStoreError(
        `No table at ${keys.tableKey}: the coordinator stores the table ` +
          'before it registers the run.',
      ),
    );
  });

  it('rejects a header of another version', async () => {
    await client.hset(keys.tableKey, 'header', '{"version":99}');

    await expect(loadTable(client, keys)).rejects.toThrow(
      `Invalid table header at ${keys.tableKey}: expected version 1`,
    );
  });

  it('rejects a field of the wrong size', async () => {
    const iris = loadIris();
    const table = shareTable(
      iris,
      splitRows(iris, { kind: 'holdout', testFraction: 0.2 }, 1),
    );
    await storeTable(client, keys, table);
    await client.hset(keys.tableKey, 'targets', Buffer.alloc(8));

    await expect(loadTable(client, keys)).rejects.toThrow(
      `Invalid table at ${keys.tableKey}: field "targets" has 8 bytes ` +
        'where the header implies 1200',
    );
  });
});
