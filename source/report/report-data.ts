import type { RunAnalysis } from '../analysis/run-analysis.js';
import type { TrialParams } from '../plan/trial-spec.js';
import type { AlertRule, RunEvent } from '../state/events.js';
import type { RunState, TrialState, TrialStatus } from '../state/run-state.js';
import {
  countTrials,
  rankFinishedTrials,
  selectElapsedMs,
  type TrialCounts,
} from '../state/selectors.js';
import { describeEvaluation } from '../ui/data-summary.js';
import { formatTrialParams } from '../ui/format.js';

/** Maximum points kept of one trial's learning curve. */
export const MAX_CURVE_POINTS = 120;

/** Maximum points kept of each resource series over the run. */
export const MAX_RESOURCE_POINTS = 600;

const BYTES_PER_GIB = 1024 ** 3;
const BYTES_PER_MIB = 1024 ** 2;

/**
 * Unit of the time axes, picked by the run's length so that the axis
 * shows whole numbers: seconds up to 3 minutes, minutes up to 3 hours.
 */
export type TimeUnit = 'seconds' | 'minutes' | 'hours';

const MS_PER_UNIT: Record<TimeUnit, number> = {
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
};

/** Maximum run length, in ms, whose time axes count in seconds or minutes. */
const SECONDS_UP_TO_MS = 180_000;
const MINUTES_UP_TO_MS = 10_800_000;

/** One trial as the report's charts and tables show it. */
export type ReportTrial = {
  readonly id: string;
  /** Parameters in short form, such as `T150 f2 d3 s1`. */
  readonly label: string;
  readonly params: TrialParams;
  readonly status: TrialStatus;
  /**
   * The status as the report shows it. Trials of a run that ended early
   * read `interrupted` or `never ran` rather than running or queued.
   */
  readonly statusText: string;
  readonly trainScore: number | null;
  readonly testScore: number | null;
  readonly treesDone: number;
  readonly elapsedMs: number;
  /** Test score by trees grown, as [trees, score] in ascending trees. */
  readonly curve: readonly (readonly [number, number])[];
};

/** The best finished trial and how it classifies or errs on test rows. */
export type ReportBest = {
  readonly id: string;
  readonly label: string;
  readonly testScore: number;
  /** Rows by actual class, columns by predicted class; null for regression. */
  readonly confusion: readonly (readonly number[])[] | null;
  readonly classNames: readonly string[];
  /** Test RMSE of a regression forest; null for classification. */
  readonly testRmse: number | null;
};

/**
 * Machine readings over the run, as [time since start, value] pairs with
 * the time in `timeUnit`. Memory is in GiB for the machine and MiB for
 * traintop's own process.
 */
export type ReportResources = {
  readonly timeUnit: TimeUnit;
  readonly cpuPercent: readonly (readonly [number, number])[];
  readonly memUsedGib: readonly (readonly [number, number])[];
  readonly memTotalGib: number | null;
  readonly rssMib: readonly (readonly [number, number])[];
  /** Worker processes of a queued run, each with its machine's readings. */
  readonly hosts: readonly ReportHost[];
};

export type ReportHost = {
  readonly id: string;
  readonly cpuPercent: readonly (readonly [number, number])[];
  readonly memUsedGib: readonly (readonly [number, number])[];
};

export type ReportAlert = {
  /** Time since the run started, in ms. */
  readonly afterMs: number;
  readonly rule: AlertRule;
  readonly message: string;
};

/** Everything the HTML report shows, as plain JSON. */
export type ReportData = {
  readonly runId: string;
  readonly job: string;
  readonly dataName: string;
  readonly task: 'classification' | 'regression';
  /** `accuracy` or `R²`, the score every chart plots. */
  readonly scoreName: string;
  /** How trials are scored, such as `hold-out 20%`, or empty when unknown. */
  readonly evaluation: string;
  readonly rowCount: number | null;
  /** Time the run started, in ms since the epoch. */
  readonly startedAt: number;
  /** Wall time from the start to the end, or to the last event. */
  readonly durationMs: number;
  /**
   * Run status: `completed`, `stopped`, `running` or `ended without a
   * finish`.
   */
  readonly status: string;
  readonly counts: TrialCounts;
  /** Trials in plan order. */
  readonly trials: readonly ReportTrial[];
  readonly best: ReportBest | null;
  readonly analysis: RunAnalysis;
  readonly resources: ReportResources;
  readonly alerts: readonly ReportAlert[];
};

