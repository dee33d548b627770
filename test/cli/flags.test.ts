import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import {
  helpText,
  parseFlags,
  type RunOptions,
} from '../../source/cli/flags.js';
import {
  DEFAULT_EVALUATION,
  type Evaluation,
} from '../../source/plan/evaluation.js';

/** A machine with 2 cores: 2 workers and at most 8 by default. */
const twoCores = { cores: 2 };

function parseOptions(argv: string[], machine = twoCores): RunOptions {
  const result = parseFlags(argv, machine);
  if (!result.ok || result.kind !== 'run') {
    throw new Error(`Expected run options, got ${JSON.stringify(result)}`);
  }

  return result.options;
}

function parseError(argv: string[], machine = twoCores): string {
  const result = parseFlags(argv, machine);
  if (result.ok) {
    throw new Error(`Expected an error, got ${JSON.stringify(result)}`);
  }

  return result.message;
}

describe('parseFlags defaults', () => {
  it('sizes workers for the machine', () => {
    const options = parseOptions([]);

    expect(options.workers).toBe(2);
    expect(options.maxWorkers).toBe(8);
  });

  it('caps default max workers at 64', () => {
    const options = parseOptions([], { cores: 32 });

    expect(options.workers).toBe(32);
    expect(options.maxWorkers).toBe(64);
  });

  it('keeps default workers within --max-workers', () => {
    const options = parseOptions(['--max-workers', '3'], { cores: 16 });

    expect(options.workers).toBe(3);
    expect(options.maxWorkers).toBe(3);
  });

  it('fills every other option', () => {
    const options = parseOptions([]);

    expect(options.tickMs).toBe(250);
    expect(options.grid).toEqual({
      trees: [150, 450, 1350],
      maxFeatures: null,
      maxDepth: [1, 2, 3, 4],
      seeds: 3,
      seed: 1,
      chunkSize: 10,
    });
    expect(options.data).toEqual({ kind: 'iris' });
    expect(options.evaluation).toEqual(DEFAULT_EVALUATION);
    expect(options.retries).toBe(1);
    expect(options.output).toBe('monitor');
    expect(options.outDir).toBe('traintop-runs');
    expect(options.logPath).toBeNull();
  });
});

describe('parseFlags valid values', () => {
  const cases: [string[], Partial<RunOptions>][] = [
    [['--workers', '8'], { workers: 8 }],
    [['--workers=1'], { workers: 1 }],
    [['--workers', '100', '--max-workers', '100'], { workers: 100 }],
    [['--max-workers', '256'], { maxWorkers: 256 }],
    [['--tick', '50'], { tickMs: 50 }],
    [['--tick', '10000'], { tickMs: 10_000 }],
    [['--retries', '0'], { retries: 0 }],
    [['--retries', '10'], { retries: 10 }],
    [['--plain'], { output: 'plain' }],
    [['--json'], { output: 'json' }],
    [['--log', 'runs/a.log'], { logPath: 'runs/a.log' }],
    [['--log=-odd.log'], { logPath: '-odd.log' }],
    [['--out', 'runs'], { outDir: 'runs' }],
  ];

  for (const [argv, expected] of cases) {
    it(`accepts ${argv.join(' ')}`, () => {
      expect(parseOptions(argv)).toMatchObject(expected);
    });
  }

  it('reads grid lists and numbers', () => {
    const options = parseOptions([
      '--trees',
      '10, 100000',
      '--max-features',
      '4',
      '--max-depth',
      '50,1',
      '--seeds',
      '1000',
      '--seed',
      '0',
      '--chunk',
      '10000',
    ]);

    expect(options.grid).toEqual({
      trees: [10, 100_000],
      maxFeatures: [4],
      maxDepth: [50, 1],
      seeds: 1000,
      seed: 0,
      chunkSize: 10_000,
    });
  });

  it('accepts the largest seed range', () => {
    const options = parseOptions(['--seed', '2147483646', '--seeds', '2']);

    expect(options.grid.seed).toBe(2_147_483_646);
  });

  it('takes the last of a repeated flag', () => {
    expect(parseOptions(['--tick', '100', '--tick', '200']).tickMs).toBe(200);
  });
});

