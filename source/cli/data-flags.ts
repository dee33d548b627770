// Reads the data set and how trials are scored: --data with the flags that
// describe the CSV file, and --cv or --test-fraction. Each flag overrides
// the same key of the config file.

import type { DataOptions } from '../data/data-options.js';
import { DEFAULT_EVALUATION, type Evaluation } from '../plan/evaluation.js';
import { FlagError } from './flag-errors.js';
import {
  CSV_FLAGS,
  CV_FOLDS_RANGE,
  DEFAULT_MISSING_POLICY,
  DELIMITER_USAGE,
  MISSING_POLICIES,
  TASKS,
  TEST_FRACTION_RANGE,
  parseDelimiter,
  type FlagValues,
} from './flag-table.js';
import {
  nameSetting,
  readChoice,
  readFraction,
  readNumber,
  readText,
  stringValue,
  stringValues,
} from './flag-values.js';
import type { SweepConfigFile } from './sweep-config.js';

/** Test fraction that error messages give as an example. */
const TEST_FRACTION_EXAMPLE = 0.25;

/** Returns the data set: iris, or a CSV file from --data or the config. */
export function readDataOptions(
  values: FlagValues,
  config: SweepConfigFile | null,
): DataOptions {
  const data = config?.settings.data;
  const file = readText(values, 'data', 'a CSV file path') ?? data?.file;
  if (file === undefined) {
    rejectCsvFlags(values);

    return { kind: 'iris' };
  }

  const target = readText(values, 'target', 'a column name') ?? data?.target;
  if (target === undefined) {
    throw new FlagError(
      `Missing --target for --data ${file}: add --target COLUMN to name ` +
        'the column to predict.',
    );
  }

  const drop = readDrop(values) ?? data?.drop ?? [];
  if (drop.includes(target)) {
    const { full } = nameSetting(
      values,
      'drop',
      config,
      'data.drop',
      data?.drop,
    );
    throw new FlagError(
      `Cannot drop "${target}": it is the target column. ` +
        `Remove it from ${full}.`,
    );
  }

  return {
    kind: 'csv',
    path: file,
    target,
    delimiter: readDelimiter(values) ?? data?.delimiter ?? null,
    drop,
    missing:
      readChoice(values, 'missing', MISSING_POLICIES) ??
      data?.missing ??
      DEFAULT_MISSING_POLICY,
    task: readChoice(values, 'task', TASKS) ?? data?.task ?? null,
  };
}

/**
 * Returns how trials are scored. Either flag replaces the config file's
 * whole `evaluation`, because a run uses one kind or the other.
 */
export function readEvaluation(
  values: FlagValues,
  config: SweepConfigFile | null,
): Evaluation {
  const hasFolds = stringValue(values, 'cv') !== undefined;
  if (hasFolds && stringValue(values, 'test-fraction') !== undefined) {
    throw new FlagError(
      'Cannot use --cv and --test-fraction together: cross-validation ' +
        'tests on every fold in turn, so choose one.',
    );
  }

  const folds = readNumber(values, 'cv', CV_FOLDS_RANGE);
  if (folds !== undefined) {
    return { kind: 'cv', folds };
  }

  const testFraction = readFraction(
    values,
    'test-fraction',
    TEST_FRACTION_RANGE,
    TEST_FRACTION_EXAMPLE,
  );
  if (testFraction !== undefined) {
    return { kind: 'holdout', testFraction };
  }

  return config?.settings.evaluation ?? DEFAULT_EVALUATION;
}

function rejectCsvFlags(values: FlagValues): void {
  const flag = CSV_FLAGS.find((name) => values[name] !== undefined);
  if (flag !== undefined) {
    throw new FlagError(
      `Cannot use --${flag} without --data: it describes the CSV file to ` +
        `read. Add --data FILE.csv or remove --${flag}.`,
    );
  }
}

/** Returns the columns of every --drop, each a comma-separated list. */
function readDrop(values: FlagValues): string[] | undefined {
  const texts = stringValues(values, 'drop');
  if (texts === undefined) {
    return undefined;
  }

  const columns = new Set<string>();
  for (const text of texts) {
    const names = text.split(',').map((name) => name.trim());
    if (names.includes('')) {
      throw new FlagError(
        `Invalid --drop "${text}": expected column names separated by ` +
          'commas, such as id,name.',
      );
    }

    for (const name of names) {
      columns.add(name);
    }
  }

  return [...columns];
}

function readDelimiter(values: FlagValues): string | undefined {
  const text = stringValue(values, 'delimiter');
  if (text === undefined) {
    return undefined;
  }

  const delimiter = parseDelimiter(text);
  if (delimiter === null) {
    throw new FlagError(
      `Invalid --delimiter "${text}": expected ${DELIMITER_USAGE}.`,
    );
  }

  return delimiter;
}
