import { Box, Text } from 'ink';
import type { SystemReading } from '../../state/events.js';
import { formatBytes, formatBytesOf, memoryPercent } from '../format.js';
import { fitText } from '../text-cells.js';
import { SYSTEM_LABEL_WIDTH } from '../layout.js';
import { colors, glyphs } from '../theme.js';
import { CoreLoad } from './core-load.js';
import { ResourceMeter } from './resource-meter.js';
import { SectionTitle } from './section-title.js';

/** Cells of the system panel's meter line outside its two bars. */
const METER_LINE_FIXED_WIDTH = 45;
const MIN_METER_BAR_WIDTH = 6;
const MAX_METER_BAR_WIDTH = 30;
const MEMORY_LABEL = '   Mem ';

export type SystemPanelProps = {
  /** The latest reading, or null before the first sample. */
  readonly system: SystemReading | null;
  /** Cells each line may take. */
  readonly width: number;
};

/**
 * Draws machine and process load: total CPU and memory, CPU per core, the
 * process's resident set and the main thread's heap. Worker threads have
 * heaps of their own, which the heap reading leaves out. Readings not taken
 * yet show N/A.
 */
export function SystemPanel({ system, width }: SystemPanelProps) {
  const coreCount = system?.corePercents.length ?? 0;
  const detail = coreCount > 0 ? `${coreCount} cores` : 'sampling…';

  return (
    <Box flexDirection="column" width={width}>
      <SectionTitle title="System" detail={detail} width={width} />
      <MeterLine system={system} width={width} />
      <CoreLoad corePercents={system?.corePercents ?? []} width={width} />
      <ProcessLine system={system} />
    </Box>
  );
}

function MeterLine({ system, width }: SystemPanelProps) {
  const barWidth = Math.min(
    MAX_METER_BAR_WIDTH,
    Math.max(
      MIN_METER_BAR_WIDTH,
      Math.floor((width - METER_LINE_FIXED_WIDTH) / 2),
    ),
  );
  const memUsed = system?.memUsedBytes ?? null;
  const memTotal = system?.memTotalBytes ?? null;
  const memPercent = memoryPercent(memUsed, memTotal);

  return (
    <Text wrap="truncate">
      <ResourceMeter
        label="CPU"
        labelWidth={SYSTEM_LABEL_WIDTH}
        percent={system?.cpuPercent ?? null}
        barWidth={barWidth}
      />
      <ResourceMeter
        label={MEMORY_LABEL}
        percent={memPercent}
        barWidth={barWidth}
        detail={
          memPercent === null ? undefined : formatBytesOf(memUsed, memTotal)
        }
      />
    </Text>
  );
}

function ProcessLine({ system }: Pick<SystemPanelProps, 'system'>) {
  const heap =
    system === null
      ? glyphs.notAvailable
      : formatBytesOf(system.heapUsedBytes, system.heapTotalBytes);

  return (
    <Text wrap="truncate">
      <Text color={colors.muted}>{fitText('Process', SYSTEM_LABEL_WIDTH)}</Text>
      <Text color={colors.muted}>RSS </Text>
      <Text>{formatBytes(system?.rssBytes ?? null)}</Text>
      <Text color={colors.muted}> {glyphs.separator} main heap </Text>
      <Text>{heap}</Text>
    </Text>
  );
}
