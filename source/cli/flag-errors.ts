// Reads the arguments with node:util parseArgs and explains the ones it
// rejects.

import { parseArgs } from 'node:util';

import {
  ALERT_GAP_RANGE,
  ALERT_MEMORY_RANGE,
  ALERT_PLATEAU_RANGE,
  ALERT_STALL_RANGE,
  CHUNK_SIZE_RANGE,
  CV_FOLDS_RANGE,
  DEFAULT_MAX_DEPTH,
  DEFAULT_TREES,
  DELIMITER_USAGE,
  FLAG_NAMES,
  FLAG_OPTIONS,
  MAX_FEATURES_EXAMPLE,
  MAX_WORKERS_RANGE,
  MISSING_POLICIES,
  PACE_MS_RANGE,
  RETRIES_RANGE,
  SEED_RANGE,
  SEEDS_RANGE,
  TASKS,
  TEST_FRACTION_RANGE,
  TICK_MS_RANGE,
  describeRange,
  type FlagName,
  type FlagValues,
} from './flag-table.js';

const HELP_HINT = 'Run traintop --help for the list of flags.';
/** Unknown names shorter than this get no "did you mean" suggestion. */
const MIN_SUGGESTED_NAME_LENGTH = 3;

/** Value syntax of each flag that takes one, for missing-value errors. */
const VALUE_USAGE: Partial<Record<FlagName, string>> = {
  workers: 'N, the number of workers at start',
  'max-workers': `N, a whole number ${describeRange(MAX_WORKERS_RANGE)}`,
  tick: `MS, a whole number of milliseconds ${describeRange(TICK_MS_RANGE)}`,
  trees: `LIST, such as ${DEFAULT_TREES.join(',')}`,
  'max-features': `LIST, such as ${MAX_FEATURES_EXAMPLE.join(',')}`,
  'max-depth': `LIST, such as ${DEFAULT_MAX_DEPTH.join(',')}`,
  seeds: `N, a whole number ${describeRange(SEEDS_RANGE)}`,
  seed: `N, a whole number ${describeRange(SEED_RANGE)}`,
  chunk: `N, a whole number of trees ${describeRange(CHUNK_SIZE_RANGE)}`,
  retries: `N, a whole number ${describeRange(RETRIES_RANGE)}`,
  pace: `MS, a whole number of milliseconds ${describeRange(PACE_MS_RANGE)}`,
  record: 'FILE.cast, the file to record the monitor to',
  log: 'FILE, a file path',
  out: 'DIR, a folder path',
  data: 'FILE.csv, a CSV file with a header row',
  target: 'COLUMN, the name of the column to predict',
  delimiter: `CHAR, ${DELIMITER_USAGE}`,
  drop: 'COLUMNS, column names separated by commas',
  missing: `POLICY, one of ${MISSING_POLICIES.join(', ')}`,
  task: `TASK, ${TASKS.join(' or ')}`,
  cv: `K, a whole number of folds ${describeRange(CV_FOLDS_RANGE)}`,
  'test-fraction': `F, a fraction ${describeRange(TEST_FRACTION_RANGE)}`,
  config: 'FILE, a .json, .yaml or .yml file',
  'alert-stall': `TICKS, a whole number ${describeRange(ALERT_STALL_RANGE)}`,
  'alert-memory': `PERCENT, a whole number ${describeRange(ALERT_MEMORY_RANGE)}`,
  'alert-gap': `F, a fraction ${describeRange(ALERT_GAP_RANGE)}`,
  'alert-plateau': `CHUNKS, a whole number ${describeRange(ALERT_PLATEAU_RANGE)}`,
};

/** Flags whose value is free text rather than numbers. */
const TEXT_FLAGS: ReadonlySet<FlagName> = new Set([
  'log',
  'out',
  'data',
  'target',
  'delimiter',
  'drop',
  'config',
  'record',
]);

/** Rejects a flag value; the message is the whole one-line error. */
export class FlagError extends Error {}

/**
 * Runs node:util parseArgs in strict mode. When it rejects the arguments,
 * parses them again leniently to find the culprit and name it in the error.
 */
