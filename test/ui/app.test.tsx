import { render } from 'ink-testing-library';
import { stripVTControlCharacters } from 'node:util';
import { expect, test } from 'vitest';
import { App } from '../../source/ui/app.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import {
  createQueuedSweepState,
  createRegressionData,
  createSweepState,
  createTestData,
  createTestWorker,
} from './factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  failedCount: 1,
  corePercents: [12, 55, 78, 96],
});

/**
 * Splits a frame into lines without colour codes. Every glyph the monitor
 * draws is one cell wide, so a line's code points are its cells.
 */
function frameLines(frame: string | undefined): string[] {
  return stripVTControlCharacters(frame ?? '').split('\n');
}

function cellsOf(line: string): number {
  return [...line].length;
}

test('fits 80x24 with every panel', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(24);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(80);
  }

  const frame = lines.join('\n');
  expect(frame).toContain('traintop');
  expect(frame).toContain('─ Workers');
  expect(frame).toContain('─ System');
  expect(frame).toContain('─ Finished');
  expect(frame).toContain('q quit');
  expect(frame).toMatch(/\+\d+ more trials/);
  unmount();
});

test('matches the 80x24 layout', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  expect(lastFrame()).toMatchSnapshot();
  unmount();
});

test('cuts workers when they outgrow the rows', () => {
  const crowded = createSweepState({
    trialCount: 30,
    workerCount: 12,
    finishedCount: 12,
    corePercents: [12, 55, 78, 96],
  });
  const { lastFrame, unmount } = render(
    <App
      state={crowded}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(24);
  expect(lines).toContain('  +3 more workers');
  expect(lines).toContain('  +10 more trials');
  unmount();
});

test.each([
  [80, 24],
  [79, 24],
  [80, 23],
  [100, 30],
  [160, 50],
  [40, 6],
  [30, 5],
])('keeps the frame within %dx%d', (columns, rows) => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={columns}
      rows={rows}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(columns);
  }

  unmount();
});

test('widens the sparkline on wide terminals', () => {
  const narrow = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );
  const wide = render(
    <App
      state={state}
      columns={160}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const rowOf = (frame: string | undefined) =>
    frameLines(frame).find((line) => line.startsWith('w1 ')) ?? '';
  expect(cellsOf(rowOf(wide.lastFrame()))).toBeGreaterThan(
    cellsOf(rowOf(narrow.lastFrame())),
  );
  narrow.unmount();
  wide.unmount();
});

test('switches to the compact view below 80x24', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={79}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('w1  running');
  expect(frame).not.toContain('─ Workers');
  unmount();
});

test('asks for a bigger terminal below 40x6', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={60}
      rows={5}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[0]).toBe('Terminal too small: 60x5, need at least 40x6.');
  expect(lines.length).toBeLessThanOrEqual(5);
  unmount();
});

test('shows the help in place of the panels', () => {
  const { lastFrame, unmount } = render(
    <App state={state} columns={80} rows={24} isHelpVisible isInteractive />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(24);
  expect(lines[0]).toMatch(/^─ Help/);
  expect(lines.join('\n')).not.toContain('─ Workers');
  expect(lines.at(-1)).toBe('?/Esc close help · q quit');
  unmount();
});

test.each([
  [80, 10],
  [40, 8],
  [40, 6],
  [60, 12],
  [80, 24],
  [160, 50],
])('fits the help exactly in %dx%d', (columns, rows) => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={columns}
      rows={rows}
      isHelpVisible
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(rows);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(columns);
  }

  expect(lines[0]).toMatch(/^─ Help ─+$/);
  expect(lines.at(-1)).toBe('?/Esc close help · q quit');
  unmount();
});

test('keeps every key in the help at 80x11', () => {
  const { lastFrame, unmount } = render(
    <App state={state} columns={80} rows={11} isHelpVisible isInteractive />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[1]).toBe('space, p    Pause or resume the run');
  expect(lines[8]).toBe(
    'Esc         Close this help, the details or the analysis',
  );
  expect(lines[9]).toBe('q, Ctrl+C   Stop the run and quit');
  unmount();
});

test('cuts help keys with a more line at 40x6', () => {
  const { lastFrame, unmount } = render(
    <App state={state} columns={40} rows={6} isHelpVisible isInteractive />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[4]).toBe('  +6 more keys');
  unmount();
});

test('asks for a bigger terminal over the help', () => {
  const { lastFrame, unmount } = render(
    <App state={state} columns={39} rows={24} isHelpVisible isInteractive />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[0]).toMatch(/^Terminal too small: 39x24/);
  expect(lines.join('\n')).not.toContain('Help');
  unmount();
});

