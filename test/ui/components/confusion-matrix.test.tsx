import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { ConfusionMatrix } from '../../../source/ui/components/confusion-matrix.js';
import { textWidth } from '../../../source/ui/text-cells.js';

const irisConfusion = [
  [10, 0, 0],
  [0, 9, 1],
  [0, 2, 8],
];

test('heads rows and columns with class names', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={irisConfusion}
      classNames={['setosa', 'versicolor', 'virginica']}
      width={80}
      maxLines={4}
    />,
  );

  expect(lastFrame()).toBe(
    [
      '                setosa versicolor  virginica',
      'setosa              10          0          0',
      'versicolor           0          9          1',
      'virginica            0          2          8',
    ].join('\n'),
  );
  unmount();
});

test('cuts long names in the middle', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={irisConfusion}
      classNames={['Iris-setosa', 'Iris-versicolor', 'Iris-virginica']}
      width={40}
      maxLines={4}
    />,
  );

  // Cut at the end, the last two would both read "Iris-v…".
  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe('                 Iri…osa Iri…lor Iri…ica');
  expect(lines[2]).toBe('Iris-versicolor        0       9       1');
  unmount();
});

test('aligns wide class names by cells', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={irisConfusion}
      classNames={['晴れ', '雨のち曇り', '雪']}
      width={80}
      maxLines={4}
    />,
  );

  // Each CJK character takes two cells, so "雨のち曇り" is 10 cells wide.
  expect(lastFrame()).toBe(
    [
      '                  晴れ 雨のち曇り         雪',
      '晴れ                10          0          0',
      '雨のち曇り           0          9          1',
      '雪                   0          2          8',
    ].join('\n'),
  );
  unmount();
});

test('cuts wide class names by cells', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={irisConfusion}
      classNames={['晴れ', '雨のち曇り', '雪']}
      width={30}
      maxLines={4}
    />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines[0]).toBe('             晴れ 雨…り    雪');
  for (const line of lines) {
    expect(textWidth(line), line).toBeLessThanOrEqual(30);
  }
  unmount();
});

test('counts the classes that do not fit', () => {
  const size = 12;
  const confusion = Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, column) => (row === column ? 5 : 0)),
  );
  const names = Array.from({ length: size }, (_, index) => `c${index}`);
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={confusion}
      classNames={names}
      width={40}
      maxLines={6}
    />,
  );

  const lines = lastFrame()?.split('\n') ?? [];
  expect(lines).toHaveLength(6);
  expect(lines[0]).toBe('         c0   c1   c2   c3');
  expect(lines[5]).toBe('  +8 more classes');
  unmount();
});

test('names classes without a name by number', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={[
        [3, 1],
        [0, 4],
      ]}
      classNames={[]}
      width={40}
      maxLines={3}
    />,
  );

  expect(lastFrame()?.split('\n')[1]).toMatch(/^class 0 +3 +1$/);
  unmount();
});

test('draws nothing without room for a class', () => {
  const { lastFrame, unmount } = render(
    <ConfusionMatrix
      confusion={irisConfusion}
      classNames={['setosa', 'versicolor', 'virginica']}
      width={80}
      maxLines={2}
    />,
  );

  expect(lastFrame()).toBe('');
  unmount();
});
