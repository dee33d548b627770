// Stores a run's table in Redis, so that workers on other machines train on
// the coordinator's rows without reading its files.
//
// The table is a hash under the run's `tableKey` with four fields:
// - `header`: JSON with the format version, the table's key, task, class
//   count, feature count, row count and the row count of each fold's train
//   and test part;
// - `features`, `targets`: the Float64 values, little-endian;
// - `folds`: the Int32 row numbers of every fold's train part and then its
//   test part, fold after fold, little-endian.

import { endianness } from 'node:os';

import type { Redis } from 'ioredis';
import * as z from 'zod';

import type { SharedTable } from '../data/shared-table.js';
import type { Fold } from '../data/split.js';
import type { RunKeys } from './key-names.js';

/** Version of the layout above; a worker rejects any other. */
const TABLE_FORMAT_VERSION = 1;

const FLOAT64_BYTES = Float64Array.BYTES_PER_ELEMENT;
const INT32_BYTES = Int32Array.BYTES_PER_ELEMENT;

const isLittleEndian = endianness() === 'LE';

const count = z.number().int().nonnegative();

const headerSchema = z.object({
  version: z.literal(TABLE_FORMAT_VERSION),
  key: z.string(),
  task: z.enum(['classification', 'regression']),
  classCount: count,
  featureCount: count,
  rowCount: count,
  folds: z.array(z.object({ train: count, test: count })),
});

type TableHeader = z.infer<typeof headerSchema>;

/** Reports a table that is missing or unreadable in Redis. */
export class TableStoreError extends Error {}

/** Writes `table` under the run's table key, replacing any table there. */
export async function storeTable(
  redis: Redis,
  keys: RunKeys,
  table: SharedTable,
): Promise<void> {
  const header: TableHeader = {
    version: TABLE_FORMAT_VERSION,
    key: table.key,
    task: table.task,
    classCount: table.classCount,
    featureCount: table.featureCount,
    rowCount: table.targets.length,
    folds: table.folds.map((fold) => ({
      train: fold.train.length,
      test: fold.test.length,
    })),
  };
  const folds = table.folds.flatMap((fold) => [fold.train, fold.test]);

  await redis
    .multi()
    .del(keys.tableKey)
    .hset(keys.tableKey, {
      header: JSON.stringify(header),
      features: toBytes(table.features),
      targets: toBytes(table.targets),
      folds: Buffer.concat(folds.map((rows) => toBytes(rows))),
    })
    .exec();
}

/**
 * Reads the run's table into shared memory, ready for a piscina pool.
 * Throws TableStoreError when it is missing or its sizes do not add up.
 */
export async function loadTable(
  redis: Redis,
  keys: RunKeys,
): Promise<SharedTable> {
  const fields = await redis.hgetallBuffer(keys.tableKey);
  if (fields['header'] === undefined) {
    throw new TableStoreError(
      `No table at ${keys.tableKey}: the coordinator stores the table ` +
        'before it registers the run.',
    );
  }

  const header = parseHeader(keys, fields['header']);
  const cells = header.rowCount * header.featureCount;
  const features = readArray(keys, fields, 'features', cells, Float64Array);
  const targets = readArray(
    keys,
    fields,
    'targets',
    header.rowCount,
    Float64Array,
  );
  const foldRows = header.folds.reduce((sum, f) => sum + f.train + f.test, 0);
  const rows = readArray(keys, fields, 'folds', foldRows, Int32Array);

  return {
    key: header.key,
    task: header.task,
    classCount: header.classCount,
    featureCount: header.featureCount,
    features,
    targets,
    folds: sliceFolds(rows, header.folds),
  };
}

function parseHeader(keys: RunKeys, bytes: Buffer): TableHeader {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    json = null;
  }

  const parsed = headerSchema.safeParse(json);
  if (!parsed.success) {
    throw new TableStoreError(
      `Invalid table header at ${keys.tableKey}: expected version ` +
        `${TABLE_FORMAT_VERSION} of traintop's table format, so run the ` +
        'same traintop version on the coordinator and the workers.',
    );
  }

  return parsed.data;
}

type TypedArrayType<T> = {
  new (buffer: SharedArrayBuffer): T;
  readonly BYTES_PER_ELEMENT: number;
};

/** Copies one field into a new shared array of `length` elements. */
function readArray<T extends Float64Array | Int32Array>(
  keys: RunKeys,
  fields: Record<string, Buffer>,
  name: string,
  length: number,
  Type: TypedArrayType<T>,
): T {
  const bytes = fields[name];
  const byteLength = length * Type.BYTES_PER_ELEMENT;
  if (bytes?.length !== byteLength) {
    throw new TableStoreError(
      `Invalid table at ${keys.tableKey}: field "${name}" has ` +
        `${bytes?.length ?? 0} bytes where the header implies ` +
        `${byteLength}; the coordinator should store the table again.`,
    );
  }

  const buffer = new SharedArrayBuffer(byteLength);
  const view = Buffer.from(buffer);
  view.set(bytes);
  if (!isLittleEndian) {
    swapBytes(view, Type.BYTES_PER_ELEMENT);
  }

  return new Type(buffer);
}

function sliceFolds(
  rows: Int32Array,
  sizes: readonly { train: number; test: number }[],
): Fold[] {
  let start = 0;
  const take = (length: number) => {
    const part = rows.subarray(start, start + length);
    start += length;

    return part;
  };

  return sizes.map((size) => ({
    train: take(size.train),
    test: take(size.test),
  }));
}

/** Returns a little-endian copy of the array's bytes. */
function toBytes(values: Float64Array | Int32Array): Buffer {
  const bytes = Buffer.copyBytesFrom(values);
  if (!isLittleEndian) {
    swapBytes(bytes, values.BYTES_PER_ELEMENT);
  }

  return bytes;
}

function swapBytes(bytes: Buffer, elementBytes: number): void {
  if (elementBytes === FLOAT64_BYTES) {
    bytes.swap64();
  } else if (elementBytes === INT32_BYTES) {
    bytes.swap32();
  }
}