test.each([
  [80, 24],
  [60, 24],
])('says keys are off at %dx%d', (columns, rows) => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={columns}
      rows={rows}
      isHelpVisible={false}
      isInteractive={false}
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(rows);
  expect(lines.at(-1)).toBe('keys off: input is not a terminal · Ctrl+C stops');
  unmount();
});

test.each([
  [80, 24],
  [60, 24],
])('lists idle workers at %dx%d', (columns, rows) => {
  const withIdle = {
    ...state,
    workers: { ...state.workers, 5: createTestWorker({ id: 5 }) },
  };
  const { lastFrame, unmount } = render(
    <App
      state={withIdle}
      columns={columns}
      rows={rows}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  const workerIds = lines
    .filter((line) => /^w\d /.test(line))
    .map((line) => line.slice(0, 2));
  expect(workerIds).toEqual(['w1', 'w2', 'w3', 'w4', 'w5']);
  expect(lines).toContainEqual(
    expect.stringMatching(/^w5 {2}idle {4}waiting for a trial/),
  );
  unmount();
});

const crossValidated = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  corePercents: [12, 55, 78, 96],
  data: createTestData({
    name: 'wine.csv',
    dataset: 'csv',
    classNames: ['cultivar one', 'cultivar two', 'cultivar three'],
    rowCount: 178,
    evaluation: { kind: 'cv', folds: 5 },
  }),
});

const regression = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
  corePercents: [12, 55, 78, 96],
  data: createRegressionData({
    evaluation: { kind: 'holdout', testFraction: 0.25 },
  }),
  testScoreOf: (index) => 0.8 - index / 20,
});

test('marks the selected trial in the table', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedTrialId="t04"
    />,
  );

  expect(frameLines(lastFrame())).toContainEqual(
    expect.stringMatching(/^› t04 {3}T150 f1 d6 s4 /),
  );
  unmount();
});

test('marks no trial while keys are off', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive={false}
      selectedTrialId="t04"
    />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('  t04   T150 f1 d6 s4');
  expect(frame).not.toContain('›');
  unmount();
});

test('shows the details in place of the panels', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedTrialId="t04"
      isDetailVisible
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(24);
  expect(lines[0]).toMatch(/^─ Trial t04 {2}rank 3 of 12 by test accuracy ─+$/);
  expect(lines.join('\n')).not.toContain('─ Workers');
  expect(lines.at(-1)).toBe('↑/↓ trial · Enter/Esc close · q quit');
  unmount();
});

test('matches the 80x24 details of a CV classification', () => {
  const { lastFrame, unmount } = render(
    <App
      state={crossValidated}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedTrialId="t04"
      isDetailVisible
    />,
  );

  expect(lastFrame()).toMatchSnapshot();
  unmount();
});

test('matches the 80x24 details of a hold-out regression', () => {
  const { lastFrame, unmount } = render(
    <App
      state={regression}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedTrialId="t02"
      isDetailVisible
    />,
  );

  expect(lastFrame()).toMatchSnapshot();
  unmount();
});

test.each([
  [80, 24],
  [79, 23],
  [60, 12],
  [40, 8],
  [40, 6],
  [160, 50],
])('fits the details exactly in %dx%d', (columns, rows) => {
  const { lastFrame, unmount } = render(
    <App
      state={crossValidated}
      columns={columns}
      rows={rows}
      isHelpVisible={false}
      isInteractive
      selectedTrialId="t04"
      isDetailVisible
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(rows);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(columns);
  }

  expect(lines[0]).toMatch(/^─ Trial t04/);
  expect(lines.join('\n')).toContain('scores');
  expect(lines.at(-1)).toMatch(/^↑\/↓ trial · Enter\/Esc close/);
  unmount();
});

test('shows the panels when no trial is selected', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedTrialId={null}
      isDetailVisible
    />,
  );

  expect(lastFrame()).toContain('─ Workers');
  expect(lastFrame()).not.toContain('─ Trial');
  unmount();
});

test('shows the help over the details', () => {
  const { lastFrame, unmount } = render(
    <App
      state={state}
      columns={80}
      rows={24}
      isHelpVisible
      isInteractive
      selectedTrialId="t04"
      isDetailVisible
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[0]).toMatch(/^─ Help/);
  expect(lines.join('\n')).not.toContain('─ Trial');
  unmount();
});

test('shows the data and R² at 80x24 for regression', () => {
  const { lastFrame, unmount } = render(
    <App
      state={regression}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[2]).toMatch(
    /^best 0\.800 test R² t00 T100 f1 d2 s0 +housing\.csv · 506 rows · hold-out 25%$/,
  );
  expect(lines).toContainEqual(
    expect.stringMatching(/^─ Finished {2}12 of 30 · 0 failed · R² ─+$/),
  );
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(80);
  }

  unmount();
});

