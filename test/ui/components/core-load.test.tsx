import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { CoreLoad } from '../../../source/ui/components/core-load.js';

test('draws a labelled bar per core', () => {
  const { lastFrame, unmount } = render(
    <CoreLoad corePercents={[0, 50]} width={80} />,
  );

  expect(lastFrame()).toBe('Cores   0 ░░░░░░   0%  1 ███░░░  50%');
  unmount();
});

test('wraps bars onto a second line', () => {
  const cores = Array.from({ length: 8 }, () => 100);
  const { lastFrame, unmount } = render(
    <CoreLoad corePercents={cores} width={80} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/^ {8}4 █{6} 100%/);
  unmount();
});

test('draws one glyph a core on big machines', () => {
  const cores = Array.from({ length: 40 }, (_, index) => (index % 2) * 100);
  const { lastFrame, unmount } = render(
    <CoreLoad corePercents={cores} width={80} />,
  );

  expect(lastFrame()).toBe(`Cores   ${'▁█'.repeat(20)}`);
  unmount();
});

test('counts cores past two strip lines', () => {
  const cores = Array.from({ length: 200 }, () => 50);
  const { lastFrame, unmount } = render(
    <CoreLoad corePercents={cores} width={48} />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(/ \+125$/);
  unmount();
});

test('waits for the first sample', () => {
  const { lastFrame, unmount } = render(
    <CoreLoad corePercents={[]} width={80} />,
  );

  expect(lastFrame()).toBe('Cores   sampling…');
  unmount();
});
