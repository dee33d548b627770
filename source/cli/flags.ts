import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';

import type { GridOptions } from '../plan/grid.js';

/** Inclusive bounds of a whole-number flag. No `max` means no upper bound. */
type Range = { readonly min: number; readonly max?: number };

const DEFAULT_TICK_MS = 250;
const TICK_MS_RANGE: Range = { min: 50, max: 10_000 };

/** Default --max-workers is this many workers per core, at most the cap. */
const DEFAULT_WORKERS_PER_CORE = 4;
const DEFAULT_MAX_WORKERS_CAP = 64;
const MAX_WORKERS_RANGE: Range = { min: 1, max: 256 };

const DEFAULT_TREES = [100, 300, 900];
const TREES_RANGE: Range = { min: 1, max: 100_000 };
const DEFAULT_MAX_FEATURES = [1, 2, 3, 4];
const MAX_FEATURES_RANGE: Range = { min: 1 };
const DEFAULT_MAX_DEPTH = [1, 2, 3, 4];
const MAX_DEPTH_RANGE: Range = { min: 1, max: 50 };

const DEFAULT_SEEDS = 3;
const SEEDS_RANGE: Range = { min: 1, max: 1_000 };
const DEFAULT_SEED = 1;
/** Seeds stay within a signed 32-bit integer. */
const SEED_RANGE: Range = { min: 0, max: 2 ** 31 - 1 };

const DEFAULT_CHUNK_SIZE = 10;
const CHUNK_SIZE_RANGE: Range = { min: 1, max: 10_000 };
const DEFAULT_RETRIES = 1;
const RETRIES_RANGE: Range = { min: 0, max: 10 };

const DEFAULT_LOG_PATH = 'traintop-runs/traintop.log';

const HELP_HINT = 'Run traintop --help for the list of flags.';
/** Unknown flags shorter than this get no "did you mean" suggestion. */
const MIN_SUGGESTED_NAME_LENGTH = 3;

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
  /** Log file path, relative to the working directory. */
  readonly logPath: string;
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

