import stringWidth from 'string-width';
import { glyphs } from './theme.js';

export type TextAlign = 'left' | 'right';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const ELLIPSIS_CELLS = stringWidth(glyphs.ellipsis);

/**
 * Returns the terminal cells a text takes, as Ink measures them: two for a
 * wide character such as CJK or most emoji, none for a combining mark.
 */
export function textWidth(text: string): number {
  return stringWidth(text);
}

/**
 * Fits text to exactly `width` cells: pads short text with spaces and cuts
 * long text with an ellipsis. A wide character that would overrun the cut
 * is left out, and a space fills its cell.
 */
export function fitText(
  text: string,
  width: number,
  align: TextAlign = 'left',
): string {
  const cells = Math.max(0, Math.floor(width));
  const cut = cutText(text, cells);
  const padding = ' '.repeat(cells - textWidth(cut));

  return align === 'left' ? cut + padding : padding + cut;
}

/**
 * Cuts text wider than `width` cells with an ellipsis, and leaves narrower
 * text as it is. The result may be a cell short of `width` when a wide
 * character does not fit.
 */
export function cutText(text: string, width: number): string {
  const cells = Math.max(0, Math.floor(width));
  if (textWidth(text) <= cells) {
    return text;
  }

  if (cells < ELLIPSIS_CELLS) {
    return '';
  }

  return takeStart(text, cells - ELLIPSIS_CELLS).text + glyphs.ellipsis;
}

/**
 * Cuts text wider than `width` cells in the middle, keeping its start and
 * end: "cultivar three" in 10 cells is "culti…hree". Names that share a
 * prefix, such as "Iris-versicolor" and "Iris-virginica", stay apart. The
 * result may be a cell short of `width` when a wide character does not fit.
 */
export function cutMiddle(text: string, width: number): string {
  const cells = Math.max(0, Math.floor(width));
  if (textWidth(text) <= cells) {
    return text;
  }

  if (cells <= ELLIPSIS_CELLS) {
    return cells < ELLIPSIS_CELLS ? '' : glyphs.ellipsis;
  }

  const tail = takeEnd(text, Math.floor((cells - ELLIPSIS_CELLS) / 2));
  const head = takeStart(text, cells - ELLIPSIS_CELLS - tail.cells);

  return head.text + glyphs.ellipsis + tail.text;
}

/**
 * Wraps text to lines of at most `width` cells, breaking at spaces. A word
 * wider than a line is broken between graphemes. Lines after the first start
 * with `indent`, which counts toward their width, unless it leaves no room.
 */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const cells = Math.max(1, Math.floor(width));
  const prefix = textWidth(indent) < cells ? indent : '';
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const lineStart = lines.length === 0 ? '' : prefix;
    const joined = line === '' ? lineStart + word : `${line} ${word}`;
    if (textWidth(joined) <= cells) {
      line = joined;
      continue;
    }

    if (line !== '') {
      lines.push(line);
    }

    // A word wider than a line fills whole lines, and its rest starts the
    // next one.
    let start = lines.length === 0 ? '' : prefix;
    let rest = word;
    while (textWidth(start + rest) > cells) {
      const head = takeAtLeastOne(rest, cells - textWidth(start));
      lines.push(start + head);
      rest = rest.slice(head.length);
      start = prefix;
    }

    line = rest === '' ? '' : start + rest;
  }

  return line === '' && lines.length > 0 ? lines : [...lines, line];
}

/**
 * Returns the start of a text that fits in `cells` cells, or its first
 * grapheme when even that is wider, so a wrap always moves on.
 */
function takeAtLeastOne(text: string, cells: number): string {
  const head = takeStart(text, cells).text;
  if (head !== '') {
    return head;
  }

  const [first] = graphemes.segment(text);

  return first?.segment ?? text;
}

type TextPart = { readonly text: string; readonly cells: number };

/**
 * Returns the longest start of a text that fits in `cells` cells. It ends
 * between graphemes, so an accent or an emoji sequence is never split.
 */
function takeStart(text: string, cells: number): TextPart {
  let head = '';
  let headCells = 0;
  for (const { segment } of graphemes.segment(text)) {
    const segmentCells = textWidth(segment);
    if (headCells + segmentCells > cells) {
      break;
    }

    head += segment;
    headCells += segmentCells;
  }

  return { text: head, cells: headCells };
}

/** Returns the longest end of a text that fits in `cells` cells. */
function takeEnd(text: string, cells: number): TextPart {
  const segments = [...graphemes.segment(text)].map(({ segment }) => segment);
  let tail = '';
  let tailCells = 0;
  for (const segment of segments.reverse()) {
    const segmentCells = textWidth(segment);
    if (tailCells + segmentCells > cells) {
      break;
    }

    tail = segment + tail;
    tailCells += segmentCells;
  }

  return { text: tail, cells: tailCells };
}
