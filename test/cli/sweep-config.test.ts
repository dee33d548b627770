import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DEFAULT_ALERT_SETTINGS } from '../../source/alerts/alert-settings.js';
import { ConfigError } from '../../source/cli/config-errors.js';
import { parseFlags, type RunOptions } from '../../source/cli/flags.js';
import { readSweepConfig } from '../../source/cli/sweep-config.js';

const fixtureFolder = fileURLToPath(
  new URL('../fixtures/configs/', import.meta.url),
);
/** A machine with 2 cores: 2 workers and at most 8 by default. */
const twoCores = { cores: 2 };
const isRoot = process.getuid?.() === 0;

let tempFolder = '';

beforeAll(() => {
  tempFolder = mkdtempSync(path.join(tmpdir(), 'traintop-config-'));
});

afterAll(() => {
  rmSync(tempFolder, { recursive: true, force: true });
});

function fixture(name: string): string {
  return path.join(fixtureFolder, name);
}

/** Writes a config file into a fresh temporary folder and returns its path. */
function writeConfig(name: string, text: string): string {
  const folder = mkdtempSync(path.join(tempFolder, 'case-'));
  const file = path.join(folder, name);
  writeFileSync(file, text);

  return file;
}

function parseOptions(argv: string[]): RunOptions {
  const result = parseFlags(argv, twoCores);
  if (!result.ok || result.kind !== 'run') {
    throw new Error(`Expected run options, got ${JSON.stringify(result)}`);
  }

  return result.options;
}

function parseError(argv: string[]): string {
  const result = parseFlags(argv, twoCores);
  if (result.ok) {
    throw new Error(`Expected an error, got ${JSON.stringify(result)}`);
  }

  return result.message;
}

function readError(file: string): string {
  try {
    readSweepConfig(file);
  } catch (error) {
    if (error instanceof ConfigError) {
      return error.message;
    }
    throw error;
  }

  throw new Error(`Expected ${file} to be rejected`);
}

describe('readSweepConfig', () => {
  it('reads every key from JSON', () => {
    const file = fixture('sweep.json');

    expect(readSweepConfig(file)).toEqual({
      path: file,
      settings: {
        data: {
          file: fixture('wine.csv'),
          target: 'quality',
          delimiter: ';',
          drop: ['id'],
          missing: 'mean',
          task: 'classification',
        },
        evaluation: { kind: 'holdout', testFraction: 0.25 },
        grid: {
          trees: [50, 100],
          maxFeatures: [2, 4],
          maxDepth: [3, 5],
          seeds: 2,
          seed: 7,
          chunk: 25,
        },
        workers: 3,
        maxWorkers: 6,
        tick: 500,
        retries: 2,
        out: fixture('runs'),
        log: fixture('logs/traintop.log'),
      },
    });
  });

  it('reads YAML', () => {
    const { settings } = readSweepConfig(fixture('sweep.yaml'));

    expect(settings.data).toEqual({
      file: fixture('wine.csv'),
      target: 'quality',
      delimiter: '\t',
      drop: ['id', 'batch'],
    });
    expect(settings.evaluation).toEqual({ kind: 'cv', folds: 5 });
    expect(settings.grid).toEqual({ trees: [50, 100], maxDepth: [3, 5] });
    expect(settings.workers).toBe(2);
  });

  it('reads a .yml file', () => {
    const { settings } = readSweepConfig(fixture('minimal.yml'));

    expect(settings).toEqual({ grid: { trees: [10] } });
  });

  it('resolves paths against a relative folder', () => {
    const relative = path.relative(process.cwd(), fixture('sweep.json'));
    const folder = path.dirname(relative);
    const { settings } = readSweepConfig(relative);

    expect(settings.data?.file).toBe(path.join(folder, 'wine.csv'));
    expect(settings.out).toBe(path.join(folder, 'runs'));
    expect(settings.log).toBe(path.join(folder, 'logs', 'traintop.log'));
  });

  it('keeps absolute paths', () => {
    const data = path.join(tempFolder, 'data', 'wine.csv');
    const out = path.join(tempFolder, 'runs');
    const file = writeConfig(
      'absolute.json',
      JSON.stringify({ data: { file: data, target: 'quality' }, out }),
    );
    const { settings } = readSweepConfig(file);

    expect(settings.data?.file).toBe(data);
    expect(settings.out).toBe(out);
  });

  it('reads an empty evaluation as no setting', () => {
    const file = writeConfig('evaluation.json', '{"evaluation": {}}');

    expect(readSweepConfig(file).settings.evaluation).toBeUndefined();
  });

  it('skips a byte order mark', () => {
    const file = writeConfig('bom.json', '\uFEFF{"workers": 2}');

    expect(readSweepConfig(file).settings).toEqual({ workers: 2 });
  });
});

