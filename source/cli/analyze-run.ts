import { analyzeRun, type RunAnalysis } from '../analysis/run-analysis.js';
import { EventLogError } from '../store/event-log-reader.js';
import { RunNotFoundError } from '../store/find-run.js';
import {
  describeAnalysis,
  listAnalysisLines,
  type AnalysisLine,
} from '../ui/analysis-lines.js';
import { wrapText } from '../ui/text-cells.js';
import { parseRunCommand } from './command-args.js';
import { warnIfCutShort } from './cut-short-warning.js';
import { rejectInput } from './exit-codes.js';
import { readStoredRun } from './stored-run.js';

/** Width of the report when stdout is not a terminal, in columns. */
const DEFAULT_COLUMNS = 80;
/** Indent of the lines a wrapped note continues on. */
const WRAP_INDENT = '  ';

/**
 * Prints what drives the test score of a stored run: the importance of
 * each parameter, its effect value by value and the training time per
 * tree, or the analysis as JSON with `--json`. Returns the exit code.
 */
export async function analyzeRunCommand(
  argv: readonly string[],
): Promise<number> {
  const args = parseRunCommand('analyze', argv);
  if (typeof args === 'number') {
    return args;
  }

  try {
    const { state, log, isRunning } = await readStoredRun(
      args.outDir,
      args.run,
    );
    const analysis = analyzeRun(state, isRunning);
    process.stdout.write(
      args.values['json'] === true
        ? `${JSON.stringify(analysis, null, 2)}\n`
        : formatAnalysis(analysis, reportColumns()),
    );
    warnIfCutShort(log);

    return 0;
  } catch (error) {
    if (error instanceof RunNotFoundError || error instanceof EventLogError) {
      return rejectInput(error.message);
    }
    throw error;
  }
}

/** Formats the analysis as text whose notes wrap at `columns`. */
export function formatAnalysis(analysis: RunAnalysis, columns: number): string {
  const lines = [
    `Run ${analysis.runId}: ${describeAnalysis(analysis)}`,
    ...listAnalysisLines(analysis).flatMap((line) => formatLine(line, columns)),
  ];

  return `${lines.join('\n')}\n`;
}

function formatLine(line: AnalysisLine, columns: number): string[] {
  switch (line.kind) {
    case 'section':
      return ['', `${line.title}: ${line.detail}`];
    case 'note':
      return wrapText(`note: ${line.text}`, columns, WRAP_INDENT);
    case 'header':
    case 'row':
      return [line.text];
  }
}

function reportColumns(): number {
  const { columns } = process.stdout;

  return process.stdout.isTTY && columns !== undefined && columns > 0
    ? columns
    : DEFAULT_COLUMNS;
}
