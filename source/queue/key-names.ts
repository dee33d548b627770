// Names of the Redis keys and the BullMQ queue of one distributed run.
//
// BullMQ keeps its keys under `<prefix>:<queue name>:`, that is
// `traintop:run-<run id>:`. traintop's own keys sit under
// `<prefix>:run:<run id>:`. Only a queue named exactly `run` would share
// that space, and the queue of a run is always `run-<run id>`. The registry
// of active runs, shared by all runs, is `<prefix>:runs`.

/** Prefix of every key traintop writes to Redis. */
export const DEFAULT_KEY_PREFIX = 'traintop';

/**
 * Run ids, worker ids and prefixes become parts of key names. This keeps
 * out ":" (BullMQ rejects it in queue names) and the glob characters of
 * SCAN MATCH patterns.
 */
const KEY_PART = /^[A-Za-z\d._-]+$/;

/** Queue name and key names of one run. */
export type RunKeys = {
  /** BullMQ `prefix` option of the run's queue. Default `traintop`. */
  readonly prefix: string;
  /** BullMQ queue that contains the run's trials: `run-<run id>`. */
  readonly queueName: string;
  /** Stream that workers append progress events to. */
  readonly progressStream: string;
  /** SCAN MATCH pattern for the heartbeat keys of all the run's workers. */
  readonly heartbeatPattern: string;
  /** Key through which the coordinator sends controls to the workers. */
  readonly controlKey: string;
  /** Hash that contains the run's data table, stored once per run. */
  readonly tableKey: string;
};

export type RunKeysOptions = {
  /** Prefix of all keys. Default DEFAULT_KEY_PREFIX. Tests pass their own. */
  readonly prefix?: string;
};

/** Rejects a run id, worker id or prefix that cannot be part of a key. */
export class KeyNameError extends Error {}

/** Derives the queue name and key names of run `runId`. */
export function createRunKeys(
  runId: string,
  { prefix = DEFAULT_KEY_PREFIX }: RunKeysOptions = {},
): RunKeys {
  checkKeyPart('key prefix', prefix);
  checkKeyPart('run id', runId);
  const runKey = `${prefix}:run:${runId}`;

  return {
    prefix,
    queueName: `run-${runId}`,
    progressStream: `${runKey}:progress`,
    heartbeatPattern: `${runKey}:heartbeat:*`,
    controlKey: `${runKey}:control`,
    tableKey: `${runKey}:table`,
  };
}

/**
 * Returns the sorted set of active runs under `prefix`: `<prefix>:runs`.
 * No queue is named `runs`, so BullMQ never writes a key of that name.
 */
export function runRegistryKey(prefix: string = DEFAULT_KEY_PREFIX): string {
  checkKeyPart('key prefix', prefix);

  return `${prefix}:runs`;
}

/**
 * Returns the Pub/Sub channel on which coordinators under `prefix` publish
 * a run id when the run starts or its controls change, so that workers act
 * at once rather than on their next tick. Channels are not keys, so this
 * one never meets a key of the same name.
 */
export function noticeChannel(prefix: string = DEFAULT_KEY_PREFIX): string {
  checkKeyPart('key prefix', prefix);

  return `${prefix}:notices`;
}

/** Returns the key that worker `workerId` refreshes while it is alive. */
export function heartbeatKey(keys: RunKeys, workerId: string): string {
  checkKeyPart('worker id', workerId);

  return keys.heartbeatPattern.replace(/\*$/, workerId);
}

function checkKeyPart(label: string, value: string): void {
  if (!KEY_PART.test(value)) {
    throw new KeyNameError(
      `Invalid ${label} "${value}": use only letters, digits, ".", "_" ` +
        'and "-", because it becomes part of Redis key names.',
    );
  }
}