export function readFlagValues(argv: readonly string[]): FlagValues {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: FLAG_OPTIONS,
      strict: true,
      allowPositionals: false,
    });

    return values;
  } catch (error) {
    if (!(error instanceof TypeError) || !('code' in error)) {
      throw error;
    }
  }

  const { values, tokens } = parseLeniently(argv);
  for (const token of tokens) {
    const message = describeBadToken(token);
    if (message !== null) {
      throw new FlagError(message);
    }
  }

  // Only negative numbers such as `--workers -3` are left, which the strict
  // parse takes for flags. The value checks reject them with their range.
  const known: FlagValues = {};
  for (const flag of FLAG_NAMES) {
    const value = values[flag];
    if (Array.isArray(value)) {
      known[flag] = value.filter((item) => typeof item === 'string');
    } else if (value !== undefined) {
      known[flag] = value;
    }
  }

  return known;
}

function parseLeniently(argv: readonly string[]) {
  const { values, tokens } = parseArgs({
    args: [...argv],
    options: FLAG_OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  return { values, tokens };
}

type Token = ReturnType<typeof parseLeniently>['tokens'][number];

function describeBadToken(token: Token): string | null {
  if (token.kind === 'positional') {
    return (
      `Unexpected argument "${token.value}": traintop takes only flags. ` +
      HELP_HINT
    );
  }

  if (token.kind !== 'option') {
    return null;
  }

  if (!isFlagName(token.name)) {
    return describeUnknownFlag(token.rawName);
  }

  if (FLAG_OPTIONS[token.name].type === 'boolean') {
    return token.value === undefined
      ? null
      : `Flag ${token.rawName} takes no value, but got "${token.value}": ` +
          `write ${token.rawName} alone.`;
  }

  return describeMissingValue(token.name, token);
}

/**
 * Returns the error for a flag whose value is missing, or null when it has
 * one. The strict parse rejects a value in the next argument that starts
 * with "-", because it may be the next flag.
 */
function describeMissingValue(
  flag: FlagName,
  token: Pick<Extract<Token, { kind: 'option' }>, 'value' | 'inlineValue'>,
): string | null {
  const { value } = token;
  const isDashValue = token.inlineValue === false && value?.startsWith('-');
  if (value !== undefined && !isDashValue) {
    return null;
  }

  const usage = `expected --${flag} ${VALUE_USAGE[flag] ?? 'VALUE'}.`;
  if (value === undefined) {
    return `Missing value for --${flag}: ${usage}`;
  }

  if (TEXT_FLAGS.has(flag)) {
    return (
      `Missing value for --${flag} before "${value}": ${usage} ` +
      `Write --${flag}=${value} if "${value}" is the value.`
    );
  }

  return /^-\d/.test(value)
    ? null
    : `Missing value for --${flag} before "${value}": ${usage}`;
}

function describeUnknownFlag(rawName: string): string {
  const suggestion = suggestName(rawName.replace(/^-+/, ''), FLAG_NAMES);
  if (suggestion === null) {
    return `Unknown flag ${rawName}: ${lowerFirst(HELP_HINT)}`;
  }

  return `Unknown flag ${rawName}: did you mean --${suggestion}? ${HELP_HINT}`;
}

/**
 * Returns the candidate that `name` is most likely a typo of: one edit away,
 * or two for names of 6 letters or more. Shorter names match too much.
 */
export function suggestName<T extends string>(
  name: string,
  candidates: readonly T[],
): T | null {
  if (name.length < MIN_SUGGESTED_NAME_LENGTH) {
    return null;
  }

  const maxEdits = name.length >= 6 ? 2 : 1;

  return (
    candidates.find((candidate) => editDistance(name, candidate) <= maxEdits) ??
    null
  );
}

function isFlagName(name: string | undefined): name is FlagName {
  return name !== undefined && Object.hasOwn(FLAG_OPTIONS, name);
}

/** Returns the Levenshtein distance between two strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j - 1] ?? 0) + cost,
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
      );
    }
    previous = current;
  }

  return previous[b.length] ?? 0;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
