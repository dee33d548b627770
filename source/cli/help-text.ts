import { DEFAULT_ALERT_SETTINGS } from '../alerts/alert-settings.js';
import { DEFAULT_EVALUATION } from '../plan/evaluation.js';
import { DEFAULT_KEY_PREFIX } from '../queue/key-names.js';
import { formatUsageLines } from './command-help.js';
import { COMMAND_USAGE, type CommandName } from './command-usage.js';
import { EXIT_ALERT } from './exit-codes.js';
import {
  ALERT_GAP_RANGE,
  ALERT_MEMORY_RANGE,
  ALERT_PLATEAU_RANGE,
  ALERT_STALL_RANGE,
  CHUNK_SIZE_RANGE,
  CV_FOLDS_RANGE,
  DEFAULT_CHUNK_SIZE,
  DEFAULT_MISSING_POLICY,
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
  MAX_FEATURES_RANGE,
  MAX_WORKERS_RANGE,
  PACE_MS_RANGE,
  RETRIES_RANGE,
  SEED_RANGE,
  SEEDS_RANGE,
  TEST_FRACTION_RANGE,
  TICK_MS_RANGE,
  TREES_RANGE,
  TRIALS_RANGE,
  DEFAULT_RANDOM_TRIALS,
  type Range,
} from './flag-table.js';
import {
  defaultNote,
  formatHelpEntry,
  HELP_WIDTH,
  wrapWords,
} from './help-layout.js';

/** Column of the descriptions of flags and commands. */
const HELP_FLAG_COLUMN = 23;
/** Indent that aligns each command's usage under `Usage: `. */
const USAGE_INDENT = '       ';
const DEFAULT_TEST_FRACTION =
  DEFAULT_EVALUATION.kind === 'holdout' ? DEFAULT_EVALUATION.testFraction : 0;

