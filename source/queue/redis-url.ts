// Parses the Redis URL given with --redis into a typed target.

import net from 'node:net';

import { redactUrl } from './redact-url.js';

/** Port used when the URL names none. */
export const DEFAULT_REDIS_PORT = 6379;

/**
 * Highest database index accepted, because a default Redis server has 16.
 * NOTE: A server configured with more databases still cannot be used past
 * database 15 through a --redis URL.
 */
export const MAX_REDIS_DB = 15;

const MAX_PORT = 65_535;
const URL_FORM = 'redis://[user][:password]@host[:port][/db]';

/** Redis server and database that traintop connects to. */
export type RedisTarget = {
  /** Host name or IP address. An IPv6 address has no brackets. */
  readonly host: string;
  /** TCP port, 1 to 65535. Default 6379. */
  readonly port: number;
  /** Database index, 0 to 15. Default 0. */
  readonly db: number;
  /** ACL user name, percent-decoded. Absent for the default user. */
  readonly username?: string;
  /** Password, percent-decoded. Absent when the URL has none. */
  readonly password?: string;
  /** Whether the URL uses rediss://, which connects over TLS. */
  readonly tls: boolean;
};

/** Rejects a Redis URL. The message is the whole one-line error. */
export class RedisUrlError extends Error {}

/**
 * Parses `redis://[user][:password]@host[:port][/db]` or the same with
 * `rediss://` for TLS. Throws RedisUrlError, whose message shows the URL
 * with its password replaced by `***`.
 */
export function parseRedisUrl(text: string): RedisTarget {
  const scheme = /^([a-z][a-z\d+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    throw urlError(text, `it has no scheme, so write it as ${URL_FORM}.`);
  }

  if (scheme !== 'redis' && scheme !== 'rediss') {
    throw urlError(
      text,
      `the scheme must be redis:// or rediss:// (TLS), not ${scheme}://.`,
    );
  }

  const authorityProblem = checkAuthority(text.slice(`${scheme}://`.length));
  if (authorityProblem !== null) {
    throw urlError(text, authorityProblem);
  }

  const url = URL.parse(text);
  if (url === null) {
    throw urlError(text, `expected the form ${URL_FORM}.`);
  }

  if (url.search !== '' || url.hash !== '') {
    throw urlError(
      text,
      'query strings and fragments are not supported. Put the user and ' +
        'password before the host and the database number in the path.',
    );
  }

  const db = parseDb(url.pathname);
  if (db === null) {
    throw urlError(
      text,
      `the database "${url.pathname.slice(1)}" must be a whole number ` +
        `from 0 to ${MAX_REDIS_DB}, as in redis://host:6379/0.`,
    );
  }

  const username = decodeUserInfo(url.username);
  const password = decodeUserInfo(url.password);
  if (username === null || password === null) {
    throw urlError(
      text,
      'the user or password has an invalid percent-encoding, so write ' +
        '"%" itself as %25.',
    );
  }

  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? DEFAULT_REDIS_PORT : Number(url.port),
    db,
    ...(username === '' ? {} : { username }),
    ...(password === '' ? {} : { password }),
    tls: scheme === 'rediss',
  };
}

/**
 * Formats a target as a URL with its password replaced by `***`, for
 * messages and logs. Defaults are written out: `redis://localhost:6379/0`.
 */
export function formatRedisUrl(target: RedisTarget): string {
  const scheme = target.tls ? 'rediss' : 'redis';
  const user = encodeURIComponent(target.username ?? '');
  const password = target.password === undefined ? '' : ':***';
  const userInfo = user + password === '' ? '' : `${user}${password}@`;
  const host = net.isIPv6(target.host) ? `[${target.host}]` : target.host;

  return `${scheme}://${userInfo}${host}:${target.port}/${target.db}`;
}

/**
 * Checks the host and port by hand, because the URL parser rejects a bad
 * port or an empty host without saying which part is wrong.
 */
function checkAuthority(afterScheme: string): string | null {
  const end = afterScheme.search(/[/?#]/);
  const authority = end === -1 ? afterScheme : afterScheme.slice(0, end);
  const rest = end === -1 ? '' : afterScheme.slice(end);
  if (rest.includes('@')) {
    return (
      'the user or password contains "/", "?" or "#", so percent-encode ' +
      'them as %2F, %3F and %23.'
    );
  }

  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const isBracketed = hostAndPort.startsWith('[');
  if (isBracketed && !hostAndPort.includes(']')) {
    return 'the IPv6 host has no closing "]", as in redis://[::1]:6379.';
  }

  if (!isBracketed && hostAndPort.split(':').length > 2) {
    return 'an IPv6 host must be in brackets, as in redis://[::1]:6379.';
  }

  const [, host = '', port] =
    /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostAndPort) ?? [];
  if (port !== undefined && port !== '' && !isPort(port)) {
    return `the port "${port}" must be a whole number from 1 to ${MAX_PORT}.`;
  }

  if (host === '' || host === '[]') {
    return `the host is missing, so write it as ${URL_FORM}.`;
  }

  return null;
}

function urlError(text: string, problem: string): RedisUrlError {
  return new RedisUrlError(
    `Invalid Redis URL "${redactUrl(text)}": ${problem}`,
  );
}

function isPort(text: string): boolean {
  const port = Number(text);

  return /^\d+$/.test(text) && port >= 1 && port <= MAX_PORT;
}

function parseDb(pathname: string): number | null {
  if (pathname === '' || pathname === '/') {
    return 0;
  }

  const match = /^\/(\d{1,2})$/.exec(pathname);
  const db = Number(match?.[1]);

  return match !== null && db <= MAX_REDIS_DB ? db : null;
}

function decodeUserInfo(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