const queued = createQueuedSweepState(
  {
    trialCount: 30,
    workerCount: 6,
    finishedCount: 12,
    corePercents: [12, 55, 78, 96],
  },
  [
    { hostId: 'gpu-box-4312', host: 'gpu-box', threads: 4 },
    { hostId: 'node-a-77', host: 'node-a', threads: 2 },
  ],
);

const queuedWithLoss = reduceRunEvents(queued, [
  { kind: 'host-lost', at: queued.now + 5_000, hostId: 'node-a-77' },
  { kind: 'pool-resized', at: queued.now + 5_000, poolSize: 4 },
]);

test('matches the 80x24 layout of a queued run', () => {
  const { lastFrame, unmount } = render(
    <App
      state={queuedWithLoss}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedHostId="gpu-box-4312"
    />,
  );

  expect(lastFrame()).toMatchSnapshot();
  unmount();
});

test('shows hosts, threads and the host keys at 80x24', () => {
  const { lastFrame, unmount } = render(
    <App
      state={queued}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive
      selectedHostId="node-a-77"
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines[0]).toContain('pool 6 threads on 2 hosts');
  expect(lines).toContainEqual(expect.stringMatching(/^› node-a {3}2\/2 busy/));
  expect(lines).toContainEqual(expect.stringMatching(/^ {2}w6 {2}running/));
  expect(lines.at(-1)).toMatch(/^p pause · Tab host · \+\/- threads · /);
  unmount();
});

test.each([
  [80, 24],
  [79, 24],
  [80, 23],
  [100, 30],
  [160, 50],
  [60, 12],
  [40, 6],
  [30, 5],
])('keeps a queued run within %dx%d', (columns, rows) => {
  const { lastFrame, unmount } = render(
    <App
      state={queuedWithLoss}
      columns={columns}
      rows={rows}
      isHelpVisible={false}
      isInteractive
      selectedHostId="node-a-77"
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(columns);
  }

  unmount();
});

test('marks no host while keys are off', () => {
  const { lastFrame, unmount } = render(
    <App
      state={queued}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isInteractive={false}
      selectedHostId="node-a-77"
    />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('  node-a   2/2 busy');
  expect(frame).not.toContain('›');
  unmount();
});

test('lists the host keys in the help of a queued run', () => {
  const { lastFrame, unmount } = render(
    <App
      state={queued}
      columns={80}
      rows={24}
      isHelpVisible
      isInteractive
      selectedHostId="node-a-77"
    />,
  );

  expect(lastFrame()).toContain('Tab, Shift+Tab  Select the next or previous');
  unmount();
});

test('leaves Tab out of the help of a local run', () => {
  const { lastFrame, unmount } = render(
    <App state={state} columns={80} rows={24} isHelpVisible isInteractive />,
  );

  expect(lastFrame()).toContain('Add one worker to the pool');
  expect(lastFrame()).not.toContain('Tab');
  unmount();
});

const analysed = createSweepState({
  trialCount: 60,
  workerCount: 4,
  finishedCount: 40,
  corePercents: [12, 55],
  data: createTestData(),
});

test('shows the analysis in place of the panels at 80x24', () => {
  const { lastFrame, unmount } = render(
    <App
      state={analysed}
      columns={80}
      rows={24}
      isHelpVisible={false}
      isAnalysisVisible
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(24);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(80);
  }

  const frame = lines.join('\n');
  expect(frame).toContain('─ Analysis  40 of 60 trials · test accuracy');
  expect(frame).toContain('the run is still going, 40 of 60 trials finished');
  expect(frame).toContain('─ Importance');
  expect(frame).toContain('─ Effects');
  expect(frame).not.toContain('─ Workers');
  expect(lines[23]).toBe('a/Esc close analysis · ? help · q quit');
  unmount();
});

test('fits the analysis in the compact minimum', () => {
  const { lastFrame, unmount } = render(
    <App
      state={analysed}
      columns={40}
      rows={6}
      isHelpVisible={false}
      isAnalysisVisible
      isInteractive
    />,
  );

  const lines = frameLines(lastFrame());
  expect(lines).toHaveLength(6);
  for (const line of lines) {
    expect(cellsOf(line)).toBeLessThanOrEqual(40);
  }
  expect(lines[0]).toContain('─ Analysis');
  expect(lines[4]).toMatch(/^ {2}\+\d+ more lines/);
  unmount();
});

test('shows the help over the analysis', () => {
  const { lastFrame, unmount } = render(
    <App
      state={analysed}
      columns={80}
      rows={24}
      isHelpVisible
      isAnalysisVisible
      isInteractive
    />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('─ Help');
  expect(frame).toContain('Show or hide what drives the test score');
  expect(frame).not.toContain('─ Analysis');
  unmount();
});
