/** A request for one CPU load reading. */
export type LoadRequest = { readonly id: number };

/** One CPU load reading, as systeminformation returned it, or its error. */
export type LoadResponse =
  | {
      readonly id: number;
      readonly ok: true;
      /** Load over all cores since the previous reading, in percent. */
      readonly cpuPercent: number;
      readonly corePercents: readonly number[];
    }
  | { readonly id: number; readonly ok: false; readonly error: string };
