import type { SKRSContext2D } from '@napi-rs/canvas';

/**
 * Block elements and box-drawing lines, drawn as shapes that fill the cell
 * exactly, the way terminals draw them, instead of as font glyphs. A font's
 * glyphs rarely match the cell's height, which leaves gaps between rows of
 * bars and breaks lines between cells.
 */

/** Pixel size of a cell and of a light line. */
export type ShapeSize = {
  readonly widthPx: number;
  readonly heightPx: number;
  /** Thickness of a light line. A heavy line is twice as thick. */
  readonly lineWidthPx: number;
};

/** Arms of a box-drawing character: 0 none, 1 light, 2 heavy. */
type Arms = { up: number; right: number; down: number; left: number };

// prettier-ignore
/**
 * Box-drawing characters U+2500–U+254B and U+2574–U+257F as arm weights in
 * the order up, right, down, left, laid out as a table. Dashed lines and
 * double lines are left to the font.
 */
const BOX_ARMS: Readonly<Record<string, string>> = {
  '─': '0101', '━': '0202', '│': '1010', '┃': '2020',
  '┌': '0110', '┍': '0210', '┎': '0120', '┏': '0220',
  '┐': '0011', '┑': '0012', '┒': '0021', '┓': '0022',
  '└': '1100', '┕': '1200', '┖': '2100', '┗': '2200',
  '┘': '1001', '┙': '1002', '┚': '2001', '┛': '2002',
  '├': '1110', '┝': '1210', '┞': '2110', '┟': '1120',
  '┠': '2120', '┡': '2210', '┢': '1220', '┣': '2220',
  '┤': '1011', '┥': '1012', '┦': '2011', '┧': '1021',
  '┨': '2021', '┩': '2012', '┪': '1022', '┫': '2022',
  '┬': '0111', '┭': '0112', '┮': '0211', '┯': '0212',
  '┰': '0121', '┱': '0122', '┲': '0221', '┳': '0222',
  '┴': '1101', '┵': '1102', '┶': '1201', '┷': '1202',
  '┸': '2101', '┹': '2102', '┺': '2201', '┻': '2202',
  '┼': '1111', '┽': '1112', '┾': '1211', '┿': '1212',
  '╀': '2111', '╁': '1121', '╂': '2121', '╃': '2112',
  '╄': '2211', '╅': '1122', '╆': '1221', '╇': '2212',
  '╈': '1222', '╉': '2122', '╊': '2221', '╋': '2222',
  '╴': '0001', '╵': '1000', '╶': '0100', '╷': '0010',
  '╸': '0002', '╹': '2000', '╺': '0200', '╻': '0020',
  '╼': '0201', '╽': '1020', '╾': '0102', '╿': '2010',
};

// prettier-ignore
/**
 * Quadrant blocks U+2596–U+259F as bits: 1 upper left, 2 upper right,
 * 4 lower left, 8 lower right.
 */
const QUADRANTS: Readonly<Record<string, number>> = {
  '▖': 4, '▗': 8, '▘': 1, '▙': 13, '▚': 9,
  '▛': 7, '▜': 11, '▝': 2, '▞': 6, '▟': 14,
};

/** Light, medium and dark shade, as the share of the cell they cover. */
const SHADES: Readonly<Record<string, number>> = {
  '░': 0.25,
  '▒': 0.5,
  '▓': 0.75,
};

/**
 * Draws `char` in white on a cell at the context's origin when it is a
 * block element or a box-drawing line. Returns false, drawing nothing, for
 * any other character.
 */
export function drawCellShape(
  context: SKRSContext2D,
  char: string,
  size: ShapeSize,
): boolean {
  context.fillStyle = '#ffffff';
  context.strokeStyle = '#ffffff';

  return (
    drawBlock(context, char, size) ||
    drawBoxLines(context, char, size) ||
    drawArc(context, char, size) ||
    drawDiagonals(context, char, size)
  );
}

/** Draws the block elements U+2580–U+259F. */
function drawBlock(
  context: SKRSContext2D,
  char: string,
  { widthPx: w, heightPx: h }: ShapeSize,
): boolean {
  const code = char.codePointAt(0) ?? 0;
  const share = SHADES[char];
  if (share !== undefined) {
    context.globalAlpha = share;
    context.fillRect(0, 0, w, h);
    context.globalAlpha = 1;

    return true;
  }

  const quadrants = QUADRANTS[char];
  if (quadrants !== undefined) {
    drawQuadrants(context, quadrants, w, h);

    return true;
  }

  // Lower eighths, from ▁ (one eighth) to █ (the full cell).
  if (code >= 0x2581 && code <= 0x2588) {
    const height = Math.round((h * (code - 0x2580)) / 8);
    context.fillRect(0, h - height, w, height);

    return true;
  }

  // Left eighths, from ▉ (seven eighths) to ▏ (one eighth).
  if (code >= 0x2589 && code <= 0x258f) {
    context.fillRect(0, 0, Math.round((w * (0x2590 - code)) / 8), h);

    return true;
  }

  // The upper blocks end where the lower ones of the rest begin, so ▀ over
  // ▄ fills the cell with no overlap.
  switch (char) {
    case '▀':
      context.fillRect(0, 0, w, h - Math.round(h / 2));

      return true;
    case '▔':
      context.fillRect(0, 0, w, h - Math.round((h * 7) / 8));

      return true;
    case '▐':
      context.fillRect(Math.round(w / 2), 0, w, h);

      return true;
    case '▕':
      context.fillRect(Math.round((w * 7) / 8), 0, w, h);

      return true;
    default:
      return false;
  }
}

