import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { HelpOverlay } from '../../../source/ui/components/help-overlay.js';

test('lists every key', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={80} height={20} />);

  const frame = lastFrame() ?? '';
  expect(frame).toMatch(/^─ Help ─+$/m);
  expect(frame).toContain('space, p    Pause or resume the run');
  expect(frame).toContain('+, =        Add one worker to the pool');
  expect(frame).toContain('-, _        Remove one worker from the pool');
  expect(frame).toContain('?           Show or hide this help');
  expect(frame).toContain('Esc         Close this help');
  expect(frame).toContain('q, Ctrl+C   Stop the run and quit');
  unmount();
});

test('explains the glyphs and parameter letters', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={80} height={20} />);

  expect(lastFrame()).toContain('█ trees grown   ░ trees to grow   ╳ failed');
  expect(lastFrame()).toContain('T trees   f max features   d max depth');
  unmount();
});

test('takes exactly its height', () => {
  const tall = render(<HelpOverlay width={80} height={20} />);
  const short = render(<HelpOverlay width={80} height={4} />);

  expect(tall.lastFrame()?.split('\n')).toHaveLength(20);
  expect(short.lastFrame()?.split('\n')).toHaveLength(4);
  tall.unmount();
  short.unmount();
});
