// Starts real `traintop worker` processes from the build in dist/, as a
// user would run them on another machine.

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';

const MAIN = path.resolve('dist/source/cli/main.js');
const START_TIMEOUT_MS = 15_000;

export type WorkerProcessOptions = {
  readonly url: string;
  readonly prefix: string;
  readonly threads: number;
  readonly tickMs: number;
  readonly logFile: string;
  /** Variables added to the worker's environment. */
  readonly env?: Readonly<Record<string, string>>;
};

export type WorkerExit = {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
};

/** A `traintop worker` child process and everything it printed. */
export class WorkerProcess {
  stdout = '';
  stderr = '';
  /** The worker id from its first line of output. */
  workerId = '';
  private readonly exit: Promise<WorkerExit>;

  private constructor(
    private readonly child: ChildProcess,
    /** The worker's --log file, or '' when it has none. */
    readonly logFile = '',
  ) {
    child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exit = once(child, 'exit').then(([code, signal]) => ({
      code: code as number | null,
      signal: signal as NodeJS.Signals | null,
    }));
  }

  /** Starts a worker and waits for the line that names its id. */
  static async start(options: WorkerProcessOptions): Promise<WorkerProcess> {
    const worker = new WorkerProcess(
      spawn(process.execPath, [MAIN, 'worker', ...workerArgs(options)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, ...options.env },
      }),
      options.logFile,
    );
    worker.workerId = await worker.readWorkerId();

    return worker;
  }

  /** Runs `traintop worker ARGS` to its end and returns what it printed. */
  static async run(args: readonly string[]) {
    const worker = new WorkerProcess(
      spawn(process.execPath, [MAIN, 'worker', ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    const exit = await worker.exited();

    return { ...exit, stdout: worker.stdout, stderr: worker.stderr };
  }

  get hasExited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  exited(): Promise<WorkerExit> {
    return this.exit;
  }

  /** Kills the worker unless it already exited. */
  async dispose(): Promise<void> {
    if (!this.hasExited) {
      this.child.kill('SIGKILL');
    }
    await this.exit;
  }

  private async readWorkerId(): Promise<string> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const match = /^traintop worker (\S+):/m.exec(this.stdout);
      if (match) {
        return match[1]!;
      }
      if (this.child.exitCode !== null) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }

    throw new Error(
      `traintop worker did not start:\n${this.stdout}\n${this.stderr}`,
    );
  }
}

function workerArgs(options: WorkerProcessOptions): string[] {
  return [
    ...['--redis', options.url],
    ...['--prefix', options.prefix],
    ...['--threads', String(options.threads)],
    ...['--tick', String(options.tickMs)],
    ...['--log', options.logFile],
  ];
}
