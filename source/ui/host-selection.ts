import { resolveSelection } from './trial-selection.js';

/**
 * Returns the host `step` places after the selected one, or before it for a
 * negative step, wrapping around at either end as Tab does. The selected
 * host is the picked one while listed, else the first. Returns null when no
 * host is listed.
 */
export function cycleHostSelection(
  hostIds: readonly string[],
  pickedId: string | null,
  step: number,
): string | null {
  const selected = resolveSelection(hostIds, pickedId);
  if (selected === null) {
    return null;
  }

  const count = hostIds.length;
  const index = (((hostIds.indexOf(selected) + step) % count) + count) % count;

  return hostIds[index] ?? null;
}
