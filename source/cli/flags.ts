import { availableParallelism } from 'node:os';

import type { GridOptions } from '../plan/grid.js';
import { FlagError, readFlagValues } from './flag-errors.js';
import {
  CHUNK_SIZE_RANGE,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_OUT_DIR,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_FEATURES,
  DEFAULT_MAX_WORKERS_CAP,
  DEFAULT_RETRIES,
  DEFAULT_SEED,
  DEFAULT_SEEDS,
  DEFAULT_TICK_MS,
  DEFAULT_TREES,
  DEFAULT_WORKERS_PER_CORE,
  MAX_DEPTH_RANGE,
  MAX_FEATURES_RANGE,
  MAX_WORKERS_RANGE,
  RETRIES_RANGE,
  SEED_RANGE,
  SEEDS_RANGE,
  TICK_MS_RANGE,
  TREES_RANGE,
  describeRange,
  type FlagName,
  type FlagValues,
  type Range,
} from './flag-table.js';

export { helpText } from './help-text.js';

/** Output of a run: the live monitor, plain text lines or JSON lines. */
export type OutputMode = 'monitor' | 'plain' | 'json';

/** Settings of one run, read from the command line. */
export type RunOptions = {
  /** Workers at start. Default: one per core, at most `maxWorkers`. */
  readonly workers: number;
  /** Maximum workers when resizing with + and -. Default: 4 per core, at most 64. */
  readonly maxWorkers: number;
  /** Redraw interval of the monitor, in ms. Default 250. */
  readonly tickMs: number;
  /** The sweep to plan, as planGrid takes it. */
  readonly grid: GridOptions;
  /** Retries of a failed trial before it counts as failed. Default 1. */
  readonly retries: number;
  readonly output: OutputMode;
  /** Folder that contains one folder per run. Default `traintop-runs`. */
  readonly outDir: string;
  /** Log file path; null puts `traintop.log` in the run's folder. */
  readonly logPath: string | null;
};

/** The machine the defaults and limits are sized for. */
export type Machine = {
  /** CPU cores this process may use. */
  readonly cores: number;
};

export type FlagsResult =
  | { readonly ok: true; readonly kind: 'run'; readonly options: RunOptions }
  | { readonly ok: true; readonly kind: 'help' }
  | { readonly ok: true; readonly kind: 'version' }
  | { readonly ok: false; readonly message: string };

/**
 * Parses command-line flags into run options, or into the one-line error to
 * print. Returns an error instead of throwing for any bad input. Help and
 * version win over value errors but not over unknown flags.
 */
export function parseFlags(
  argv: readonly string[],
  machine: Machine = { cores: availableParallelism() },
): FlagsResult {
  try {
    const values = readFlagValues(argv);
    if (values.help === true) {
      return { ok: true, kind: 'help' };
    }

    if (values.version === true) {
      return { ok: true, kind: 'version' };
    }

    return { ok: true, kind: 'run', options: toRunOptions(values, machine) };
  } catch (error) {
    if (error instanceof FlagError) {
      return { ok: false, message: error.message };
    }

    throw error;
  }
}

function toRunOptions(values: FlagValues, machine: Machine): RunOptions {
  const cores = Math.max(1, machine.cores);
  const maxWorkers = readMaxWorkers(values, cores);

  return {
    workers: readWorkers(values, cores, maxWorkers),
    maxWorkers,
    tickMs: readNumber(values, 'tick', TICK_MS_RANGE, DEFAULT_TICK_MS),
    grid: readGrid(values),
    retries: readNumber(values, 'retries', RETRIES_RANGE, DEFAULT_RETRIES),
    output: readOutputMode(values),
    outDir: readPath(values, 'out', 'folder') ?? DEFAULT_OUT_DIR,
    logPath: readPath(values, 'log', 'file'),
  };
}

function readMaxWorkers(values: FlagValues, cores: number): number {
  const fallback = Math.min(
    DEFAULT_WORKERS_PER_CORE * cores,
    DEFAULT_MAX_WORKERS_CAP,
  );

  return readNumber(values, 'max-workers', MAX_WORKERS_RANGE, fallback);
}

