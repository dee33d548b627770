import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** True when tmux is installed, which the recording tests need. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

const main = path.resolve('dist/source/cli/main.js');
const POLL_MS = 100;

/**
 * The built program in a real terminal: a tmux server on a private socket
 * gives it a pty of a fixed size, resizes it and returns the screen. Each
 * session has its own socket and folder, and `dispose` kills the server.
 */
export class TmuxSession {
  readonly folder = mkdtempSync(path.join(tmpdir(), 'traintop-record-'));
  readonly castFile = path.join(this.folder, 'session.cast');
  private readonly socket: string;
  /** The server's socket file, which kill-server leaves behind. */
  private socketPath: string | null = null;
  private readonly exitFile = path.join(this.folder, 'exit-code');
  private readonly runsFolder = path.join(this.folder, 'runs');

  constructor(name: string) {
    this.socket = `traintop-record-${name}-${process.pid}`;
  }

  /** Starts traintop with `flags` and --record, --out in its folder. */
  start(flags: string, columns = 80, rows = 24): void {
    const command =
      `unset NODE_ENV; node ${main} ${flags} --record ${this.castFile} ` +
      `--out ${this.runsFolder}; echo $? > ${this.exitFile}; sleep 60`;
    this.tmux(
      'new-session',
      '-d',
      '-s',
      'run',
      '-x',
      String(columns),
      '-y',
      String(rows),
      command,
    );
    this.socketPath = this.tmux('display-message', '-p', '#{socket_path}');
  }

  /** Returns the screen as tmux shows it, one string per line. */
  screen(): string[] {
    return this.tmux('capture-pane', '-p', '-t', 'run').split('\n');
  }

  async waitForScreen(
    condition: (text: string) => boolean,
    timeoutMs = 15_000,
  ): Promise<string> {
    return waitFor(
      () => {
        const text = this.screen().join('\n');

        return condition(text) ? text : null;
      },
      timeoutMs,
      () =>
        `the screen never matched; last screen:\n${this.screen().join('\n')}`,
    );
  }

  resize(columns: number, rows: number): void {
    this.tmux(
      'resize-window',
      '-t',
      'run',
      '-x',
      String(columns),
      '-y',
      String(rows),
    );
  }

  sendKeys(...keys: string[]): void {
    this.tmux('send-keys', '-t', 'run', ...keys);
  }

  /** Returns the process id of traintop, read from its run folder's name. */
  async processId(): Promise<number> {
    return waitFor(
      () => {
        const [runId] = safeReaddir(this.runsFolder);

        return runId === undefined ? null : Number(runId.split('-').at(-1));
      },
      15_000,
      () => `no run folder appeared in ${this.runsFolder}`,
    );
  }

  /** Waits for traintop to exit and returns its exit code. */
  async exitCode(): Promise<number> {
    return waitFor(
      () => {
        try {
          return Number(readFileSync(this.exitFile, 'utf8').trim());
        } catch {
          return null;
        }
      },
      30_000,
      () => 'traintop did not exit',
    );
  }

  dispose(): void {
    spawnSync('tmux', ['-L', this.socket, 'kill-server']);
    if (this.socketPath !== null) {
      rmSync(this.socketPath.trim(), { force: true });
    }
  }

  private tmux(...args: string[]): string {
    return execFileSync('tmux', ['-L', this.socket, ...args], {
      encoding: 'utf8',
    });
  }
}

/** Polls `read` until it returns a value, or throws `describe()` on timeout. */
async function waitFor<T>(
  read: () => T | null,
  timeoutMs: number,
  describe: () => string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== null) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms: ${describe()}`);
    }
    await sleep(POLL_MS);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function safeReaddir(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
