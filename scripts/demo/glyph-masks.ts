import { createRequire } from 'node:module';
import path from 'node:path';

import {
  createCanvas,
  GlobalFonts,
  type Canvas,
  type SKRSContext2D,
} from '@napi-rs/canvas';

import { drawCellShape } from './cell-shapes.js';

/** Font files of the four faces of a monospace family. */
export type FontFaces = {
  readonly regular: string;
  readonly bold: string;
  readonly italic: string;
  readonly boldItalic: string;
};

/** Pixel size of one terminal cell. */
export type CellSize = {
  readonly widthPx: number;
  readonly heightPx: number;
};

/** Style attributes of a glyph: its face and its lines. */
export type GlyphStyle = {
  readonly isBold: boolean;
  readonly isItalic: boolean;
  readonly isUnderline: boolean;
  readonly isStrikethrough: boolean;
};

/** Name the faces are registered under, apart from any installed font. */
const FAMILY = 'traintop demo mono';

/** Cell height as a multiple of the font size, as in most terminals. */
const LINE_HEIGHT = 1.2;

/** Faces already registered with Skia, by file path. */
const registeredFiles = new Set<string>();

/**
 * Returns the DejaVu Sans Mono files that the dejavu-fonts-ttf package
 * installs. The family covers box drawing and block elements.
 */
export function dejaVuSansMono(): FontFaces {
  const require = createRequire(import.meta.url);
  const folder = path.join(
    path.dirname(require.resolve('dejavu-fonts-ttf/package.json')),
    'ttf',
  );

  return {
    regular: path.join(folder, 'DejaVuSansMono.ttf'),
    bold: path.join(folder, 'DejaVuSansMono-Bold.ttf'),
    italic: path.join(folder, 'DejaVuSansMono-Oblique.ttf'),
    boldItalic: path.join(folder, 'DejaVuSansMono-BoldOblique.ttf'),
  };
}

/**
 * Rasterises characters into coverage masks of whole cells with Skia,
 * through @napi-rs/canvas. Block elements and box-drawing lines are drawn
 * as shapes that fill the cell. Masks are cached by character and style.
 *
 * NOTE: only the given family is used, with no fallback font, so a
 * character it lacks, such as a CJK one, is drawn as the font's missing
 * glyph.
 */
export class GlyphMasks {
  readonly cell: CellSize;
  private readonly fontSizePx: number;
  private readonly advancePx: number;
  private readonly baselinePx: number;
  private readonly lineWidthPx: number;
  private readonly canvas: Canvas;
  private readonly context: SKRSContext2D;
  private readonly masks = new Map<string, Uint8Array>();

  constructor(fontSizePx: number, faces: FontFaces = dejaVuSansMono()) {
    registerFaces(faces);
    this.fontSizePx = fontSizePx;
    this.canvas = createCanvas(1, 1);
    this.context = this.canvas.getContext('2d');
    this.context.font = this.font({ isBold: false, isItalic: false });
    const metrics = this.context.measureText('M');
    const ascentPx = metrics.fontBoundingBoxAscent;
    const fontHeightPx = ascentPx + metrics.fontBoundingBoxDescent;

    this.advancePx = metrics.width;
    this.cell = {
      widthPx: Math.max(1, Math.round(metrics.width)),
      heightPx: Math.max(
        Math.ceil(fontHeightPx),
        Math.round(fontSizePx * LINE_HEIGHT),
      ),
    };
    this.baselinePx = Math.round(
      (this.cell.heightPx - fontHeightPx) / 2 + ascentPx,
    );
    this.lineWidthPx = Math.max(1, Math.round(fontSizePx / 14));
    this.canvas.width = this.cell.widthPx * 2;
    this.canvas.height = this.cell.heightPx;
  }

  /**
   * Returns the coverage of each pixel, 0 to 255, row by row, of `text`
   * drawn over `widthCells` cells.
   */
  mask(text: string, style: GlyphStyle, widthCells: number): Uint8Array {
    const key = [
      Number(style.isBold),
      Number(style.isItalic),
      Number(style.isUnderline),
      Number(style.isStrikethrough),
      widthCells,
      text,
    ].join('');
    const cached = this.masks.get(key);
    if (cached) {
      return cached;
    }

    const mask = this.draw(text, style, widthCells);
    this.masks.set(key, mask);

    return mask;
  }

  private draw(text: string, style: GlyphStyle, widthCells: number) {
    const context = this.context;
    const widthPx = this.cell.widthPx * widthCells;
    const { heightPx } = this.cell;

    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    const size = { widthPx, heightPx, lineWidthPx: this.lineWidthPx };
    if (!drawCellShape(context, text, size)) {
      this.drawText(text, style, widthCells);
    }

    context.setTransform(1, 0, 0, 1, 0, 0);
    context.fillStyle = '#ffffff';
    if (style.isUnderline) {
      const underlineY = Math.min(heightPx - this.lineWidthPx, this.baselinePx);
      context.fillRect(0, underlineY + 1, widthPx, this.lineWidthPx);
    }

    if (style.isStrikethrough) {
      const strikeY = Math.round(this.baselinePx - this.fontSizePx * 0.3);
      context.fillRect(0, strikeY, widthPx, this.lineWidthPx);
    }

    const pixels = context.getImageData(0, 0, widthPx, heightPx).data;
    const mask = new Uint8Array(widthPx * heightPx);
    for (let index = 0; index < mask.length; index++) {
      mask[index] = pixels[index * 4 + 3]!;
    }

    return mask;
  }

  /**
   * Draws text in the font, squeezed or stretched across the cells: the
   * cell width is the font's advance rounded to whole pixels.
   */
  private drawText(text: string, style: GlyphStyle, widthCells: number) {
    const context = this.context;
    const scaleX = this.cell.widthPx / this.advancePx;
    context.setTransform(scaleX, 0, 0, 1, 0, 0);
    context.fillStyle = '#ffffff';
    context.font = this.font(style);
    context.textBaseline = 'alphabetic';
    context.fillText(text, 0, this.baselinePx, this.advancePx * widthCells);
  }

  private font(style: Pick<GlyphStyle, 'isBold' | 'isItalic'>): string {
    const slant = style.isItalic ? 'italic ' : '';
    const weight = style.isBold ? 'bold ' : '';

    return `${slant}${weight}${this.fontSizePx}px "${FAMILY}"`;
  }
}

/** Registers the four faces once, each with its weight and style. */
function registerFaces(faces: FontFaces): void {
  const entries = [
    [faces.regular, 400, 'normal'],
    [faces.bold, 700, 'normal'],
    [faces.italic, 400, 'italic'],
    [faces.boldItalic, 700, 'italic'],
  ] as const;
  for (const [file, weight, style] of entries) {
    if (registeredFiles.has(file)) {
      continue;
    }

    const key = GlobalFonts.registerFromPath(file, FAMILY, { weight, style });
    if (key === null) {
      throw new Error(
        `Failed to load the font ${file}: expected a TrueType or OpenType file.`,
      );
    }

    registeredFiles.add(file);
  }
}
