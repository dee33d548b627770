import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { SectionTitle } from '../../../source/ui/components/section-title.js';

test('fills the width with a rule', () => {
  const { lastFrame, unmount } = render(
    <SectionTitle title="Workers" detail="2 of 4 running" width={32} />,
  );

  expect(lastFrame()).toBe('─ Workers  2 of 4 running ──────');
  unmount();
});

test('truncates at a narrow width', () => {
  const { lastFrame, unmount } = render(
    <SectionTitle title="Workers" detail="2 of 4 running" width={12} />,
  );

  expect([...(lastFrame() ?? '')].length).toBeLessThanOrEqual(12);
  unmount();
});
