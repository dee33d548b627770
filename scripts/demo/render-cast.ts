import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { parseAsciicast } from './asciicast.js';
import {
  DEFAULT_GIF_OPTIONS,
  renderCastToGif,
  type CastGif,
  type GifOptions,
} from './cast-to-gif.js';

const USAGE = `Usage: node dist/scripts/demo/render-cast.js CAST GIF [options]

Renders an asciicast v2 recording as an animated GIF.

  --frame-ms MS      animation time between snapshots, a multiple of 10
                     (default: ${DEFAULT_GIF_OPTIONS.frameIntervalMs})
  --speed N          cast seconds played per GIF second (default: 1)
  --max-frame-ms MS  longest time one frame stays, to shorten idle stretches
                     (default: ${DEFAULT_GIF_OPTIONS.maxFrameMs})
  --end-hold-ms MS   time the last frame stays before the GIF loops
                     (default: ${DEFAULT_GIF_OPTIONS.endHoldMs})
  --font-size PX     font size in pixels (default: ${DEFAULT_GIF_OPTIONS.fontSizePx})
  --stop-at-exit     end at the return from the alternate screen, where a
                     full-screen program exits
`;

/** Reads a cast file, renders it and writes the GIF. */
async function renderCastFile(
  castPath: string,
  gifPath: string,
  options: Partial<GifOptions> = {},
): Promise<CastGif> {
  const cast = parseAsciicast(readFileSync(castPath, 'utf8'));
  const gif = await renderCastToGif(cast, options);
  writeFileSync(gifPath, gif.bytes);

  return gif;
}

/** Describes a GIF in one line: size, frames and duration. */
export function describeGif(gifPath: string, gif: CastGif): string {
  const megabytes = (gif.bytes.length / 1_000_000).toFixed(2);
  const seconds = (gif.durationMs / 1000).toFixed(1);

  return `${gifPath}: ${gif.widthPx}x${gif.heightPx} px, ${gif.frameCount} frames, ${seconds} s, ${megabytes} MB`;
}

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'frame-ms': { type: 'string' },
      speed: { type: 'string' },
      'max-frame-ms': { type: 'string' },
      'end-hold-ms': { type: 'string' },
      'font-size': { type: 'string' },
      'stop-at-exit': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);

    return 0;
  }

  if (positionals.length !== 2) {
    process.stderr.write(USAGE);

    return 2;
  }

  const [castPath, gifPath] = positionals as [string, string];
  const options: Partial<GifOptions> = {
    ...numberOption('frameIntervalMs', values['frame-ms']),
    ...numberOption('speed', values.speed),
    ...numberOption('maxFrameMs', values['max-frame-ms']),
    ...numberOption('endHoldMs', values['end-hold-ms']),
    ...numberOption('fontSizePx', values['font-size']),
    stopAtScreenExit: values['stop-at-exit'] ?? false,
  };
  const gif = await renderCastFile(castPath, gifPath, options);
  process.stdout.write(`${describeGif(gifPath, gif)}\n`);

  return 0;
}

/** Returns `{ [key]: number }` for a given flag, or `{}` when it is absent. */
function numberOption(key: keyof GifOptions, text: string | undefined) {
  return text === undefined ? {} : { [key]: Number(text) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `error: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  }
}
