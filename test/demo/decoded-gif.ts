import { decompressFrames, parseGIF } from 'gifuct-js';

/** A GIF decoded into whole frames, as a viewer shows them. */
export type DecodedGif = {
  readonly width: number;
  readonly height: number;
  readonly frames: readonly DecodedFrame[];
};

export type DecodedFrame = {
  /** RGBA pixels of the whole image, row by row. */
  readonly rgba: Uint8ClampedArray;
  readonly delayMs: number;
};

/**
 * Decodes a GIF with gifuct-js, a decoder independent of the encoder, and
 * composes every frame over the ones before it, following each frame's
 * disposal method.
 */
export function decodeGif(bytes: Uint8Array): DecodedGif {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  const parsed = parseGIF(buffer);
  const { width, height } = parsed.lsd;
  const canvas = new Uint8ClampedArray(width * height * 4);
  const frames: DecodedFrame[] = [];

  for (const frame of decompressFrames(parsed, true)) {
    const { left, top, width: patchWidth, height: patchHeight } = frame.dims;
    const before = frame.disposalType === 3 ? canvas.slice() : null;
    for (let y = 0; y < patchHeight; y++) {
      for (let x = 0; x < patchWidth; x++) {
        const source = (y * patchWidth + x) * 4;
        if (frame.patch[source + 3] === 0) {
          continue;
        }

        const target = ((top + y) * width + left + x) * 4;
        canvas.set(frame.patch.subarray(source, source + 4), target);
      }
    }

    frames.push({ rgba: canvas.slice(), delayMs: frame.delay });
    if (frame.disposalType === 2) {
      for (let y = top; y < top + patchHeight; y++) {
        canvas.fill(
          0,
          (y * width + left) * 4,
          (y * width + left + patchWidth) * 4,
        );
      }
    }

    if (before) {
      canvas.set(before);
    }
  }

  return { width, height, frames };
}

/** Returns the colour of a pixel as 0xRRGGBB. */
export function pixelAt(
  gif: DecodedGif,
  frame: DecodedFrame,
  x: number,
  y: number,
): number {
  const index = (y * gif.width + x) * 4;

  return (
    (frame.rgba[index]! << 16) |
    (frame.rgba[index + 1]! << 8) |
    frame.rgba[index + 2]!
  );
}

/** Returns how many pixels differ between two frames. */
export function countChangedPixels(a: DecodedFrame, b: DecodedFrame): number {
  let changed = 0;
  for (let index = 0; index < a.rgba.length; index += 4) {
    if (
      a.rgba[index] !== b.rgba[index] ||
      a.rgba[index + 1] !== b.rgba[index + 1] ||
      a.rgba[index + 2] !== b.rgba[index + 2]
    ) {
      changed += 1;
    }
  }

  return changed;
}
