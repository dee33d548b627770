import type { IBufferCell, Terminal } from '@xterm/headless';

/** A screen's contents: a character and its style for every cell. */
export type CellGrid = {
  readonly columns: number;
  readonly rows: number;
  /** Text of each cell, row by row; '' for the second half of a wide one. */
  readonly chars: readonly string[];
  /** SGR parameters of each cell, such as `0;1;32`, row by row. */
  readonly styles: readonly string[];
};

/** Color modes of xterm.js cells, from its buffer cell API. */
const COLOR_MODE_PALETTE_16 = 0x1000000;
const COLOR_MODE_PALETTE_256 = 0x2000000;

/** Copies the visible screen of a headless terminal into a grid. */
export function readGrid(terminal: Terminal): CellGrid {
  const { cols: columns, rows } = terminal;
  const buffer = terminal.buffer.active;
  const chars: string[] = [];
  const styles: string[] = [];
  let cell: IBufferCell | undefined;

  for (let y = 0; y < rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    for (let x = 0; x < columns; x++) {
      cell = line?.getCell(x, cell);
      chars.push(cell ? cellChars(cell) : ' ');
      styles.push(cell ? styleOf(cell) : '0');
    }
  }

  return { columns, rows, chars, styles };
}

function cellChars(cell: IBufferCell): string {
  if (cell.getWidth() === 0) {
    return '';
  }

  return cell.getChars() || ' ';
}

/** Returns the SGR parameters that draw a cell's style from a reset. */
function styleOf(cell: IBufferCell): string {
  if (cell.isAttributeDefault()) {
    return '0';
  }

  const parameters = ['0'];
  if (cell.isBold()) parameters.push('1');
  if (cell.isDim()) parameters.push('2');
  if (cell.isItalic()) parameters.push('3');
  if (cell.isUnderline()) parameters.push('4');
  if (cell.isInverse()) parameters.push('7');
  if (cell.isInvisible()) parameters.push('8');
  if (cell.isStrikethrough()) parameters.push('9');

  const foreground = colorParameters(
    cell.getFgColorMode(),
    cell.getFgColor(),
    30,
  );
  const background = colorParameters(
    cell.getBgColorMode(),
    cell.getBgColor(),
    40,
  );

  return [...parameters, ...foreground, ...background].join(';');
}

/** Returns SGR parameters of a color: base 30 for text, 40 for background. */
function colorParameters(mode: number, color: number, base: number) {
  if (mode === COLOR_MODE_PALETTE_16) {
    return [String(color < 8 ? base + color : base + 60 + color - 8)];
  }

  if (mode === COLOR_MODE_PALETTE_256) {
    return [String(base + 8), '5', String(color)];
  }

  if (mode === 0) {
    return [];
  }

  // The remaining mode is 24-bit RGB, packed as 0xRRGGBB.
  const red = (color >> 16) & 0xff;
  const green = (color >> 8) & 0xff;
  const blue = color & 0xff;

  return [String(base + 8), '2', String(red), String(green), String(blue)];
}
