import { Text } from 'ink';
import type { HostState } from '../../state/run-state.js';
import type { HostGroup } from '../../state/selectors.js';
import { formatBytesOf, formatDuration, memoryPercent } from '../format.js';
import {
  HOST_BUSY_WIDTH,
  HOST_GUTTER_WIDTH,
  type HostColumns,
} from '../host-columns.js';
import { cutMiddle, fitText } from '../text-cells.js';
import { colors, glyphs } from '../theme.js';
import { ResourceMeter } from './resource-meter.js';

/** Cells of a meter's label: "CPU " and "Mem ". */
const METER_LABEL_WIDTH = 4;

/** Blank cells before each part after the label. */
const GAP = '  ';

export type HostLineProps = {
  readonly group: HostGroup;
  /** Name shown for the worker process, cut in the middle to fit. */
  readonly label: string;
  /** Whether "›" marks the line as the target of the + and - keys. */
  readonly isSelected: boolean;
  readonly columns: HostColumns;
  /** Time of the latest event, in ms since the epoch. */
  readonly now: number;
};

type StatusProps = Pick<HostLineProps, 'group' | 'columns' | 'now'>;

type LostNoteProps = {
  readonly host: HostState;
  readonly now: number;
};

type ReadingsProps = {
  readonly host: HostState;
  readonly columns: HostColumns;
};

/**
 * Draws one worker process of a queued run on one line: its label, threads
 * busy of its total, and its machine's CPU and memory, as far as they fit.
 * A lost process shows LOST and the time since its last heartbeat instead.
 */
export function HostLine({
  group,
  label,
  isSelected,
  columns,
  now,
}: HostLineProps) {
  const gutter = fitText(isSelected ? glyphs.selected : '', HOST_GUTTER_WIDTH);
  const labelText = fitText(
    cutMiddle(label, columns.labelWidth),
    columns.labelWidth,
  );

  return (
    <Text wrap="truncate">
      <Text bold color={colors.accent}>
        {gutter}
      </Text>
      <Text bold inverse={isSelected} color={colors.accent}>
        {labelText}
      </Text>
      <HostStatus group={group} columns={columns} now={now} />
    </Text>
  );
}

/** Draws what is known of a process after its label. */
function HostStatus({ group, columns, now }: StatusProps) {
  const { host } = group;
  if (group.hostId === null) {
    return null;
  }

  if (host === null) {
    return <Text color={colors.muted}>{GAP}no heartbeat yet</Text>;
  }

  if (host.isLost) {
    return <LostNote host={host} now={now} />;
  }

  return <Readings host={host} columns={columns} />;
}

function LostNote({ host, now }: LostNoteProps) {
  const silentMs = Math.max(0, now - host.sampledAt);

  return (
    <Text>
      <Text bold color={colors.bad}>
        {GAP}LOST
      </Text>
      <Text color={colors.muted}>
        {GAP}no heartbeat for {formatDuration(silentMs)}
      </Text>
    </Text>
  );
}

function Readings({ host, columns }: ReadingsProps) {
  const busy = `${host.busyThreads}/${host.threads} busy`;
  const memPercent = memoryPercent(host.memUsedBytes, host.memTotalBytes);
  const memBytes =
    columns.hasMemoryBytes && memPercent !== null
      ? formatBytesOf(host.memUsedBytes, host.memTotalBytes)
      : undefined;

  return (
    <Text>
      <Text>{GAP + fitText(busy, HOST_BUSY_WIDTH - GAP.length)}</Text>
      {columns.meterCount >= 1 ? (
        <Text>
          {GAP}
          <ResourceMeter
            label="CPU"
            labelWidth={METER_LABEL_WIDTH}
            percent={host.cpuPercent}
            barWidth={columns.barWidth}
          />
        </Text>
      ) : null}
      {columns.meterCount >= 2 ? (
        <Text>
          {GAP}
          <ResourceMeter
            label="Mem"
            labelWidth={METER_LABEL_WIDTH}
            percent={memPercent}
            barWidth={columns.barWidth}
            {...(memBytes === undefined ? {} : { detail: memBytes })}
          />
        </Text>
      ) : null}
    </Text>
  );
}
