import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import type { HostState } from '../../../source/state/run-state.js';
import type { HostGroup } from '../../../source/state/selectors.js';
import { HostLine } from '../../../source/ui/components/host-line.js';
import { planHostColumns } from '../../../source/ui/host-columns.js';
import { createTestHost, RUN_START_MS } from '../factories.js';

function groupOf(host: HostState | null, hostId = 'gpu-box-4312'): HostGroup {
  return { hostId, host, workers: [] };
}

function renderLine(
  group: HostGroup,
  { width = 80, isSelected = false, now = RUN_START_MS } = {},
) {
  return render(
    <HostLine
      group={group}
      label="gpu-box"
      isSelected={isSelected}
      columns={planHostColumns(width, 7)}
      now={now}
    />,
  );
}

test('draws threads, CPU and memory at 80 columns', () => {
  const { lastFrame, unmount } = renderLine(groupOf(createTestHost()));

  expect(lastFrame()).toBe(
    '  gpu-box  3/4 busy    CPU ████░░░░░░░  42%  ' +
      'Mem ██████░░░░░  58% 9.3/16.0 GiB',
  );
  unmount();
});

test('marks the selected host', () => {
  const { lastFrame, unmount } = renderLine(groupOf(createTestHost()), {
    isSelected: true,
  });

  expect(lastFrame()).toMatch(/^› gpu-box {2}3\/4 busy/);
  unmount();
});

test('shows percents alone when narrow', () => {
  const { lastFrame, unmount } = renderLine(groupOf(createTestHost()), {
    width: 50,
  });

  expect(lastFrame()).toBe('  gpu-box  3/4 busy    CPU  42%  Mem  58%');
  unmount();
});

test('shows N/A for readings not taken', () => {
  const host = createTestHost({ cpuPercent: null, memTotalBytes: null });
  const { lastFrame, unmount } = renderLine(groupOf(host), { width: 50 });

  expect(lastFrame()).toBe('  gpu-box  3/4 busy    CPU  N/A  Mem  N/A');
  unmount();
});

test('marks a lost host with the time since its heartbeat', () => {
  const host = createTestHost({ isLost: true });
  const { lastFrame, unmount } = renderLine(groupOf(host), {
    now: RUN_START_MS + 12_000,
  });

  expect(lastFrame()).toBe('  gpu-box  LOST  no heartbeat for 12s');
  unmount();
});

test('says when a host has not been heard from', () => {
  const { lastFrame, unmount } = renderLine(groupOf(null));

  expect(lastFrame()).toBe('  gpu-box  no heartbeat yet');
  unmount();
});
