/**
 * The kind of run the monitor shows: one it drives (`run`), one that
 * another process drives (`watch`), or a stored one played back
 * (`replay`).
 */
export type MonitorMode = 'run' | 'watch' | 'replay';
