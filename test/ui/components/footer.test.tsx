import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Footer } from '../../../source/ui/components/footer.js';

test('lists the keys', () => {
  const { lastFrame, unmount } = render(
    <Footer isRunPaused={false} isHelpVisible={false} width={80} />,
  );

  expect(lastFrame()).toBe('space/p pause · +/- workers · ? help · q quit');
  unmount();
});

test('offers resume while paused', () => {
  const { lastFrame, unmount } = render(
    <Footer isRunPaused isHelpVisible={false} width={80} />,
  );

  expect(lastFrame()).toContain('space/p resume');
  unmount();
});

test('offers to close the help', () => {
  const { lastFrame, unmount } = render(
    <Footer isRunPaused={false} isHelpVisible width={80} />,
  );

  expect(lastFrame()).toContain('? close help');
  unmount();
});

test('fits 40 columns without losing quit', () => {
  const { lastFrame, unmount } = render(
    <Footer isRunPaused={false} isHelpVisible={false} width={40} />,
  );

  expect(lastFrame()).toBe('p pause · +/- workers · ? help · q quit');
  unmount();
});
