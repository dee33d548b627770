import type { Comparison } from './comparison.js';
import { measureOutputOverhead } from './output-overhead.js';

/** Drawing the monitor may slow the sweep down by 5% at most. */
const TARGET_SLOWDOWN = 1.05;

/**
 * Times the same sweep with the monitor drawing on a fake 80x24 terminal
 * and with plain lines.
 */
export function measureMonitorOverhead(): Promise<Comparison> {
  return measureOutputOverhead(
    'sweep time, monitor vs plain',
    { label: 'monitor', output: 'monitor' },
    { label: 'plain', output: 'plain' },
    TARGET_SLOWDOWN,
  );
}