describe('parseFlags with --config', () => {
  const json = fixture('sweep.json');
  const yaml = fixture('sweep.yaml');

  it('takes run options from the file', () => {
    expect(parseOptions(['--config', json])).toEqual({
      workers: 3,
      maxWorkers: 6,
      tickMs: 500,
      grid: {
        trees: [50, 100],
        maxFeatures: [2, 4],
        maxDepth: [3, 5],
        seeds: 2,
        seed: 7,
        chunkSize: 25,
      },
      data: {
        kind: 'csv',
        path: fixture('wine.csv'),
        target: 'quality',
        delimiter: ';',
        drop: ['id'],
        missing: 'mean',
        task: 'classification',
      },
      evaluation: { kind: 'holdout', testFraction: 0.25 },
      retries: 2,
      output: 'monitor',
      outDir: fixture('runs'),
      logPath: fixture('logs/traintop.log'),
      queue: null,
      alerts: DEFAULT_ALERT_SETTINGS,
      failOnAlert: false,
      search: { kind: 'grid' },
    });
  });

  it('fills missing keys with defaults', () => {
    const options = parseOptions(['--config', fixture('minimal.yml')]);

    expect(options.grid).toEqual({
      trees: [10],
      maxFeatures: null,
      maxDepth: [1, 2, 3, 4],
      seeds: 3,
      seed: 1,
      chunkSize: 10,
    });
    expect(options.data).toEqual({ kind: 'iris' });
    expect(options.workers).toBe(2);
  });

  it('lets a grid flag replace only its key', () => {
    const { grid } = parseOptions(['--config', json, '--trees', '5']);

    expect(grid.trees).toEqual([5]);
    expect(grid.maxFeatures).toEqual([2, 4]);
    expect(grid.maxDepth).toEqual([3, 5]);
    expect(grid.chunkSize).toBe(25);
  });

  it('lets flags replace top-level keys', () => {
    const options = parseOptions([
      '--config',
      json,
      '--workers',
      '1',
      '--tick',
      '100',
      '--out',
      'elsewhere',
      '--log',
      'run.log',
    ]);

    expect(options.workers).toBe(1);
    expect(options.maxWorkers).toBe(6);
    expect(options.tickMs).toBe(100);
    expect(options.outDir).toBe('elsewhere');
    expect(options.logPath).toBe('run.log');
  });

  it('lets --cv replace a file holdout', () => {
    const options = parseOptions(['--config', json, '--cv', '3']);

    expect(options.evaluation).toEqual({ kind: 'cv', folds: 3 });
  });

  it('lets --test-fraction replace file folds', () => {
    const options = parseOptions(['--config', yaml, '--test-fraction', '0.3']);

    expect(options.evaluation).toEqual({ kind: 'holdout', testFraction: 0.3 });
  });

  it('lets --data replace only the file path', () => {
    const options = parseOptions(['--config', json, '--data', 'red.csv']);

    expect(options.data).toMatchObject({
      path: 'red.csv',
      target: 'quality',
      delimiter: ';',
      drop: ['id'],
    });
  });

  it('accepts CSV flags with file data', () => {
    const options = parseOptions([
      '--config',
      yaml,
      '--target',
      'colour',
      '--drop',
      'notes',
      '--missing',
      'drop-rows',
      '--task',
      'regression',
      '--delimiter',
      ',',
    ]);

    expect(options.data).toEqual({
      kind: 'csv',
      path: fixture('wine.csv'),
      target: 'colour',
      delimiter: ',',
      drop: ['notes'],
      missing: 'drop-rows',
      task: 'regression',
    });
  });

  it('reports a config error before running', () => {
    const file = writeConfig('typo.json', '{"grid": {"tres": [1]}}');

    expect(parseError(['--config', file])).toBe(
      `${file}: unknown key grid.tres: did you mean grid.trees?`,
    );
  });
});

