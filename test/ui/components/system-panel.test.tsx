import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { SystemPanel } from '../../../source/ui/components/system-panel.js';
import { createTestSystem } from '../factories.js';

test('shows N/A before the first sample', () => {
  const { lastFrame, unmount } = render(
    <SystemPanel system={null} width={80} />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('System  sampling…');
  expect(frame).toMatch(/^CPU {5}·+ {2}N\/A/m);
  expect(frame).toMatch(/Mem {2}·+ {2}N\/A$/m);
  expect(frame).toContain('Cores   sampling…');
  expect(frame).toContain('Process RSS N/A · main heap N/A');
  expect(frame).not.toContain('0%');
  unmount();
});

test('shows N/A when the first sample lacks CPU', () => {
  const system = createTestSystem({ cpuPercent: null, corePercents: [] });
  const { lastFrame, unmount } = render(
    <SystemPanel system={system} width={80} />,
  );

  expect(lastFrame()).toMatch(/^CPU {5}·+ {2}N\/A/m);
  expect(lastFrame()).toContain(
    'Process RSS 120 MiB · main heap 40.0/60.0 MiB',
  );
  unmount();
});

test('shows CPU, memory, cores and process', () => {
  const { lastFrame, unmount } = render(
    <SystemPanel system={createTestSystem()} width={80} />,
  );

  const frame = lastFrame() ?? '';
  expect(frame).toContain('System  4 cores');
  expect(frame).toMatch(/^CPU {5}█+░+ {2}42%/m);
  expect(frame).toContain('58% 9.3/16.0 GiB');
  expect(frame).toContain('Cores   0 ░░░░░░  10%  1 █████░  95%');
  expect(frame).toContain('Process RSS 120 MiB · main heap 40.0/60.0 MiB');
  unmount();
});

test('has four lines plus the core lines', () => {
  const { lastFrame, unmount } = render(
    <SystemPanel system={createTestSystem()} width={80} />,
  );

  expect(lastFrame()?.split('\n')).toHaveLength(4);
  unmount();
});
