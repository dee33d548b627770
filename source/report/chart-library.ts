import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import type { ChartLibrary } from './report-html.js';

/**
 * Reads Chart.js's browser build from the installed package. Its package
 * exports only the module builds, so the UMD file is found next to them.
 */
export function readChartLibrary(): ChartLibrary {
  const require = createRequire(import.meta.url);
  const distFolder = path.dirname(require.resolve('chart.js'));
  const manifest = JSON.parse(
    readFileSync(path.join(distFolder, '..', 'package.json'), 'utf8'),
  ) as { version: string };

  return {
    name: 'Chart.js',
    version: manifest.version,
    script: readFileSync(path.join(distFolder, 'chart.umd.min.js'), 'utf8'),
  };
}
