import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { WorkerLabel } from '../../../source/ui/components/worker-label.js';
import { createTestWorker } from '../factories.js';

test('shows the id and state in fixed cells', () => {
  const worker = createTestWorker({ status: 'running', trialId: 't07' });
  const { lastFrame, unmount } = render(
    <WorkerLabel worker={worker} isRunPaused={false} />,
  );

  expect(lastFrame()).toBe('w3  running');
  unmount();
});

test('shows a running worker as paused while the run is', () => {
  const worker = createTestWorker({ status: 'running', trialId: 't07' });
  const { lastFrame, unmount } = render(
    <WorkerLabel worker={worker} isRunPaused={true} />,
  );

  expect(lastFrame()).toBe('w3  paused');
  unmount();
});
