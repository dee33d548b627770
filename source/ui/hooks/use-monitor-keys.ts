import { useInput, type Key } from 'ink';
import { useState } from 'react';
import type { Controls } from '../controls.js';
import { cycleHostSelection } from '../host-selection.js';
import { resolveSelection, stepSelection } from '../trial-selection.js';

export type UseMonitorKeysProps = {
  /** Receives pause, resize and quit requests. */
  readonly controls: Controls;
  /**
   * Listens to keys when true. Pass false when stdin is not a TTY, because
   * Ink 8 turns on raw mode for an active input hook and throws when stdin
   * does not support it.
   */
  readonly isActive: boolean;
  /** Ids of the finished trials, best first, that the arrows move through. */
  readonly rankedTrialIds?: readonly string[];
  /**
   * Ids of the worker processes of a queued run, in list order, that Tab
   * moves through. Ignored when `controls.resizeHost` is absent. Default
   * none, as in a local run.
   */
  readonly hostIds?: readonly string[];
};

export type UseMonitorKeysResult = {
  readonly isHelpVisible: boolean;
  /**
   * The finished trial the arrows point at: the best one until the user
   * picks another, or null before any trial finished.
   */
  readonly selectedTrialId: string | null;
  /** Whether the selected trial's details replace the panels. */
  readonly isDetailVisible: boolean;
  /** Whether the analysis of what drives the test score replaces them. */
  readonly isAnalysisVisible: boolean;
  /**
   * The worker process that + and - resize: the first one until the user
   * picks another with Tab. Null without processes or without
   * `controls.resizeHost`, and then + and - resize the pool.
   */
  readonly selectedHostId: string | null;
};

const NO_IDS: readonly string[] = [];

/**
 * Maps the monitor's keys to controls and owns the help, the trial and host
 * selections and the details view. Space and p pause or resume, + and = add
 * a worker, - and _ remove one, the up and down arrows move the selection,
 * Enter opens or closes the selected trial's details, a toggles the
 * analysis, ? toggles the help, Escape closes the help or else the details
 * or the analysis, and q or Ctrl+C quits. In a
 * queued run, Tab and Shift+Tab select a worker process, and + and - add
 * or remove one of its threads instead.
 */
export function useMonitorKeys({
  controls,
  isActive,
  rankedTrialIds = NO_IDS,
  hostIds = NO_IDS,
}: UseMonitorKeysProps): UseMonitorKeysResult {
  const [isHelpVisible, setIsHelpVisible] = useState(false);
  const [pickedTrialId, setPickedTrialId] = useState<string | null>(null);
  const [isDetailOpen, setIsDetailOpen] = useState(false);
  const [pickedHostId, setPickedHostId] = useState<string | null>(null);
  const [isAnalysisOpen, setIsAnalysisOpen] = useState(false);

  const canResizeHosts =
    controls.resizeHost !== undefined && hostIds.length > 0;
  const selectedHostId = canResizeHosts
    ? resolveSelection(hostIds, pickedHostId)
    : null;

  const handleInput = (input: string, key: Key) => {
    if (key.escape) {
      if (isHelpVisible) {
        setIsHelpVisible(false);
      } else {
        setIsDetailOpen(false);
        setIsAnalysisOpen(false);
      }

      return;
    }

    if (key.ctrl) {
      if (input === 'c') {
        controls.quit();
      }

      return;
    }

    if (key.tab) {
      // Shift+Tab arrives as its own escape sequence, which Ink reports as
      // Tab with shift.
      handleHostKey(key.shift ? -1 : 1);
      return;
    }

    if (key.upArrow || key.downArrow || key.return) {
      handleTrialKey(key);
      return;
    }

    // Keys typed quickly, or pasted, arrive together as one input string.
    for (const character of input) {
      handleCharacter(character);
    }
  };

  // The help and the analysis cover the panels and the details, so these
  // keys wait for them to close.
  const handleTrialKey = (key: Key) => {
    if (isHelpVisible || isAnalysisOpen) {
      return;
    }

    if (key.return) {
      // Opening pins the selection, so the details stay on this trial when
      // a better one finishes.
      setPickedTrialId((picked) => resolveSelection(rankedTrialIds, picked));
      setIsDetailOpen((isOpen) => !isOpen && rankedTrialIds.length > 0);
      return;
    }

    const step = key.upArrow ? -1 : 1;
    setPickedTrialId((picked) => stepSelection(rankedTrialIds, picked, step));
  };

  const handleHostKey = (step: number) => {
    if (isHelpVisible || !canResizeHosts) {
      return;
    }

    setPickedHostId((picked) => cycleHostSelection(hostIds, picked, step));
  };

  const resizeBy = (delta: number) => {
    if (selectedHostId !== null && controls.resizeHost) {
      controls.resizeHost(selectedHostId, delta);
      return;
    }

    controls.resize(delta);
  };

  // The analysis takes the place of the details, which it closes.
  const toggleAnalysis = () => {
    if (isHelpVisible) {
      return;
    }

    setIsDetailOpen(false);
    setIsAnalysisOpen((isOpen) => !isOpen);
  };

  const handleCharacter = (character: string) => {
    switch (character) {
      case ' ':
      case 'p':
        controls.togglePause();
        break;
      case '+':
      case '=':
        resizeBy(1);
        break;
      case '-':
      case '_':
        resizeBy(-1);
        break;
      case 'a':
        toggleAnalysis();
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

  const selectedTrialId = resolveSelection(rankedTrialIds, pickedTrialId);

  return {
    isHelpVisible,
    selectedTrialId,
    isDetailVisible: isDetailOpen && selectedTrialId !== null,
    isAnalysisVisible: isAnalysisOpen,
    selectedHostId,
  };
}
