/** Test accuracies kept per trial: enough for the widest sparkline. */
export const HISTORY_LENGTH = 48;

/** How long a crashed worker's row stays on screen after it died, in ms. */
export const FAILED_WORKER_ROW_MS = 10_000;
