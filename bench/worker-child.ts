import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { stopProcess } from './stop-process.js';

/** The CLI entry of the same build as this file. */
const CLI_ENTRY = fileURLToPath(
  new URL('../source/cli/main.js', import.meta.url),
);

const START_TIMEOUT_MS = 15_000;
const POLL_INTERVAL_MS = 20;

/**
 * Time a stopping worker gets before SIGKILL, in ms. It is more than the
 * 10 s that the worker allows its trials to hand back their jobs.
 */
const STOP_TIMEOUT_MS = 20_000;

export type WorkerChildOptions = {
  readonly url: string;
  readonly prefix: string;
  /** The worker's --threads. */
  readonly threads: number;
  /** The worker's --log file. */
  readonly logFile: string;
};

/** A running `traintop worker` child process. */
export type WorkerChild = {
  readonly pid: number;
  /** The worker id from its first line of output. */
  readonly workerId: string;
  /**
   * Rejects with the worker's output when it exits. It never resolves, so
   * a wait can race it to fail fast on a crash.
   */
  readonly exited: Promise<never>;
  /** Sends SIGTERM and waits for the worker to exit. */
  stop(): Promise<void>;
};

/**
 * Starts `traintop worker` with the default --tick, as users run it, and
 * waits for the line that names its id.
 */
export async function startWorkerChild(
  options: WorkerChildOptions,
): Promise<WorkerChild> {
  const args = [
    ...['--redis', options.url, '--prefix', options.prefix],
    ...['--threads', String(options.threads), '--log', options.logFile],
  ];
  const child = spawn(process.execPath, [CLI_ENTRY, 'worker', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const exited = once(child, 'exit').then(([code, signal]) => {
    throw new Error(
      `traintop worker exited with ${String(signal ?? code)}. Its ` +
        `output:\n${output}Its log is ${options.logFile}.`,
    );
  });
  // Marked as handled, because only a wait that races it reads it.
  exited.catch(() => {});

  let workerId: string;
  try {
    workerId = await readWorkerId(child, () => output);
  } catch (error) {
    await stopProcess(child, STOP_TIMEOUT_MS);
    throw error;
  }

  return {
    pid: child.pid!,
    workerId,
    exited,
    stop: () => stopProcess(child, STOP_TIMEOUT_MS),
  };
}

async function readWorkerId(
  child: ChildProcess,
  readOutput: () => string,
): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline && child.exitCode === null) {
    const match = /^traintop worker (\S+):/m.exec(readOutput());
    if (match) {
      return match[1]!;
    }

    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }

  throw new Error(
    `traintop worker did not print its id within ${START_TIMEOUT_MS} ms. ` +
      `Its output:\n${readOutput()}`,
  );
}
