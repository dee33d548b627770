import type { EventLog } from '../store/event-log-reader.js';

/** Says on stderr that a crash cut the log's last line short, if it did. */
export function warnIfCutShort(log: EventLog): void {
  if (log.truncatedLine === null) {
    return;
  }

  process.stderr.write(
    `warning: line ${log.truncatedLine} of the event log was cut short, as ` +
      'by a crash; what follows uses the events before it.\n',
  );
}
