import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { TerminalTooSmall } from '../../../source/ui/components/terminal-too-small.js';

test('names the current and the minimum size', () => {
  const { lastFrame, unmount } = render(
    <TerminalTooSmall columns={60} rows={5} />,
  );

  expect(lastFrame()?.split('\n')[0]).toBe(
    'Terminal too small: 60x5, need at least 40x6.',
  );
  unmount();
});

test('wraps within a narrow terminal', () => {
  const { lastFrame, unmount } = render(
    <TerminalTooSmall columns={30} rows={5} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe('Terminal too small: 30x5, need');
  for (const line of lines) {
    expect([...line].length).toBeLessThanOrEqual(30);
  }

  unmount();
});

test('cuts the message at the last row', () => {
  const { lastFrame, unmount } = render(
    <TerminalTooSmall columns={20} rows={2} />,
  );

  expect(lastFrame()?.split('\n')).toHaveLength(2);
  unmount();
});
