// Flags traintop accepts, with the defaults and ranges that parsing, error
// messages and help text share.

/** Inclusive bounds of a whole-number flag. No `max` means no upper bound. */
export type Range = { readonly min: number; readonly max?: number };

export const DEFAULT_TICK_MS = 250;
export const TICK_MS_RANGE: Range = { min: 50, max: 10_000 };

/** Default --max-workers is this many workers per core, at most the cap. */
export const DEFAULT_WORKERS_PER_CORE = 4;
export const DEFAULT_MAX_WORKERS_CAP = 64;
export const MAX_WORKERS_RANGE: Range = { min: 1, max: 256 };

export const DEFAULT_TREES = [150, 450, 1350];
export const TREES_RANGE: Range = { min: 1, max: 100_000 };
export const DEFAULT_MAX_FEATURES = [1, 2, 3, 4];
export const MAX_FEATURES_RANGE: Range = { min: 1 };
export const DEFAULT_MAX_DEPTH = [1, 2, 3, 4];
export const MAX_DEPTH_RANGE: Range = { min: 1, max: 50 };

export const DEFAULT_SEEDS = 3;
export const SEEDS_RANGE: Range = { min: 1, max: 1_000 };
export const DEFAULT_SEED = 1;
/** Seeds stay within a signed 32-bit integer. */
export const SEED_RANGE: Range = { min: 0, max: 2 ** 31 - 1 };

export const DEFAULT_CHUNK_SIZE = 10;
export const CHUNK_SIZE_RANGE: Range = { min: 1, max: 10_000 };
export const DEFAULT_RETRIES = 1;
export const RETRIES_RANGE: Range = { min: 0, max: 10 };

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
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

export type FlagName = keyof typeof FLAG_OPTIONS;
export const FLAG_NAMES = Object.keys(FLAG_OPTIONS) as FlagName[];
export type FlagValues = Partial<Record<FlagName, string | boolean>>;

/** Returns a range for error messages, such as "from 1 to 50". */
export function describeRange(range: Range): string {
  return range.max === undefined
    ? `of at least ${range.min}`
    : `from ${range.min} to ${range.max}`;
}
