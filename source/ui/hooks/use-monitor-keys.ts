import { useInput, type Key } from 'ink';
import { useState } from 'react';
import type { Controls } from '../controls.js';

export type UseMonitorKeysProps = {
  /** Receives pause, resize and quit requests. */
  readonly controls: Controls;
  /**
   * Listens to keys when true. Pass false when stdin is not a TTY, because
   * Ink 8 turns on raw mode for an active input hook and throws when stdin
   * does not support it.
   */
  readonly isActive: boolean;
};

export type UseMonitorKeysResult = {
  readonly isHelpVisible: boolean;
};

/**
 * Maps the monitor's keys to controls and owns the help toggle. Space and p
 * pause or resume, + and = add a worker, - and _ remove one, ? toggles the
 * help, Escape closes it, and q or Ctrl+C quits.
 */
export function useMonitorKeys({
  controls,
  isActive,
}: UseMonitorKeysProps): UseMonitorKeysResult {
  const [isHelpVisible, setIsHelpVisible] = useState(false);

  const handleInput = (input: string, key: Key) => {
    if (key.escape) {
      setIsHelpVisible(false);
      return;
    }

    if (key.ctrl) {
      if (input === 'c') {
        controls.quit();
      }

      return;
    }

    // Keys typed quickly, or pasted, arrive together as one input string.
    for (const character of input) {
      handleCharacter(character);
    }
  };

  const handleCharacter = (character: string) => {
    switch (character) {
      case ' ':
      case 'p':
        controls.togglePause();
        break;
      case '+':
      case '=':
        controls.resize(1);
        break;
      case '-':
      case '_':
        controls.resize(-1);
        break;
      case '?':
        setIsHelpVisible((isVisible) => !isVisible);
        break;
      case 'q':
        controls.quit();
        break;
      case 'j':
        controls.jump?.();
        break;
    }
  };

  useInput(handleInput, { isActive });

  return { isHelpVisible };
}
