/** Keys and their action, one line of the key help. */
export type KeyBinding = {
  readonly keys: string;
  readonly action: string;
};

const PAUSE_KEY: KeyBinding = {
  keys: 'space, p',
  action: 'Pause or resume the run',
};

const POOL_KEYS: readonly KeyBinding[] = [
  { keys: '+, =', action: 'Add one worker to the pool' },
  { keys: '-, _', action: 'Remove one worker from the pool' },
];

/** Keys of a queued run, in place of the pool keys. */
const HOST_KEYS: readonly KeyBinding[] = [
  { keys: 'Tab, Shift+Tab', action: 'Select the next or previous host' },
  { keys: '+, =', action: 'Add one thread to the selected host' },
  { keys: '-, _', action: 'Remove one thread from the selected host' },
];

const VIEW_KEYS: readonly KeyBinding[] = [
  { keys: '↑, ↓', action: 'Select a finished trial' },
  { keys: 'Enter', action: "Open or close the selected trial's details" },
  { keys: 'a', action: 'Show or hide what drives the test score' },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help, the details or the analysis' },
  { keys: 'q, Ctrl+C', action: 'Stop the run and quit' },
];

/** Every key the monitor handles, in the order the help lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  PAUSE_KEY,
  ...POOL_KEYS,
  ...VIEW_KEYS,
];

/**
 * Returns the keys the help lists. With `hasHostKeys`, for a queued run
 * whose worker processes can be resized, Tab and the host keys take the
 * place of the pool keys.
 */
export function listKeyBindings(hasHostKeys: boolean): readonly KeyBinding[] {
  return hasHostKeys ? [PAUSE_KEY, ...HOST_KEYS, ...VIEW_KEYS] : KEY_BINDINGS;
}