/**
 * Collects what the report shows from a run's events, the state they fold
 * to and its analysis. Curves and readings come from the events, because
 * the state keeps only the recent ones. Long series are thinned to a
 * bounded number of points, so the file stays small for long runs.
 */
export function buildReportData(
  events: readonly RunEvent[],
  state: RunState,
  analysis: RunAnalysis,
): ReportData {
  const task = state.data?.task ?? 'classification';
  const durationMs = selectElapsedMs(state);

  return {
    runId: state.runId,
    job: state.job,
    dataName: state.data?.name ?? 'iris',
    task,
    scoreName: task === 'classification' ? 'accuracy' : 'R²',
    evaluation: state.data ? describeEvaluation(state.data.evaluation) : '',
    rowCount: state.data?.rowCount ?? null,
    startedAt: state.startedAt,
    durationMs,
    status: describeStatus(state, analysis.isRunning),
    counts: countTrials(state),
    trials: listTrials(events, state, analysis.isRunning),
    best: findBest(state),
    analysis,
    resources: collectResources(
      events,
      state.startedAt,
      pickTimeUnit(durationMs),
    ),
    alerts: listAlerts(events, state.startedAt),
  };
}

function describeStatus(state: RunState, isRunning: boolean): string {
  if (state.finishReason !== null) {
    return state.finishReason;
  }

  return isRunning ? 'running' : 'ended without a finish';
}

function listTrials(
  events: readonly RunEvent[],
  state: RunState,
  isRunning: boolean,
): ReportTrial[] {
  const curves = collectCurves(events);

  return state.trialIds.flatMap((id) => {
    const trial = state.trials[id];
    if (trial === undefined) {
      return [];
    }

    return [
      {
        id,
        label: formatTrialParams(trial.spec.params),
        params: trial.spec.params,
        status: trial.status,
        statusText: describeTrialStatus(trial, isRunning),
        trainScore: finiteOrNull(trial.trainScore),
        testScore: finiteOrNull(trial.testScore),
        treesDone: trial.treesDone,
        elapsedMs: trial.elapsedMs,
        curve: thin(curves.get(id) ?? [], MAX_CURVE_POINTS),
      },
    ];
  });
}

function describeTrialStatus(trial: TrialState, isRunning: boolean): string {
  if (isRunning || (trial.status !== 'running' && trial.status !== 'queued')) {
    return trial.status;
  }

  return trial.attempt === 0 ? 'never ran' : 'interrupted';
}

/**
 * Test score by trees for every trial. A retried or resumed trial measures
 * some tree counts again; the latest measure of each count wins.
 */
function collectCurves(
  events: readonly RunEvent[],
): Map<string, [number, number][]> {
  const byTrial = new Map<string, Map<number, number>>();
  for (const event of events) {
    if (event.kind !== 'trial-progress' || !Number.isFinite(event.testScore)) {
      continue;
    }

    let points = byTrial.get(event.trialId);
    if (points === undefined) {
      points = new Map();
      byTrial.set(event.trialId, points);
    }
    points.set(event.treesDone, event.testScore);
  }

  const curves = new Map<string, [number, number][]>();
  for (const [trialId, points] of byTrial) {
    curves.set(
      trialId,
      [...points].sort(([treesA], [treesB]) => treesA - treesB),
    );
  }

  return curves;
}

function findBest(state: RunState): ReportBest | null {
  const best = rankFinishedTrials(state).find((trial) =>
    Number.isFinite(trial.testScore),
  );
  if (best === undefined || best.testScore === null) {
    return null;
  }

  const { metrics } = best;

  return {
    id: best.spec.id,
    label: formatTrialParams(best.spec.params),
    testScore: best.testScore,
    confusion: metrics?.task === 'classification' ? metrics.confusion : null,
    classNames: state.data?.classNames ?? [],
    testRmse: metrics?.task === 'regression' ? metrics.testRmse : null,
  };
}

