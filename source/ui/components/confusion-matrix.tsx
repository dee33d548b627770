import { Box, Text } from 'ink';
import { planConfusion } from '../confusion-layout.js';
import { cutMiddle, fitText } from '../text-cells.js';
import { colors } from '../theme.js';
import { MoreLine } from './more-line.js';

export type ConfusionMatrixProps = {
  /** Counts by actual class (row) and predicted class (column). */
  readonly confusion: readonly (readonly number[])[];
  /** Class names by class number. Missing ones show as "class N". */
  readonly classNames: readonly string[];
  /** Cells each line may take. */
  readonly width: number;
  /** Lines for the heading row, the class rows and the note. */
  readonly maxLines: number;
};

type RowProps = {
  readonly name: string;
  readonly counts: readonly number[];
  readonly rowIndex: number;
  readonly labelWidth: number;
  readonly columnWidth: number;
};

/**
 * Draws a confusion matrix with class names as row and column headings:
 * actual classes down, predicted classes across. Long names lose their
 * middle, so names that share a prefix stay apart, and
 * classes that do not fit are counted in a note. Draws nothing when not
 * even one class fits.
 */
export function ConfusionMatrix({
  confusion,
  classNames,
  width,
  maxLines,
}: ConfusionMatrixProps) {
  const names = confusion.map(
    (_, index) => classNames[index] ?? `class ${index}`,
  );
  const layout = planConfusion({
    confusion,
    classNames: names,
    width,
    maxLines,
  });
  if (layout === null) {
    return null;
  }

  const { labelWidth, columnWidth, shownCount, hiddenCount } = layout;
  const shownNames = names.slice(0, shownCount);
  const headings = shownNames.map((name) =>
    fitText(cutMiddle(name, columnWidth - 1), columnWidth, 'right'),
  );

  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate" color={colors.muted}>
        {' '.repeat(labelWidth)}
        {headings.join('')}
      </Text>
      {shownNames.map((name, rowIndex) => (
        <ConfusionRow
          key={rowIndex}
          name={name}
          counts={(confusion[rowIndex] ?? []).slice(0, shownCount)}
          rowIndex={rowIndex}
          labelWidth={labelWidth}
          columnWidth={columnWidth}
        />
      ))}
      <MoreLine count={hiddenCount} noun="classes" />
    </Box>
  );
}

function ConfusionRow({
  name,
  counts,
  rowIndex,
  labelWidth,
  columnWidth,
}: RowProps) {
  return (
    <Text wrap="truncate">
      <Text color={colors.muted}>
        {fitText(cutMiddle(name, labelWidth - 1), labelWidth)}
      </Text>
      {counts.map((count, columnIndex) => (
        <Text key={columnIndex} {...countStyle(count, rowIndex, columnIndex)}>
          {fitText(String(count), columnWidth, 'right')}
        </Text>
      ))}
    </Text>
  );
}

/**
 * Styles a count: correct predictions on the diagonal in bold good, errors
 * in warn, and zeros off the diagonal muted.
 */
function countStyle(count: number, row: number, column: number) {
  if (row === column) {
    return { bold: true, color: colors.good };
  }

  return { color: count === 0 ? colors.muted : colors.warn };
}
