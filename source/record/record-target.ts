import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  statSync,
  unlinkSync,
  type Stats,
} from 'node:fs';
import path from 'node:path';

/** A monitor recording to start: the file and the title players show. */
export type RecordTarget = {
  /** File that receives the asciicast v2 recording, created or replaced. */
  readonly path: string;
  /** Title in the recording's header, such as `traintop run RUN`. */
  readonly title: string;
};

/**
 * Returns why `--record file` cannot record, or null when it can. It checks
 * that the file can be written without changing an existing file, and
 * removes a file it created to check, so a run that fails to start leaves
 * no file behind. Then it checks that the monitor is drawn, which needs a
 * terminal on stdout. The extension is not checked.
 */
export function checkRecordTarget(
  file: string,
  isTerminal: boolean,
): string | null {
  if (file.trim() === '') {
    return `Invalid --record "${file}": expected a file path such as run.cast.`;
  }

  const fileProblem = checkRecordPath(file) ?? tryOpening(file);
  if (fileProblem !== null) {
    return fileProblem;
  }

  if (!isTerminal) {
    return (
      `Cannot record to ${file}: stdout is not a terminal, so no monitor ` +
      'is drawn to record; run traintop in a terminal, or drop --record.'
    );
  }

  return null;
}

/**
 * Reads the `--record` value of a command that draws the monitor, titled
 * `title` in the recording. Returns the target, undefined without the
 * flag, or the one-line error when the file cannot be recorded to.
 */
export function readRecordFlag(
  value: string | boolean | undefined,
  title: string,
): RecordTarget | string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }

  return (
    checkRecordTarget(value, process.stdout.isTTY === true) ?? {
      path: value,
      title,
    }
  );
}

/** Returns the error for --record with --plain or --json. */
export function describeRecordConflict(textMode: 'plain' | 'json'): string {
  return (
    `Cannot use --record with --${textMode}: --record records the ` +
    `monitor, which --${textMode} replaces with lines; drop one of them.`
  );
}

/** Returns why `file` cannot be created or replaced, or null. */
export function checkRecordPath(file: string): string | null {
  const stats = statOrNull(file);
  if (stats?.isDirectory()) {
    return (
      `Cannot record to ${file}: it is a folder; pass --record a file ` +
      `path such as ${path.join(file, 'session.cast')}.`
    );
  }

  if (stats && !stats.isFile() && !stats.isCharacterDevice()) {
    return (
      `Cannot record to ${file}: it is not a regular file; pass --record ` +
      'a file path such as session.cast.'
    );
  }

  if (stats) {
    return checkAccess(
      file,
      constants.W_OK,
      `Cannot record to ${file}`,
      'the file is not writable; fix its permissions or pass --record ' +
        'another path.',
    );
  }

  return checkFolder(file);
}

/** Returns why a new file cannot be made in the folder of `file`, or null. */
function checkFolder(file: string): string | null {
  const folder = path.dirname(path.resolve(file));
  const stats = statOrNull(folder);
  if (!stats) {
    return (
      `Cannot record to ${file}: the folder ${folder} does not exist; ` +
      'create it, or pass --record a path in an existing folder.'
    );
  }

  if (!stats.isDirectory()) {
    return (
      `Cannot record to ${file}: ${folder} is not a folder; pass --record ` +
      'a path in an existing folder.'
    );
  }

  return checkAccess(
    folder,
    constants.W_OK | constants.X_OK,
    `Cannot record to ${file}`,
    `the folder ${folder} is not writable; pass --record a path in a ` +
      'writable folder.',
  );
}

/**
 * Opens the file for appending and closes it again, removing it when it
 * did not exist, so a place that permissions allow but the file system
 * refuses, such as /proc, fails here and not once the run started.
 */
function tryOpening(file: string): string | null {
  const existed = existsSync(file);
  try {
    closeSync(openSync(file, 'a'));
    if (!existed) {
      unlinkSync(file);
    }

    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';

    return (
      `Cannot record to ${file} (${code}): pass --record a path in a ` +
      'folder where you can create files.'
    );
  }
}

function checkAccess(
  target: string,
  mode: number,
  failure: string,
  fix: string,
): string | null {
  try {
    accessSync(target, mode);

    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';

    return `${failure} (${code}): ${fix}`;
  }
}

function statOrNull(target: string): Stats | null {
  try {
    return statSync(target);
  } catch {
    return null;
  }
}
