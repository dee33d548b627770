import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { EventBus } from '../../source/state/event-bus.js';
import type { RunEvent } from '../../source/state/events.js';
import { EventPlayer } from '../../source/store/event-player.js';

// Events one second apart, from 0 to 10 s of recorded time.
const events: RunEvent[] = Array.from({ length: 11 }, (_, second) => ({
  kind: 'pool-resized',
  at: second * 1_000,
  poolSize: second + 1,
}));

function startPlayer(speed = 1) {
  const bus = new EventBus();
  const played: RunEvent[] = [];
  bus.subscribe((event) => played.push(event));
  const onEnd = vi.fn();
  const player = new EventPlayer({ bus, events, speed, onEnd });
  player.start();

  return { player, played, onEnd };
}

const pools = (played: readonly RunEvent[]) =>
  played.flatMap((event) =>
    event.kind === 'pool-resized' ? [event.poolSize] : [],
  );

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('EventPlayer', () => {
  it('plays events at their recorded pace', () => {
    const { played, onEnd } = startPlayer();
    expect(pools(played)).toEqual([1]);

    vi.advanceTimersByTime(2_000);
    expect(pools(played)).toEqual([1, 2, 3]);

    vi.advanceTimersByTime(8_000);
    expect(pools(played)).toHaveLength(11);
    expect(onEnd).toHaveBeenCalledOnce();
  });

  it('plays faster at a higher speed', () => {
    const { played } = startPlayer(4);

    vi.advanceTimersByTime(1_000);

    expect(pools(played)).toEqual([1, 2, 3, 4, 5]);
  });

  it('holds while paused and says so on the bus', () => {
    const { player, played } = startPlayer();
    player.togglePause();
    vi.advanceTimersByTime(5_000);

    expect(pools(played)).toEqual([1]);
    expect(played.at(-1)?.kind).toBe('run-paused');

    player.togglePause();
    vi.advanceTimersByTime(1_000);
    expect(pools(played)).toEqual([1, 2]);
  });

  it('jumps ahead, playing the skipped events at once', () => {
    const { player, played } = startPlayer();

    player.jump(5_000);

    expect(pools(played)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('doubles and halves the speed within limits', () => {
    const { player } = startPlayer();

    player.changeSpeed(2);
    expect(player.speed).toBe(2);
    for (let i = 0; i < 20; i++) {
      player.changeSpeed(0.5);
    }
    expect(player.speed).toBe(0.25);
  });
});
