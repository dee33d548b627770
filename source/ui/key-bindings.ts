/** Keys and their action, one line of the key help. */
export type KeyBinding = {
  readonly keys: string;
  readonly action: string;
};

/** Every key the monitor handles, in the order the help lists them. */
export const KEY_BINDINGS: readonly KeyBinding[] = [
  { keys: 'space, p', action: 'Pause or resume the run' },
  { keys: '+, =', action: 'Add one worker to the pool' },
  { keys: '-, _', action: 'Remove one worker from the pool' },
  { keys: '↑, ↓', action: 'Select a finished trial' },
  { keys: 'Enter', action: "Open or close the selected trial's details" },
  { keys: '?', action: 'Show or hide this help' },
  { keys: 'Esc', action: 'Close this help or the details' },
  { keys: 'q, Ctrl+C', action: 'Stop the run and quit' },
];
