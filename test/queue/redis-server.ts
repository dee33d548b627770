// Starts and stops private redis-server processes on free ports. Tests use
// them for servers that require a password or TLS, and to restart Redis
// mid-run, without touching the machine's own Redis.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';

const HOST = '127.0.0.1';
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;
const PING_TIMEOUT_MS = 1_000;
const POLL_INTERVAL_MS = 50;
/** Characters of server output kept for the error when a start fails. */
const OUTPUT_LIMIT = 4_000;

/** Whether a redis-server binary is on the PATH. */
export const hasRedisServer =
  spawnSync('redis-server', ['--version']).status === 0;

/** Whether openssl is on the PATH, which TLS servers need for a certificate. */
export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

export type RedisServerOptions = {
  /** Password the server requires (requirepass). Default none. */
  readonly password?: string;
  /** Serves TLS only, with a fresh self-signed certificate. Default false. */
  readonly tls?: boolean;
  /** Number of databases (databases). Default 16, as in Redis. */
  readonly databases?: number;
};

type PingOptions = {
  readonly password?: string;
  readonly tls?: boolean;
};

/** Returns a TCP port that was free on 127.0.0.1 a moment ago. */
export async function findFreePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, HOST);
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  server.close();
  await once(server, 'close');

  return port;
}

/**
 * Sends PING to 127.0.0.1:`port`, after AUTH when a password is given.
 * Resolves to true when the reply to PING is PONG, and to false on an
 * error reply, a closed connection or no reply within PING_TIMEOUT_MS.
 */
export async function answersPing(
  port: number,
  { password, tls: useTls = false }: PingOptions = {},
): Promise<boolean> {
  const socket = useTls
    ? tls.connect({ host: HOST, port, rejectUnauthorized: false })
    : net.connect({ host: HOST, port });
  const commands = password === undefined ? [] : [`AUTH ${password}`];
  commands.push('PING');
  socket.setTimeout(PING_TIMEOUT_MS);
  socket.write(commands.map((command) => `${command}\r\n`).join(''));

  // Each of these commands gets a one-line reply, and PING's comes last.
  let replies = '';
  const answered = await new Promise<boolean>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      replies += chunk.toString();
      const lines = replies.split('\r\n').slice(0, -1);
      if (lines.length >= commands.length) {
        resolve(lines[commands.length - 1] === '+PONG');
      }
    });
    socket.on('timeout', () => resolve(false));
    socket.on('error', () => resolve(false));
    socket.on('close', () => resolve(false));
  });
  socket.destroy();

  return answered;
}

/** A redis-server child process on a free port of 127.0.0.1. */
export class RedisServer {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly port: number,
    private readonly folder: string,
    private readonly options: RedisServerOptions,
  ) {}

  /** Starts a server on a free port and waits until PING returns PONG. */
  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    const folder = mkdtempSync(path.join(tmpdir(), 'traintop-redis-'));
    if (options.tls === true) {
      createCertificate(folder);
    }

    const server = new RedisServer(await findFreePort(), folder, options);
    try {
      await server.launch();
    } catch (error) {
      rmSync(folder, { recursive: true, force: true });
      throw error;
    }

    return server;
  }

  /** URL of the server's database 0, with its password. */
  get url(): string {
    const scheme = this.options.tls === true ? 'rediss' : 'redis';
    const password = this.options.password;
    const userInfo = password === undefined ? '' : `:${password}@`;

    return `${scheme}://${userInfo}${HOST}:${this.port}/0`;
  }

  /** The self-signed certificate of a TLS server, for NODE_EXTRA_CA_CERTS. */
  get certificateFile(): string {
    return path.join(this.folder, 'server.crt');
  }

  /** Sends SIGTERM, waits for the exit and removes the server's folder. */
  async stop(): Promise<void> {
    await this.halt();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Stops the server and starts it again on the same port. */
  async restart(): Promise<void> {
    await this.halt();
    await this.launch();
  }

  /** Stops the server but keeps its folder, so `start` can follow. */
  async pause(): Promise<void> {
    await this.halt();
  }

  /** Starts a paused server again on the same port. */
  async resume(): Promise<void> {
    await this.launch();
  }

  private async launch(): Promise<void> {
    this.output = '';
    const child = spawn('redis-server', this.serverArgs(), {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keepOutput = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_LIMIT);
    };
    child.stdout.on('data', keepOutput);
    child.stderr.on('data', keepOutput);
    this.child = child;

    await this.waitForPing(child);
  }

  private async waitForPing(child: ChildProcess): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    const ping = { password: this.options.password, tls: this.options.tls };
    while (!(await answersPing(this.port, ping))) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `redis-server on port ${this.port} exited at start:\n${this.output}`,
        );
      }

      if (Date.now() > deadline) {
        await this.halt();
        throw new Error(
          `redis-server on port ${this.port} did not reply to PING within ` +
            `${START_TIMEOUT_MS} ms:\n${this.output}`,
        );
      }

      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  private async halt(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (
      child === null ||
      child.exitCode !== null ||
      child.signalCode !== null
    ) {
      return;
    }

    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  private serverArgs(): string[] {
    const args = ['--bind', HOST, '--dir', this.folder];
    args.push('--save', '', '--appendonly', 'no', '--daemonize', 'no');
    if (this.options.password !== undefined) {
      args.push('--requirepass', this.options.password);
    }

    if (this.options.databases !== undefined) {
      args.push('--databases', String(this.options.databases));
    }

    if (this.options.tls !== true) {
      return ['--port', String(this.port), ...args];
    }

    const file = (name: string) => path.join(this.folder, name);

    return [
      ...['--port', '0', '--tls-port', String(this.port)],
      ...['--tls-cert-file', file('server.crt')],
      ...['--tls-key-file', file('server.key')],
      ...['--tls-ca-cert-file', file('server.crt')],
      ...['--tls-auth-clients', 'no'],
      ...args,
    ];
  }
}

/** Writes a self-signed certificate for 127.0.0.1 into `folder`. */
function createCertificate(folder: string): void {
  const result = spawnSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
      ...['-keyout', path.join(folder, 'server.key')],
      ...['-out', path.join(folder, 'server.crt')],
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) {
    throw new Error(
      `openssl could not create a certificate:\n${result.stderr}`,
    );
  }
}
