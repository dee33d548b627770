import { alertFields } from '../alerts/alert-text.js';
import type { TrialSpec } from '../plan/trial-spec.js';
import { DEFAULT_KEY_PREFIX } from '../queue/key-names.js';
import type { EventBus } from '../state/event-bus.js';
import type {
  DataSource,
  EventOf,
  QueueSource,
  RunEvent,
} from '../state/events.js';
import { dataSummaryParts } from '../ui/data-summary.js';
import {
  formatScore,
  formatScoreWithSpread,
  formatTrainingTime,
  formatTrialMetric,
  toOneLine,
} from '../ui/format.js';
import { metricLabel, scoreLabel, taskOf } from '../ui/score-labels.js';

/** Gap between the fields of a plain line. */
const FIELD_GAP = '  ';

export type PlainOutputOptions = {
  readonly bus: Pick<EventBus, 'subscribe'>;
  /**
   * Writes one line, newline included. Pass a wrapper such as
   * `(text) => process.stdout.write(text)`, because a bare
   * `process.stdout.write` loses its stream.
   */
  readonly write: (text: string) => void;
  /**
   * `plain` writes a line when the run starts, per finished or failed trial,
   * per crashed worker, per alert raised or cleared, and when a worker
   * process of a queued run is first heard from, lost, or heard from again. `json` writes every event as one
   * line of JSON, heartbeats and telemetry included.
   */
  readonly mode: 'plain' | 'json';
  /** Trials known before the first event, as when a run is resumed. */
  readonly trials?: readonly TrialSpec[];
  /**
   * The run's data when known before the first event, as when a run is
   * resumed. It decides whether scores read as accuracy or R². Default
   * null, which reads them as accuracy until a `run-started` event brings
   * the data.
   */
  readonly data?: DataSource | null;
};

/**
 * Writes run events as text lines while the run goes on, for output that is
 * not the live monitor. Returns the function that stops the output.
 */
export function attachPlainOutput(options: PlainOutputOptions): () => void {
  const { bus, write } = options;
  if (options.mode === 'json') {
    return bus.subscribe((event) => {
      write(`${JSON.stringify(event)}\n`);
    });
  }

  const specs = new Map<string, TrialSpec>(
    (options.trials ?? []).map((spec) => [spec.id, spec]),
  );
  let data = options.data ?? null;
  const hosts = new Map<string, HostStatus>();

  return bus.subscribe((event) => {
    if (event.kind === 'run-started') {
      specs.clear();
      for (const spec of event.trials) {
        specs.set(spec.id, spec);
      }

      data = event.data ?? null;
    }

    const line =
      event.kind === 'host-sampled' || event.kind === 'host-lost'
        ? formatHostChange(event, hosts)
        : formatPlainLine(event, specs, data);
    if (line !== null) {
      write(`${line}\n`);
    }
  });
}

/** Status of a worker process, set by its latest heartbeat or loss. */
type HostStatus = 'live' | 'lost';

/**
 * Records a worker process's heartbeat or loss in `hosts`, and formats a
 * line when its status changed: on its first heartbeat, when it is lost,
 * and on a heartbeat after a loss. Returns null for the heartbeats between.
 * A loss of a process never heard from still gets a line.
 */
function formatHostChange(
  event: EventOf<'host-sampled'> | EventOf<'host-lost'>,
  hosts: Map<string, HostStatus>,
): string | null {
  const previous = hosts.get(event.hostId);
  if (event.kind === 'host-lost') {
    hosts.set(event.hostId, 'lost');
    if (previous === 'lost') {
      return null;
    }

    return [
      `host ${event.hostId} lost`,
      'heartbeats stopped',
      'its trials go back to the queue',
    ].join(FIELD_GAP);
  }

  hosts.set(event.hostId, 'live');
  if (previous === 'live') {
    return null;
  }

  return [
    `host ${event.hostId} ${previous === 'lost' ? 'back' : 'joined'}`,
    `machine ${event.host}`,
    countOf(event.threads, 'thread'),
  ].join(FIELD_GAP);
}

