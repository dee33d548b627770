import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { ResourceMeter } from '../../../source/ui/components/resource-meter.js';

test('draws label, bar and percent', () => {
  const { lastFrame, unmount } = render(
    <ResourceMeter label="CPU" labelWidth={5} percent={50} barWidth={10} />,
  );

  expect(lastFrame()).toBe('CPU  █████░░░░░  50%');
  unmount();
});

test('appends the detail', () => {
  const { lastFrame, unmount } = render(
    <ResourceMeter label="Mem" percent={25} barWidth={4} detail="4/16 GiB" />,
  );

  expect(lastFrame()).toBe('Mem █░░░  25% 4/16 GiB');
  unmount();
});

test('shows N/A and no fill for a missing reading', () => {
  const { lastFrame, unmount } = render(
    <ResourceMeter label="CPU" labelWidth={5} percent={null} barWidth={10} />,
  );

  expect(lastFrame()).toBe('CPU  ··········  N/A');
  unmount();
});

test('draws the percent alone without a bar', () => {
  const { lastFrame, unmount } = render(
    <ResourceMeter label="CPU" percent={42} barWidth={0} />,
  );

  expect(lastFrame()).toBe('CPU  42%');
  unmount();
});
