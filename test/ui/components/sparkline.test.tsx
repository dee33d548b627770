import { Box, Text } from 'ink';
import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Sparkline } from '../../../source/ui/components/sparkline.js';

test('maps 0 to 1 onto eight levels', () => {
  const values = [0, 1 / 7, 2 / 7, 3 / 7, 4 / 7, 5 / 7, 6 / 7, 1];
  const { lastFrame, unmount } = render(
    <Sparkline values={values} width={8} />,
  );

  expect(lastFrame()).toBe('▁▂▃▄▅▆▇█');
  unmount();
});

test('shows only the last width values', () => {
  const { lastFrame, unmount } = render(
    <Sparkline values={[1, 1, 1, 0, 0.5, 1]} width={3} />,
  );

  expect(lastFrame()).toBe('▁▅█');
  unmount();
});

test('pads a short history to its width', () => {
  const { lastFrame, unmount } = render(
    <Box width={20}>
      <Sparkline values={[0, 1]} width={5} />
      <Text>|</Text>
    </Box>,
  );

  expect(lastFrame()).toBe('▁█   |');
  unmount();
});

test('scales to a given range', () => {
  const { lastFrame, unmount } = render(
    <Sparkline values={[0.9, 0.93, 1]} width={3} min={0.9} max={1} />,
  );

  expect(lastFrame()).toBe('▁▃█');
  unmount();
});

test('grows frame by frame as values arrive', () => {
  const history = [0.2, 0.6, 1];
  const { frames, rerender, unmount } = render(
    <Sparkline values={[]} width={3} />,
  );
  for (let count = 1; count <= history.length; count += 1) {
    rerender(<Sparkline values={history.slice(0, count)} width={3} />);
  }

  const distinct = frames.filter((frame, index) => frame !== frames[index - 1]);
  expect(distinct).toEqual(['', '▂', '▂▅', '▂▅█']);
  unmount();
});