/**
 * Formats the plain line for an event, or returns null for events that get
 * none, such as progress after a chunk and telemetry. Worker processes get
 * their lines from formatHostChange, which tracks them. `specs` supplies the
 * parameters of each trial by id, and `data` the task that names the scores:
 * accuracy ("acc") for classification, R² for regression.
 */
export function formatPlainLine(
  event: RunEvent,
  specs: ReadonlyMap<string, TrialSpec>,
  data: DataSource | null = null,
): string | null {
  switch (event.kind) {
    case 'run-started':
      return formatRunStarted(event);
    case 'run-continued':
      return event.queue
        ? ['resumed', describeQueue(event.queue)].join(FIELD_GAP)
        : `resumed with ${event.poolSize} workers`;
    case 'queue-unreachable':
      return [
        'Redis unreachable',
        toOneLine(event.error),
        'reconnecting; workers keep their trials',
      ].join(FIELD_GAP);
    case 'queue-reachable':
      return 'Redis reachable again';
    case 'trial-finished':
      return formatTrialFinished(event, specs.get(event.trialId), data);
    case 'trial-failed':
      return formatTrialFailed(event);
    case 'trial-pruned':
      return [
        `pruned ${event.trialId}`,
        `rung ${event.rung + 1}`,
        `trees ${event.treesDone}`,
        `test ${scoreLabel(taskOf(data))} ${formatScore(event.testScore)}`,
      ].join(FIELD_GAP);
    case 'worker-failed':
      return [
        `worker ${event.workerId} failed`,
        `error: ${toOneLine(event.error)}`,
      ].join(FIELD_GAP);
    case 'alert-raised':
      return `alert ${alertFields(event).join(FIELD_GAP)}`;
    case 'alert-cleared':
      return ['alert cleared', event.alertId].join(FIELD_GAP);
    default:
      return null;
  }
}

/**
 * Tells how to serve the run, such as `workers: traintop worker --redis
 * redis://h:6379/0`, with the prefix when it is not the default.
 */
function describeQueue(queue: QueueSource): string {
  const prefix =
    queue.prefix === DEFAULT_KEY_PREFIX ? '' : ` --prefix ${queue.prefix}`;

  return `workers: traintop worker --redis ${queue.redis}${prefix}`;
}

function formatRunStarted(event: EventOf<'run-started'>): string {
  return [
    `started ${event.job}`,
    `run ${event.runId}`,
    countOf(event.trials.length, 'trial'),
    event.queue
      ? describeQueue(event.queue)
      : countOf(event.poolSize, 'worker'),
    ...(event.data === undefined ? [] : dataSummaryParts(event.data)),
  ].join(FIELD_GAP);
}

/**
 * Formats a finished trial: its parameters, its scores named for the task,
 * the test score with the spread of its folds under cross-validation, the
 * task's own measure when recorded, and its training time.
 */
function formatTrialFinished(
  event: EventOf<'trial-finished'>,
  spec: TrialSpec | undefined,
  data: DataSource | null,
): string {
  const params =
    spec === undefined
      ? [`trees ${event.trees}`]
      : [
          `trees ${spec.params.trees}`,
          `features ${spec.params.maxFeatures}`,
          `depth ${spec.params.maxDepth}`,
          `seed ${spec.params.seed}`,
        ];

  const task = taskOf(data);
  const score = scoreLabel(task);
  const test = formatScoreWithSpread(event.testScore, event.foldTestScores);
  const metric =
    event.metrics === undefined
      ? []
      : [
          `${metricLabel(event.metrics.task)} ${formatTrialMetric(event.metrics)}`,
        ];

  return [
    `finished ${event.trialId}`,
    ...params,
    `train ${score} ${formatScore(event.trainScore)}`,
    `test ${score} ${test}`,
    `oob ${score} ${formatScore(event.oobScore)}`,
    ...metric,
    formatTrainingTime(event.elapsedMs),
  ].join(FIELD_GAP);
}

function formatTrialFailed(event: EventOf<'trial-failed'>): string {
  return [
    `failed ${event.trialId}`,
    `attempt ${event.attempt}`,
    event.willRetry ? 'will retry' : 'no retries left',
    `error: ${toOneLine(event.error)}`,
  ].join(FIELD_GAP);
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
