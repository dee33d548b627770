import { describe, expect, it } from 'vitest';

import { attachPlainOutput } from '../../source/cli/plain-output.js';
import { EventBus } from '../../source/state/event-bus.js';
import type { DataSource, RunEvent } from '../../source/state/events.js';
import {
  createSpec,
  runFinished,
  runStarted,
  START_AT,
  trialFailed,
  trialFinished,
  trialStarted,
} from './run-events.js';

const spec = createSpec(6, { trees: 120, maxFeatures: 2, maxDepth: 3 });

/** A regression CSV scored by 5-fold cross-validation. */
const housing: DataSource = {
  dataset: 'csv',
  name: 'housing.csv',
  task: 'regression',
  featureNames: ['rooms', 'age'],
  classNames: [],
  rowCount: 506,
  evaluation: { kind: 'cv', folds: 5 },
  splitSeed: 1,
};

/** Attaches the output to a fresh bus and records every write. */
function attach(mode: 'plain' | 'json', data?: DataSource) {
  const bus = new EventBus();
  const writes: string[] = [];
  const detach = attachPlainOutput({
    bus,
    mode,
    write: (text) => {
      writes.push(text);
    },
    ...(data === undefined ? {} : { data }),
  });

  return { bus, writes, detach };
}

const telemetryEvents: RunEvent[] = [
  {
    kind: 'system-sampled',
    at: START_AT,
    cpuPercent: null,
    corePercents: [],
    memUsedBytes: null,
    memTotalBytes: null,
    rssBytes: 1,
    heapUsedBytes: 1,
    heapTotalBytes: 2,
  },
  {
    kind: 'threads-sampled',
    at: START_AT,
    threads: [{ workerId: 1, cpuPercent: 99 }],
  },
];

describe('attachPlainOutput in plain mode', () => {
  it('writes a line when the run starts', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit(runStarted([spec, createSpec(7), createSpec(8)], 2));
    detach();

    expect(writes).toEqual(['started iris  run r1  3 trials  2 workers\n']);
  });

  it('writes a line per finished trial', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(runStarted([spec]));

    bus.emit(
      trialFinished(spec, 1, 100, { train: 0.975, test: 0.9666, oob: 0.958 }),
    );
    detach();

    expect(writes[1]).toBe(
      'finished t07  trees 120  features 2  depth 3  seed 1  ' +
        'train acc 0.975  test acc 0.967  oob acc 0.958  1.2s\n',
    );
  });

  it('adds macro F1 when recorded', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(runStarted([spec]));

    bus.emit({
      ...trialFinished(spec, 1, 100, { train: 1, test: 0.9, oob: null }),
      metrics: { task: 'classification', macroF1: 0.8912, confusion: [] },
    });
    detach();

    expect(writes[1]).toContain('  test acc 0.900  oob acc N/A  ');
    expect(writes[1]).toContain('  macro F1 0.891  1.2s\n');
  });

  it('names the data of the run', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit({ ...runStarted([spec], 2), data: housing });
    detach();

    expect(writes).toEqual([
      'started iris  run r1  1 trial  2 workers  ' +
        'housing.csv  506 rows  regression  5-fold CV\n',
    ]);
  });

  it('writes R², fold spread and RMSE for regression', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit({ ...runStarted([spec]), data: housing });

    bus.emit({
      ...trialFinished(spec, 1, 100, { train: 0.9, test: -0.25, oob: 0.5 }),
      foldTestScores: [-0.3, -0.2],
      metrics: { task: 'regression', trainRmse: 1.5, testRmse: 12.345 },
    });
    detach();

    expect(writes[1]).toBe(
      'finished t07  trees 120  features 2  depth 3  seed 1  ' +
        'train R² 0.900  test R² -0.250±0.050  oob R² 0.500  ' +
        'test RMSE 12.3  1.2s\n',
    );
  });

  it('reads the task of a resumed run from its options', () => {
    const { bus, writes, detach } = attach('plain', housing);

    bus.emit(trialFinished(spec, 1, 100, { train: 1, test: 0.5, oob: null }));
    detach();

    expect(writes[0]).toContain('  test R² 0.500  ');
  });

  it('shows N/A for a missing oob score', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(runStarted([spec]));

    bus.emit(trialFinished(spec, 1, 100, { train: 1, test: 1, oob: null }));
    detach();

    expect(writes[1]).toContain('  oob acc N/A  ');
  });

  it('writes failures with their retry', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(runStarted([spec]));

    bus.emit(trialFailed(spec, 100, 'Worker crashed', { willRetry: true }));
    bus.emit(trialFailed(spec, 200, 'Out of memory\nat grow', { attempt: 2 }));
    detach();

    expect(writes.slice(1)).toEqual([
      'failed t07  attempt 1  will retry  error: Worker crashed\n',
      'failed t07  attempt 2  no retries left  error: Out of memory at grow\n',
    ]);
  });

  it('writes a line for a crashed worker', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit({
      kind: 'worker-failed',
      at: START_AT,
      workerId: 3,
      error: 'exit code 1',
    });
    detach();

    expect(writes).toEqual(['worker 3 failed  error: exit code 1\n']);
  });

  it('writes nothing for progress and telemetry', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(runStarted([spec]));

    bus.emit(trialStarted(spec, 1, 0));
    bus.emit({
      kind: 'trial-progress',
      at: START_AT + 50,
      trialId: spec.id,
      workerId: 1,
      treesDone: 10,
      elapsedMs: 50,
      trainScore: 1,
      testScore: 1,
      oobScore: null,
    });
    for (const event of telemetryEvents) {
      bus.emit(event);
    }
    bus.emit(runFinished(100, 'completed'));
    detach();

    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^started /);
  });

  it('names only trees for an unknown trial', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit(trialFinished(spec, 1, 100, { train: 1, test: 1, oob: 1 }));
    detach();

    expect(writes[0]).toMatch(
      /^finished t07 {2}trees 120 {2}train acc 1\.000 /,
    );
  });
});