describe('parseFlags data flags', () => {
  const wine = ['--data', 'wine.csv', '--target', 'quality'];

  it('reads a CSV file with defaults', () => {
    expect(parseOptions(wine).data).toEqual({
      kind: 'csv',
      path: 'wine.csv',
      target: 'quality',
      delimiter: null,
      drop: [],
      missing: 'error',
      task: null,
    });
  });

  it('reads every CSV option', () => {
    const options = parseOptions([
      ...wine,
      '--delimiter',
      ';',
      '--drop',
      'id',
      '--missing',
      'drop-rows',
      '--task',
      'regression',
    ]);

    expect(options.data).toMatchObject({
      delimiter: ';',
      drop: ['id'],
      missing: 'drop-rows',
      task: 'regression',
    });
  });

  const delimiters: [string, string][] = [
    [',', ','],
    [';', ';'],
    ['|', '|'],
    ['tab', '\t'],
    ['TAB', '\t'],
    ['\\t', '\t'],
    ['\t', '\t'],
  ];

  for (const [text, delimiter] of delimiters) {
    it(`reads --delimiter ${JSON.stringify(text)}`, () => {
      const options = parseOptions([...wine, '--delimiter', text]);

      expect(options.data).toMatchObject({ delimiter });
    });
  }

  it('joins repeated and comma-separated --drop', () => {
    const argv = [...wine, '--drop', 'id', '--drop', 'batch, notes,id'];

    expect(parseOptions(argv).data).toMatchObject({
      drop: ['id', 'batch', 'notes'],
    });
  });

  for (const missing of ['error', 'drop-rows', 'mean']) {
    it(`reads --missing ${missing}`, () => {
      const options = parseOptions([...wine, '--missing', missing]);

      expect(options.data).toMatchObject({ missing });
    });
  }

  for (const task of ['classification', 'regression']) {
    it(`reads --task ${task}`, () => {
      expect(parseOptions([...wine, '--task', task]).data).toMatchObject({
        task,
      });
    });
  }

  it('keeps a --data path that starts with a dash', () => {
    const options = parseOptions(['--data=-odd.csv', '--target', 'y']);

    expect(options.data).toMatchObject({ path: '-odd.csv' });
  });
});

describe('parseFlags evaluation flags', () => {
  const cases: [string[], Evaluation][] = [
    [['--cv', '2'], { kind: 'cv', folds: 2 }],
    [['--cv', '20'], { kind: 'cv', folds: 20 }],
    [['--test-fraction', '0.05'], { kind: 'holdout', testFraction: 0.05 }],
    [['--test-fraction', '0.5'], { kind: 'holdout', testFraction: 0.5 }],
    [['--test-fraction', '.25'], { kind: 'holdout', testFraction: 0.25 }],
  ];

  for (const [argv, evaluation] of cases) {
    it(`reads ${argv.join(' ')}`, () => {
      expect(parseOptions(argv).evaluation).toEqual(evaluation);
    });
  }
});

