import { Text } from 'ink';
import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { MoreLine } from '../../../source/ui/components/more-line.js';

test('counts the hidden items', () => {
  const { lastFrame, unmount } = render(<MoreLine count={3} noun="workers" />);

  expect(lastFrame()).toBe('  +3 more workers');
  unmount();
});

test('renders nothing when nothing is hidden', () => {
  const { lastFrame, unmount } = render(
    <>
      <Text>list</Text>
      <MoreLine count={0} />
    </>,
  );

  expect(lastFrame()).toBe('list');
  unmount();
});

test('counts items scrolled out above', () => {
  const { lastFrame, unmount } = render(
    <MoreLine count={5} aboveCount={2} noun="trials" />,
  );

  expect(lastFrame()).toBe('  +2 above · +5 more trials');
  unmount();
});

test('shows only the above count at the bottom', () => {
  const { lastFrame, unmount } = render(
    <MoreLine count={0} aboveCount={4} noun="trials" />,
  );

  expect(lastFrame()).toBe('  +4 above');
  unmount();
});
