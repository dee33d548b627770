import type { EventBus } from '../state/event-bus.js';
import type { RunEvent } from '../state/events.js';

/** Time between two steps of the playback clock, in ms. */
const STEP_MS = 50;

/** Slowest and fastest playback, as multiples of the recorded pace. */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 64;

export type EventPlayerOptions = {
  readonly bus: EventBus;
  /** Stored events in the order of events.jsonl. */
  readonly events: readonly RunEvent[];
  /** Multiple of the recorded pace to start at. Default 1. */
  readonly speed?: number;
  /** Called once every event has been played. */
  readonly onEnd: () => void;
};

/**
 * Plays stored events back onto a bus at their recorded pace, or a multiple
 * of it, so the monitor shows a run again as it happened. The events keep
 * their recorded times, so the monitor's clock reads the run's own time.
 */
export class EventPlayer {
  private readonly events: readonly RunEvent[];
  private next = 0;
  /** Recorded time the playback has reached, in ms since the epoch. */
  private position: number;
  private speedFactor: number;
  private paused = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: EventPlayerOptions) {
    this.events = options.events;
    this.position = options.events[0]?.at ?? 0;
    this.speedFactor = clampSpeed(options.speed ?? 1);
  }

  get speed(): number {
    return this.speedFactor;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get isFinished(): boolean {
    return this.next >= this.events.length;
  }

  start(): void {
    this.emitDue();
    this.timer = setInterval(() => this.step(), STEP_MS);
  }

  stop(): void {
    if (this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  /**
   * Pauses or continues the playback. The bus gets a run-paused or
   * run-resumed event at the playback's time, so the monitor shows it.
   */
  togglePause(): void {
    this.paused = !this.paused;
    const kind = this.paused ? 'run-paused' : 'run-resumed';
    this.options.bus.emit({ kind, at: this.position });
  }

  /** Doubles (`factor` 2) or halves (0.5) the speed, within the limits. */
  changeSpeed(factor: number): void {
    this.speedFactor = clampSpeed(this.speedFactor * factor);
  }

  /** Skips `ms` of recorded time, playing the skipped events at once. */
  jump(ms: number): void {
    this.position += ms;
    this.emitDue();
  }

  private step(): void {
    if (!this.paused) {
      this.position += STEP_MS * this.speedFactor;
      this.emitDue();
    }
  }

  private emitDue(): void {
    while (!this.isFinished && this.events[this.next]!.at <= this.position) {
      this.options.bus.emit(this.events[this.next]!);
      this.next += 1;
    }

    if (this.isFinished) {
      this.stop();
      this.options.onEnd();
    }
  }
}

function clampSpeed(speed: number): number {
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}
