import { ReplyError } from 'ioredis';
import { describe, expect, it } from 'vitest';

import {
  describeRedisFailure,
  RedisTimeoutError,
} from '../../source/queue/redis-failure.js';
import { parseRedisUrl } from '../../source/queue/redis-url.js';

// Errors a user can meet but these tests cannot cause on loopback, such as
// DNS failures and certificates for another host, built as Node and
// ioredis build them.

const plain = parseRedisUrl('redis://:secret@cache.lan:6390/2');
const secure = parseRedisUrl('rediss://:secret@cache.lan:6390/2');

function systemError(code: string, message = `connect ${code}`): Error {
  return Object.assign(new Error(message), { code });
}

function replyError(message: string): Error {
  return new ReplyError(message) as Error;
}

describe('describeRedisFailure', () => {
  it('names a DNS failure', () => {
    const error = describeRedisFailure(plain, systemError('ENOTFOUND'));

    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      'Cannot reach Redis at redis://:***@cache.lan:6390/2 (ENOTFOUND): ' +
        'check the host name or pass --redis with its URL.',
    );
  });

  it('names an unreachable network', () => {
    const error = describeRedisFailure(plain, systemError('EHOSTUNREACH'));

    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      'Cannot reach Redis at redis://:***@cache.lan:6390/2 (EHOSTUNREACH): ' +
        'check the host and the network or pass --redis with its URL.',
    );
  });

  it('names a connect timeout from ioredis', () => {
    const error = describeRedisFailure(plain, systemError('ETIMEDOUT'));

    expect(error.kind).toBe('timeout');
    expect(error.message).toContain('(ETIMEDOUT): check that Redis listens');
  });

  it('advises redis:// on a TLS timeout', () => {
    const error = describeRedisFailure(secure, new RedisTimeoutError(500));

    expect(error.kind).toBe('timeout');
    expect(error.message).toBe(
      'Cannot reach Redis at rediss://:***@cache.lan:6390/2 (timed out ' +
        'after 500 ms): check that the port serves TLS, or use redis:// if ' +
        'it does not.',
    );
  });

  it('names a certificate for another host', () => {
    const cause = systemError('ERR_TLS_CERT_ALTNAME_INVALID', 'altnames');
    const error = describeRedisFailure(secure, cause);

    expect(error.kind).toBe('tls');
    expect(error.message).toBe(
      'TLS connection to Redis at rediss://:***@cache.lan:6390/2 failed ' +
        "(ERR_TLS_CERT_ALTNAME_INVALID): the server's certificate does not " +
        'name cache.lan, so connect with a host name that it names.',
    );
  });

  it.each([
    'CERT_HAS_EXPIRED',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  ])('calls %s untrusted', (code) => {
    const error = describeRedisFailure(secure, systemError(code));

    expect(error.kind).toBe('tls');
    expect(error.message).toContain("the server's certificate is not trusted");
  });

  it.each(['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ECONNRESET'])(
    'takes %s on rediss:// for a plain port',
    (code) => {
      const error = describeRedisFailure(secure, systemError(code));

      expect(error.kind).toBe('tls');
      expect(error.message).toContain('or use redis:// if it does not.');
    },
  );

  it('reports a connection closed without a code', () => {
    const error = describeRedisFailure(
      plain,
      new Error('Connection is closed.'),
    );

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'Redis at redis://:***@cache.lan:6390/2 closed the connection ' +
        '(Connection is closed.): if the server requires TLS, use ' +
        "rediss://, and otherwise check the server's log.",
    );
  });

  it('quotes the first line of another error reply', () => {
    const cause = replyError(
      'DENIED Redis is running in protected mode\nmore detail',
    );
    const error = describeRedisFailure(plain, cause);

    expect(error.kind).toBe('rejected');
    expect(error.message).toBe(
      'Redis at redis://:***@cache.lan:6390/2 rejected the connection ' +
        '(DENIED Redis is running in protected mode): check the ' +
        "server's configuration or pass --redis with its URL.",
    );
  });

  it('keeps the original error as cause', () => {
    const cause = systemError('ECONNREFUSED');

    expect(describeRedisFailure(plain, cause).cause).toBe(cause);
  });

  it('hides the password', () => {
    const error = describeRedisFailure(secure, systemError('ENOTFOUND'));

    expect(error.message).not.toContain('secret');
  });
});
