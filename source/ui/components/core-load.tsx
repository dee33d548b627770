import { Box, Text } from 'ink';
import { fitText } from '../text-cells.js';
import {
  CORE_BAR_WIDTH,
  CORE_GAP,
  SYSTEM_LABEL_WIDTH,
  planCores,
} from '../layout.js';
import { colors, loadColor } from '../theme.js';
import { ResourceMeter } from './resource-meter.js';
import { Sparkline } from './sparkline.js';

export type CoreLoadProps = {
  /** Load per core in percent, empty before the first sample. */
  readonly corePercents: readonly number[];
  /** Cells each line may take. */
  readonly width: number;
};

type LinesProps = {
  readonly corePercents: readonly number[];
  readonly perLine: number;
  readonly maxLines: number;
};

/**
 * Draws CPU load per core in the lines `planCores` gives it: labelled bars
 * when they fit, otherwise one glyph a core.
 */
export function CoreLoad({ corePercents, width }: CoreLoadProps) {
  const layout = planCores(corePercents.length, width);
  switch (layout.kind) {
    case 'sampling':
      return (
        <Text wrap="truncate">
          <CoreLabel line={0} />
          <Text color={colors.muted}>sampling…</Text>
        </Text>
      );
    case 'bars':
      return (
        <CoreBars
          corePercents={corePercents}
          perLine={layout.perLine}
          maxLines={layout.lines}
        />
      );
    case 'strip':
      return (
        <CoreStrip
          corePercents={corePercents}
          perLine={layout.perLine}
          maxLines={layout.lines}
        />
      );
  }
}

function CoreLabel({ line }: { readonly line: number }) {
  return (
    <Text color={colors.muted}>
      {fitText(line === 0 ? 'Cores' : '', SYSTEM_LABEL_WIDTH)}
    </Text>
  );
}

function CoreBars({ corePercents, perLine }: LinesProps) {
  const digits = String(corePercents.length - 1).length;

  return (
    <Box flexDirection="column">
      {chunk(corePercents, perLine).map((line, lineIndex) => (
        <Text key={lineIndex} wrap="truncate">
          <CoreLabel line={lineIndex} />
          {line.map((percent, index) => (
            <Text key={index}>
              {index === 0 ? '' : ' '.repeat(CORE_GAP)}
              <ResourceMeter
                label={String(lineIndex * perLine + index).padStart(digits)}
                percent={percent}
                barWidth={CORE_BAR_WIDTH}
              />
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}

/** Draws one glyph a core. Cores past `maxLines` are counted in "+N". */
function CoreStrip({ corePercents, perLine, maxLines }: LinesProps) {
  const capacity = perLine * maxLines;
  const isCut = corePercents.length > capacity;
  // The note's width is sized for the largest count it can show.
  const noteWidth = ` +${corePercents.length}`.length;
  const visibleCores = isCut
    ? corePercents.slice(0, Math.max(0, capacity - noteWidth))
    : corePercents;
  const lines = chunk(visibleCores, perLine);

  return (
    <Box flexDirection="column">
      {lines.map((line, lineIndex) => (
        <Text key={lineIndex} wrap="truncate">
          <CoreLabel line={lineIndex} />
          {line.map((percent, index) => (
            <Sparkline
              key={index}
              values={[percent]}
              width={1}
              max={100}
              color={loadColor(percent)}
            />
          ))}
          {isCut && lineIndex === lines.length - 1 ? (
            <Text color={colors.muted}>
              {` +${corePercents.length - visibleCores.length}`}
            </Text>
          ) : null}
        </Text>
      ))}
    </Box>
  );
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const lines: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    lines.push(items.slice(start, start + size));
  }

  return lines;
}
