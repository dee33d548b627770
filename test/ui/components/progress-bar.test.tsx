import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { ProgressBar } from '../../../source/ui/components/progress-bar.js';

test.each([
  [0, '░░░░░░░░░░'],
  [0.5, '█████░░░░░'],
  [1, '██████████'],
])('fills the bar at %d', (value, expected) => {
  const { lastFrame, unmount } = render(
    <ProgressBar value={value} width={10} />,
  );

  expect(lastFrame()).toBe(expected);
  unmount();
});

test('fills a cell only once its share is done', () => {
  const { lastFrame, unmount } = render(
    <ProgressBar value={0.99} width={10} />,
  );

  expect(lastFrame()).toBe('█████████░');
  unmount();
});

test('draws a failed bar with its own glyph', () => {
  const { lastFrame, unmount } = render(
    <ProgressBar value={0.5} width={10} isFailed />,
  );

  expect(lastFrame()).toBe('╳╳╳╳╳╳╳╳╳╳');
  unmount();
});

test('clamps values outside 0 to 1', () => {
  const { lastFrame, rerender, unmount } = render(
    <ProgressBar value={-1} width={4} />,
  );
  expect(lastFrame()).toBe('░░░░');

  rerender(<ProgressBar value={2} width={4} />);
  expect(lastFrame()).toBe('████');
  unmount();
});