describe('parseFlags data and evaluation errors', () => {
  const wine = ['--data', 'wine.csv', '--target', 'quality'];
  const cases: [string[], string][] = [
    [
      ['--data', 'wine.csv'],
      'Missing --target for --data wine.csv: add --target COLUMN to name ' +
        'the column to predict.',
    ],
    [['--data', ' '], 'Invalid --data " ": expected a CSV file path.'],
    [
      [...wine.slice(0, 2), '--target', ''],
      'Invalid --target "": expected a column name.',
    ],
    [
      [...wine, '--delimiter', ';;'],
      'Invalid --delimiter ";;": expected one character other than a quote ' +
        'or a line break, or "tab".',
    ],
    [
      [...wine, '--delimiter', '"'],
      'Invalid --delimiter """: expected one character other than a quote ' +
        'or a line break, or "tab".',
    ],
    [
      [...wine, '--drop', 'id,,notes'],
      'Invalid --drop "id,,notes": expected column names separated by ' +
        'commas, such as id,name.',
    ],
    [
      [...wine, '--drop', 'id,quality'],
      'Cannot drop "quality": it is the target column. Remove it from --drop.',
    ],
    [
      [...wine, '--missing', 'zero'],
      'Invalid --missing "zero": expected one of error, drop-rows, mean.',
    ],
    [
      [...wine, '--task', 'ranking'],
      'Invalid --task "ranking": expected classification or regression.',
    ],
    [['--cv', '1'], 'Invalid --cv "1": expected a whole number from 2 to 20.'],
    [
      ['--cv', '21'],
      'Invalid --cv "21": expected a whole number from 2 to 20.',
    ],
    [
      ['--cv', '2.5'],
      'Invalid --cv "2.5": expected a whole number from 2 to 20.',
    ],
    [
      ['--test-fraction', '0.6'],
      'Invalid --test-fraction "0.6": expected a fraction from 0.05 to 0.5, ' +
        'such as 0.25.',
    ],
    [
      ['--test-fraction', '0.01'],
      'Invalid --test-fraction "0.01": expected a fraction from 0.05 to ' +
        '0.5, such as 0.25.',
    ],
    [
      ['--test-fraction', '20%'],
      'Invalid --test-fraction "20%": expected a fraction from 0.05 to 0.5, ' +
        'such as 0.25.',
    ],
    [
      ['--test-fraction', '1e-1'],
      'Invalid --test-fraction "1e-1": expected a fraction from 0.05 to ' +
        '0.5, such as 0.25.',
    ],
    [
      ['--cv', '5', '--test-fraction', '0.3'],
      'Cannot use --cv and --test-fraction together: cross-validation ' +
        'tests on every fold in turn, so choose one.',
    ],
    [
      ['--config', ''],
      'Invalid --config "": expected a .json, .yaml or .yml file.',
    ],
  ];

  for (const [argv, message] of cases) {
    it(`rejects ${argv.join(' ')}`, () => {
      expect(parseError(argv)).toBe(message);
    });
  }

  const csvFlags: [string, string][] = [
    ['--target', 'quality'],
    ['--delimiter', ';'],
    ['--drop', 'id'],
    ['--missing', 'mean'],
    ['--task', 'regression'],
  ];

  for (const [flag, value] of csvFlags) {
    it(`rejects ${flag} without --data`, () => {
      expect(parseError([flag, value])).toBe(
        `Cannot use ${flag} without --data: it describes the CSV file to ` +
          `read. Add --data FILE.csv or remove ${flag}.`,
      );
    });
  }
});

describe('parseFlags help and version', () => {
  const cases: [string[], 'help' | 'version'][] = [
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['--version'], 'version'],
    [['-v'], 'version'],
    [['--workers', '999', '--help'], 'help'],
    [['--workers', '-3', '-h'], 'help'],
    [['--config', 'missing.json', '--help'], 'help'],
    [['--target', 'quality', '--help'], 'help'],
  ];

  for (const [argv, kind] of cases) {
    it(`returns ${kind} for ${argv.join(' ')}`, () => {
      expect(parseFlags(argv, twoCores)).toEqual({ ok: true, kind });
    });
  }

  it('reports an unknown flag before help', () => {
    expect(parseError(['--help', '--foo'])).toMatch(/^Unknown flag --foo/);
  });
});

