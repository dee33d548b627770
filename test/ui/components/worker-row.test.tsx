import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { WorkerRow } from '../../../source/ui/components/worker-row.js';
import {
  createTestSpec,
  createTestTrial,
  createTestWorker,
} from '../factories.js';

const columns = { barWidth: 10, sparklineWidth: 6 };
const trial = createTestTrial({
  status: 'running',
  workerId: 3,
  treesDone: 100,
  testScore: 0.967,
  // The first half of the trees, in three steps; the rest not grown yet.
  testCurve: [
    ...new Array<number>(8).fill(0.9),
    ...new Array<number>(8).fill(0.933),
    ...new Array<number>(8).fill(0.967),
    ...new Array<null>(24).fill(null),
  ],
});
const worker = createTestWorker({
  status: 'running',
  trialId: 't07',
  cpuPercent: 98,
});

test('shows the trial, progress, score and CPU', () => {
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={worker}
      trial={trial}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(lastFrame()).toBe(
    'w3  running t07 T200 f2 d3 s1     █████░░░░░  50% ▁▄█     0.967  cpu 98%',
  );
  unmount();
});

test('shows N/A for an unmeasured thread', () => {
  const unmeasured = { ...worker, cpuPercent: null };
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={unmeasured}
      trial={trial}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(lastFrame()).toContain('cpu N/A');
  expect(lastFrame()).not.toContain('0%  ');
  unmount();
});

test('shows paused while the run is paused', () => {
  const { lastFrame, unmount } = render(
    <WorkerRow worker={worker} trial={trial} isRunPaused columns={columns} />,
  );

  expect(lastFrame()).toMatch(/^w3 {2}paused /);
  unmount();
});

test('shows a failed worker with its error', () => {
  const failed = createTestWorker({
    status: 'failed',
    error: 'Worker exited with code 1\nat thread',
  });
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={failed}
      trial={null}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(lastFrame()).toMatch(/^w3 {2}failed {2}Worker exited with code 1 at/);
  expect(lastFrame()?.split('\n')).toHaveLength(1);
  unmount();
});

test('lines up the CPU of an idle worker', () => {
  const idle = createTestWorker({ cpuPercent: 2 });
  const busy = render(
    <WorkerRow
      worker={worker}
      trial={trial}
      isRunPaused={false}
      columns={columns}
    />,
  );
  const waiting = render(
    <WorkerRow
      worker={idle}
      trial={null}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(waiting.lastFrame()).toContain('idle    waiting for a trial');
  expect(waiting.lastFrame()?.length).toBe(busy.lastFrame()?.length);
  busy.unmount();
  waiting.unmount();
});

test('leaves out the sparkline at width 0', () => {
  const spec = createTestSpec({ params: { trees: 100 } });
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={worker}
      trial={{ ...trial, spec }}
      isRunPaused={false}
      columns={{ barWidth: 10, sparklineWidth: 0 }}
    />,
  );

  expect(lastFrame()).toBe(
    'w3  running t07 T100 f2 d3 s1     ██████████ 100%  0.967  cpu 98%',
  );
  unmount();
});

test('marks the trial of a failed worker', () => {
  const failed = createTestWorker({
    status: 'failed',
    trialId: 't07',
    error: 'Worker exited with code 1',
  });
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={failed}
      trial={trial}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(lastFrame()).toBe(
    'w3  failed  t07 T200 f2 d3 s1     ╳╳╳╳╳╳╳╳╳╳ Worker exited with code 1',
  );
  unmount();
});

test('shows a dash before the first chunk', () => {
  const started = createTestTrial({ status: 'running', workerId: 3 });
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={worker}
      trial={started}
      isRunPaused={false}
      columns={columns}
    />,
  );

  expect(lastFrame()).toBe(
    'w3  running t07 T200 f2 d3 s1     ░░░░░░░░░░   0%             —  cpu 98%',
  );
  unmount();
});

test('keeps a gap before a negative R²', () => {
  const poor = {
    ...trial,
    testScore: -0.123,
    testCurve: [-0.5, -0.3, -0.123, ...new Array<null>(45).fill(null)],
  };
  const { lastFrame, unmount } = render(
    <WorkerRow
      worker={worker}
      trial={poor}
      isRunPaused={false}
      columns={{ barWidth: 10, sparklineWidth: 0 }}
    />,
  );

  expect(lastFrame()).toBe(
    'w3  running t07 T200 f2 d3 s1     █████░░░░░  50% -0.123  cpu 98%',
  );
  unmount();
});
