/**
 * What the monitor shows: a run it drives (`run`), a run that another
 * process drives (`watch`), or a stored run played back (`replay`).
 */
export type MonitorMode = 'run' | 'watch' | 'replay';
