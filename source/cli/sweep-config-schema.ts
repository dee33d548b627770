// The schema of a sweep config file. Objects are strict, so that a typo in a
// key stops the run instead of being ignored, and values have the same ranges
// as the flags.

import * as z from 'zod';

import type { Evaluation } from '../plan/evaluation.js';
import {
  ALERT_GAP_RANGE,
  ALERT_MEMORY_RANGE,
  ALERT_PLATEAU_RANGE,
  ALERT_STALL_RANGE,
  CHUNK_SIZE_RANGE,
  CV_FOLDS_RANGE,
  DELIMITER_USAGE,
  MAX_DEPTH_RANGE,
  MAX_FEATURES_RANGE,
  MAX_WORKERS_RANGE,
  MISSING_POLICIES,
  RETRIES_RANGE,
  SEARCH_KINDS,
  SEED_RANGE,
  SEEDS_RANGE,
  TASKS,
  TEST_FRACTION_RANGE,
  TICK_MS_RANGE,
  TREES_RANGE,
  TRIALS_RANGE,
  describeChoices,
  describeRange,
  parseDelimiter,
  type Range,
} from './flag-table.js';

/**
 * Range of workers at start. parseFlags checks them against maxWorkers once
 * flags and the file are merged.
 */
const WORKERS_RANGE: Range = { min: 1, max: MAX_WORKERS_RANGE.max };

// Each schema's error message is the expected value as a noun phrase, which
// describeIssue puts into `KEY must be EXPECTED, got VALUE.`

function wholeNumber(range: Range, unit = '') {
  const error = `a whole number${unit} ${describeRange(range)}`;
  const schema = z.number({ error }).int({ error }).min(range.min, { error });

  return range.max === undefined ? schema : schema.max(range.max, { error });
}

function fraction(range: Range) {
  const error = `a fraction ${describeRange(range)}`;
  const schema = z.number({ error }).min(range.min, { error });

  return range.max === undefined ? schema : schema.max(range.max, { error });
}

function numberList(range: Range) {
  const items = `whole numbers ${describeRange(range)}`;
  const isDistinct = (list: number[]) => new Set(list).size === list.length;

  return z
    .array(wholeNumber(range), { error: `a list of ${items}` })
    .min(1, { error: `a non-empty list of ${items}` })
    .refine(isDistinct, { error: `a list of ${items} without repeats` });
}

function text(error: string) {
  return z.string({ error }).regex(/\S/, { error });
}

function choice<const T extends readonly [string, ...string[]]>(choices: T) {
  return z.enum(choices, { error: describeChoices(choices) });
}

const delimiterSchema = z
  .string({ error: DELIMITER_USAGE })
  .refine((value) => parseDelimiter(value) !== null, {
    error: DELIMITER_USAGE,
  })
  .transform((value) => parseDelimiter(value) ?? value);

const dataShape = {
  file: text('the path of a CSV file'),
  target: text('the name of the column to predict'),
  delimiter: delimiterSchema.optional(),
  drop: z
    .array(text('a column name'), { error: 'a list of column names' })
    .optional(),
  missing: choice(MISSING_POLICIES).optional(),
  task: choice(TASKS).optional(),
};

const evaluationShape = {
  testFraction: fraction(TEST_FRACTION_RANGE).optional(),
  folds: wholeNumber(CV_FOLDS_RANGE).optional(),
};

const gridShape = {
  trees: numberList(TREES_RANGE).optional(),
  maxFeatures: numberList(MAX_FEATURES_RANGE).optional(),
  maxDepth: numberList(MAX_DEPTH_RANGE).optional(),
  seeds: wholeNumber(SEEDS_RANGE).optional(),
  seed: wholeNumber(SEED_RANGE).optional(),
  chunk: wholeNumber(CHUNK_SIZE_RANGE).optional(),
};

const alertsShape = {
  stall: wholeNumber(ALERT_STALL_RANGE, ' of ticks').optional(),
  memory: wholeNumber(ALERT_MEMORY_RANGE).optional(),
  gap: fraction(ALERT_GAP_RANGE).optional(),
  plateau: wholeNumber(ALERT_PLATEAU_RANGE, ' of chunks').optional(),
  failOnAlert: z.boolean({ error: 'true or false' }).optional(),
};

const searchShape = {
  kind: choice(SEARCH_KINDS).optional(),
  trials: wholeNumber(TRIALS_RANGE).optional(),
};

const settingsShape = {
  data: z
    .strictObject(dataShape, {
      error: 'an object such as {"file": "wine.csv", "target": "quality"}',
    })
    .optional(),
  evaluation: z
    .strictObject(evaluationShape, {
      error: 'an object such as {"folds": 5} or {"testFraction": 0.25}',
    })
    .transform(toEvaluation)
    .optional(),
  grid: z
    .strictObject(gridShape, {
      error: 'an object such as {"trees": [50, 100]}',
    })
    .optional(),
  alerts: z
    .strictObject(alertsShape, {
      error: 'an object such as {"gap": 0.1, "failOnAlert": true}',
    })
    .optional(),
  search: z
    .strictObject(searchShape, {
      error: 'an object such as {"kind": "random", "trials": 20}',
    })
    .optional(),
  workers: wholeNumber(WORKERS_RANGE).optional(),
  maxWorkers: wholeNumber(MAX_WORKERS_RANGE).optional(),
  tick: wholeNumber(TICK_MS_RANGE, ' of milliseconds').optional(),
  retries: wholeNumber(RETRIES_RANGE).optional(),
  out: text('a folder path').optional(),
  log: text('a file path').optional(),
};

export const sweepConfigSchema = z.strictObject(settingsShape);

/** Keys of each object in the file, by the object's key path. */
export const KEYS_BY_PATH: Readonly<Record<string, readonly string[]>> = {
  '': Object.keys(settingsShape),
  data: Object.keys(dataShape),
  evaluation: Object.keys(evaluationShape),
  grid: Object.keys(gridShape),
  alerts: Object.keys(alertsShape),
  search: Object.keys(searchShape),
};

/**
 * Settings of a config file. Every key is optional, except that `data` needs
 * `file` and `target`. readSweepConfig resolves relative paths against the
 * file's folder. An empty `evaluation` object reads as undefined.
 */
export type SweepConfig = z.output<typeof sweepConfigSchema>;

function toEvaluation(
  value: { testFraction?: number; folds?: number },
  context: z.core.$RefinementCtx,
): Evaluation | undefined {
  const { testFraction, folds } = value;
  if (testFraction !== undefined && folds !== undefined) {
    context.addIssue({
      code: 'custom',
      message: 'either testFraction or folds, not both',
    });

    return z.NEVER;
  }

  if (folds !== undefined) {
    return { kind: 'cv', folds };
  }

  return testFraction === undefined
    ? undefined
    : { kind: 'holdout', testFraction };
}