describe('parseFlags errors', () => {
  const cases: [string[], string][] = [
    [
      ['--workers', '12'],
      'Cannot start 12 workers: --workers must be 1–8 on this machine; ' +
        'add --max-workers 12 to allow more.',
    ],
    [
      ['--workers', '0'],
      'Cannot start 0 workers: --workers must be 1–8 on this machine.',
    ],
    [
      ['--workers', '6', '--max-workers', '4'],
      'Cannot start 6 workers: --workers must be 1–4 because ' +
        '--max-workers is 4.',
    ],
    [
      ['--workers', 'many'],
      'Invalid --workers "many": expected a whole number from 1 to 8.',
    ],
    [
      ['--workers', '-3'],
      'Invalid --workers "-3": expected a whole number from 1 to 8.',
    ],
    [
      ['--workers=-3'],
      'Invalid --workers "-3": expected a whole number from 1 to 8.',
    ],
    [
      ['--workers', '2.5'],
      'Invalid --workers "2.5": expected a whole number from 1 to 8.',
    ],
    [
      ['--max-workers', '300'],
      'Invalid --max-workers "300": expected a whole number from 1 to 256.',
    ],
    [
      ['--tick', 'abc'],
      'Invalid --tick "abc": expected a whole number of milliseconds ' +
        'from 50 to 10000.',
    ],
    [
      ['--tick', '49'],
      'Invalid --tick "49": expected a whole number of milliseconds ' +
        'from 50 to 10000.',
    ],
    [
      ['--tick', '1e3'],
      'Invalid --tick "1e3": expected a whole number of milliseconds ' +
        'from 50 to 10000.',
    ],
    [
      ['--seeds', '1001'],
      'Invalid --seeds "1001": expected a whole number from 1 to 1000.',
    ],
    [
      ['--seed', '-1'],
      'Invalid --seed "-1": expected a whole number from 0 to 2147483647.',
    ],
    [
      ['--seed', '2147483647', '--seeds', '2'],
      'Invalid --seed 2147483647 with --seeds 2: the last seed, ' +
        '2147483648, is above 2147483647. Lower --seed or --seeds.',
    ],
    [
      ['--chunk', '0'],
      'Invalid --chunk "0": expected a whole number from 1 to 10000.',
    ],
    [
      ['--retries', '11'],
      'Invalid --retries "11": expected a whole number from 0 to 10.',
    ],
    [
      ['--plain', '--json'],
      'Cannot use --plain and --json together: choose one output mode.',
    ],
    [['--log='], 'Invalid --log "": expected a file path.'],
  ];

  for (const [argv, message] of cases) {
    it(`rejects ${argv.join(' ')}`, () => {
      expect(parseError(argv)).toBe(message);
    });
  }
});

describe('parseFlags list errors', () => {
  const cases: [string[], string][] = [
    [
      ['--trees', ''],
      'Invalid --trees "": expected whole numbers from 1 to 100000 ' +
        'separated by commas, such as 150,450,1350.',
    ],
    [
      ['--trees', '60,,240'],
      'Invalid --trees "60,,240": "" is not a whole number from 1 to ' +
        '100000. Separate numbers with commas, such as 150,450,1350.',
    ],
    [
      ['--trees', '60;120'],
      'Invalid --trees "60;120": "60;120" is not a whole number from 1 to ' +
        '100000. Separate numbers with commas, such as 150,450,1350.',
    ],
    [
      ['--trees', '100001'],
      'Invalid --trees "100001": "100001" is not a whole number from 1 to ' +
        '100000. Separate numbers with commas, such as 150,450,1350.',
    ],
    [
      ['--max-features', '0,1'],
      'Invalid --max-features "0,1": "0" is not a whole number of at ' +
        'least 1. Separate numbers with commas, such as 1,2,3,4.',
    ],
    [
      ['--max-depth', '2,51'],
      'Invalid --max-depth "2,51": "51" is not a whole number from 1 to ' +
        '50. Separate numbers with commas, such as 1,2,3,4.',
    ],
    [
      ['--max-depth', '-1,2'],
      'Invalid --max-depth "-1,2": "-1" is not a whole number from 1 to ' +
        '50. Separate numbers with commas, such as 1,2,3,4.',
    ],
    [
      ['--trees', '60,120,60'],
      'Invalid --trees "60,120,60": 60 is listed twice. List each value once.',
    ],
  ];

  for (const [argv, message] of cases) {
    it(`rejects ${argv.join(' ')}`, () => {
      expect(parseError(argv)).toBe(message);
    });
  }
});

