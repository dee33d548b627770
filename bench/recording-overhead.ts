import type { Comparison } from './comparison.js';
import { measureOutputOverhead } from './output-overhead.js';

/** Recording the monitor with --record may slow the sweep by 3% at most. */
const TARGET_SLOWDOWN = 1.03;

/**
 * Times the same sweep with the monitor drawing on a fake 80x24 terminal,
 * once recording every byte it draws to a cast file in the temporary
 * folder, as --record does, and once without.
 */
export function measureRecordingOverhead(): Promise<Comparison> {
  return measureOutputOverhead(
    'sweep time, --record vs monitor',
    { label: '--record', output: 'recorded-monitor' },
    { label: 'monitor', output: 'monitor' },
    TARGET_SLOWDOWN,
  );
}
