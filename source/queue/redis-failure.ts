// Turns the errors of a failed Redis connection into one-line messages.

import { formatRedisUrl, type RedisTarget } from './redis-url.js';

/**
 * Kind of failure behind a RedisCheckError: no connection (`unreachable`),
 * no reply in time (`timeout`), credentials rejected (`auth`), TLS
 * handshake or certificate failed (`tls`), or any other error reply or a
 * closed connection from the server (`rejected`).
 */
export type RedisFailureKind =
  'unreachable' | 'timeout' | 'auth' | 'tls' | 'rejected';

/** Reports a failed Redis check. The message is the whole one-line error. */
export class RedisCheckError extends Error {
  readonly kind: RedisFailureKind;

  constructor(kind: RedisFailureKind, message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'RedisCheckError';
    this.kind = kind;
  }
}

/** Reports that the server sent no reply within the time allowed. */
export class RedisTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
  }
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL']);
const CLOSED_CODES = new Set(['ECONNRESET', 'EPIPE']);

/** OpenSSL's codes for a certificate that failed verification. */
const CERTIFICATE_CODE = /CERT|SIGNATURE|ISSUER/;
/** Node's codes for a TLS handshake that failed before any certificate. */
const HANDSHAKE_CODE = /^ERR_SSL_|^EPROTO$/;

const USE_FLAG = 'pass --redis with its URL';
const URL_WITH_PASSWORD = 'redis://USER:PASSWORD@HOST:PORT/DB';
const NOT_TLS_ADVICE =
  'check that the port serves TLS, or use redis:// if it does not';

type Failure = readonly [kind: RedisFailureKind, message: string];

/**
 * Wraps the error of a failed connection to `target` in a RedisCheckError.
 * The message shows the URL with its password replaced by `***`. The
 * original error stays as `cause`. ioredis 6.1 writes `[REDACTED]` in place
 * of the password in the arguments it keeps on its errors.
 */
export function describeRedisFailure(
  target: RedisTarget,
  error: unknown,
): RedisCheckError {
  const [kind, message] = classify(target, error);

  return new RedisCheckError(kind, message, error);
}

function classify(target: RedisTarget, error: unknown): Failure {
  const url = formatRedisUrl(target);
  const code = errorCode(error);
  if (error instanceof RedisTimeoutError || code === 'ETIMEDOUT') {
    const detail = error instanceof RedisTimeoutError ? error.message : code;
    const advice = target.tls
      ? NOT_TLS_ADVICE
      : 'check that Redis listens there and no firewall drops the ' +
        `packets, or ${USE_FLAG}`;

    return ['timeout', `Cannot reach Redis at ${url} (${detail}): ${advice}.`];
  }

  if (replyCode(error) !== '') {
    return classifyReply(target, url, messageOf(error));
  }

  if (target.tls && isTlsFailure(code)) {
    return ['tls', describeTlsFailure(target, url, code)];
  }

  if (CLOSED_CODES.has(code) || code === '') {
    const detail = code || messageOf(error);

    return [
      'rejected',
      `Redis at ${url} closed the connection (${detail}): if the server ` +
        "requires TLS, use rediss://, and otherwise check the server's log.",
    ];
  }

  return [
    'unreachable',
    `Cannot reach Redis at ${url} (${code}): ${unreachableAdvice(code)} ` +
      `or ${USE_FLAG}.`,
  ];
}

function unreachableAdvice(code: string): string {
  if (DNS_CODES.has(code)) {
    return 'check the host name';
  }

  if (code === 'ECONNREFUSED') {
    return 'start Redis there';
  }

  return 'check the host and the network';
}

function classifyReply(
  target: RedisTarget,
  url: string,
  reply: string,
): Failure {
  if (reply.startsWith('NOAUTH')) {
    return [
      'auth',
      `Redis at ${url} requires a password (NOAUTH): put it in the ` +
        `--redis URL, as in ${URL_WITH_PASSWORD}.`,
    ];
  }

  if (reply.startsWith('WRONGPASS')) {
    return [
      'auth',
      `Redis at ${url} rejected the user name or password (WRONGPASS): ` +
        `pass --redis with the right ones, as in ${URL_WITH_PASSWORD}.`,
    ];
  }

  if (/DB index is out of range/i.test(reply)) {
    return [
      'rejected',
      `Redis at ${url} has no database ${target.db} (${reply}): pass ` +
        '--redis with a database below its "databases" setting.',
    ];
  }

  return [
    'rejected',
    `Redis at ${url} rejected the connection (${reply}): check the ` +
      `server's configuration or ${USE_FLAG}.`,
  ];
}

function isTlsFailure(code: string): boolean {
  return (
    CERTIFICATE_CODE.test(code) ||
    HANDSHAKE_CODE.test(code) ||
    CLOSED_CODES.has(code)
  );
}

function describeTlsFailure(target: RedisTarget, url: string, code: string) {
  const prefix = `TLS connection to Redis at ${url} failed (${code})`;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return (
      `${prefix}: the server's certificate does not name ${target.host}, ` +
      'so connect with a host name that it names.'
    );
  }

  if (CERTIFICATE_CODE.test(code)) {
    return (
      `${prefix}: the server's certificate is not trusted. If a private ` +
      'CA signed it, set NODE_EXTRA_CA_CERTS to the CA file.'
    );
  }

  return `${prefix}: ${NOT_TLS_ADVICE}.`;
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;

  return typeof code === 'string' ? code : '';
}

/** Returns the first word of a Redis error reply, such as `WRONGPASS`. */
function replyCode(error: unknown): string {
  if (!(error instanceof Error) || error.name !== 'ReplyError') {
    return '';
  }

  return /^[A-Z]+/.exec(error.message)?.[0] ?? '';
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);

  return message.split('\n', 1)[0] ?? '';
}
