import { describe, expect, test } from 'vitest';
import { cycleHostSelection } from '../../source/ui/host-selection.js';

const hostIds = ['gpu-box', 'node-a', 'node-b'];

describe('cycleHostSelection', () => {
  test('moves from the first host when none was picked', () => {
    expect(cycleHostSelection(hostIds, null, 1)).toBe('node-a');
  });

  test('wraps around after the last host', () => {
    expect(cycleHostSelection(hostIds, 'node-b', 1)).toBe('gpu-box');
  });

  test('wraps around before the first host', () => {
    expect(cycleHostSelection(hostIds, 'gpu-box', -1)).toBe('node-b');
  });

  test('starts over from the first for a host that left', () => {
    expect(cycleHostSelection(hostIds, 'gone-1', 1)).toBe('node-a');
  });

  test('returns null without hosts', () => {
    expect(cycleHostSelection([], null, 1)).toBeNull();
  });
});
