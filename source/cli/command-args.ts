import { parseArgs, type ParseArgsConfig } from 'node:util';

import { DEFAULT_OUT_DIR } from './flag-table.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Arguments of a command that works on one stored run. */
export type RunCommandArgs = {
  /** Run id or run folder. */
  readonly run: string;
  readonly outDir: string;
  readonly values: Record<string, string | boolean | undefined>;
};

/**
 * Reads `COMMAND RUN [--out DIR] [options]`. Returns the one-line error
 * for a missing run, an extra argument or an unknown flag.
 */
export function parseRunCommand(
  command: string,
  argv: readonly string[],
  options: Options = {},
): RunCommandArgs | string {
  const usage = `usage: traintop ${command} RUN [--out DIR]`;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { out: { type: 'string' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    return `${(error as Error).message}: ${usage}.`;
  }

  const [run, ...extra] = parsed.positionals;
  if (run === undefined) {
    return `Missing the run to ${command}: ${usage}; traintop runs lists them.`;
  }

  if (extra.length > 0) {
    return `Unexpected argument "${extra[0]}": ${usage}.`;
  }

  const values = parsed.values as RunCommandArgs['values'];
  const out = values['out'];

  return {
    run,
    outDir: typeof out === 'string' ? out : DEFAULT_OUT_DIR,
    values,
  };
}
