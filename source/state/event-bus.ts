import type { RunEvent } from './events.js';

export type EventListener = (event: RunEvent) => void;

/**
 * Carries the one stream of run events from producers to consumers. Listeners
 * run synchronously in the order they subscribed.
 */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  /** Adds a listener and returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);

    return () => {
      this.listeners.delete(listener);
    };
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