function pickTimeUnit(durationMs: number): TimeUnit {
  if (durationMs <= SECONDS_UP_TO_MS) {
    return 'seconds';
  }

  return durationMs <= MINUTES_UP_TO_MS ? 'minutes' : 'hours';
}

function collectResources(
  events: readonly RunEvent[],
  startedAt: number,
  timeUnit: TimeUnit,
): ReportResources {
  const cpuPercent: [number, number][] = [];
  const memUsedGib: [number, number][] = [];
  const rssMib: [number, number][] = [];
  const hosts = new Map<
    string,
    ReportHost & {
      cpuPercent: [number, number][];
      memUsedGib: [number, number][];
    }
  >();
  let memTotalGib: number | null = null;

  for (const event of events) {
    const time = (event.at - startedAt) / MS_PER_UNIT[timeUnit];
    if (event.kind === 'system-sampled') {
      if (event.cpuPercent !== null) {
        cpuPercent.push([time, event.cpuPercent]);
      }
      if (event.memUsedBytes !== null) {
        memUsedGib.push([time, event.memUsedBytes / BYTES_PER_GIB]);
      }
      if (event.memTotalBytes !== null) {
        memTotalGib = event.memTotalBytes / BYTES_PER_GIB;
      }
      rssMib.push([time, event.rssBytes / BYTES_PER_MIB]);
    } else if (event.kind === 'host-sampled') {
      let host = hosts.get(event.hostId);
      if (host === undefined) {
        host = { id: event.hostId, cpuPercent: [], memUsedGib: [] };
        hosts.set(event.hostId, host);
      }
      if (event.cpuPercent !== null) {
        host.cpuPercent.push([time, event.cpuPercent]);
      }
      if (event.memUsedBytes !== null) {
        host.memUsedGib.push([time, event.memUsedBytes / BYTES_PER_GIB]);
      }
    }
  }

  return {
    timeUnit,
    cpuPercent: averageInto(cpuPercent, MAX_RESOURCE_POINTS),
    memUsedGib: averageInto(memUsedGib, MAX_RESOURCE_POINTS),
    memTotalGib,
    rssMib: averageInto(rssMib, MAX_RESOURCE_POINTS),
    hosts: [...hosts.values()].map((host) => ({
      id: host.id,
      cpuPercent: averageInto(host.cpuPercent, MAX_RESOURCE_POINTS),
      memUsedGib: averageInto(host.memUsedGib, MAX_RESOURCE_POINTS),
    })),
  };
}

function listAlerts(
  events: readonly RunEvent[],
  startedAt: number,
): ReportAlert[] {
  return events.flatMap((event) =>
    event.kind === 'alert-raised'
      ? [
          {
            afterMs: event.at - startedAt,
            rule: event.rule,
            message: event.message,
          },
        ]
      : [],
  );
}

/**
 * Keeps at most `limit` points of a curve, evenly spread over it, always
 * with its first and last point, so the curve keeps its ends.
 */
export function thin<Point>(points: readonly Point[], limit: number): Point[] {
  if (points.length <= limit) {
    return [...points];
  }

  const step = (points.length - 1) / (limit - 1);

  return Array.from(
    { length: limit },
    (_, index) => points[Math.round(index * step)] as Point,
  );
}

/**
 * Averages a time series into at most `limit` points: consecutive runs of
 * points become their mean time and mean value, so a spike in a long run
 * still moves the line instead of falling between kept points.
 */
export function averageInto(
  points: readonly (readonly [number, number])[],
  limit: number,
): [number, number][] {
  const groupSize = Math.ceil(points.length / limit);
  if (groupSize <= 1) {
    return points.map(([time, value]) => [time, value]);
  }

  const averaged: [number, number][] = [];
  for (let start = 0; start < points.length; start += groupSize) {
    const group = points.slice(start, start + groupSize);
    const time = group.reduce((sum, [at]) => sum + at, 0) / group.length;
    const value =
      group.reduce((sum, [, reading]) => sum + reading, 0) / group.length;
    averaged.push([time, value]);
  }

  return averaged;
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
