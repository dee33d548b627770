/**
 * A terminal recording in asciicast v2 format: a JSON header line, then one
 * JSON array `[seconds, code, data]` per event. The format is described at
 * https://docs.asciinema.org/manual/asciicast/v2/.
 */
export type Asciicast = {
  /** Terminal width at the start, in columns. */
  readonly columns: number;
  /** Terminal height at the start, in rows. */
  readonly rows: number;
  /** Output and resize events, in time order. */
  readonly events: readonly CastEvent[];
};

/** An event that changes what the terminal shows. */
export type CastEvent =
  | {
      readonly kind: 'output';
      /** Time since the start of the recording, in milliseconds. */
      readonly timeMs: number;
      /** Text and escape sequences the program wrote. */
      readonly data: string;
    }
  | {
      readonly kind: 'resize';
      /** Time since the start of the recording, in milliseconds. */
      readonly timeMs: number;
      readonly columns: number;
      readonly rows: number;
    };

const RESIZE_PATTERN = /^(\d+)x(\d+)$/;

/**
 * Parses an asciicast v2 file. Keeps output (`o`) and resize (`r`) events
 * and skips the others, such as input (`i`) and markers (`m`), which do not
 * change the screen. Throws on a malformed line, naming its line number.
 */
export function parseAsciicast(text: string): Asciicast {
  const lines = text.split('\n');
  const headerIndex = lines.findIndex((line) => line.trim() !== '');
  if (headerIndex === -1) {
    throw new Error('Invalid asciicast: the file is empty.');
  }

  const { columns, rows } = parseHeader(lines[headerIndex]!, headerIndex + 1);
  const events: CastEvent[] = [];
  let previousTimeMs = 0;
  for (let index = headerIndex + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === '') {
      continue;
    }

    const event = parseEvent(line, index + 1);
    if (event === null) {
      continue;
    }

    if (event.timeMs < previousTimeMs) {
      throw invalidLine(index + 1, 'its time is earlier than the event before');
    }

    previousTimeMs = event.timeMs;
    events.push(event);
  }

  return { columns, rows, events };
}

function parseHeader(line: string, lineNumber: number) {
  const header = parseJson(line, lineNumber);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) {
    throw invalidLine(lineNumber, 'the header must be a JSON object');
  }

  const { version, width, height } = header as Record<string, unknown>;
  if (version !== 2) {
    throw invalidLine(
      lineNumber,
      `version ${String(version)} is not supported, expected 2`,
    );
  }

  if (!isPositiveInteger(width) || !isPositiveInteger(height)) {
    throw invalidLine(
      lineNumber,
      'the header needs a width and a height in whole cells',
    );
  }

  return { columns: width, rows: height };
}

/** Parses an event line; returns null for a kind that leaves the screen. */
function parseEvent(line: string, lineNumber: number): CastEvent | null {
  const event = parseJson(line, lineNumber);
  if (!Array.isArray(event) || event.length < 3) {
    throw invalidLine(lineNumber, 'an event must be [time, code, data]');
  }

  const [seconds, code, data] = event as unknown[];
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
    throw invalidLine(lineNumber, 'the time must be seconds, 0 or more');
  }

  if (typeof code !== 'string' || typeof data !== 'string') {
    throw invalidLine(lineNumber, 'the code and the data must be strings');
  }

  const timeMs = seconds * 1000;
  if (code === 'o') {
    return { kind: 'output', timeMs, data };
  }

  if (code !== 'r') {
    return null;
  }

  const size = RESIZE_PATTERN.exec(data);
  const columns = Number(size?.[1]);
  const rows = Number(size?.[2]);
  if (!isPositiveInteger(columns) || !isPositiveInteger(rows)) {
    throw invalidLine(lineNumber, `resize "${data}" is not COLUMNSxROWS`);
  }

  return { kind: 'resize', timeMs, columns, rows };
}

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    throw invalidLine(lineNumber, 'it is not valid JSON', error);
  }
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

function invalidLine(lineNumber: number, reason: string, cause?: unknown) {
  return new Error(
    `Invalid asciicast at line ${lineNumber}: ${reason}.`,
    cause === undefined ? undefined : { cause },
  );
}
