import {
  DEFAULT_KEY_PREFIX,
  KeyNameError,
  runRegistryKey,
} from '../queue/key-names.js';
import { RedisCheckError } from '../queue/redis-failure.js';
import {
  parseRedisUrl,
  RedisUrlError,
  type RedisTarget,
} from '../queue/redis-url.js';

/** Time allowed to reach Redis before a queued run starts, in ms. */
const REDIS_CHECK_TIMEOUT_MS = 5_000;

/** The Redis queue that a coordinator puts its trials on. */
export type QueueOptions = {
  readonly target: RedisTarget;
  /** Key prefix; workers serve the runs under the prefix they name. */
  readonly prefix: string;
};

/**
 * Reads --redis and --prefix. Returns null without --redis, the options,
 * or the one-line error for a bad URL or prefix. The URL's password never
 * appears in the error.
 */
export function readQueueFlags(
  redis: string | undefined,
  prefix: string | undefined,
): QueueOptions | null | string {
  if (redis === undefined) {
    return prefix === undefined
      ? null
      : 'Cannot use --prefix without --redis: it names the Redis keys of a ' +
          'queued run; add --redis URL or drop --prefix.';
  }

  return readQueueUrl(redis, prefix);
}

/**
 * Environment variable with the Redis password for a URL that has none, so
 * the password stays out of the command line, `ps` and shell history.
 */
export const REDIS_PASSWORD_VARIABLE = 'TRAINTOP_REDIS_PASSWORD';

/**
 * Reads a --redis URL and an optional --prefix, or returns the error. A URL
 * without a password takes the one in TRAINTOP_REDIS_PASSWORD, if set.
 */
export function readQueueUrl(
  redis: string,
  prefix: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): QueueOptions | string {
  try {
    const target = parseRedisUrl(redis);
    const password = env[REDIS_PASSWORD_VARIABLE];
    const options = {
      target:
        target.password === undefined && password
          ? { ...target, password }
          : target,
      prefix: prefix ?? DEFAULT_KEY_PREFIX,
    };
    runRegistryKey(options.prefix);

    return options;
  } catch (error) {
    if (error instanceof RedisUrlError || error instanceof KeyNameError) {
      return error.message;
    }
    throw error;
  }
}

/**
 * Connects once to the queue's Redis. Returns null when it replies, else
 * the one-line reason, which names the URL without its password.
 */
export async function checkQueue(queue: QueueOptions): Promise<string | null> {
  // Loaded here, so runs on local threads never load the Redis client.
  const { checkRedis } = await import('../queue/check-redis.js');
  try {
    await checkRedis(queue.target, { timeoutMs: REDIS_CHECK_TIMEOUT_MS });

    return null;
  } catch (error) {
    if (error instanceof RedisCheckError) {
      return error.message;
    }
    throw error;
  }
}
