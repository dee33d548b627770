import { describe, expect, it } from 'vitest';

import {
  formatRedisUrl,
  parseRedisUrl,
  RedisUrlError,
  type RedisTarget,
} from '../../source/queue/redis-url.js';

const plain = { host: 'localhost', port: 6379, db: 0, tls: false };

function rejection(url: string): string {
  try {
    parseRedisUrl(url);
  } catch (error) {
    expect(error).toBeInstanceOf(RedisUrlError);

    return (error as Error).message;
  }

  throw new Error(`parseRedisUrl accepted ${url}`);
}

describe('parseRedisUrl', () => {
  it.each<[string, RedisTarget]>([
    ['redis://localhost', plain],
    ['redis://localhost/', plain],
    ['redis://localhost:', plain],
    ['REDIS://localhost', plain],
    [
      'redis://127.0.0.1:6390/3',
      { ...plain, host: '127.0.0.1', port: 6390, db: 3 },
    ],
    ['redis://localhost:1/15', { ...plain, port: 1, db: 15 }],
    ['redis://localhost:65535/0', { ...plain, port: 65_535 }],
    [
      'rediss://cache.example.com:6380/1',
      { ...plain, host: 'cache.example.com', port: 6380, db: 1, tls: true },
    ],
    ['redis://[::1]', { ...plain, host: '::1' }],
    ['redis://[::1]:7000/2', { ...plain, host: '::1', port: 7000, db: 2 }],
    [
      'rediss://[2001:db8::5]:6380',
      { ...plain, host: '2001:db8::5', port: 6380, tls: true },
    ],
    ['redis://:secret@localhost', { ...plain, password: 'secret' }],
    ['redis://alice@localhost', { ...plain, username: 'alice' }],
    [
      'redis://alice:secret@localhost:6379/15',
      { ...plain, db: 15, username: 'alice', password: 'secret' },
    ],
    ['redis://@localhost', plain],
  ])('parses %s', (url, expected) => {
    expect(parseRedisUrl(url)).toStrictEqual(expected);
  });

  it('decodes a percent-encoded user and password', () => {
    const target = parseRedisUrl('redis://al%3Aice:p%40ss%3Aw%2Frd%25@host');

    expect(target.username).toBe('al:ice');
    expect(target.password).toBe('p@ss:w/rd%');
  });

  it('takes the last "@" as the end of the password', () => {
    const target = parseRedisUrl('redis://:p@ss@word@host:6390');

    expect(target.password).toBe('p@ss@word');
    expect(target.host).toBe('host');
    expect(target.port).toBe(6390);
  });

  it.each([
    [
      'localhost:6379',
      'Invalid Redis URL "localhost:6379": it has no scheme, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'http://localhost:6379',
      'Invalid Redis URL "http://localhost:6379": the scheme must be redis:// or rediss:// (TLS), not http://.',
    ],
    [
      'unix:///tmp/redis.sock',
      'Invalid Redis URL "unix:///tmp/redis.sock": the scheme must be redis:// or rediss:// (TLS), not unix://.',
    ],
    [
      'redis://localhost:0',
      'Invalid Redis URL "redis://localhost:0": the port "0" must be a whole number from 1 to 65535.',
    ],
    [
      'redis://localhost:65536/0',
      'Invalid Redis URL "redis://localhost:65536/0": the port "65536" must be a whole number from 1 to 65535.',
    ],
    [
      'redis://localhost:http',
      'Invalid Redis URL "redis://localhost:http": the port "http" must be a whole number from 1 to 65535.',
    ],
    [
      'redis://[::1]:-1',
      'Invalid Redis URL "redis://[::1]:-1": the port "-1" must be a whole number from 1 to 65535.',
    ],
    [
      'redis://',
      'Invalid Redis URL "redis://": the host is missing, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'redis:///0',
      'Invalid Redis URL "redis:///0": the host is missing, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'redis://:6379',
      'Invalid Redis URL "redis://:6379": the host is missing, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'redis://[]:6379',
      'Invalid Redis URL "redis://[]:6379": the host is missing, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'redis://localhost/16',
      'Invalid Redis URL "redis://localhost/16": the database "16" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'redis://localhost/-1',
      'Invalid Redis URL "redis://localhost/-1": the database "-1" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'redis://localhost/cache',
      'Invalid Redis URL "redis://localhost/cache": the database "cache" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'redis://localhost/0/1',
      'Invalid Redis URL "redis://localhost/0/1": the database "0/1" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'redis://localhost/100',
      'Invalid Redis URL "redis://localhost/100": the database "100" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'redis://localhost?db=1',
      'Invalid Redis URL "redis://localhost?db=1": query strings and fragments are not supported. Put the user and password before the host and the database number in the path.',
    ],
    [
      'redis://localhost/0#main',
      'Invalid Redis URL "redis://localhost/0#main": query strings and fragments are not supported. Put the user and password before the host and the database number in the path.',
    ],
    [
      'redis://::1:6379',
      'Invalid Redis URL "redis://::1:6379": an IPv6 host must be in brackets, as in redis://[::1]:6379.',
    ],
    [
      'redis://[::1:6379',
      'Invalid Redis URL "redis://[::1:6379": the IPv6 host has no closing "]", as in redis://[::1]:6379.',
    ],
    [
      'redis://cache host',
      'Invalid Redis URL "redis://cache host": expected the form redis://[user][:password]@host[:port][/db].',
    ],
  ])('rejects %s', (url, message) => {
    expect(rejection(url)).toBe(message);
  });

  it.each([
    [
      'redis://:secret@:6379/0',
      'Invalid Redis URL "redis://:***@:6379/0": the host is missing, so write it as redis://[user][:password]@host[:port][/db].',
    ],
    [
      'redis://alice:secret@localhost:99999',
      'Invalid Redis URL "redis://alice:***@localhost:99999": the port "99999" must be a whole number from 1 to 65535.',
    ],
    [
      'redis://:se/cret@localhost',
      'Invalid Redis URL "redis://:***@localhost": the user or password contains "/", "?" or "#", so percent-encode them as %2F, %3F and %23.',
    ],
    [
      'redis://:se#cret@localhost',
      'Invalid Redis URL "redis://:***@localhost": the user or password contains "/", "?" or "#", so percent-encode them as %2F, %3F and %23.',
    ],
    [
      'redis://:se%zzcret@localhost',
      'Invalid Redis URL "redis://:***@localhost": the user or password has an invalid percent-encoding, so write "%" itself as %25.',
    ],
    [
      'redis://:secret@localhost/16',
      'Invalid Redis URL "redis://:***@localhost/16": the database "16" must be a whole number from 0 to 15, as in redis://host:6379/0.',
    ],
    [
      'http://alice:secret@localhost',
      'Invalid Redis URL "http://alice:***@localhost": the scheme must be redis:// or rediss:// (TLS), not http://.',
    ],
    [
      'alice:secret@localhost:6379',
      'Invalid Redis URL "alice:***@localhost:6379": it has no scheme, so write it as redis://[user][:password]@host[:port][/db].',
    ],
  ])('hides the password when it rejects %s', (url, message) => {
    const text = rejection(url);

    expect(text).toBe(message);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('cret');
  });
});

describe('formatRedisUrl', () => {
  it('writes out the default port and database', () => {
    expect(formatRedisUrl(parseRedisUrl('redis://localhost'))).toBe(
      'redis://localhost:6379/0',
    );
  });

  it('replaces the password with ***', () => {
    const target = parseRedisUrl('rediss://alice:secret@host:6380/2');

    expect(formatRedisUrl(target)).toBe('rediss://alice:***@host:6380/2');
  });

  it('shows a password-only user info', () => {
    const target = parseRedisUrl('redis://:p%40ss@host');

    expect(formatRedisUrl(target)).toBe('redis://:***@host:6379/0');
  });

  it('encodes the user name again', () => {
    const target = parseRedisUrl('redis://al%40ice@host');

    expect(formatRedisUrl(target)).toBe('redis://al%40ice@host:6379/0');
  });

  it('puts IPv6 hosts back in brackets', () => {
    const target = parseRedisUrl('redis://[::1]:7000/3');

    expect(formatRedisUrl(target)).toBe('redis://[::1]:7000/3');
  });
});
