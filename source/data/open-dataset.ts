import path from 'node:path';

import type { Evaluation } from '../plan/evaluation.js';
import type { CsvSource, DataSource } from '../state/events.js';
import type { DataOptions } from './data-options.js';
import type { Dataset } from './dataset.js';
import { loadIris } from './iris.js';
import { loadCsv } from './csv/load-csv.js';
import { DataError } from './data-error.js';

/** A data set and, for a CSV file, how it was read. */
export type OpenedDataset = {
  readonly dataset: Dataset;
  readonly csv: CsvSource | null;
};

/** Loads the data a run asks for. Throws `DataError` for bad input. */
export async function openDataset(
  options: DataOptions,
): Promise<OpenedDataset> {
  if (options.kind === 'iris') {
    return { dataset: loadIris(), csv: null };
  }

  // Messages name the file as the user typed it; the run records it whole.
  const loaded = await loadCsv(options.path, options);

  return {
    dataset: loaded.dataset,
    csv: {
      path: path.resolve(options.path),
      sha256: loaded.sha256,
      target: options.target,
      delimiter: loaded.delimiter,
      drop: options.drop,
      missing: options.missing,
    },
  };
}

/**
 * Loads a stored run's data again, the way the run read it. Throws
 * `DataError` when the file changed since, since its trials would then
 * train on other rows.
 */
export async function reopenDataset(
  csv: CsvSource | undefined,
  task: Dataset['task'],
): Promise<Dataset> {
  if (!csv) {
    return loadIris();
  }

  const loaded = await loadCsv(csv.path, {
    target: csv.target,
    delimiter: csv.delimiter,
    drop: csv.drop,
    missing: csv.missing,
    task,
  });
  if (loaded.sha256 !== csv.sha256) {
    throw new DataError(
      `${csv.path} changed since the run started, so its trials cannot be ` +
        'trained on the same rows: restore the file or start a new run.',
    );
  }

  return loaded.dataset;
}

/** Describes a run's data for its run-started event. */
export function describeData(
  dataset: Dataset,
  evaluation: Evaluation,
  splitSeed: number,
  csv: CsvSource | null = null,
): DataSource {
  return {
    dataset: csv ? 'csv' : 'iris',
    name: dataset.name,
    task: dataset.task,
    featureNames: dataset.featureNames,
    classNames: dataset.classNames,
    rowCount: dataset.rowCount,
    evaluation,
    splitSeed,
    ...(csv ? { csv } : {}),
  };
}
