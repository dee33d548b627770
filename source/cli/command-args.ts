import { parseArgs, type ParseArgsConfig } from 'node:util';

import { describeUsage, formatCommandHelp } from './command-help.js';
import {
  COMMAND_USAGE,
  type CommandName,
  type RunCommandName,
} from './command-usage.js';
import { rejectInput } from './exit-codes.js';
import { suggestName } from './flag-errors.js';
import { DEFAULT_OUT_DIR } from './flag-table.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags given on the command line, by long name. */
export type CommandValues = Record<string, string | boolean | undefined>;

/** Arguments of a command that works on one stored run. */
export type RunCommandArgs = {
  /** Run id or run folder. */
  readonly run: string;
  /** Folder that keeps the runs. Default `traintop-runs`. */
  readonly outDir: string;
  readonly values: CommandValues;
};

/** Outcome of reading a command line: the help, an error or the command. */
export type CommandLine =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'error';
      /** One-line error that names the bad argument and the usage. */
      readonly message: string;
    }
  | {
      readonly kind: 'command';
      /** The RUN argument, or null for a command that takes none. */
      readonly run: string | null;
      readonly outDir: string;
      readonly values: CommandValues;
    };

/**
 * Reads `traintop COMMAND RUN [flags]`. Prints the command's help for
 * --help or -h, or a one-line error for bad arguments, and returns the
 * exit code. Otherwise returns the arguments.
 */
export function parseRunCommand(
  command: RunCommandName,
  argv: readonly string[],
): RunCommandArgs | number {
  const line = readCommandLine(command, argv);
  if (line.kind !== 'command') {
    return reportCommandLine(command, line);
  }

  // readCommandLine rejects a command line without the RUN it needs.
  return { run: line.run!, outDir: line.outDir, values: line.values };
}

/**
 * Reads `traintop runs [flags]` as parseRunCommand does. Returns the folder
 * that keeps the runs, or the exit code after the help or an error.
 */
export function parseRunsCommand(argv: readonly string[]): string | number {
  const line = readCommandLine('runs', argv);

  return line.kind === 'command'
    ? line.outDir
    : reportCommandLine('runs', line);
}

/**
 * Reads the arguments of a command. --help or -h anywhere before `--`
 * requests the help, even next to bad arguments.
 */
export function readCommandLine(
  command: CommandName,
  argv: readonly string[],
): CommandLine {
  const options = optionsOf(command);
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  if (
    tokens.some((token) => token.kind === 'option' && token.name === 'help')
  ) {
    return { kind: 'help' };
  }

  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    if (!(error instanceof TypeError) || !('code' in error)) {
      throw error;
    }

    return { kind: 'error', message: describeBadFlag(command, tokens) };
  }

  const operandProblem = checkOperands(command, parsed.positionals);
  if (operandProblem !== null) {
    return { kind: 'error', message: operandProblem };
  }

  const values = parsed.values as CommandValues;
  const out = values['out'];

  return {
    kind: 'command',
    run: parsed.positionals[0] ?? null,
    outDir: typeof out === 'string' ? out : DEFAULT_OUT_DIR,
    values,
  };
}

/** Prints the help or the error. Returns the exit code. */
function reportCommandLine(
  command: CommandName,
  line: Exclude<CommandLine, { kind: 'command' }>,
): number {
  if (line.kind === 'error') {
    return rejectInput(line.message);
  }

  process.stdout.write(formatCommandHelp(command));

  return 0;
}

function optionsOf(command: CommandName): Options {
  const options: Options = { help: { type: 'boolean', short: 'h' } };
  for (const flag of COMMAND_USAGE[command].flags) {
    options[flag.name] = {
      type: flag.value === undefined ? 'boolean' : 'string',
    };
  }

  return options;
}

type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/** Returns the error for the first flag that the strict parse rejects. */
function describeBadFlag(command: CommandName, tokens: Token[]): string {
  const usage = describeUsage(command);
  const flags = COMMAND_USAGE[command].flags;
  for (const token of tokens) {
    if (token.kind !== 'option') {
      continue;
    }

    const flag = flags.find((known) => known.name === token.name);
    if (flag === undefined) {
      const names = [...flags.map((known) => known.name), 'help'];
      const suggestion = suggestName(token.name, names);
      const hint = suggestion === null ? '' : ` did you mean --${suggestion}?`;

      return (
        `Unknown flag "${token.rawName}" for traintop ${command}:${hint} ` +
        `${usage}.`
      );
    }

    if (flag.value === undefined) {
      if (token.value !== undefined) {
        return (
          `Option ${token.rawName} takes no value, but got ` +
          `"${token.value}": ${usage}.`
        );
      }
      continue;
    }

    if (token.value === undefined) {
      return `Missing value for ${token.rawName}: ${usage}.`;
    }

    // The strict parse takes a value that starts with "-" for a flag.
    if (!token.inlineValue && token.value.startsWith('-')) {
      return (
        `Missing value for ${token.rawName} before "${token.value}": ` +
        `${usage}. Write ${token.rawName}=${token.value} if ` +
        `"${token.value}" is the value.`
      );
    }
  }

  return `Invalid flags for traintop ${command}: ${usage}.`;
}

/** Returns the error for a missing or extra argument, or null. */
function checkOperands(
  command: CommandName,
  operands: readonly string[],
): string | null {
  const usage = describeUsage(command);
  const expectedCount = COMMAND_USAGE[command].takesRun ? 1 : 0;
  if (operands.length < expectedCount) {
    return (
      `Missing the run to ${command}: ${usage}. Run traintop runs to list ` +
      'the stored runs.'
    );
  }

  if (operands.length > expectedCount) {
    return (
      `Unexpected argument "${operands[expectedCount]}" for traintop ` +
      `${command}: ${usage}.`
    );
  }

  return null;
}
