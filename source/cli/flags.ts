import { availableParallelism } from 'node:os';

import {
  DEFAULT_ALERT_SETTINGS,
  type AlertSettings,
} from '../alerts/alert-settings.js';
import type { DataOptions } from '../data/data-options.js';
import type { Evaluation } from '../plan/evaluation.js';
import type { GridOptions } from '../plan/grid.js';
import { ConfigError } from './config-errors.js';
import { readDataOptions, readEvaluation } from './data-flags.js';
import { FlagError, readFlagValues } from './flag-errors.js';
import {
  ALERT_GAP_RANGE,
  ALERT_MEMORY_RANGE,
  ALERT_PLATEAU_RANGE,
  ALERT_STALL_RANGE,
  CHUNK_SIZE_RANGE,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_OUT_DIR,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_WORKERS_CAP,
  DEFAULT_RETRIES,
  DEFAULT_SEED,
  DEFAULT_SEEDS,
  DEFAULT_TICK_MS,
  DEFAULT_TREES,
  DEFAULT_WORKERS_PER_CORE,
  MAX_DEPTH_RANGE,
  MAX_FEATURES_EXAMPLE,
  MAX_FEATURES_RANGE,
  MAX_WORKERS_RANGE,
  PACE_MS_RANGE,
  RETRIES_RANGE,
  SEED_RANGE,
  SEEDS_RANGE,
  SEARCH_KINDS,
  TICK_MS_RANGE,
  TREES_RANGE,
  TRIALS_RANGE,
  DEFAULT_RANDOM_TRIALS,
  type FlagValues,
} from './flag-table.js';
import {
  readChoice,
  describeEither,
  invalidNumber,
  nameSetting,
  parseWholeNumber,
  readFraction,
  readList,
  readNumber,
  readText,
  stringValue,
} from './flag-values.js';
import { DEFAULT_HALVING, type HalvingOptions } from '../plan/halving.js';
import { readQueueFlags, type QueueOptions } from './queue-flags.js';
import { readSweepConfig, type SweepConfigFile } from './sweep-config.js';
import { describeRecordConflict } from '../record/record-target.js';

export { helpText } from './help-text.js';

/** Output of a run: the live monitor, plain text lines or JSON lines. */
export type OutputMode = 'monitor' | 'plain' | 'json';

/** Grid of a sweep: planGrid's options, but max features may be left open. */
export type SweepGrid = Omit<GridOptions, 'maxFeatures'> & {
  /** Features per tree to try. Null lets the runner pick for the data set. */
  readonly maxFeatures: readonly number[] | null;
};

/**
 * Settings of one run, read from the command line and the --config file.
 * A flag overrides the same key of the file, and the file overrides the
 * default.
 */
export type RunOptions = {
  /** Workers at start. Default: one per core, at most `maxWorkers`. */
  readonly workers: number;
  /** Maximum workers when resizing with + and -. Default: 4 per core, at most 64. */
  readonly maxWorkers: number;
  /** Redraw interval of the monitor, in ms. Default 250. */
  readonly tickMs: number;
  /** The sweep to plan. */
  readonly grid: SweepGrid;
  /** Data set to train on. Default: iris. */
  readonly data: DataOptions;
  /** Scoring of trials. Default: `DEFAULT_EVALUATION`, a 20% holdout. */
  readonly evaluation: Evaluation;
  /** Retries of a failed trial before it counts as failed. Default 1. */
  readonly retries: number;
  readonly output: OutputMode;
  /** Folder that contains one folder per run. Default `traintop-runs`. */
  readonly outDir: string;
  /** Log file path; null puts `traintop.log` in the run's folder. */
  readonly logPath: string | null;
  /** Redis queue for `traintop worker` processes; null for local threads. */
  readonly queue: QueueOptions | null;
  /** Thresholds of the alert rules. Default: DEFAULT_ALERT_SETTINGS. */
  readonly alerts: AlertSettings;
  /** Exit with EXIT_ALERT when the run raised any alert. Default false. */
  readonly failOnAlert: boolean;
  /** Every trial of the grid, or a seeded random sample of them. */
  readonly search: Search;
  /**
   * Pause of each trial after every chunk of trees but its last, in ms, to
   * slow the sweep down for a demo. Absent: no pause. Scores do not change.
   */
  readonly paceMs?: number;
  /** File that records the monitor as an asciicast v2. Absent: none. */
  readonly recordPath?: string;
};

/** The way a sweep picks its trials from the grid. */
export type Search =
  | { readonly kind: 'grid' }
  | {
      /** Every trial starts; only the best of each rung grows on. */
      readonly kind: 'halving';
      readonly halving: HalvingOptions;
    }
  | {
      readonly kind: 'random';
      /** Trials drawn from the grid, each at most once. */
      readonly trials: number;
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
 * Parses command-line flags, and the --config file they name, into run
 * options or into the one-line error to print. Returns an error instead of
 * throwing for any bad input. Help and version win over value and config
 * errors but not over unknown flags.
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
    if (error instanceof FlagError || error instanceof ConfigError) {
      return { ok: false, message: error.message };
    }

    throw error;
  }
}