const heartbeat = (at: number, threads = 4): RunEvent => ({
  kind: 'host-sampled',
  at,
  hostId: 'gpu-box-4312',
  host: 'gpu-box',
  threads,
  busyThreads: 1,
  cpuPercent: 40,
  memUsedBytes: 1,
  memTotalBytes: 2,
});

const hostLost: RunEvent = {
  kind: 'host-lost',
  at: START_AT + 5_000,
  hostId: 'gpu-box-4312',
};

describe('attachPlainOutput for worker processes', () => {
  it('writes a line for the first heartbeat only', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit(heartbeat(START_AT));
    bus.emit(heartbeat(START_AT + 1_000));
    bus.emit(heartbeat(START_AT + 2_000, 2));
    detach();

    expect(writes).toEqual([
      'host gpu-box-4312 joined  machine gpu-box  4 threads\n',
    ]);
  });

  it('writes a line when a host is lost and when it is back', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit(heartbeat(START_AT));

    bus.emit(hostLost);
    bus.emit(hostLost);
    bus.emit(heartbeat(START_AT + 9_000, 1));
    bus.emit(heartbeat(START_AT + 10_000, 1));
    detach();

    expect(writes.slice(1)).toEqual([
      'host gpu-box-4312 lost  heartbeats stopped  ' +
        'its trials go back to the queue\n',
      'host gpu-box-4312 back  machine gpu-box  1 thread\n',
    ]);
  });

  it('tells how to serve a queued run and when Redis drops out', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit({
      kind: 'run-started',
      at: START_AT,
      runId: 'r1',
      job: 'iris random forest',
      trials: [spec],
      poolSize: 0,
      maxPoolSize: 0,
      queue: { redis: 'redis://:***@db-host:6379/0', prefix: 'team-b' },
    });
    bus.emit({
      kind: 'queue-unreachable',
      at: START_AT + 1_000,
      error: 'connect ECONNREFUSED',
    });
    bus.emit({ kind: 'queue-reachable', at: START_AT + 2_000 });
    detach();

    expect(writes).toEqual([
      'started iris random forest  run r1  1 trial  workers: traintop ' +
        'worker --redis redis://:***@db-host:6379/0 --prefix team-b\n',
      'Redis unreachable  connect ECONNREFUSED  reconnecting; workers keep ' +
        'their trials\n',
      'Redis reachable again\n',
    ]);
  });

  it('writes a loss of a host never heard from', () => {
    const { bus, writes, detach } = attach('plain');

    bus.emit(hostLost);
    detach();

    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^host gpu-box-4312 lost {2}/);
  });

  it('writes every heartbeat as JSON, as it does telemetry', () => {
    const { bus, writes, detach } = attach('json');
    const events = [heartbeat(START_AT), heartbeat(START_AT + 1_000), hostLost];

    for (const event of events) {
      bus.emit(event);
    }
    detach();

    expect(writes.map((text) => JSON.parse(text) as unknown)).toEqual(events);
  });
});

describe('attachPlainOutput in json mode', () => {
  it('writes every event as one JSON line', () => {
    const { bus, writes, detach } = attach('json');
    const events: RunEvent[] = [
      runStarted([spec]),
      trialStarted(spec, 1, 0),
      ...telemetryEvents,
      trialFailed(spec, 100, 'line one\nline two', { willRetry: true }),
      runFinished(200, 'stopped'),
    ];

    for (const event of events) {
      bus.emit(event);
    }
    detach();

    expect(writes).toHaveLength(events.length);
    for (const [index, text] of writes.entries()) {
      expect(text.endsWith('\n')).toBe(true);
      expect(text.slice(0, -1)).not.toContain('\n');
      expect(JSON.parse(text)).toEqual(events[index]);
    }
  });
});

describe('attachPlainOutput detach', () => {
  it('stops writing after detach', () => {
    const { bus, writes, detach } = attach('json');
    bus.emit(runFinished(0, 'completed'));

    detach();
    bus.emit(runFinished(1, 'completed'));

    expect(writes).toHaveLength(1);
  });
});

describe('plain alert lines', () => {
  it('prints a raised and a cleared alert', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit({
      kind: 'alert-raised',
      at: START_AT + 5_000,
      alertId: 'stalled:w3',
      rule: 'stalled',
      message: 'no progress for 5.0s on t12',
      trialId: 't12',
      workerId: 3,
    });
    bus.emit({
      kind: 'alert-cleared',
      at: START_AT + 6_000,
      alertId: 'stalled:w3',
    });
    detach();

    expect(writes).toEqual([
      'alert stalled  w3  no progress for 5.0s on t12\n',
      'alert cleared  stalled:w3\n',
    ]);
  });

  it('prints an alert without a worker', () => {
    const { bus, writes, detach } = attach('plain');
    bus.emit({
      kind: 'alert-raised',
      at: START_AT,
      alertId: 'memory:machine',
      rule: 'memory',
      message: 'memory 93.8% used on this machine, above 90%',
    });
    detach();

    expect(writes).toEqual([
      'alert memory  memory 93.8% used on this machine, above 90%\n',
    ]);
  });
});