const FLAG_OPTIONS = {
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
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

type FlagName = keyof typeof FLAG_OPTIONS;
const FLAG_NAMES = Object.keys(FLAG_OPTIONS) as FlagName[];
type FlagValues = Partial<Record<FlagName, string | boolean>>;

/** Value syntax of each flag that takes one, for missing-value errors. */
const VALUE_USAGE: Partial<Record<FlagName, string>> = {
  workers: 'N, the number of workers at start',
  'max-workers': `N, a whole number ${describeRange(MAX_WORKERS_RANGE)}`,
  tick: `MS, a whole number of milliseconds ${describeRange(TICK_MS_RANGE)}`,
  trees: `LIST, such as ${DEFAULT_TREES.join(',')}`,
  'max-features': `LIST, such as ${DEFAULT_MAX_FEATURES.join(',')}`,
  'max-depth': `LIST, such as ${DEFAULT_MAX_DEPTH.join(',')}`,
  seeds: `N, a whole number ${describeRange(SEEDS_RANGE)}`,
  seed: `N, a whole number ${describeRange(SEED_RANGE)}`,
  chunk: `N, a whole number of trees ${describeRange(CHUNK_SIZE_RANGE)}`,
  retries: `N, a whole number ${describeRange(RETRIES_RANGE)}`,
  log: 'FILE, a file path',
};

/** Flags whose value is free text rather than numbers. */
const TEXT_FLAGS: ReadonlySet<FlagName> = new Set(['log']);

const HELP_WIDTH = 80;
const NO_BREAK_SPACE = '\u00a0';
const HELP_FLAG_COLUMN = 23;

type HelpSection = {
  readonly title: string;
  /** Each flag's usage, such as `--tick MS`, and its description. */
  readonly entries: readonly (readonly [string, string])[];
};

const HELP_SECTIONS: readonly HelpSection[] = [
  {
    title: 'Workers',
    entries: [
      [
        '--workers N',
        'workers at start ' +
          defaultNote('one per CPU core, at most --max-workers'),
      ],
      [
        '--max-workers N',
        'maximum workers when resizing with + and -, ' +
          `${describeSpan(MAX_WORKERS_RANGE)} ` +
          defaultNote(
            `${DEFAULT_WORKERS_PER_CORE} per CPU core, ` +
              `at most ${DEFAULT_MAX_WORKERS_CAP}`,
          ),
      ],
      [
        '--retries N',
        `retries of a failed trial, ${describeSpan(RETRIES_RANGE)} ` +
          defaultNote(DEFAULT_RETRIES),
      ],
    ],
  },
  {
    title: 'Sweep',
    entries: [
      [
        '--trees LIST',
        `forest sizes, each ${describeSpan(TREES_RANGE)} ` +
          defaultNote(DEFAULT_TREES.join(',')),
      ],
      [
        '--max-features LIST',
        'features drawn for each tree, each ' +
          `${describeSpan(MAX_FEATURES_RANGE)} ` +
          defaultNote(DEFAULT_MAX_FEATURES.join(',')),
      ],
      [
        '--max-depth LIST',
        `maximum tree depths, each ${describeSpan(MAX_DEPTH_RANGE)} ` +
          defaultNote(DEFAULT_MAX_DEPTH.join(',')),
      ],
      [
        '--seeds N',
        'seeds per parameter combination, ' +
          `${describeSpan(SEEDS_RANGE)} ${defaultNote(DEFAULT_SEEDS)}`,
      ],
      [
        '--seed N',
        'first seed of the data split and the trees, ' +
          `${describeSpan(SEED_RANGE)} ${defaultNote(DEFAULT_SEED)}`,
      ],
      [
        '--chunk N',
        'trees grown between two evaluations, ' +
          `${describeSpan(CHUNK_SIZE_RANGE)} ` +
          defaultNote(DEFAULT_CHUNK_SIZE),
      ],
    ],
  },
  {
    title: 'Output',
    entries: [
      [
        '--tick MS',
        'redraw interval in milliseconds, ' +
          `${describeSpan(TICK_MS_RANGE)} ${defaultNote(DEFAULT_TICK_MS)}`,
      ],
      [
        '--plain',
        'print one line per finished trial and a summary instead of the ' +
          'live monitor',
      ],
      [
        '--json',
        'print every event as one line of JSON instead of the live monitor',
      ],
      ['--log FILE', `log file ${defaultNote(DEFAULT_LOG_PATH)}`],
      ['-h, --help', 'print this help and exit'],
      ['-v, --version', 'print the version and exit'],
    ],
  },
];

/** Usage of every flag, with its unit and default, within 80 columns. */
export const helpText = formatHelp();

/** Rejects a flag value; the message is the whole one-line error. */
class FlagError extends Error {}

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
    logPath: readLogPath(values),
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
    const reason =
      stringValue(values, 'max-workers') === undefined
        ? 'on this machine'
        : `because --max-workers is ${maxWorkers}`;
    throw new FlagError(
      `Cannot start ${workers} workers: --workers must be ` +
        `1–${maxWorkers} ${reason}.`,
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

function readLogPath(values: FlagValues): string {
  const path = stringValue(values, 'log');
  if (path === undefined) {
    return DEFAULT_LOG_PATH;
  }

  if (path.trim() === '') {
    throw new FlagError(`Invalid --log "${path}": expected a file path.`);
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

/** Returns a range for help text, such as "1 to 50" or "1 or more". */
function describeSpan(range: Range): string {
  return range.max === undefined
    ? `${range.min} or more`
    : `${range.min} to ${range.max}`;
}

/** Returns "(default: value)", kept on one line when the help wraps. */
function defaultNote(value: string | number): string {
  return `(default:${NO_BREAK_SPACE}${value})`.replaceAll(' ', NO_BREAK_SPACE);
}

function describeRange(range: Range): string {
  return range.max === undefined
    ? `of at least ${range.min}`
    : `from ${range.min} to ${range.max}`;
}

function invalidNumber(flag: FlagName, text: string, range: Range) {
  const unit = flag === 'tick' ? ' of milliseconds' : '';

  return new FlagError(
    `Invalid --${flag} "${text}": expected a whole number${unit} ` +
      `${describeRange(range)}.`,
  );
}

// Errors for arguments that parseArgs rejects.

/**
 * Runs node:util parseArgs in strict mode. When it rejects the arguments,
 * parses them again leniently to find the culprit and name it in the error.
 */
function readFlagValues(argv: readonly string[]): FlagValues {
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
    if (typeof value === 'string' || typeof value === 'boolean') {
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
  const suggestion = suggestFlag(rawName.replace(/^-+/, ''));
  if (suggestion === null) {
    return `Unknown flag ${rawName}: ${lowerFirst(HELP_HINT)}`;
  }

  return `Unknown flag ${rawName}: did you mean --${suggestion}? ${HELP_HINT}`;
}

/**
 * Returns the known flag that `name` is most likely a typo of: one edit away,
 * or two for names of 6 letters or more. Shorter names match too much.
 */
function suggestFlag(name: string): FlagName | null {
  if (name.length < MIN_SUGGESTED_NAME_LENGTH) {
    return null;
  }

  const maxEdits = name.length >= 6 ? 2 : 1;

  return (
    FLAG_NAMES.find((flag) => editDistance(name, flag) <= maxEdits) ?? null
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

// Help text.

function formatHelp(): string {
  const lines = [
    'Usage: traintop [flags]',
    '',
    ...wrapWords(
      'Runs a sweep of random-forest trials on worker threads and shows ' +
        "each trial's progress, accuracy and resource use while it trains.",
      HELP_WIDTH,
    ),
    '',
    `A LIST is whole numbers separated by commas, such as ${DEFAULT_TREES.join(',')}.`,
  ];

  for (const { title, entries } of HELP_SECTIONS) {
    lines.push('', `${title}:`);
    for (const [usage, description] of entries) {
      lines.push(...formatHelpEntry(usage, description));
    }
  }

  return `${lines.join('\n')}\n`;
}

function formatHelpEntry(usage: string, description: string): string[] {
  const indent = ' '.repeat(HELP_FLAG_COLUMN);
  const wrapped = wrapWords(description, HELP_WIDTH - HELP_FLAG_COLUMN);
  const first = `  ${usage}`.padEnd(HELP_FLAG_COLUMN);

  return wrapped.map((line, index) =>
    index === 0 ? first + line : indent + line,
  );
}

/**
 * Breaks text into lines of at most `width` columns, between words. A
 * no-break space keeps two words together and prints as a space.
 */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);

  return lines.map((wrapped) => wrapped.replaceAll(NO_BREAK_SPACE, ' '));
}