function toRunOptions(values: FlagValues, machine: Machine): RunOptions {
  const config = readConfig(values);
  const settings = config?.settings ?? {};
  const cores = Math.max(1, machine.cores);
  const maxWorkers = readMaxWorkers(values, config, cores);

  return {
    workers: readWorkers(values, config, cores, maxWorkers),
    maxWorkers,
    tickMs:
      readNumber(values, 'tick', TICK_MS_RANGE) ??
      settings.tick ??
      DEFAULT_TICK_MS,
    grid: readGrid(values, config),
    data: readDataOptions(values, config),
    evaluation: readEvaluation(values, config),
    retries:
      readNumber(values, 'retries', RETRIES_RANGE) ??
      settings.retries ??
      DEFAULT_RETRIES,
    output: readOutputMode(values),
    outDir:
      readText(values, 'out', 'a folder path') ??
      settings.out ??
      DEFAULT_OUT_DIR,
    logPath: readText(values, 'log', 'a file path') ?? settings.log ?? null,
    queue: readQueue(values),
    alerts: readAlertSettings(values, config),
    failOnAlert:
      values['fail-on-alert'] === true || settings.alerts?.failOnAlert === true,
    search: readSearch(values, config),
    ...readDemoSettings(values),
  };
}

/**
 * Returns --pace and --record when given. Both concern the monitor on
 * this machine: pacing slows local worker threads only, and a recording
 * needs the monitor that --plain and --json replace.
 */
function readDemoSettings(
  values: FlagValues,
): Pick<RunOptions, 'paceMs' | 'recordPath'> {
  const paceMs = readNumber(values, 'pace', PACE_MS_RANGE);
  if (paceMs !== undefined && values.redis !== undefined) {
    throw new FlagError(
      'Cannot use --pace with --redis: it slows the worker threads of ' +
        'this machine only; drop one of them.',
    );
  }

  const recordPath = readText(values, 'record', 'a file path such as run.cast');
  const textMode = (['plain', 'json'] as const).find(
    (flag) => values[flag] === true,
  );
  if (recordPath !== undefined && textMode !== undefined) {
    throw new FlagError(describeRecordConflict(textMode));
  }

  return {
    ...(paceMs === undefined ? {} : { paceMs }),
    ...(recordPath === undefined ? {} : { recordPath }),
  };
}

function readSearch(
  values: FlagValues,
  config: SweepConfigFile | null,
): Search {
  const file = config?.settings.search ?? {};
  const kind =
    readChoice(values, 'search', SEARCH_KINDS) ?? file.kind ?? 'grid';
  const trials = readNumber(values, 'trials', TRIALS_RANGE) ?? file.trials;
  if (kind !== 'random' && trials !== undefined) {
    const name = nameSetting(
      values,
      'trials',
      config,
      'search.trials',
      file.trials,
    );
    const where = name.file === null ? '' : ` in ${name.file}`;
    throw new FlagError(
      `Cannot use ${name.short} ${trials}${where} with a ${kind} search, ` +
        'which starts every combination: add --search random.',
    );
  }

  if (kind === 'grid') {
    return { kind };
  }

  if (kind === 'halving') {
    return { kind, halving: DEFAULT_HALVING };
  }

  return { kind, trials: trials ?? DEFAULT_RANDOM_TRIALS };
}

function readAlertSettings(
  values: FlagValues,
  config: SweepConfigFile | null,
): AlertSettings {
  const file = config?.settings.alerts ?? {};
  const defaults = DEFAULT_ALERT_SETTINGS;
  const gapExample = defaults.overfitGap;

  return {
    stallTicks:
      readNumber(values, 'alert-stall', ALERT_STALL_RANGE) ??
      file.stall ??
      defaults.stallTicks,
    memoryPercent:
      readNumber(values, 'alert-memory', ALERT_MEMORY_RANGE) ??
      file.memory ??
      defaults.memoryPercent,
    overfitGap:
      readFraction(values, 'alert-gap', ALERT_GAP_RANGE, gapExample) ??
      file.gap ??
      defaults.overfitGap,
    plateauChunks:
      readNumber(values, 'alert-plateau', ALERT_PLATEAU_RANGE) ??
      file.plateau ??
      defaults.plateauChunks,
  };
}

function readQueue(values: FlagValues): QueueOptions | null {
  const queue = readQueueFlags(
    readText(values, 'redis', 'a redis:// or rediss:// URL'),
    readText(values, 'prefix', 'a key prefix'),
  );
  if (typeof queue === 'string') {
    throw new FlagError(queue);
  }

  const localFlag = (['workers', 'max-workers'] as const).find(
    (flag) => values[flag] !== undefined,
  );
  if (queue !== null && localFlag !== undefined) {
    throw new FlagError(
      `Cannot use --${localFlag} with --redis: each worker machine sets ` +
        'its own threads with traintop worker --threads N.',
    );
  }

  return queue;
}

