import { afterEach, describe, expect, it } from 'vitest';

import { answersPing, hasRedisServer, RedisServer } from './redis-server.js';

describe.skipIf(!hasRedisServer)('RedisServer', () => {
  let server: RedisServer | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('answers PING once started', async () => {
    server = await RedisServer.start();

    expect(await answersPing(server.port)).toBe(true);
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}/0`);
  });

  it('puts the password in its URL', async () => {
    server = await RedisServer.start({ password: 'secret' });

    expect(server.url).toBe(`redis://:secret@127.0.0.1:${server.port}/0`);
    expect(await answersPing(server.port)).toBe(false);
    expect(await answersPing(server.port, { password: 'secret' })).toBe(true);
  });

  it('stops answering once stopped', async () => {
    server = await RedisServer.start();
    await server.stop();

    expect(await answersPing(server.port)).toBe(false);
  });

  it('restarts on the same port', async () => {
    server = await RedisServer.start();
    const port = server.port;

    await server.restart();

    expect(server.port).toBe(port);
    expect(await answersPing(port)).toBe(true);
  });
});
