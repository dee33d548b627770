/** Exit code for invalid flags and other bad input. */
export const EXIT_USAGE = 2;

/** Exit code of a run that raised an alert, with --fail-on-alert. */
export const EXIT_ALERT = 3;

/** Exit code for an unexpected failure. */
export const EXIT_FAILURE = 1;

/** Exit code after a second Ctrl+C cut a stop short: 128 + SIGINT. */
export const EXIT_FORCED = 130;

/** Prints a one-line error for bad input and returns EXIT_USAGE. */
export function rejectInput(message: string): number {
  process.stderr.write(`error: ${message}\n`);

  return EXIT_USAGE;
}
