import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { Footer } from '../../../source/ui/components/footer.js';

test('lists the keys', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} width={80} />,
  );

  expect(lastFrame()).toBe('space/p pause · +/- workers · ? help · q quit');
  unmount();
});

test('offers resume while paused', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused width={80} />,
  );

  expect(lastFrame()).toContain('space/p resume');
  unmount();
});

test('offers to close the help', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} screen="help" width={80} />,
  );

  expect(lastFrame()).toBe('?/Esc close help · q quit');
  unmount();
});

test('keeps the close key at 40 columns', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} screen="help" width={40} />,
  );

  expect(lastFrame()).toBe('?/Esc close help · q quit');
  unmount();
});

test('says keys are off without a terminal', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive={false} isRunPaused={false} width={80} />,
  );

  expect(lastFrame()).toBe('keys off: input is not a terminal · Ctrl+C stops');
  unmount();
});

test('shortens the keys-off reason at 40 columns', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive={false} isRunPaused={false} width={40} />,
  );

  expect(lastFrame()).toBe('keys off: no terminal · Ctrl+C stops');
  unmount();
});

test('fits 40 columns without losing quit', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} hasFinishedTrials width={40} />,
  );

  expect(lastFrame()).toBe('p pause · +/- workers · ? help · q quit');
  unmount();
});

test('offers the trial keys once a trial finished', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} hasFinishedTrials width={100} />,
  );

  expect(lastFrame()).toBe(
    'space/p pause · +/- workers · ↑/↓ select · Enter details · a analysis · ? help · q quit',
  );
  unmount();
});

test('drops select before the analysis at 80', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} hasFinishedTrials width={80} />,
  );

  expect(lastFrame()).toBe(
    'space/p pause · +/- workers · Enter details · a analysis · ? help · q quit',
  );
  unmount();
});

test('offers to close the analysis', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} screen="analysis" width={80} />,
  );

  expect(lastFrame()).toBe('a/Esc close analysis · ? help · q quit');
  unmount();
});

test('drops select before details when short', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} hasFinishedTrials width={62} />,
  );

  expect(lastFrame()).toBe(
    'space/p pause · +/- workers · Enter details · ? help · q quit',
  );
  unmount();
});

test('offers details and analysis in the compact view', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      isRunPaused={false}
      screen="compact"
      hasFinishedTrials
      width={80}
    />,
  );

  expect(lastFrame()).toBe(
    'space/p pause · +/- workers · Enter details · a analysis · ? help · q quit',
  );
  unmount();
});

test('offers to leave the details', () => {
  const { lastFrame, unmount } = render(
    <Footer isInteractive isRunPaused={false} screen="detail" width={40} />,
  );

  expect(lastFrame()).toBe('↑/↓ trial · Enter/Esc close · q quit');
  unmount();
});

test('fits the trial keys beside the watch note', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      mode="watch"
      isRunPaused={false}
      hasFinishedTrials
      width={80}
    />,
  );

  expect(lastFrame()).toBe(
    'watching: another process runs it · Enter details · ? help · q stop watching',
  );
  unmount();
});

test('offers the trial keys in a replay', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      mode="replay"
      isRunPaused={false}
      hasFinishedTrials
      width={80}
    />,
  );

  expect(lastFrame()).toBe(
    'replay · p pause · +/- speed · j jump 10s · Enter details · a analysis · q quit',
  );
  unmount();
});

test('keeps stop watching in the details', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      mode="watch"
      isRunPaused={false}
      screen="detail"
      width={80}
    />,
  );

  expect(lastFrame()).toBe('↑/↓ trial · Enter/Esc close · q stop watching');
  unmount();
});

test('offers Tab and host threads in a queued run', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      isRunPaused={false}
      hasFinishedTrials
      hasHostKeys
      width={80}
    />,
  );

  expect(lastFrame()).toBe(
    'p pause · Tab host · +/- threads · Enter details · a analysis · ? help · q quit',
  );
  unmount();
});

test('keeps the host keys when short', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      isRunPaused={false}
      hasFinishedTrials
      hasHostKeys
      width={60}
    />,
  );

  expect(lastFrame()).toBe(
    'p pause · Tab host · +/- threads · ? help · q quit',
  );
  unmount();
});

test('leaves Tab out of a watched run', () => {
  const { lastFrame, unmount } = render(
    <Footer
      isInteractive
      mode="watch"
      isRunPaused={false}
      hasHostKeys
      width={80}
    />,
  );

  expect(lastFrame()).toBe(
    'watching: another process runs it · ? help · q stop watching',
  );
  unmount();
});
