import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { analyzeRun } from '../analysis/run-analysis.js';
import { readChartLibrary } from '../report/chart-library.js';
import { buildReportData } from '../report/report-data.js';
import { renderReportHtml } from '../report/report-html.js';
import { EventLogError } from '../store/event-log-reader.js';
import { RunNotFoundError } from '../store/find-run.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { rejectInput } from './exit-codes.js';
import { readStoredRun } from './stored-run.js';

/** Name of the report in the run's folder when --file is not given. */
export const REPORT_FILE_NAME = 'report.html';

const BYTES_PER_KIB = 1024;

/**
 * Writes a stored run's report: one HTML file with its learning curves,
 * what drives its test score, its best trial's confusion matrix and its
 * CPU and memory over time, readable in a browser with no network. The
 * file goes to the run's folder, or to `--file FILE`. Returns the exit
 * code.
 */
export async function reportRunCommand(
  argv: readonly string[],
): Promise<number> {
  const args = parseRunCommand('report', argv);
  if (typeof args === 'number') {
    return args;
  }

  try {
    const { state, log, isRunning, folder } = await readStoredRun(
      args.outDir,
      args.run,
    );
    warnIfCutShort(log);
    if (state.runId === '') {
      return rejectInput(
        `Run ${args.run} has no events: its process stopped before the ` +
          'run started, so there is nothing to report.',
      );
    }

    const file = args.values['file'];
    const target =
      typeof file === 'string' ? file : path.join(folder, REPORT_FILE_NAME);
    const data = buildReportData(
      log.events,
      state,
      analyzeRun(state, isRunning),
    );
    const html = renderReportHtml(data, readChartLibrary(), new Date());
    const failure = writeReport(target, html);
    if (failure !== null) {
      return rejectInput(failure);
    }

    const kib = Math.ceil(Buffer.byteLength(html) / BYTES_PER_KIB);
    process.stdout.write(
      `Wrote ${target} (${kib} KiB): open it in a browser.\n`,
    );

    return 0;
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof EventLogError) {
      return rejectInput(error.message);
    }
    throw error;
  }
}

/** Writes the report; returns why it could not, or null once written. */
function writeReport(target: string, html: string): string | null {
  try {
    writeFileSync(target, html);

    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);

    return (
      `Cannot write the report to ${target} (${code}): pass --file with ` +
      'a path in a folder that exists and that you can write to.'
    );
  }
}