describe('parseFlags argument errors', () => {
  const cases: [string[], string][] = [
    [
      ['--foo'],
      'Unknown flag --foo: run traintop --help for the list of flags.',
    ],
    [['-x'], 'Unknown flag -x: run traintop --help for the list of flags.'],
    [
      ['--worker', '3'],
      'Unknown flag --worker: did you mean --workers? ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--max-feature', '3'],
      'Unknown flag --max-feature: did you mean --max-features? ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--workers'],
      'Missing value for --workers: expected --workers N, the number of ' +
        'workers at start.',
    ],
    [
      ['--tick', '--plain'],
      'Missing value for --tick before "--plain": expected --tick MS, a ' +
        'whole number of milliseconds from 50 to 10000.',
    ],
    [
      ['--log', '-odd.log'],
      'Missing value for --log before "-odd.log": expected --log FILE, a ' +
        'file path. Write --log=-odd.log if "-odd.log" is the value.',
    ],
    [
      ['--data'],
      'Missing value for --data: expected --data FILE.csv, a CSV file with ' +
        'a header row.',
    ],
    [
      ['--drop', '-id'],
      'Missing value for --drop before "-id": expected --drop COLUMNS, ' +
        'column names separated by commas. Write --drop=-id if "-id" is ' +
        'the value.',
    ],
    [
      ['--cv', '--plain'],
      'Missing value for --cv before "--plain": expected --cv K, a whole ' +
        'number of folds from 2 to 20.',
    ],
    [
      ['--dat', 'wine.csv'],
      'Unknown flag --dat: did you mean --data? ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--test-fractoin', '0.2'],
      'Unknown flag --test-fractoin: did you mean --test-fraction? ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--plain=yes'],
      'Flag --plain takes no value, but got "yes": write --plain alone.',
    ],
    [
      ['4'],
      'Unexpected argument "4": traintop takes only flags. ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--workers', '2', '3'],
      'Unexpected argument "3": traintop takes only flags. ' +
        'Run traintop --help for the list of flags.',
    ],
    [
      ['--', '--plain'],
      'Unexpected argument "--plain": traintop takes only flags. ' +
        'Run traintop --help for the list of flags.',
    ],
  ];

  for (const [argv, message] of cases) {
    it(`rejects ${argv.join(' ')}`, () => {
      expect(parseError(argv)).toBe(message);
    });
  }

  it('returns one line for every error', () => {
    const allCases = [
      ['--workers'],
      ['--foo'],
      ['--tick', 'x'],
      ['x'],
      ['--data', 'a.csv'],
      ['--target', 'y'],
      ['--cv', '5', '--test-fraction', '0.2'],
    ];
    for (const argv of allCases) {
      expect(parseError(argv)).not.toContain('\n');
    }
  });
});

