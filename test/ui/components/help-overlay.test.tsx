import { render } from 'ink-testing-library';
import { expect, test } from 'vitest';
import { HelpOverlay } from '../../../source/ui/components/help-overlay.js';

const TITLE_80 = `─ Help ${'─'.repeat(73)}`;
const KEY_ROWS = [
  'space, p    Pause or resume the run',
  '+, =        Add one worker to the pool',
  '-, _        Remove one worker from the pool',
  '↑, ↓        Select a finished trial',
  "Enter       Open or close the selected trial's details",
  'a           Show or hide what drives the test score',
  '?           Show or hide this help',
  'Esc         Close this help, the details or the analysis',
  'q, Ctrl+C   Stop the run and quit',
];
const LEGEND_ROWS = [
  '█ trees grown   ░ trees to grow   ╳ failed   · not measured',
  'T trees   f max features   d max depth   s seed',
  'acc accuracy   R² coefficient of determination   ± SD of fold scores',
  '› selected trial   F1 macro F1   RMSE root mean squared error',
  'N/A reading not taken   — not known yet',
];

test('lists every key and the legend', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={80} height={16} />);

  expect(lastFrame()).toBe(
    [TITLE_80, ...KEY_ROWS, '', ...LEGEND_ROWS].join('\n'),
  );
  unmount();
});

test('pads to its height with blank lines', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={80} height={19} />);

  expect(lastFrame()).toBe(
    [TITLE_80, ...KEY_ROWS, '', ...LEGEND_ROWS, '', '', ''].join('\n'),
  );
  unmount();
});

test('drops legend lines before keys', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={80} height={12} />);

  expect(lastFrame()).toBe(
    [TITLE_80, ...KEY_ROWS, '', LEGEND_ROWS[0]].join('\n'),
  );
  unmount();
});

test('keeps every key when only they fit', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={40} height={10} />);

  expect(lastFrame()).toBe(
    [
      `─ Help ${'─'.repeat(33)}`,
      'space, p    Pause or resume the run',
      '+, =        Add one worker to the pool',
      '-, _        Remove one worker from the …',
      '↑, ↓        Select a finished trial',
      'Enter       Open or close the selected …',
      'a           Show or hide what drives th…',
      '?           Show or hide this help',
      'Esc         Close this help, the detail…',
      'q, Ctrl+C   Stop the run and quit',
    ].join('\n'),
  );
  unmount();
});

test('cuts keys with a more line', () => {
  const { lastFrame, unmount } = render(<HelpOverlay width={40} height={5} />);

  expect(lastFrame()).toBe(
    [
      `─ Help ${'─'.repeat(33)}`,
      'space, p    Pause or resume the run',
      '+, =        Add one worker to the pool',
      '-, _        Remove one worker from the …',
      '  +6 more keys',
    ].join('\n'),
  );
  unmount();
});

test('lists the host keys in place of the pool keys', () => {
  const { lastFrame, unmount } = render(
    <HelpOverlay width={80} height={12} hasHostKeys />,
  );

  expect(lastFrame()?.split('\n').slice(1)).toEqual([
    'space, p        Pause or resume the run',
    'Tab, Shift+Tab  Select the next or previous host',
    '+, =            Add one thread to the selected host',
    '-, _            Remove one thread from the selected host',
    '↑, ↓            Select a finished trial',
    "Enter           Open or close the selected trial's details",
    'a               Show or hide what drives the test score',
    '?               Show or hide this help',
    'Esc             Close this help, the details or the analysis',
    'q, Ctrl+C       Stop the run and quit',
    '',
  ]);
  unmount();
});

test('names hosts in the legend of a queued run', () => {
  const { lastFrame, unmount } = render(
    <HelpOverlay width={80} height={20} hasHostKeys />,
  );

  expect(lastFrame()).toContain(
    '› selected trial or host   F1 macro F1   RMSE root mean squared error',
  );
  unmount();
});
