import { readFileSync } from 'node:fs';

import { analyzeRunCommand } from './analyze-run.js';
import { helpText, parseFlags } from './flags.js';
import { exportRun } from './export-run.js';
import { listRuns } from './list-runs.js';
import { replayRun } from './replay-run.js';
import { reportRunCommand } from './report-run.js';
import { resumeRun } from './resume-run.js';
import { runSweep } from './run-sweep.js';
import { showRun } from './show-run.js';
import { watchRun } from './watch-run.js';
import { EXIT_USAGE } from './exit-codes.js';

/**
 * Runs the command line and returns the exit code. Only the CLI writes to
 * stdout and stderr directly, and never while the monitor is drawing.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  switch (argv[0]) {
    case 'runs':
      return listRuns(argv.slice(1));
    case 'show':
      return showRun(argv.slice(1));
    case 'analyze':
      return analyzeRunCommand(argv.slice(1));
    case 'report':
      return reportRunCommand(argv.slice(1));
    case 'export':
      return exportRun(argv.slice(1));
    case 'watch':
      return watchRun(argv.slice(1));
    case 'resume':
      return resumeRun(argv.slice(1));
    case 'replay':
      return replayRun(argv.slice(1));
    case 'worker': {
      // Loaded only here: importing BullMQ took about 0.45 s on a 2-core
      // VM, which every other command would pay at start.
      const { runWorkerCommand } = await import('./worker-command.js');

      return runWorkerCommand(argv.slice(1));
    }
  }

  // `traintop run [flags]` is the same as `traintop [flags]`.
  const flags = argv[0] === 'run' ? argv.slice(1) : argv;
  const parsed = parseFlags(flags);
  if (!parsed.ok) {
    process.stderr.write(`error: ${parsed.message}\n`);

    return EXIT_USAGE;
  }

  switch (parsed.kind) {
    case 'help':
      process.stdout.write(helpText);
      return 0;
    case 'version':
      process.stdout.write(`traintop ${readVersion()}\n`);
      return 0;
    case 'run':
      return runSweep(parsed.options);
  }
}

function readVersion(): string {
  const manifest = new URL('../../../package.json', import.meta.url);
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    version: string;
  };

  return version;
}