function drawQuadrants(
  context: SKRSContext2D,
  quadrants: number,
  w: number,
  h: number,
): void {
  const middleX = Math.round(w / 2);
  const middleY = Math.round(h / 2);
  if (quadrants & 1) context.fillRect(0, 0, middleX, middleY);
  if (quadrants & 2) context.fillRect(middleX, 0, w - middleX, middleY);
  if (quadrants & 4) context.fillRect(0, middleY, middleX, h - middleY);
  if (quadrants & 8) {
    context.fillRect(middleX, middleY, w - middleX, h - middleY);
  }
}

/**
 * Draws straight box-drawing lines. Each arm runs from the cell's edge to
 * the far side of the crossing arms, so corners and junctions close.
 */
function drawBoxLines(
  context: SKRSContext2D,
  char: string,
  size: ShapeSize,
): boolean {
  const weights = BOX_ARMS[char];
  if (weights === undefined) {
    return false;
  }

  const [up, right, down, left] = [...weights].map(Number) as [
    number,
    number,
    number,
    number,
  ];
  const arms: Arms = { up, right, down, left };
  const { widthPx: w, heightPx: h } = size;
  const thickness = (weight: number) => weight * size.lineWidthPx;
  const startX = (weight: number) => Math.floor((w - thickness(weight)) / 2);
  const startY = (weight: number) => Math.floor((h - thickness(weight)) / 2);

  const horizontal = [arms.left, arms.right].filter((weight) => weight > 0);
  const vertical = [arms.up, arms.down].filter((weight) => weight > 0);
  const crossTop = Math.min(...horizontal.map(startY));
  const crossBottom = Math.max(
    ...horizontal.map((weight) => startY(weight) + thickness(weight)),
  );
  const crossLeft = Math.min(...vertical.map(startX));
  const crossRight = Math.max(
    ...vertical.map((weight) => startX(weight) + thickness(weight)),
  );

  if (arms.up > 0) {
    const end = horizontal.length > 0 ? crossBottom : startY(arms.up);
    const bottom = Math.max(end, startY(arms.up) + thickness(arms.up));
    context.fillRect(startX(arms.up), 0, thickness(arms.up), bottom);
  }

  if (arms.down > 0) {
    const top = horizontal.length > 0 ? crossTop : startY(arms.down);
    context.fillRect(startX(arms.down), top, thickness(arms.down), h - top);
  }

  if (arms.left > 0) {
    const end = vertical.length > 0 ? crossRight : startX(arms.left);
    const right = Math.max(end, startX(arms.left) + thickness(arms.left));
    context.fillRect(0, startY(arms.left), right, thickness(arms.left));
  }

  if (arms.right > 0) {
    const left = vertical.length > 0 ? crossLeft : startX(arms.right);
    context.fillRect(left, startY(arms.right), w - left, thickness(arms.right));
  }

  return true;
}

/** Draws the rounded corners ╭ ╮ ╯ ╰ as quarter circles. */
function drawArc(
  context: SKRSContext2D,
  char: string,
  { widthPx: w, heightPx: h, lineWidthPx }: ShapeSize,
): boolean {
  const ends: Readonly<Record<string, readonly [number, number]>> = {
    '╭': [w, h],
    '╮': [0, h],
    '╯': [0, 0],
    '╰': [w, 0],
  };
  const end = ends[char];
  if (end === undefined) {
    return false;
  }

  // The centre of a light line, as drawBoxLines places it.
  const centerX = Math.floor((w - lineWidthPx) / 2) + lineWidthPx / 2;
  const centerY = Math.floor((h - lineWidthPx) / 2) + lineWidthPx / 2;
  const [edgeX, edgeY] = end;
  context.lineWidth = lineWidthPx;
  context.beginPath();
  context.moveTo(edgeX, centerY);
  context.arcTo(centerX, centerY, centerX, edgeY, Math.min(w, h) / 2);
  context.lineTo(centerX, edgeY);
  context.stroke();

  return true;
}

/** Draws the diagonals ╱ ╲ ╳ from corner to corner. */
function drawDiagonals(
  context: SKRSContext2D,
  char: string,
  { widthPx: w, heightPx: h, lineWidthPx }: ShapeSize,
): boolean {
  const isRising = char === '╱' || char === '╳';
  const isFalling = char === '╲' || char === '╳';
  if (!isRising && !isFalling) {
    return false;
  }

  context.lineWidth = lineWidthPx;
  context.beginPath();
  if (isRising) {
    context.moveTo(0, h);
    context.lineTo(w, 0);
  }

  if (isFalling) {
    context.moveTo(0, 0);
    context.lineTo(w, h);
  }

  context.stroke();

  return true;
}
