// The flags and usage of each command that works on stored runs. Parsing,
// each command's --help, its errors and the main help all read them here.

import { DEFAULT_KEY_PREFIX } from '../queue/key-names.js';
import { MAX_SPEED, MIN_SPEED } from '../store/event-player.js';
import { DEFAULT_OUT_DIR } from './flag-table.js';
import { defaultNote } from './help-layout.js';
import { REDIS_PASSWORD_VARIABLE } from './queue-flags.js';

/** A flag of a command, as its usage line and its help show it. */
export type CommandFlag = {
  /** Long name without the dashes, such as `out`. */
  readonly name: string;
  /** Placeholder of the value, such as `DIR`. Absent for a boolean flag. */
  readonly value?: string;
  /** Description of what the flag sets, with its unit and default. */
  readonly description: string;
  /**
   * Name shared by flags that exclude each other. The usage line joins
   * them into one entry, such as `[--plain|--json]`. Absent: none.
   */
  readonly choice?: string;
};

/** Arguments, flags and descriptions of a command. */
export type CommandUsage = {
  /** Whether the command takes one stored run, written RUN. */
  readonly takesRun: boolean;
  /** Flags in the order of the usage line, without --help. */
  readonly flags: readonly CommandFlag[];
  /** Phrase that describes the command in the main help. */
  readonly summary: string;
  /** Sentences that open the command's own help. */
  readonly description: string;
};

export type CommandName =
  | 'runs'
  | 'show'
  | 'analyze'
  | 'report'
  | 'export'
  | 'watch'
  | 'resume'
  | 'replay';

/** Commands that take a RUN. */
export type RunCommandName = Exclude<CommandName, 'runs'>;

/** Description of the RUN argument in each command's help. */
export const RUN_DESCRIPTION =
  'id of a run, as traintop runs lists it, or the path of a run folder';

const OUT_FLAG: CommandFlag = {
  name: 'out',
  value: 'DIR',
  description: `folder that keeps the runs ${defaultNote(DEFAULT_OUT_DIR)}`,
};

const RECORD_FLAG: CommandFlag = {
  name: 'record',
  value: 'FILE.cast',
  description:
    'also write what the monitor draws to FILE.cast as it draws, in ' +
    'asciicast v2; asciinema play FILE.cast plays it back. It needs a ' +
    'terminal',
};

const NOT_ON_TERMINAL =
  'Without a terminal it prints a line per finished trial and per alert ' +
  'instead.';

/** Every command that works on stored runs, in the main help's order. */
export const COMMAND_USAGE: Readonly<Record<CommandName, CommandUsage>> = {
  runs: {
    takesRun: false,
    flags: [OUT_FLAG],
    summary: 'list the runs stored under DIR',
    description:
      'Lists the runs stored under --out: for each, its id, start time, ' +
      'state, trials done of the total, best test score and data set.',
  },
  show: {
    takesRun: true,
    flags: [OUT_FLAG],
    summary: 'print the summary of a stored run',
    description:
      'Prints the summary of a stored run, the one that a run prints ' +
      'when it ends.',
  },
  analyze: {
    takesRun: true,
    flags: [
      OUT_FLAG,
      { name: 'json', description: 'print the analysis as JSON' },
    ],
    summary:
      "print what drives a stored run's test score: each parameter's " +
      'importance and effect, and time per tree',
    description:
      "Prints what drives a stored run's test score: the importance of " +
      'each parameter, its effect value by value and the training time ' +
      'per tree.',
  },
  report: {
    takesRun: true,
    flags: [
      OUT_FLAG,
      {
        name: 'file',
        value: 'FILE',
        description:
          'file to write the report to ' +
          defaultNote('report.html in the run folder'),
      },
    ],
    summary:
      'write an HTML report of a stored run to FILE ' +
      defaultNote('report.html in the run folder'),
    description:
      'Writes the report of a stored run: one HTML file with its learning ' +
      "curves, what drives its test score, its best trial's confusion " +
      'matrix and its CPU and memory over time. The file opens in a ' +
      'browser with no network.',
  },
  export: {
    takesRun: true,
    flags: [
      OUT_FLAG,
      {
        name: 'format',
        value: 'json|csv',
        description:
          'json prints one document with the trials and the per-chunk ' +
          `metrics, csv prints one table as CSV ${defaultNote('json')}`,
      },
      {
        name: 'table',
        value: 'trials|chunks',
        description:
          'table that --format csv prints: one row per trial, or one row ' +
          `per chunk of trees ${defaultNote('trials')}`,
      },
    ],
    summary: "print a stored run's trials and per-chunk metrics",
    description:
      "Prints a stored run's trials and per-chunk metrics, as JSON or as " +
      'CSV.',
  },
  watch: {
    takesRun: true,
    flags: [OUT_FLAG, RECORD_FLAG],
    summary: 'follow a run that another traintop process is running',
    description:
      'Follows a run that another traintop process is running: the ' +
      'monitor shows its event log as it grows, and stops when the run ' +
      `ends, its process dies or you press q. ${NOT_ON_TERMINAL}`,
  },
  resume: {
    takesRun: true,
    flags: [
      OUT_FLAG,
      {
        name: 'plain',
        choice: 'output',
        description:
          'print one line per finished trial and a summary instead of the ' +
          'live monitor',
      },
      {
        name: 'json',
        choice: 'output',
        description:
          'print every event as one line of JSON instead of the live ' +
          'monitor',
      },
      {
        name: 'redis',
        value: 'URL',
        description:
          'train the trials left on traintop worker processes through the ' +
          'Redis server at URL: redis://[user][:password]@host[:port][/db], ' +
          'or rediss:// for TLS. A URL without a password takes the one in ' +
          `${REDIS_PASSWORD_VARIABLE} ` +
          defaultNote('worker threads on this machine'),
      },
      {
        name: 'prefix',
        value: 'P',
        description:
          'key prefix of the run in Redis; needs --redis ' +
          defaultNote(DEFAULT_KEY_PREFIX),
      },
      {
        ...RECORD_FLAG,
        description: `${RECORD_FLAG.description}, and neither --plain nor --json`,
      },
    ],
    summary: 'finish a run whose process stopped or died',
    description:
      'Finishes a run whose process stopped or died, even by SIGKILL. ' +
      'Trials with a result keep it, and the others train again from the ' +
      'start with the same seeds and data split. Their events are ' +
      'appended to the same event log.',
  },
  replay: {
    takesRun: true,
    flags: [
      OUT_FLAG,
      {
        name: 'speed',
        value: 'N',
        description:
          `multiple of the recorded pace, ${MIN_SPEED} to ${MAX_SPEED} ` +
          defaultNote(1),
      },
      RECORD_FLAG,
    ],
    summary: 'play a stored run back in the monitor',
    description:
      'Plays a stored run back in the monitor at its recorded pace, or a ' +
      'multiple of it. p pauses, + and - double or halve the speed, j ' +
      `jumps 10 seconds ahead and q quits. ${NOT_ON_TERMINAL}`,
  },
};