function readConfig(values: FlagValues): SweepConfigFile | null {
  const file = readText(values, 'config', 'a .json, .yaml or .yml file');

  return file === undefined ? null : readSweepConfig(file);
}

/** Returns the local pool without --workers and --max-workers, for `cores` cores. */
export function defaultPool(cores: number) {
  const maxPoolSize = Math.min(
    DEFAULT_WORKERS_PER_CORE * Math.max(1, cores),
    DEFAULT_MAX_WORKERS_CAP,
  );

  return { poolSize: Math.min(Math.max(1, cores), maxPoolSize), maxPoolSize };
}

function readMaxWorkers(
  values: FlagValues,
  config: SweepConfigFile | null,
  cores: number,
): number {
  const fallback = defaultPool(cores).maxPoolSize;

  return (
    readNumber(values, 'max-workers', MAX_WORKERS_RANGE) ??
    config?.settings.maxWorkers ??
    fallback
  );
}

function readWorkers(
  values: FlagValues,
  config: SweepConfigFile | null,
  cores: number,
  maxWorkers: number,
): number {
  const workers = readWorkersSetting(values, config, maxWorkers);
  if (workers === undefined) {
    return Math.min(cores, maxWorkers);
  }

  if (workers < 1 || workers > maxWorkers) {
    throw workersOutOfRange(values, config, workers, maxWorkers);
  }

  return workers;
}

function workersOutOfRange(
  values: FlagValues,
  config: SweepConfigFile | null,
  workers: number,
  maxWorkers: number,
): FlagError {
  const settings = config?.settings ?? {};
  const isDefaultMax =
    values['max-workers'] === undefined && settings.maxWorkers === undefined;
  const max = nameSetting(
    values,
    'max-workers',
    config,
    'maxWorkers',
    settings.maxWorkers,
  );
  const reason = isDefaultMax
    ? 'on this machine'
    : `because ${max.full} is ${maxWorkers}`;
  const hint =
    isDefaultMax && workers > maxWorkers
      ? `; add --max-workers ${workers} to allow more`
      : '';
  const name = nameSetting(values, 'workers', config, 'workers', workers);

  return new FlagError(
    `Cannot start ${workers} workers: ${name.full} must be ` +
      `1–${maxWorkers} ${reason}${hint}.`,
  );
}

/** Returns --workers, or the config's workers, before the range check. */
function readWorkersSetting(
  values: FlagValues,
  config: SweepConfigFile | null,
  maxWorkers: number,
): number | undefined {
  const text = stringValue(values, 'workers');
  if (text === undefined) {
    return config?.settings.workers;
  }

  const workers = parseWholeNumber(text);
  if (workers === null) {
    throw invalidNumber('workers', text, { min: 1, max: maxWorkers });
  }

  return workers;
}

function readGrid(
  values: FlagValues,
  config: SweepConfigFile | null,
): SweepGrid {
  const grid = config?.settings.grid ?? {};
  const seeds =
    readNumber(values, 'seeds', SEEDS_RANGE) ?? grid.seeds ?? DEFAULT_SEEDS;
  const seed =
    readNumber(values, 'seed', SEED_RANGE) ?? grid.seed ?? DEFAULT_SEED;
  const lastSeed = seed + seeds - 1;
  if (SEED_RANGE.max !== undefined && lastSeed > SEED_RANGE.max) {
    const seedName = nameSetting(
      values,
      'seed',
      config,
      'grid.seed',
      grid.seed,
    );
    const seedsName = nameSetting(
      values,
      'seeds',
      config,
      'grid.seeds',
      grid.seeds,
    );
    throw new FlagError(
      `Invalid ${seedName.short} ${seed} with ${seedsName.short} ${seeds}: ` +
        `the last seed, ${lastSeed}, is above ${SEED_RANGE.max}. ` +
        `Lower ${describeEither(seedName, seedsName)}.`,
    );
  }

  return {
    trees:
      readList(values, 'trees', TREES_RANGE, DEFAULT_TREES) ??
      grid.trees ??
      DEFAULT_TREES,
    maxFeatures:
      readList(
        values,
        'max-features',
        MAX_FEATURES_RANGE,
        MAX_FEATURES_EXAMPLE,
      ) ??
      grid.maxFeatures ??
      null,
    maxDepth:
      readList(values, 'max-depth', MAX_DEPTH_RANGE, DEFAULT_MAX_DEPTH) ??
      grid.maxDepth ??
      DEFAULT_MAX_DEPTH,
    seeds,
    seed,
    chunkSize:
      readNumber(values, 'chunk', CHUNK_SIZE_RANGE) ??
      grid.chunk ??
      DEFAULT_CHUNK_SIZE,
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
