import { execFile } from 'node:child_process';
import { once } from 'node:events';
import net from 'node:net';
import path from 'node:path';
import { inspect, promisify } from 'node:util';

import { afterEach, describe, expect, it } from 'vitest';

import { checkRedis } from '../../source/queue/check-redis.js';
import { RedisCheckError } from '../../source/queue/redis-failure.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';
import {
  answersPing,
  findFreePort,
  hasOpenssl,
  hasRedisServer,
  RedisServer,
} from './redis-server.js';

const TIMEOUT_MS = 2_000;
const SHORT_TIMEOUT_MS = 300;
const MACHINE_REDIS_PORT = 6379;
/** Database 15 of the machine's Redis, which these tests only PING. */
const MACHINE_REDIS_URL = `redis://127.0.0.1:${MACHINE_REDIS_PORT}/15`;
const PASSWORD = 'secret-Pa55';
/** Time a child process gets to start and exit beyond its check, in ms. */
const EXIT_GRACE_MS = 3_000;
const RESOLVE_TS = path.resolve('test/queue/fixtures/resolve-ts.mjs');
const CHECK_ONCE = path.resolve('test/queue/fixtures/check-once.ts');

const execFileAsync = promisify(execFile);

const hasMachineRedis = await answersPing(MACHINE_REDIS_PORT);
if (!hasMachineRedis) {
  console.warn(
    `Skipping the checkRedis tests against the machine's Redis: nothing ` +
      `answers PING at 127.0.0.1:${MACHINE_REDIS_PORT}.`,
  );
}

/** Runs checkRedis on `url` and returns the error it throws. */
async function checkError(
  url: string,
  timeoutMs = TIMEOUT_MS,
): Promise<RedisCheckError> {
  const error: unknown = await checkRedis(parseRedisUrl(url), {
    timeoutMs,
  }).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof RedisCheckError)) {
    throw new Error(`Expected a RedisCheckError from ${url}, got ${error}`);
  }

  return error;
}

/**
 * Runs checkRedis in a child process, which must exit by itself: an open
 * socket or timer left behind would keep it alive until the kill timeout.
 */
async function checkInChild(url: string, timeoutMs: number) {
  const startedAt = performance.now();
  const { stdout, stderr } = await execFileAsync(
    process.execPath,
    ['--import', RESOLVE_TS, CHECK_ONCE, url, String(timeoutMs)],
    { timeout: timeoutMs + EXIT_GRACE_MS, killSignal: 'SIGKILL' },
  );

  return {
    output: stdout.trim(),
    errorOutput: stderr,
    elapsedMs: performance.now() - startedAt,
  };
}

/** Starts a TCP server that accepts connections and never replies. */
async function startSilentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const close = async () => {
    for (const socket of sockets) {
      socket.destroy();
    }

    server.close();
    await once(server, 'close');
  };

  return { port: (server.address() as net.AddressInfo).port, close };
}

describe.skipIf(!hasMachineRedis)("checkRedis on the machine's Redis", () => {
  it('resolves on database 15', async () => {
    const target = parseRedisUrl(MACHINE_REDIS_URL);

    await expect(
      checkRedis(target, { timeoutMs: TIMEOUT_MS }),
    ).resolves.toBeUndefined();
  });

  it('lets the process exit after success', async () => {
    const result = await checkInChild(MACHINE_REDIS_URL, TIMEOUT_MS);

    expect(result.output).toBe('ok');
    expect(result.errorOutput).toBe('');
  });
});

describe('checkRedis without a server', () => {
  it('reports a refused connection', async () => {
    const port = await findFreePort();
    const error = await checkError(`redis://127.0.0.1:${port}`);

    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      `Cannot reach Redis at redis://127.0.0.1:${port}/0 (ECONNREFUSED): ` +
        'start Redis there or pass --redis with its URL.',
    );
  });

  it('hides the password when refused', async () => {
    const port = await findFreePort();
    const error = await checkError(`redis://bob:${PASSWORD}@127.0.0.1:${port}`);

    expect(error.message).toContain(`redis://bob:***@127.0.0.1:${port}/0`);
    expect(error.message).not.toContain(PASSWORD);
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
  });

  it('lets the process exit when refused', async () => {
    const port = await findFreePort();
    const result = await checkInChild(`redis://127.0.0.1:${port}`, TIMEOUT_MS);

    expect(result.output).toBe(
      `Cannot reach Redis at redis://127.0.0.1:${port}/0 (ECONNREFUSED): ` +
        'start Redis there or pass --redis with its URL.',
    );
    expect(result.errorOutput).toBe('');
  });
});