describe('parseFlags errors across --config and flags', () => {
  it('names file workers over the default', () => {
    const file = writeConfig('workers.json', '{"workers": 12}');

    expect(parseError(['--config', file])).toBe(
      `Cannot start 12 workers: workers in ${file} must be 1–8 on this ` +
        'machine; add --max-workers 12 to allow more.',
    );
  });

  it('names the flag that lowers the maximum', () => {
    const file = writeConfig('workers.json', '{"workers": 6}');

    expect(parseError(['--config', file, '--max-workers', '4'])).toBe(
      `Cannot start 6 workers: workers in ${file} must be 1–4 because ` +
        '--max-workers is 4.',
    );
  });

  it('names the file maximum for --workers', () => {
    const file = writeConfig('max.json', '{"maxWorkers": 4}');

    expect(parseError(['--config', file, '--workers', '6'])).toBe(
      `Cannot start 6 workers: --workers must be 1–4 because maxWorkers in ` +
        `${file} is 4.`,
    );
  });

  it('names the file once for seeds', () => {
    const file = writeConfig(
      'seeds.json',
      '{"grid": {"seed": 2147483647, "seeds": 2}}',
    );

    expect(parseError(['--config', file])).toBe(
      'Invalid grid.seed 2147483647 with grid.seeds 2: the last seed, ' +
        '2147483648, is above 2147483647. Lower grid.seed or grid.seeds ' +
        `in ${file}.`,
    );
  });

  it('names a file seed with --seeds', () => {
    const file = writeConfig('seed.json', '{"grid": {"seed": 2147483647}}');

    expect(parseError(['--config', file, '--seeds', '3'])).toBe(
      'Invalid grid.seed 2147483647 with --seeds 3: the last seed, ' +
        `2147483649, is above 2147483647. Lower grid.seed in ${file} or ` +
        '--seeds.',
    );
  });

  it('rejects --target in file drop list', () => {
    expect(
      parseError(['--config', fixture('sweep.json'), '--target', 'id']),
    ).toBe(
      'Cannot drop "id": it is the target column. Remove it from data.drop ' +
        `in ${fixture('sweep.json')}.`,
    );
  });
});

