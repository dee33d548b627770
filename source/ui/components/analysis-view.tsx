import { Box, Text } from 'ink';
import type { RunAnalysis } from '../../analysis/run-analysis.js';
import {
  describeAnalysis,
  listAnalysisLines,
  type AnalysisLine,
} from '../analysis-lines.js';
import { cutList } from '../layout.js';
import { colors } from '../theme.js';
import { MoreLine } from './more-line.js';
import { SectionTitle } from './section-title.js';

export type AnalysisViewProps = {
  readonly analysis: RunAnalysis;
  /** Cells each line may take. Longer lines end in an ellipsis. */
  readonly width: number;
  /** Lines the view takes, padded with blank lines when it needs fewer. */
  readonly height: number;
};

/**
 * Draws what drives the test score: notes on what can be concluded, the
 * importance of each parameter, then its effect value by value. When lines
 * are short, the last value rows give way to a "+N more lines" note, so the
 * least important parameters go first.
 */
export function AnalysisView({ analysis, width, height }: AnalysisViewProps) {
  const lines = Math.max(0, Math.floor(height));
  if (lines < 1) {
    return null;
  }

  const titleLines = 1;
  const { visibleItems, hiddenCount } = cutList(
    listAnalysisLines(analysis),
    lines - titleLines,
  );

  return (
    <Box flexDirection="column" width={width} height={lines}>
      <SectionTitle
        title="Analysis"
        detail={describeAnalysis(analysis)}
        width={width}
      />
      {visibleItems.map((line, index) => (
        <AnalysisLineText key={index} line={line} width={width} />
      ))}
      <MoreLine count={hiddenCount} noun="lines (traintop analyze shows all)" />
    </Box>
  );
}

type AnalysisLineTextProps = {
  readonly line: AnalysisLine;
  readonly width: number;
};

function AnalysisLineText({ line, width }: AnalysisLineTextProps) {
  switch (line.kind) {
    case 'section':
      return (
        <SectionTitle title={line.title} detail={line.detail} width={width} />
      );
    case 'note':
      return (
        <Text wrap="truncate" color={colors.warn}>
          {line.text}
        </Text>
      );
    case 'header':
      return (
        <Text wrap="truncate" color={colors.muted}>
          {line.text}
        </Text>
      );
    case 'row':
      return <Text wrap="truncate">{line.text}</Text>;
  }
}