describe('helpText', () => {
  it('fits in 80 columns', () => {
    for (const line of helpText.split('\n')) {
      expect(line.length, line).toBeLessThanOrEqual(80);
    }
  });

  it('lists every flag', () => {
    const flags = [
      '--workers N',
      '--max-workers N',
      '--tick MS',
      '--trees LIST',
      '--max-features LIST',
      '--max-depth LIST',
      '--seeds N',
      '--seed N',
      '--chunk N',
      '--retries N',
      '--plain',
      '--json',
      '--log FILE',
      '--data FILE.csv',
      '--target COLUMN',
      '--delimiter CHAR',
      '--drop COLUMNS',
      '--missing POLICY',
      '--task TASK',
      '--test-fraction F',
      '--cv K',
      '--config FILE',
      '--record FILE.cast',
      '--pace MS',
      '-h, --help',
      '-v, --version',
    ];
    for (const flag of flags) {
      expect(helpText).toContain(flag);
    }
  });

  it('states defaults and units', () => {
    expect(helpText).toContain('redraw interval in milliseconds, 50 to 10000');
    expect(helpText).toContain('(default: 250)');
    expect(helpText).toContain('(default: 150,450,1350)');
    expect(helpText).toContain('(default: traintop-runs)');
    expect(helpText).toContain(
      '0.05 to 0.5\n                       (default: 0.2)',
    );
    expect(helpText).toContain('(default: chosen for the data set)');
    expect(helpText).not.toContain('\u00a0');
  });

  it('shows the run command and a config example', () => {
    expect(helpText).toContain('Usage: traintop [run] [flags]');
    expect(helpText).toContain('traintop run --config FILE [flags]');
    expect(helpText).toContain('"evaluation": { "folds": 5 }');
  });
});

describe('parseFlags for a queued run', () => {
  it('reads --redis and --prefix', () => {
    const options = parseOptions([
      ...['--redis', 'redis://:pw@db-host:6380/2'],
      ...['--prefix', 'team-a'],
    ]);

    expect(options.queue?.prefix).toBe('team-a');
    expect(options.queue?.target).toMatchObject({
      host: 'db-host',
      port: 6380,
      db: 2,
      password: 'pw',
      tls: false,
    });
  });

  it('defaults to local threads and the traintop prefix', () => {
    expect(parseOptions([]).queue).toBeNull();
    expect(parseOptions(['--redis', 'rediss://db-host']).queue).toMatchObject({
      prefix: 'traintop',
      target: { tls: true },
    });
  });

  it('rejects a bad URL without printing its password', () => {
    const message = parseError(['--redis', 'http://bob:hunter2@db-host']);

    expect(message).not.toContain('hunter2');
    expect(message).toContain('redis://');
  });

  it('rejects --prefix without --redis and a prefix with a colon', () => {
    expect(parseError(['--prefix', 'a'])).toBe(
      'Cannot use --prefix without --redis: it names the Redis keys of a ' +
        'queued run; add --redis URL or drop --prefix.',
    );
    expect(parseError(['--redis', 'redis://h', '--prefix', 'a:b'])).toContain(
      'Invalid key prefix "a:b"',
    );
  });

  it('rejects local pool flags with --redis', () => {
    expect(parseError(['--redis', 'redis://h', '--workers', '2'])).toBe(
      'Cannot use --workers with --redis: each worker machine sets its own ' +
        'threads with traintop worker --threads N.',
    );
  });
});

describe('parseFlags alerts', () => {
  it('defaults the alert thresholds', () => {
    const options = parseOptions([]);

    expect(options.alerts).toEqual({
      stallTicks: 20,
      memoryPercent: 90,
      overfitGap: 0.15,
      plateauChunks: 50,
    });
    expect(options.failOnAlert).toBe(false);
  });

  it('reads every alert flag', () => {
    const options = parseOptions([
      '--alert-stall',
      '8',
      '--alert-memory',
      '75',
      '--alert-gap',
      '0.05',
      '--alert-plateau',
      '0',
      '--fail-on-alert',
    ]);

    expect(options.alerts).toEqual({
      stallTicks: 8,
      memoryPercent: 75,
      overfitGap: 0.05,
      plateauChunks: 0,
    });
    expect(options.failOnAlert).toBe(true);
  });

  it('rejects bad alert values', () => {
    expect(parseError(['--alert-stall', 'x'])).toBe(
      'Invalid --alert-stall "x": expected a whole number of ticks ' +
        'from 0 to 10000.',
    );
    expect(parseError(['--alert-memory', '0'])).toBe(
      'Invalid --alert-memory "0": expected a whole number from 1 to 100.',
    );
    expect(parseError(['--alert-gap', '1.5'])).toBe(
      'Invalid --alert-gap "1.5": expected a fraction from 0 to 1, ' +
        'such as 0.15.',
    );
    expect(parseError(['--alert-plateau', '-2'])).toBe(
      'Invalid --alert-plateau "-2": expected a whole number of chunks ' +
        'from 0 to 10000.',
    );
  });

  it('rejects a value after --fail-on-alert', () => {
    expect(parseError(['--fail-on-alert=yes'])).toBe(
      'Flag --fail-on-alert takes no value, but got "yes": ' +
        'write --fail-on-alert alone.',
    );
  });
});