describe('readSweepConfig errors', () => {
  it('rejects a missing file', () => {
    const file = path.join(tempFolder, 'missing.json');

    expect(readError(file)).toBe(
      `Config file not found: ${file}. Check the --config path.`,
    );
  });

  it('rejects a folder', () => {
    const folder = path.join(tempFolder, 'folder.json');
    mkdirSync(folder);

    expect(readError(folder)).toBe(
      `Cannot read config file ${folder}: it is a folder. Pass a .json, ` +
        '.yaml or .yml file to --config.',
    );
  });

  it.skipIf(isRoot)('rejects an unreadable file', () => {
    const file = writeConfig('locked.json', '{}');
    chmodSync(file, 0o000);

    expect(readError(file)).toBe(
      `Cannot read config file ${file} (EACCES): check that the file ` +
        'exists and is readable.',
    );
  });

  it('rejects a file that cannot be opened', () => {
    const file = path.join(tempFolder, 'loop.json');
    const other = path.join(tempFolder, 'loop-back.json');
    symlinkSync(other, file);
    symlinkSync(file, other);

    expect(readError(file)).toBe(
      `Cannot read config file ${file} (ELOOP): check that the file ` +
        'exists and is readable.',
    );
  });

  it('rejects an unknown extension', () => {
    expect(readError('sweep.toml')).toBe(
      'Invalid --config "sweep.toml": expected a .json, .yaml or .yml file.',
    );
  });

  const fixtureCases: [string, string][] = [
    [
      'empty.json',
      'the file has no settings. Add some, such as ' +
        '{"grid": {"trees": [100]}}.',
    ],
    [
      'comments-only.yaml',
      'the file has no settings. Add some, such as grid: {trees: [100]}.',
    ],
    [
      'list.json',
      'expected an object of settings at the top level, such as ' +
        '{"workers": 2}, got a list.',
    ],
  ];

  for (const [name, message] of fixtureCases) {
    it(`rejects ${name}`, () => {
      const file = fixture(name);

      expect(readError(file)).toBe(`${file}: ${message}`);
    });
  }

  // Invalid files are written at test time, because the formatter checks
  // every file under test/fixtures and cannot parse them.
  const syntaxCases: [string, string, string, string][] = [
    [
      'a trailing comma in JSON',
      'sweep.json',
      '{\n  "workers": 2,\n  "tick": 500,\n}\n',
      'invalid JSON at line 4, column 1: expected double-quoted property ' +
        'name.',
    ],
    [
      'a missing JSON value',
      'sweep.json',
      '{\n  "workers": 2,\n  "tick": }\n',
      "invalid JSON: unexpected token '}'.",
    ],
    [
      'a badly indented YAML key',
      'sweep.yaml',
      'grid:\n  trees: [50, 100]\n maxDepth: [3, 5]\n',
      'invalid YAML at line 3, column 1: all mapping items must start at ' +
        'the same column.',
    ],
    [
      'a duplicate YAML key',
      'sweep.yml',
      'workers: 2\nworkers: 3\n',
      'invalid YAML at line 2, column 1: map keys must be unique.',
    ],
  ];

  for (const [name, fileName, text, message] of syntaxCases) {
    it(`rejects ${name}`, () => {
      const file = writeConfig(fileName, text);

      expect(readError(file)).toBe(`${file}: ${message}`);
    });
  }

  const textCases: [string, string, string][] = [
    [
      'a wrong type in a list',
      '{"grid": {"trees": [1, "x"]}}',
      'grid.trees[1] must be a whole number from 1 to 100000, got "x".',
    ],
    [
      'a fraction in a list',
      '{"grid": {"maxDepth": [2.5]}}',
      'grid.maxDepth[0] must be a whole number from 1 to 50, got 2.5.',
    ],
    [
      'a repeated list value',
      '{"grid": {"trees": [60, 120, 60]}}',
      'grid.trees must be a list of whole numbers from 1 to 100000 without ' +
        'repeats, got [60,120,60].',
    ],
    [
      'an empty list',
      '{"grid": {"trees": []}}',
      'grid.trees must be a non-empty list of whole numbers from 1 to ' +
        '100000, got [].',
    ],
    [
      'a number for a list',
      '{"grid": {"trees": 50}}',
      'grid.trees must be a list of whole numbers from 1 to 100000, got 50.',
    ],
    [
      'a number for an object',
      '{"grid": 5}',
      'grid must be an object such as {"trees": [50, 100]}, got 5.',
    ],
    [
      'a tick below its range',
      '{"tick": 20}',
      'tick must be a whole number of milliseconds from 50 to 10000, got 20.',
    ],
    [
      'a null value',
      '{"workers": null}',
      'workers must be a whole number from 1 to 256, got null.',
    ],
    ['a blank path', '{"out": "  "}', 'out must be a folder path, got "  ".'],
    [
      'an unknown top-level key',
      '{"colour": "blue"}',
      'unknown key colour: expected one of data, evaluation, grid, alerts, search, ' +
        'workers, maxWorkers, tick, retries, out, log.',
    ],
    [
      'an unknown nested key',
      '{"grid": {"tres": [1]}}',
      'unknown key grid.tres: did you mean grid.trees?',
    ],
    [
      'a key with a space',
      '{"max workers": 4}',
      'unknown key ["max workers"]: did you mean maxWorkers?',
    ],
    [
      'data without a target',
      '{"data": {"file": "wine.csv"}}',
      'missing data.target: expected the name of the column to predict.',
    ],
    [
      'a typo in a required key',
      '{"data": {"file": "wine.csv", "targte": "quality"}}',
      'unknown key data.targte: did you mean data.target?',
    ],
    [
      'a typo after a bad value',
      '{"grid": {"trees": [0], "maxDeph": [2]}}',
      'unknown key grid.maxDeph: did you mean grid.maxDepth?',
    ],
    [
      'data without a file',
      '{"data": {"target": "quality"}}',
      'missing data.file: expected the path of a CSV file.',
    ],
    [
      'a bad delimiter',
      '{"data": {"file": "a.csv", "target": "y", "delimiter": "ab"}}',
      'data.delimiter must be one character other than a quote or a line ' +
        'break, or "tab", got "ab".',
    ],
    [
      'a bad missing policy',
      '{"data": {"file": "a.csv", "target": "y", "missing": "zero"}}',
      'data.missing must be one of error, drop-rows, mean, got "zero".',
    ],
    [
      'a bad task',
      '{"data": {"file": "a.csv", "target": "y", "task": "ranking"}}',
      'data.task must be classification or regression, got "ranking".',
    ],
    [
      'both kinds of evaluation',
      '{"evaluation": {"testFraction": 0.2, "folds": 5}}',
      'evaluation must be either testFraction or folds, not both, got ' +
        '{"testFraction":0.2,"folds":5}.',
    ],
    [
      'a test fraction out of range',
      '{"evaluation": {"testFraction": 0.7}}',
      'evaluation.testFraction must be a fraction from 0.05 to 0.5, got 0.7.',
    ],
    [
      'folds out of range',
      '{"evaluation": {"folds": 1}}',
      'evaluation.folds must be a whole number from 2 to 20, got 1.',
    ],
    [
      'a long value',
      `{"log": ${JSON.stringify(['x'.repeat(60)])}}`,
      `log must be a file path, got ["${'x'.repeat(37)}….`,
    ],
  ];

  for (const [name, text, message] of textCases) {
    it(`rejects ${name}`, () => {
      const file = writeConfig('sweep.json', text);

      expect(readError(file)).toBe(`${file}: ${message}`);
    });
  }

  it('rejects a top-level string', () => {
    const file = writeConfig('sweep.json', '"hello"');

    expect(readError(file)).toBe(
      `${file}: expected an object of settings at the top level, such as ` +
        '{"workers": 2}, got "hello".',
    );
  });

  it('rejects a bad value in YAML', () => {
    const file = writeConfig('sweep.yaml', 'grid:\n  trees: [50, fifty]\n');

    expect(readError(file)).toBe(
      `${file}: grid.trees[1] must be a whole number from 1 to 100000, ` +
        'got "fifty".',
    );
  });

  it('names a typo in YAML flow data', () => {
    const file = writeConfig(
      'sweep.yaml',
      'data: { file: x.csv, targte: y }\n',
    );

    expect(readError(file)).toBe(
      `${file}: unknown key data.targte: did you mean data.target?`,
    );
  });

  it('returns one line for every error', () => {
    const files = [
      fixture('empty.json'),
      writeConfig('sweep.json', '{\n  "workers": 2,\n  "tick": }\n'),
      writeConfig('sweep.json', '{\n"grid":\n{"trees": [1, "x"]}}'),
      writeConfig('sweep.yaml', 'a: [1,\n2\nb: 3\n'),
    ];

    for (const file of files) {
      const message = readError(file);

      expect(message, file).not.toBe('');
      expect(message, file).not.toContain('\n');
    }
  });
});

describe('sweep config alerts', () => {
  it('takes alert settings from the file', () => {
    const file = path.join(
      mkdtempSync(path.join(tmpdir(), 'traintop-alerts-config-')),
      'sweep.json',
    );
    writeFileSync(
      file,
      '{"alerts": {"stall": 8, "gap": 0.05, "failOnAlert": true}}',
    );
    const options = parseOptions(['--config', file, '--alert-stall', '12']);

    expect(options.alerts).toEqual({
      ...DEFAULT_ALERT_SETTINGS,
      stallTicks: 12,
      overfitGap: 0.05,
    });
    expect(options.failOnAlert).toBe(true);
  });
});