/** A config file that uses most keys, shown at the end of the help. */
const CONFIG_EXAMPLE = [
  '{',
  '  "data": { "file": "wine.csv", "target": "quality", "delimiter": ";",',
  '            "drop": ["id"], "missing": "mean" },',
  '  "evaluation": { "folds": 5 },',
  '  "grid": { "trees": [50, 100], "maxDepth": [3, 5], "seeds": 3 },',
  '  "workers": 2, "out": "runs"',
  '}',
];

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
    title: 'Machines',
    entries: [
      [
        '--redis URL',
        'train on traintop worker processes, on this machine or others, ' +
          'through the Redis server at URL: ' +
          'redis://[user][:password]@host[:port][/db], or rediss:// for ' +
          'TLS; a URL without a password takes the one in ' +
          'TRAINTOP_REDIS_PASSWORD',
      ],
      [
        '--prefix P',
        'key prefix of the run in Redis; workers serve the runs under ' +
          `the prefix they name ${defaultNote(DEFAULT_KEY_PREFIX)}`,
      ],
    ],
  },
  {
    title: 'Data',
    entries: [
      [
        '--data FILE.csv',
        'train on a CSV file with a header row, one sample per row ' +
          defaultNote('the iris data set'),
      ],
      ['--target COLUMN', 'column to predict; needed with --data'],
      [
        '--delimiter CHAR',
        'field delimiter: one character, or tab ' +
          defaultNote('detect comma, semicolon or tab'),
      ],
      [
        '--drop COLUMNS',
        'columns to leave out, separated by commas; may be repeated',
      ],
      [
        '--missing POLICY',
        'what to do with an empty value: error, drop-rows (skip the row) ' +
          `or mean (use the column mean) ${defaultNote(DEFAULT_MISSING_POLICY)}`,
      ],
      [
        '--task TASK',
        'classification or regression ' +
          defaultNote('chosen from the target column'),
      ],
    ],
  },
  {
    title: 'Evaluation',
    entries: [
      [
        '--test-fraction F',
        'share of the rows held out for testing, ' +
          `${describeSpan(TEST_FRACTION_RANGE)} ` +
          defaultNote(DEFAULT_TEST_FRACTION),
      ],
      [
        '--cv K',
        `folds of K-fold cross-validation, ${describeSpan(CV_FOLDS_RANGE)}; ` +
          'scores each trial on every fold instead of one held-out split',
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
          defaultNote('chosen for the data set'),
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
        '--search KIND',
        'grid trains every combination; random trains --trials of them, ' +
          'drawn with --seed; halving starts every combination and stops ' +
          'the worse two thirds at a ninth and again at a third of their ' +
          `trees ${defaultNote('grid')}`,
      ],
      [
        '--trials N',
        `trials of a random search, ${describeSpan(TRIALS_RANGE)} ` +
          defaultNote(DEFAULT_RANDOM_TRIALS),
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
    title: 'Alerts',
    entries: [
      [
        '--alert-stall TICKS',
        'alert when a worker reports no progress for TICKS redraw ' +
          `intervals, ${describeSpan(ALERT_STALL_RANGE)}; 0 turns it off ` +
          defaultNote(DEFAULT_ALERT_SETTINGS.stallTicks),
      ],
      [
        '--alert-memory PERCENT',
        'alert when memory use on this machine or a worker machine is ' +
          `above PERCENT, ${describeSpan(ALERT_MEMORY_RANGE)} ` +
          defaultNote(DEFAULT_ALERT_SETTINGS.memoryPercent),
      ],
      [
        '--alert-gap F',
        "alert when a trial's training score exceeds its test score by " +
          `more than F, ${describeSpan(ALERT_GAP_RANGE)} ` +
          defaultNote(DEFAULT_ALERT_SETTINGS.overfitGap),
      ],
      [
        '--alert-plateau CHUNKS',
        "alert when a trial's test score has not improved for CHUNKS " +
          `chunks, ${describeSpan(ALERT_PLATEAU_RANGE)}; 0 turns it off ` +
          defaultNote(DEFAULT_ALERT_SETTINGS.plateauChunks),
      ],
      [
        '--fail-on-alert',
        `exit with code ${EXIT_ALERT} when the run raised any alert`,
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
      [
        '--out DIR',
        'folder that keeps a folder per run, with its event log ' +
          defaultNote(DEFAULT_OUT_DIR),
      ],
      ['--log FILE', 'log file (default: traintop.log in the run folder)'],
      [
        '--record FILE.cast',
        'also write what the monitor draws to FILE.cast as it draws, in ' +
          'asciicast v2; asciinema play FILE.cast plays it back. It needs ' +
          'the monitor: a terminal, and neither --plain nor --json. watch, ' +
          'replay and resume take --record too',
      ],
      [
        '--pace MS',
        'milliseconds each trial waits between two chunks of trees, to ' +
          'slow a demo or a recording down to a watchable speed. Scores ' +
          'stay the same and training times leave the waits out, but a ' +
          'wait longer than --alert-stall ticks raises stall alerts; ' +
          `${describeSpan(PACE_MS_RANGE)}, local threads only ` +
          defaultNote(0),
      ],
      ['-h, --help', 'print this help and exit'],
      ['-v, --version', 'print the version and exit'],
    ],
  },
];

/** Usage of every flag, with its unit and default, within 80 columns. */
export const helpText = formatHelp();

/** Returns a range for help text, such as "1 to 50" or "1 or more". */
function describeSpan(range: Range): string {
  return range.max === undefined
    ? `${range.min} or more`
    : `${range.min} to ${range.max}`;
}

function formatHelp(): string {
  const lines = [
    'Usage: traintop [run] [flags]',
    '       traintop run --config FILE [flags]',
    '                       run the sweep that a config file describes',
    ...formatCommandLines(),
    '       traintop worker --redis URL [--threads N]',
    '                       train the trials of queued runs; see',
    '                       traintop worker --help',
    '',
    ...wrapWords(
      'Runs a sweep of random-forest trials on worker threads and shows ' +
        "each trial's progress, scores and resource use while it trains.",
      HELP_WIDTH,
    ),
    '',
    `A LIST is whole numbers separated by commas, such as ${DEFAULT_TREES.join(',')}.`,
  ];

  for (const { title, entries } of HELP_SECTIONS) {
    lines.push('', `${title}:`);
    for (const [usage, description] of entries) {
      lines.push(...formatHelpEntry(usage, description, HELP_FLAG_COLUMN));
    }
  }

  lines.push(
    '',
    'Config file:',
    ...formatHelpEntry(
      '--config FILE',
      'read settings from a .json, .yaml or .yml file; flags override its ' +
        'keys one by one',
      HELP_FLAG_COLUMN,
    ),
    '',
    ...formatConfigHelp(),
  );

  return `${lines.join('\n')}\n`;
}

function formatConfigHelp(): string[] {
  const keys =
    'Keys: data (file, target, delimiter, drop, missing, task), ' +
    'evaluation (testFraction or folds), grid (trees, maxFeatures, ' +
    'maxDepth, seeds, seed, chunk), search (kind, trials), alerts (stall, ' +
    'memory, gap, plateau, failOnAlert), workers, maxWorkers, tick, ' +
    'retries, out and log. Each takes the values of its flag, with lists ' +
    'written as ' +
    'arrays. Every key is optional, but data needs file and target. ' +
    "Relative paths are resolved against the file's folder, and an unknown " +
    'key is an error. A .yaml or .yml file takes the same keys. For ' +
    'example, sweep.json:';

  return [
    ...wrapWords(keys, HELP_WIDTH - 2).map((line) => `  ${line}`),
    '',
    ...CONFIG_EXAMPLE.map((line) => `    ${line}`),
  ];
}

/** Formats the usage and summary of every command that reads stored runs. */
function formatCommandLines(): string[] {
  const indent = ' '.repeat(HELP_FLAG_COLUMN);
  const commands = Object.keys(COMMAND_USAGE) as CommandName[];

  return commands.flatMap((command) => [
    ...formatUsageLines(command, USAGE_INDENT, HELP_FLAG_COLUMN),
    ...wrapWords(
      COMMAND_USAGE[command].summary,
      HELP_WIDTH - HELP_FLAG_COLUMN,
    ).map((line) => indent + line),
  ]);
}