describe('checkRedis on a server that never replies', () => {
  let silent: Awaited<ReturnType<typeof startSilentServer>> | undefined;

  afterEach(async () => {
    await silent?.close();
  });

  it('times out', async () => {
    silent = await startSilentServer();
    const startedAt = performance.now();
    const error = await checkError(
      `redis://127.0.0.1:${silent.port}`,
      SHORT_TIMEOUT_MS,
    );

    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      `Cannot reach Redis at redis://127.0.0.1:${silent.port}/0 (timed ` +
        `out after ${SHORT_TIMEOUT_MS} ms): check that Redis listens there ` +
        'and no firewall drops the packets, or pass --redis with its URL.',
    );
    expect(performance.now() - startedAt).toBeLessThan(TIMEOUT_MS);
  });

  it('lets the process exit after a timeout', async () => {
    silent = await startSilentServer();
    const result = await checkInChild(
      `redis://127.0.0.1:${silent.port}`,
      SHORT_TIMEOUT_MS,
    );

    expect(result.output).toContain(`(timed out after ${SHORT_TIMEOUT_MS} ms)`);
    expect(result.errorOutput).toBe('');
    expect(result.elapsedMs).toBeLessThan(SHORT_TIMEOUT_MS + EXIT_GRACE_MS);
  });
});

describe.skipIf(!hasRedisServer)('checkRedis on a private server', () => {
  let server: RedisServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('resolves with the right password', async () => {
    server = await RedisServer.start({ password: PASSWORD });
    const target = parseRedisUrl(server.url);

    await expect(
      checkRedis(target, { timeoutMs: TIMEOUT_MS }),
    ).resolves.toBeUndefined();
  });

  it('reports a missing password', async () => {
    server = await RedisServer.start({ password: PASSWORD });
    const error = await checkError(`redis://127.0.0.1:${server.port}/0`);

    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      `Redis at redis://127.0.0.1:${server.port}/0 requires a password ` +
        '(NOAUTH): put it in the --redis URL, as in ' +
        'redis://USER:PASSWORD@HOST:PORT/DB.',
    );
  });

  it('reports a wrong password without showing it', async () => {
    server = await RedisServer.start({ password: PASSWORD });
    const error = await checkError(
      `redis://:wrong-Pa55@127.0.0.1:${server.port}/0`,
    );

    expect(error.kind).toBe('auth');
    expect(error.message).toBe(
      `Redis at redis://:***@127.0.0.1:${server.port}/0 rejected the user ` +
        'name or password (WRONGPASS): pass --redis with the right ones, ' +
        'as in redis://USER:PASSWORD@HOST:PORT/DB.',
    );
    expect(inspect(error, { depth: 10 })).not.toContain('wrong-Pa55');
  });

  it('reports an unknown user', async () => {
    server = await RedisServer.start({ password: PASSWORD });
    const error = await checkError(
      `redis://bob:${PASSWORD}@127.0.0.1:${server.port}/0`,
    );

    expect(error.kind).toBe('auth');
    expect(error.message).toContain('(WRONGPASS)');
    expect(inspect(error, { depth: 10 })).not.toContain(PASSWORD);
  });

  it('reports a database the server lacks', async () => {
    server = await RedisServer.start({ databases: 4 });
    const error = await checkError(`redis://127.0.0.1:${server.port}/9`);

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      `Redis at redis://127.0.0.1:${server.port}/9 has no database 9 ` +
        '(ERR DB index is out of range): pass --redis with a database ' +
        'below its "databases" setting.',
    );
  });

  it('reports a TLS URL for a plain server', async () => {
    server = await RedisServer.start();
    const error = await checkError(
      `rediss://127.0.0.1:${server.port}/0`,
      SHORT_TIMEOUT_MS,
    );

    // Redis reads the TLS hello as an inline command. Depending on its
    // random bytes, Redis waits for more, replies with an error or closes.
    expect(['tls', 'timeout']).toContain(error.kind);
    expect(error.message).toContain(
      'check that the port serves TLS, or use redis:// if it does not.',
    );
  });
});

describe.skipIf(!hasRedisServer || !hasOpenssl)(
  'checkRedis on a private TLS server',
  () => {
    let server: RedisServer | undefined;

    afterEach(async () => {
      await server?.stop();
      server = undefined;
    });

    it('reports an untrusted certificate', async () => {
      server = await RedisServer.start({ tls: true });
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on('warning', onWarning);

      const error = await checkError(server.url);
      process.off('warning', onWarning);

      expect(error.kind).toBe('tls');
      expect(error.message).toBe(
        `TLS connection to Redis at rediss://127.0.0.1:${server.port}/0 ` +
          "failed (DEPTH_ZERO_SELF_SIGNED_CERT): the server's certificate " +
          'is not trusted. If a private CA signed it, set ' +
          'NODE_EXTRA_CA_CERTS to the CA file.',
      );
      expect(warnings).toStrictEqual([]);
    });

    it('reports a plain URL for a TLS server', async () => {
      server = await RedisServer.start({ tls: true });
      const error = await checkError(
        `redis://127.0.0.1:${server.port}/0`,
        SHORT_TIMEOUT_MS,
      );

      expect(error.kind).toBe('rejected');
      expect(error.message).toBe(
        `Redis at redis://127.0.0.1:${server.port}/0 closed the connection ` +
          '(ECONNRESET): if the server requires TLS, use rediss://, and ' +
          "otherwise check the server's log.",
      );
    });
  },
);
