// Flags traintop accepts, with the defaults and ranges that parsing, error
// messages, help text and the sweep config file share.

import type { MissingPolicy } from '../data/data-options.js';
import type { Task } from '../data/dataset.js';

/** Inclusive bounds of a number flag. No `max` means no upper bound. */
export type Range = { readonly min: number; readonly max?: number };

export const DEFAULT_TICK_MS = 250;
export const TICK_MS_RANGE: Range = { min: 50, max: 10_000 };

/** Default --max-workers is this many workers per core, at most the cap. */
export const DEFAULT_WORKERS_PER_CORE = 4;
export const DEFAULT_MAX_WORKERS_CAP = 64;
export const MAX_WORKERS_RANGE: Range = { min: 1, max: 256 };

export const DEFAULT_TREES = [150, 450, 1350];
export const TREES_RANGE: Range = { min: 1, max: 100_000 };
/**
 * Example list for error messages. A sweep without --max-features gets a
 * list that the runner picks for the data set.
 */
export const MAX_FEATURES_EXAMPLE = [1, 2, 3, 4];
export const MAX_FEATURES_RANGE: Range = { min: 1 };
export const DEFAULT_MAX_DEPTH = [1, 2, 3, 4];
export const MAX_DEPTH_RANGE: Range = { min: 1, max: 50 };

export const DEFAULT_SEEDS = 3;
export const SEEDS_RANGE: Range = { min: 1, max: 1_000 };
export const DEFAULT_SEED = 1;
/** Seeds stay within a signed 32-bit integer. */
export const SEED_RANGE: Range = { min: 0, max: 2 ** 31 - 1 };

/** Ways a sweep picks its trials from the grid. */
export const SEARCH_KINDS = ['grid', 'random', 'halving'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** Trials of a random search without --trials. */
export const DEFAULT_RANDOM_TRIALS = 20;
export const TRIALS_RANGE: Range = { min: 1, max: 100_000 };

/**
 * Pause of a training task after each chunk of trees but the last, in ms,
 * to slow a sweep down for a demo or a recording. 0 is no pause.
 */
export const PACE_MS_RANGE: Range = { min: 0, max: 10_000 };

export const DEFAULT_CHUNK_SIZE = 10;
export const CHUNK_SIZE_RANGE: Range = { min: 1, max: 10_000 };
export const DEFAULT_RETRIES = 1;
export const RETRIES_RANGE: Range = { min: 0, max: 10 };

/** Folds of k-fold cross-validation. */
export const CV_FOLDS_RANGE: Range = { min: 2, max: 20 };
/** Share of the rows held out for testing, when not cross-validating. */
export const TEST_FRACTION_RANGE: Range = { min: 0.05, max: 0.5 };

export const MISSING_POLICIES = [
  'error',
  'drop-rows',
  'mean',
] as const satisfies readonly MissingPolicy[];
export const DEFAULT_MISSING_POLICY: MissingPolicy = 'error';
export const TASKS = [
  'classification',
  'regression',
] as const satisfies readonly Task[];

/** Names for a tab delimiter, because a real tab is awkward to type. */
const TAB_NAMES = ['tab', '\\t'];
/** Characters that CSV keeps for quoting and line breaks. */
const RESERVED_CHARACTERS = ['"', '\n', '\r'];
/** Delimiter rule for messages. */
export const DELIMITER_USAGE =
  'one character other than a quote or a line break, or "tab"';

/** Telemetry ticks without progress before a stall alert; 0 is off. */
export const ALERT_STALL_RANGE: Range = { min: 0, max: 10_000 };
/** Memory use in percent above which the memory alert fires. */
export const ALERT_MEMORY_RANGE: Range = { min: 1, max: 100 };
/** Gap between training and test score above which a trial overfits. */
export const ALERT_GAP_RANGE: Range = { min: 0, max: 1 };
/** Chunks without a better test score before a plateau alert; 0 is off. */
export const ALERT_PLATEAU_RANGE: Range = { min: 0, max: 10_000 };

/** Folder that contains one folder per run. */
export const DEFAULT_OUT_DIR = 'traintop-runs';

export const FLAG_OPTIONS = {
  workers: { type: 'string' },
  'max-workers': { type: 'string' },
  tick: { type: 'string' },
  trees: { type: 'string' },
  'max-features': { type: 'string' },
  'max-depth': { type: 'string' },
  seeds: { type: 'string' },
  seed: { type: 'string' },
  chunk: { type: 'string' },
  retries: { type: 'string' },
  plain: { type: 'boolean' },
  json: { type: 'boolean' },
  log: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  delimiter: { type: 'string' },
  drop: { type: 'string', multiple: true },
  missing: { type: 'string' },
  task: { type: 'string' },
  cv: { type: 'string' },
  'test-fraction': { type: 'string' },
  config: { type: 'string' },
  redis: { type: 'string' },
  prefix: { type: 'string' },
  'alert-stall': { type: 'string' },
  'alert-memory': { type: 'string' },
  'alert-gap': { type: 'string' },
  'alert-plateau': { type: 'string' },
  'fail-on-alert': { type: 'boolean' },
  search: { type: 'string' },
  trials: { type: 'string' },
  pace: { type: 'string' },
  record: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type FlagName = keyof typeof FLAG_OPTIONS;
export const FLAG_NAMES = Object.keys(FLAG_OPTIONS) as FlagName[];
export type FlagValues = Partial<Record<FlagName, string | boolean | string[]>>;

/** Flags that describe how to read a CSV file, so they need a data file. */
export const CSV_FLAGS = [
  'target',
  'delimiter',
  'drop',
  'missing',
  'task',
] as const satisfies readonly FlagName[];

/** Returns a range for error messages, such as "from 1 to 50". */
export function describeRange(range: Range): string {
  return range.max === undefined
    ? `of at least ${range.min}`
    : `from ${range.min} to ${range.max}`;
}

/** Returns "a or b", or "one of a, b, c" for longer lists. */
export function describeChoices(choices: readonly string[]): string {
  return choices.length === 2
    ? choices.join(' or ')
    : `one of ${choices.join(', ')}`;
}

/**
 * Returns the field delimiter that `text` names: one character, or "tab" or
 * "\\t" for a tab. Returns null for anything else and for a quote or a line
 * break, which CSV keeps for itself.
 */
export function parseDelimiter(text: string): string | null {
  if (TAB_NAMES.includes(text.toLowerCase())) {
    return '\t';
  }

  if ([...text].length !== 1 || RESERVED_CHARACTERS.includes(text)) {
    return null;
  }

  return text;
}