describe('parseFlags for the search', () => {
  it('searches the whole grid by default', () => {
    expect(parseOptions([]).search).toEqual({ kind: 'grid' });
  });

  it('reads a random search and its budget', () => {
    expect(
      parseOptions(['--search', 'random', '--trials', '7']).search,
    ).toEqual({ kind: 'random', trials: 7 });
    expect(parseOptions(['--search', 'random']).search).toEqual({
      kind: 'random',
      trials: 20,
    });
  });

  it('rejects an unknown search and a budget without random', () => {
    expect(parseError(['--search', 'bayes'])).toBe(
      'Invalid --search "bayes": expected one of grid, random, halving.',
    );
    expect(parseError(['--trials', '5'])).toBe(
      'Cannot use --trials 5 with a grid search, which starts every ' +
        'combination: add --search random.',
    );
    expect(parseError(['--search', 'random', '--trials', '0'])).toContain(
      'Invalid --trials "0"',
    );
  });
});

describe('parseFlags for the search in a config file', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'traintop-search-'));
  const file = path.join(folder, 'sweep.json');

  it('reads the kind and budget, which flags override', () => {
    writeFileSync(file, '{"search": {"kind": "random", "trials": 9}}');

    expect(parseOptions(['--config', file]).search).toEqual({
      kind: 'random',
      trials: 9,
    });
    expect(parseOptions(['--config', file, '--trials', '4']).search).toEqual({
      kind: 'random',
      trials: 4,
    });
  });

  it('names the file when its budget comes with a grid search', () => {
    writeFileSync(file, '{"search": {"trials": 5}}');

    expect(parseError(['--config', file])).toBe(
      `Cannot use search.trials 5 in ${file} with a grid search, which ` +
        'starts every combination: add --search random.',
    );
  });
});

describe('parseFlags for --pace and --record', () => {
  it('leaves both out by default', () => {
    const options = parseOptions([]);

    expect(options.paceMs).toBeUndefined();
    expect(options.recordPath).toBeUndefined();
  });

  it('reads a pace in milliseconds and a record path', () => {
    const options = parseOptions(['--pace', '250', '--record', 'demo.cast']);

    expect(options.paceMs).toBe(250);
    expect(options.recordPath).toBe('demo.cast');
  });

  it('rejects a pace out of range', () => {
    expect(parseError(['--pace', '10001'])).toBe(
      'Invalid --pace "10001": expected a whole number of milliseconds ' +
        'from 0 to 10000.',
    );
  });

  it('rejects --pace with --redis', () => {
    expect(parseError(['--pace', '100', '--redis', 'redis://localhost'])).toBe(
      'Cannot use --pace with --redis: it slows the worker threads of ' +
        'this machine only; drop one of them.',
    );
  });

  it('rejects --record with --plain or --json', () => {
    for (const mode of ['plain', 'json']) {
      expect(parseError(['--record', 'a.cast', `--${mode}`])).toBe(
        `Cannot use --record with --${mode}: --record records the ` +
          `monitor, which --${mode} replaces with lines; drop one of them.`,
      );
    }
  });

  it('rejects a missing record path', () => {
    expect(parseError(['--record'])).toBe(
      'Missing value for --record: expected --record FILE.cast, the file ' +
        'to record the monitor to.',
    );
    expect(parseError(['--record', ''])).toBe(
      'Invalid --record "": expected a file path such as run.cast.',
    );
  });
});
