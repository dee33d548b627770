import type { TrialSpec } from '../plan/trial-spec.js';
import type { EventBus } from '../state/event-bus.js';
import type { EventOf, RunEvent } from '../state/events.js';
import { formatAccuracy, formatTrainingTime, toOneLine } from '../ui/format.js';

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
   * `plain` writes a line when the run starts, per finished or failed trial
   * and per crashed worker. `json` writes every event as one line of JSON.
   */
  readonly mode: 'plain' | 'json';
  /** Trials known before the first event, as when a run is resumed. */
  readonly trials?: readonly TrialSpec[];
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

  return bus.subscribe((event) => {
    if (event.kind === 'run-started') {
      specs.clear();
      for (const spec of event.trials) {
        specs.set(spec.id, spec);
      }
    }

    const line = formatPlainLine(event, specs);
    if (line !== null) {
      write(`${line}\n`);
    }
  });
}

/**
 * Formats the plain line for an event, or returns null for events that get
 * none, such as progress after a chunk and telemetry. `specs` supplies the
 * parameters of each trial by id.
 */
export function formatPlainLine(
  event: RunEvent,
  specs: ReadonlyMap<string, TrialSpec>,
): string | null {
  switch (event.kind) {
    case 'run-started':
      return formatRunStarted(event);
    case 'run-continued':
      return `resumed with ${event.poolSize} workers`;
    case 'trial-finished':
      return formatTrialFinished(event, specs.get(event.trialId));
    case 'trial-failed':
      return formatTrialFailed(event);
    case 'worker-failed':
      return [
        `worker ${event.workerId} failed`,
        `error: ${toOneLine(event.error)}`,
      ].join(FIELD_GAP);
    default:
      return null;
  }
}

function formatRunStarted(event: EventOf<'run-started'>): string {
  return [
    `started ${event.job}`,
    `run ${event.runId}`,
    countOf(event.trials.length, 'trial'),
    countOf(event.poolSize, 'worker'),
  ].join(FIELD_GAP);
}

function formatTrialFinished(
  event: EventOf<'trial-finished'>,
  spec: TrialSpec | undefined,
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

  return [
    `finished ${event.trialId}`,
    ...params,
    `train ${formatAccuracy(event.trainAccuracy)}`,
    `test ${formatAccuracy(event.testAccuracy)}`,
    `oob ${formatAccuracy(event.oobAccuracy)}`,
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
