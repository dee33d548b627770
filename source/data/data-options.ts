import type { Task } from './dataset.js';

/** What to do with a missing value in a CSV file. */
export type MissingPolicy = 'error' | 'drop-rows' | 'mean';

/** Where a run's data comes from and how to read it. */
export type DataOptions =
  | { readonly kind: 'iris' }
  | {
      readonly kind: 'csv';
      readonly path: string;
      /** Name of the column to predict. */
      readonly target: string;
      /** Field delimiter, or null to detect comma, semicolon or tab. */
      readonly delimiter: string | null;
      /** Columns to leave out. */
      readonly drop: readonly string[];
      readonly missing: MissingPolicy;
      /** The task, or null to choose it from the target column. */
      readonly task: Task | null;
    };
