import { selectBestTrial, countTrials } from '../state/selectors.js';
import { EventLogError } from '../store/event-log-reader.js';
import { listStoredRuns, type StoredRun } from '../store/stored-runs.js';
import { formatScore } from '../ui/format.js';
import { scoreLabel, taskOf } from '../ui/score-labels.js';
import { parseRunsCommand } from './command-args.js';
import { EXIT_USAGE } from './exit-codes.js';

/** Column titles of the runs table, with their widths. */
const COLUMNS = [
  ['run', 22],
  ['started', 20],
  ['state', 10],
  ['done', 9],
  ['best test', 11],
  ['data', 0],
] as const;

/**
 * Prints a table of the runs stored under `--out`: id, start, state, trials
 * done of total, best test score and the data set. Returns the exit code.
 */
export async function listRuns(argv: readonly string[]): Promise<number> {
  const outDir = parseRunsCommand(argv);
  if (typeof outDir === 'number') {
    return outDir;
  }

  let runs: StoredRun[];
  try {
    runs = await listStoredRuns(outDir);
  } catch (error) {
    if (!(error instanceof EventLogError)) {
      throw error;
    }
    process.stderr.write(`error: ${error.message}\n`);

    return EXIT_USAGE;
  }

  if (runs.length === 0) {
    process.stdout.write(`No runs stored in ${outDir}.\n`);

    return 0;
  }

  process.stdout.write(`${formatRunsTable(runs)}\n`);

  return 0;
}

/** Formats stored runs as an aligned table, a header line first. */
export function formatRunsTable(runs: readonly StoredRun[]): string {
  const rows = runs.map((run) => {
    const counts = countTrials(run.state);
    const best = selectBestTrial(run.state);

    return [
      run.id,
      formatStart(run.state.startedAt),
      run.status,
      `${counts.finished}/${counts.total}`,
      best
        ? `${formatScore(best.testScore)} ${scoreLabel(taskOf(run.state.data))}`
        : '—',
      run.state.data?.name ?? '—',
    ];
  });
  const header = COLUMNS.map(([title]) => title);

  return [header, ...rows]
    .map((cells) =>
      cells.map((cell, index) => cell.padEnd(COLUMNS[index]![1])).join(' '),
    )
    .map((line) => line.trimEnd())
    .join('\n');
}

function formatStart(startedAt: number): string {
  if (startedAt === 0) {
    return '—';
  }

  return new Date(startedAt).toISOString().slice(0, 19).replace('T', ' ');
}
