import type { RunEvent } from '../state/events.js';

/** Messages from the main thread to the store thread. */
export type StoreRequest =
  | {
      readonly type: 'open';
      readonly eventsFile: string;
      readonly databaseFile: string;
      /** The run's id when it is resumed, or '' for a new run. */
      readonly runId: string;
    }
  | { readonly type: 'events'; readonly events: readonly RunEvent[] }
  | { readonly type: 'close' };

/** Messages from the store thread, with errors as their messages. */
export type StoreResponse = {
  readonly type: 'closed';
  readonly eventsError: string | null;
  readonly databaseError: string | null;
};
