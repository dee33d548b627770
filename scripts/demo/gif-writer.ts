import omggif from 'omggif';
import type { GifWriter as OmggifWriter } from 'omggif';

import type { Rgb } from './terminal-colors.js';

/** A rectangle of palette indices and how long it stays on screen. */
export type GifFrame = {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  /** Palette indices, row by row, `width` × `height` of them. */
  readonly pixels: Uint8Array;
  /** Display time, in hundredths of a second. */
  readonly delayCs: number;
};

/** Space reserved at the start, enough for a short animation. */
const INITIAL_CAPACITY_BYTES = 1 << 20;

/**
 * Writes an animated GIF with omggif, one global palette and frames that
 * cover only the rectangle that changed. Every frame keeps the frame
 * before it underneath (disposal 1), so its transparent pixels show what
 * was there.
 */
export class GifWriter {
  private buffer = new Uint8Array(INITIAL_CAPACITY_BYTES);
  private readonly writer: OmggifWriter;

  constructor(
    widthPx: number,
    heightPx: number,
    palette: readonly Rgb[],
    private readonly transparentIndex: number,
  ) {
    this.writer = new omggif.GifWriter(this.buffer, widthPx, heightPx, {
      palette: [...palette],
      loop: 0,
    });
  }

  addFrame(frame: GifFrame): void {
    this.reserve(frame.width * frame.height);
    this.writer.addFrame(
      frame.left,
      frame.top,
      frame.width,
      frame.height,
      // omggif only indexes the array and reads its length, which a typed
      // array supports, although its types ask for number[].
      frame.pixels as unknown as number[],
      {
        delay: frame.delayCs,
        disposal: 1,
        transparent: this.transparentIndex,
      },
    );
  }

  /** Ends the GIF and returns its bytes. */
  finish(): Uint8Array {
    this.reserve(0);
    const length = this.writer.end();

    return this.buffer.slice(0, length);
  }

  /**
   * Grows the buffer so that a frame of `pixelCount` pixels fits: omggif
   * writes into a fixed buffer and drops what runs past its end. An LZW
   * code is at most 12 bits, and every 255 bytes take one byte of block
   * length, so 2 bytes a pixel is an upper bound.
   */
  private reserve(pixelCount: number): void {
    const position = this.writer.getOutputBufferPosition();
    const needed = position + pixelCount * 2 + 1024;
    if (needed <= this.buffer.length) {
      return;
    }

    const grown = new Uint8Array(Math.max(needed, this.buffer.length * 2));
    grown.set(this.buffer.subarray(0, position));
    this.buffer = grown;
    this.writer.setOutputBuffer(grown);
  }
}
