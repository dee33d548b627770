import { availableParallelism, hostname } from 'node:os';
import { parseArgs } from 'node:util';

import { MAX_THREADS } from '../queue/control-record.js';
import { DEFAULT_KEY_PREFIX } from '../queue/key-names.js';
import { QueueWorker } from '../queue/queue-worker.js';
import { formatRedisUrl, type RedisTarget } from '../queue/redis-url.js';
import { EXIT_FORCED, rejectInput } from './exit-codes.js';
import { describeRange, TICK_MS_RANGE, type Range } from './flag-table.js';
import { parseWholeNumber } from './flag-values.js';
import { checkLogFile, openLogFile } from './logger.js';
import { checkQueue, readQueueUrl } from './queue-flags.js';
import { handleStopSignals } from './stop-signals.js';

/** Time between two ticks of a worker without --tick, in ms. */
const DEFAULT_WORKER_TICK_MS = 1_000;

const DEFAULT_LOG_FILE = 'traintop-worker.log';

/** Time a stopped worker waits for leftover connections to end, in ms. */
const LEFTOVER_WAIT_MS = 500;

const THREADS_RANGE: Range = { min: 1, max: MAX_THREADS };

const USAGE =
  'usage: traintop worker --redis URL [--threads N] [--prefix P] ' +
  '[--tick MS] [--log FILE]';

const TICK_RANGE_TEXT = `${TICK_MS_RANGE.min} to ${TICK_MS_RANGE.max} ms`;

const HELP = `${USAGE}

Trains the trials of every active run that a coordinator (traintop run
--redis) puts on Redis, on this machine's worker threads. SIGTERM or
Ctrl+C hands the running trials back to the queue and stops the worker.

  --redis URL   Redis server: redis://[user][:password]@host[:port][/db],
                or rediss:// for TLS; a URL without a password takes the
                one in TRAINTOP_REDIS_PASSWORD
  --threads N   trials trained at once per run, 1 to ${MAX_THREADS}, unless
                the run's coordinator sets another count
                (default: one per CPU core)
  --prefix P    key prefix of the runs to serve (default: ${DEFAULT_KEY_PREFIX})
  --tick MS     time between two looks for runs, controls and heartbeats,
                ${TICK_RANGE_TEXT} (default: ${DEFAULT_WORKER_TICK_MS})
  --log FILE    the worker's log file (default: ${DEFAULT_LOG_FILE})
`;

type WorkerArgs = {
  readonly target: RedisTarget;
  readonly threads: number;
  readonly prefix: string;
  readonly tickMs: number;
  readonly logPath: string;
};

/**
 * Runs `traintop worker`: checks Redis, then serves runs until a stop
 * signal. Returns the exit code: 0 after a stop, 2 for bad flags or an
 * unreachable Redis.
 */
export async function runWorkerCommand(
  argv: readonly string[],
): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP);
    return 0;
  }

  const args = parseWorkerArgs(argv);
  if (typeof args === 'string') {
    return rejectInput(args);
  }

  const redisProblem = await checkQueue(args);
  if (redisProblem !== null) {
    return rejectInput(redisProblem);
  }

  // Checked after Redis, so a worker that cannot start leaves no log file.
  const logProblem = checkLogFile(args.logPath);
  if (logProblem !== null) {
    return rejectInput(logProblem);
  }

  return serve(args);
}

async function serve(args: WorkerArgs): Promise<number> {
  const log = openLogFile(args.logPath);
  const host = hostname();
  const workerId = toWorkerId(host);
  const worker = new QueueWorker({
    ...args,
    workerId,
    host,
    logger: log.logger,
  });

  // A stray rejection in a library must not end a worker that serves runs.
  const onRejection = (reason: unknown) => {
    log.logger.error({ err: reason }, 'unhandled rejection');
  };
  process.on('unhandledRejection', onRejection);

  let requestStop = () => {};
  const stopRequested = new Promise<void>((resolve) => {
    requestStop = resolve;
  });
  const removeSignalHandlers = handleStopSignals({
    onStop: () => requestStop(),
    onForce: () => {
      log.logger.warn('second stop signal: exiting without handing back');
      log.flush();
      process.exit(EXIT_FORCED);
    },
  });

  worker.start();
  process.stdout.write(
    `traintop worker ${workerId}: serving runs under "${args.prefix}" at ` +
      `${formatRedisUrl(args.target)} with ${args.threads} ` +
      `${args.threads === 1 ? 'thread' : 'threads'}, ` +
      `logging to ${args.logPath}\n`,
  );

  await stopRequested;
  process.stdout.write(
    `traintop worker ${workerId}: stopping, handing back running trials\n`,
  );
  await worker.stop();
  removeSignalHandlers();
  process.off('unhandledRejection', onRejection);
  log.flush();
  const failure = log.failure();
  if (failure) {
    process.stderr.write(
      `warning: Failed to write ${args.logPath}: ${failure.message}; ` +
        'it stops there.\n',
    );
  }

  // While Redis is down, BullMQ's connections go on reconnecting and a
  // trial handing back its job waits for Redis, so they would hold the
  // process open with nothing left to do. The timer alone keeps nothing
  // open, so a clean stop exits as soon as the output is written.
  setTimeout(() => process.exit(), LEFTOVER_WAIT_MS).unref();

  return 0;
}

function parseWorkerArgs(argv: readonly string[]): WorkerArgs | string {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        redis: { type: 'string' },
        threads: { type: 'string' },
        prefix: { type: 'string' },
        tick: { type: 'string' },
        log: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    return `${(error as Error).message}: ${USAGE}.`;
  }

  if (values.redis === undefined) {
    return `Missing --redis: ${USAGE}.`;
  }

  const queue = readQueueUrl(values.redis, values.prefix);
  if (typeof queue === 'string') {
    return queue;
  }

  const threads = readCount(values.threads, 'threads', THREADS_RANGE);
  const tickMs = readCount(values.tick, 'tick', TICK_MS_RANGE);
  if (typeof threads === 'string' || typeof tickMs === 'string') {
    return typeof threads === 'string' ? threads : (tickMs as string);
  }

  return {
    ...queue,
    logPath: values.log ?? DEFAULT_LOG_FILE,
    threads: threads ?? availableParallelism(),
    tickMs: tickMs ?? DEFAULT_WORKER_TICK_MS,
  };
}

/** Returns the number, undefined when absent, or the error line. */
function readCount(
  text: string | undefined,
  flag: string,
  range: Range,
): number | undefined | string {
  if (text === undefined) {
    return undefined;
  }

  const value = parseWholeNumber(text);
  if (value === null || value < range.min || value > range.max!) {
    const unit = flag === 'tick' ? ' of milliseconds' : '';

    return (
      `Invalid --${flag} "${text}": expected a whole number${unit} ` +
      `${describeRange(range)}.`
    );
  }

  return value;
}

/**
 * Returns `<host>-<pid>`, with any character that cannot be part of a key
 * name replaced by "-", so two workers on one machine differ.
 */
function toWorkerId(host: string): string {
  return `${host.replace(/[^A-Za-z\d._-]/g, '-')}-${process.pid}`;
}