function readWorkers(
  values: FlagValues,
  cores: number,
  maxWorkers: number,
): number {
  const text = stringValue(values, 'workers');
  if (text === undefined) {
    return Math.min(cores, maxWorkers);
  }

  const workers = parseWholeNumber(text);
  if (workers === null) {
    throw invalidNumber('workers', text, { min: 1, max: maxWorkers });
  }

  if (workers < 1 || workers > maxWorkers) {
    const isDefaultMax = stringValue(values, 'max-workers') === undefined;
    const reason = isDefaultMax
      ? 'on this machine'
      : `because --max-workers is ${maxWorkers}`;
    const hint =
      isDefaultMax && workers > maxWorkers
        ? `; add --max-workers ${workers} to allow more`
        : '';
    throw new FlagError(
      `Cannot start ${workers} workers: --workers must be ` +
        `1–${maxWorkers} ${reason}${hint}.`,
    );
  }

  return workers;
}

function readGrid(values: FlagValues): GridOptions {
  const seeds = readNumber(values, 'seeds', SEEDS_RANGE, DEFAULT_SEEDS);
  const seed = readNumber(values, 'seed', SEED_RANGE, DEFAULT_SEED);
  const lastSeed = seed + seeds - 1;
  if (SEED_RANGE.max !== undefined && lastSeed > SEED_RANGE.max) {
    throw new FlagError(
      `Invalid --seed ${seed} with --seeds ${seeds}: the last seed, ` +
        `${lastSeed}, is above ${SEED_RANGE.max}. Lower --seed or --seeds.`,
    );
  }

  return {
    trees: readList(values, 'trees', TREES_RANGE, DEFAULT_TREES),
    maxFeatures: readList(
      values,
      'max-features',
      MAX_FEATURES_RANGE,
      DEFAULT_MAX_FEATURES,
    ),
    maxDepth: readList(values, 'max-depth', MAX_DEPTH_RANGE, DEFAULT_MAX_DEPTH),
    seeds,
    seed,
    chunkSize: readNumber(
      values,
      'chunk',
      CHUNK_SIZE_RANGE,
      DEFAULT_CHUNK_SIZE,
    ),
  };
}

function readOutputMode(values: FlagValues): OutputMode {
  const isPlain = values.plain === true;
  const isJson = values.json === true;
  if (isPlain && isJson) {
    throw new FlagError(
      'Cannot use --plain and --json together: choose one output mode.',
    );
  }

  if (isPlain) {
    return 'plain';
  }

  return isJson ? 'json' : 'monitor';
}

function readPath(
  values: FlagValues,
  flag: 'log' | 'out',
  noun: 'file' | 'folder',
): string | null {
  const path = stringValue(values, flag);
  if (path === undefined) {
    return null;
  }

  if (path.trim() === '') {
    throw new FlagError(
      `Invalid --${flag} "${path}": expected a ${noun} path.`,
    );
  }

  return path;
}

function readNumber(
  values: FlagValues,
  flag: FlagName,
  range: Range,
  fallback: number,
): number {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return fallback;
  }

  const value = parseWholeNumber(text);
  if (value === null || !isInRange(value, range)) {
    throw invalidNumber(flag, text, range);
  }

  return value;
}

function readList(
  values: FlagValues,
  flag: FlagName,
  range: Range,
  fallback: readonly number[],
): number[] {
  const text = stringValue(values, flag);
  if (text === undefined) {
    return [...fallback];
  }

  const example = fallback.join(',');
  if (text.trim() === '') {
    throw new FlagError(
      `Invalid --${flag} "${text}": expected whole numbers ` +
        `${describeRange(range)} separated by commas, such as ${example}.`,
    );
  }

  const list: number[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    const value = parseWholeNumber(item);
    if (value === null || !isInRange(value, range)) {
      throw new FlagError(
        `Invalid --${flag} "${text}": "${item}" is not a whole number ` +
          `${describeRange(range)}. Separate numbers with commas, ` +
          `such as ${example}.`,
      );
    }

    if (list.includes(value)) {
      throw new FlagError(
        `Invalid --${flag} "${text}": ${value} is listed twice. ` +
          'List each value once.',
      );
    }

    list.push(value);
  }

  return list;
}

function stringValue(values: FlagValues, flag: FlagName): string | undefined {
  const value = values[flag];

  return typeof value === 'string' ? value : undefined;
}

/** Returns the number for plain decimal digits, else null (no sign, dot). */
function parseWholeNumber(text: string): number | null {
  if (!/^\d+$/.test(text)) {
    return null;
  }

  const value = Number(text);

  return Number.isSafeInteger(value) ? value : null;
}

function isInRange(value: number, range: Range): boolean {
  return value >= range.min && (range.max === undefined || value <= range.max);
}

function invalidNumber(flag: FlagName, text: string, range: Range) {
  const unit = flag === 'tick' ? ' of milliseconds' : '';

  return new FlagError(
    `Invalid --${flag} "${text}": expected a whole number${unit} ` +
      `${describeRange(range)}.`,
  );
}
