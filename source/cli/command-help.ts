import {
  COMMAND_USAGE,
  RUN_DESCRIPTION,
  type CommandFlag,
  type CommandName,
} from './command-usage.js';
import { formatHelpEntry, HELP_WIDTH, wrapWords } from './help-layout.js';

/** Gap between the longest flag usage and its description, in columns. */
const FLAG_GAP = 2;

/** Returns the one-line usage for errors, such as `usage: traintop show RUN [--out DIR]`. */
export function describeUsage(command: CommandName): string {
  return ['usage: traintop', command, ...listUsageWords(command)].join(' ');
}

/**
 * Formats the usage of a command within 80 columns: `prefix`, then
 * `traintop COMMAND` and its arguments, continued on lines that start at
 * column `indent`.
 */
export function formatUsageLines(
  command: CommandName,
  prefix: string,
  indent: number,
): string[] {
  const lines: string[] = [];
  let line = `${prefix}traintop ${command}`;
  for (const word of listUsageWords(command)) {
    if (line.length + 1 + word.length > HELP_WIDTH) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line = `${line} ${word}`;
    }
  }
  lines.push(line);

  return lines;
}

/** Formats the help that `traintop COMMAND --help` prints. */
export function formatCommandHelp(command: CommandName): string {
  const { takesRun, flags, description } = COMMAND_USAGE[command];
  const prefix = 'usage: ';
  const entries: (readonly [string, string])[] = [
    ...(takesRun ? [['RUN', RUN_DESCRIPTION] as const] : []),
    ...flags.map((flag) => [flagUsage(flag), flag.description] as const),
    ['-h, --help', 'print this help and exit'],
  ];
  const column =
    2 + Math.max(...entries.map(([usage]) => usage.length)) + FLAG_GAP;
  const lines = [
    ...formatUsageLines(
      command,
      prefix,
      `${prefix}traintop ${command} `.length,
    ),
    '',
    ...wrapWords(description, HELP_WIDTH),
    '',
    ...entries.flatMap(([usage, text]) => formatHelpEntry(usage, text, column)),
  ];

  return `${lines.join('\n')}\n`;
}

/**
 * Returns the arguments of a command's usage, such as `RUN`, `[--out DIR]`
 * and `[--plain|--json]`.
 */
function listUsageWords(command: CommandName): string[] {
  const { takesRun, flags } = COMMAND_USAGE[command];
  const words = takesRun ? ['RUN'] : [];
  const choices = new Set<string>();
  for (const flag of flags) {
    if (flag.choice === undefined) {
      words.push(`[${flagUsage(flag)}]`);
    } else if (!choices.has(flag.choice)) {
      choices.add(flag.choice);
      const options = flags.filter((other) => other.choice === flag.choice);
      words.push(`[${options.map(flagUsage).join('|')}]`);
    }
  }

  return words;
}

function flagUsage(flag: CommandFlag): string {
  return flag.value === undefined
    ? `--${flag.name}`
    : `--${flag.name} ${flag.value}`;
}
