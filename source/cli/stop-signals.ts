/** Signals that ask traintop to stop: Ctrl+C, kill, a closed terminal. */
const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

export type StopSignalHandlers = {
  /** Called on the first signal: stop the run cleanly. */
  readonly onStop: () => void;
  /** Called on a second signal while the first stop is still going on. */
  readonly onForce: (signal: NodeJS.Signals) => void;
};

/**
 * Turns stop signals into a clean stop, and a repeated signal into a forced
 * exit. Returns the function that removes the handlers.
 */
export function handleStopSignals(handlers: StopSignalHandlers): () => void {
  let isStopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (isStopping) {
      handlers.onForce(signal);
      return;
    }

    isStopping = true;
    handlers.onStop();
  };

  for (const signal of STOP_SIGNALS) {
    process.on(signal, onSignal);
  }

  return () => {
    for (const signal of STOP_SIGNALS) {
      process.off(signal, onSignal);
    }
  };
}
