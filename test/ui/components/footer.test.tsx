import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Footer } from '../../../source/ui/components/footer.js';

test('lists the keys', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      isRunPaused={false}
      isHelpVisible={false}
      width={80}
    />,
  );

  expect(lastFrame()).toBe('space/p pause · +/- workers · ? help · q quit');
  unmount();
});

test('offers resume while paused', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused isHelpVisible={false} width={80} />,
  );

  expect(lastFrame()).toContain('space/p resume');
  unmount();
});

test('offers to close the help', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} isHelpVisible width={80} />,
  );

  expect(lastFrame()).toBe('?/Esc close help · q quit');
  unmount();
});

test('keeps the close key at 40 columns', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} isHelpVisible width={40} />,
  );

  expect(lastFrame()).toBe('?/Esc close help · q quit');
  unmount();
});

test('says keys are off without a terminal', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive={false}
      isRunPaused={false}
      isHelpVisible={false}
      width={80}
    />,
  );

  expect(lastFrame()).toBe('keys off: input is not a terminal · Ctrl+C stops');
  unmount();
});

test('shortens the keys-off reason at 40 columns', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive={false}
      isRunPaused={false}
      isHelpVisible={false}
      width={40}
    />,
  );

  expect(lastFrame()).toBe('keys off: no terminal · Ctrl+C stops');
  unmount();
});

test('fits 40 columns without losing quit', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      isRunPaused={false}
      isHelpVisible={false}
      width={40}
    />,
  );

  expect(lastFrame()).toBe('p pause · +/- workers · ? help · q quit');
  unmount();
});
