import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { CompactView } from '../../../source/ui/components/compact-view.js';
import { createSweepState } from '../factories.js';

const state = createSweepState({
  trialCount: 30,
  workerCount: 4,
  finishedCount: 12,
});

test('shows a summary, a line per worker and the keys', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={40} rows={6} />,
  );

  expect(lastFrame()).toBe(
    [
      'iris-rf 12/30 done ETA 54s best 0.960',
      'w1  running t12     40% 0.940',
      'w2  running t13     40% 0.900',
      'w3  running t14     50% 0.940',
      'w4  running t15     40% 0.940',
      'p pause · +/- workers · ? help · q quit',
    ].join('\n'),
  );
  unmount();
});

test('cuts workers to the rows with a more line', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={60} rows={5} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(5);
  expect(lines[3]).toBe('  +2 more workers');
  unmount();
});

test('fills the rows it is given', () => {
  const { lastFrame, unmount } = render(
    <CompactView state={state} columns={60} rows={12} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(12);
  expect(lines.at(-1)).toContain('q quit');
  unmount();
});
