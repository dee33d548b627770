import { Box } from 'ink';
import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { analyzeRun } from '../../../source/analysis/run-analysis.js';
import { AnalysisView } from '../../../source/ui/components/analysis-view.js';
import {
  createCraftedTrials,
  createStateOf,
  FULL_GRID,
  scoreByDepth,
} from '../../analysis/sweeps.js';

const finished = analyzeRun(
  createStateOf(createCraftedTrials(FULL_GRID, scoreByDepth)),
);

function renderView(width: number, height: number, analysis = finished) {
  return render(
    <Box width={width}>
      <AnalysisView analysis={analysis} width={width} height={height} />
    </Box>,
  );
}

test('ranks maxDepth first with its share', () => {
  const { lastFrame, unmount } = renderView(80, 30);
  const lines = (lastFrame() ?? '').split('\n');
  const importance = lines.findIndex((line) => line.includes('Importance'));

  expect(lines[0]).toContain('─ Analysis  48 of 48 trials · test accuracy');
  expect(lines[importance + 2]).toMatch(/^maxDepth\s+█+░*\s+99%\s+0\.3/);
  expect(lines[importance + 5]).toMatch(/^seed\s+░+\s+0%/);
  unmount();
});

test('lists every value of every parameter', () => {
  const { lastFrame, unmount } = renderView(80, 30);
  const frame = lastFrame() ?? '';

  expect(frame).toContain(
    'parameter     value trials    mean      SD    best  ms/tree',
  );
  expect(frame).toMatch(/maxDepth\s+1\s+12\s+0\.6\d\d/);
  expect(frame).toMatch(/maxFeatures\s+1\s+24/);
  expect(frame).toMatch(/seed\s+1\s+16/);
  expect(frame).not.toContain('more lines');
  unmount();
});

test('cuts value rows to the height', () => {
  const { lastFrame, unmount } = renderView(80, 12);
  const lines = (lastFrame() ?? '').split('\n');

  expect(lines).toHaveLength(12);
  expect(lines[11]).toMatch(/\+\d+ more lines \(traintop analyze shows all\)/);
  expect(lines.join('\n')).toContain('maxDepth');
  unmount();
});

test('keeps every line within a narrow width', () => {
  const { lastFrame, unmount } = renderView(40, 20);
  const lines = (lastFrame() ?? '').split('\n');

  expect(lines.length).toBeGreaterThan(1);
  for (const line of lines) {
    expect([...line].length).toBeLessThanOrEqual(40);
  }
  unmount();
});

test('explains a run with one trial', () => {
  const [trial] = createCraftedTrials(FULL_GRID, scoreByDepth);
  const analysis = analyzeRun(createStateOf([trial!]));
  const { lastFrame, unmount } = renderView(80, 24, analysis);
  const frame = lastFrame() ?? '';

  expect(frame).toContain('one finished trial: effects need two values');
  expect(frame).toContain(
    'no ranking: needs at least 8 finished trials, has 1',
  );
  expect(frame).toMatch(/maxDepth\s+one value: no effect to measure/);
  expect(frame).not.toContain('NaN');
  unmount();
});

test('explains a run without finished trials', () => {
  const analysis = analyzeRun(createStateOf([]));
  const { lastFrame, unmount } = renderView(80, 24, analysis);
  const frame = lastFrame() ?? '';

  expect(frame).toContain('no finished trials yet: no scores to analyse');
  expect(frame).toContain('no finished trials: no effects to show');
  expect(frame).not.toContain('NaN');
  unmount();
});
