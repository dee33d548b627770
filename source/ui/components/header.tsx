import { Box, Text } from 'ink';
import type { RunState, TrialState } from '../../state/run-state.js';
import {
  countLiveHosts,
  countTrials,
  selectBestTrial,
  selectElapsedMs,
} from '../../state/selectors.js';
import { describeData } from '../data-summary.js';
import {
  formatDuration,
  formatScore,
  formatTrialParams,
  toOneLine,
} from '../format.js';
import { cutText, textWidth } from '../text-cells.js';
import { describeEta } from '../run-status.js';
import { scoreLabel, taskOf } from '../score-labels.js';
import { colors, glyphs } from '../theme.js';

/**
 * Minimum cells the job name is cut to, so the clock and pool keep their
 * place. Below that, the job stays whole and Ink cuts the line's end.
 */
const MIN_JOB_CELLS = 12;

/** Minimum blank cells between the best trial and the data description. */
const DATA_GAP_CELLS = 2;

const SEPARATOR = ` ${glyphs.separator} `;

export type HeaderProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
};

type LineProps = { readonly state: RunState; readonly width: number };

/**
 * Draws three lines: the job with its clock and pool, the trial counts, and
 * the best finished trial so far with the data set, its rows, the task and
 * the evaluation on the right, as far as they fit.
 */
export function Header({ state, width }: HeaderProps) {
  return (
    <Box flexDirection="column" width={width}>
      <JobLine state={state} width={width} />
      <TrialsLine state={state} />
      <BestLine state={state} width={width} />
    </Box>
  );
}

function Separator() {
  return <Text color={colors.muted}>{SEPARATOR}</Text>;
}

function JobLine({ state, width }: LineProps) {
  const eta = describeEta(state);
  const elapsed = formatDuration(selectElapsedMs(state));
  const pool = describePool(state);
  const otherCells =
    ['traintop', `elapsed ${elapsed}`, `ETA ${eta.text}`, `pool ${pool}`]
      .map(textWidth)
      .reduce((total, cells) => total + cells, 0) +
    4 * textWidth(SEPARATOR);

  return (
    <Text wrap="truncate">
      <Text bold color={colors.accent}>
        traintop
      </Text>
      <Separator />
      <Text bold>{fitJob(state.job, width - otherCells)}</Text>
      <Separator />
      <Text color={colors.muted}>elapsed </Text>
      <Text>{elapsed}</Text>
      <Separator />
      <Text color={colors.muted}>ETA </Text>
      <Text color={eta.color}>{eta.text}</Text>
      <Separator />
      <Text color={colors.muted}>pool </Text>
      <Text>{pool}</Text>
    </Text>
  );
}

/**
 * Describes the pool: "4 of 8" threads for a local run, and for a queued
 * run the threads over the worker processes still heard from, as in
 * "6 threads on 2 hosts".
 */
function describePool(state: RunState): string {
  if (Object.keys(state.hosts).length === 0) {
    return `${state.poolSize} of ${state.maxPoolSize}`;
  }

  const threads = countOf(state.poolSize, 'thread');
  const hosts = countOf(countLiveHosts(state), 'host');

  return `${threads} on ${hosts}`;
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Cuts the job name to the cells left, but not below MIN_JOB_CELLS. */
function fitJob(job: string, cells: number): string {
  const text = toOneLine(job) || glyphs.unknown;

  return cells >= MIN_JOB_CELLS ? cutText(text, cells) : text;
}

function TrialsLine({ state }: Pick<LineProps, 'state'>) {
  const counts = countTrials(state);
  // Running trials finish their chunk and then wait, so in a pause they
  // count as paused, as their workers' rows show.
  const active = state.isPaused
    ? { text: `${counts.running} paused`, color: colors.warn }
    : { text: `${counts.running} running`, color: colors.accent };

  return (
    <Text wrap="truncate">
      <Text color={colors.muted}>{`trials ${counts.total}: `}</Text>
      <Text color={colors.good}>{`${counts.finished} done`}</Text>
      <Separator />
      <Text color={active.color}>{active.text}</Text>
      <Separator />
      <Text>{`${counts.queued} queued`}</Text>
      <Separator />
      <Text color={counts.failed > 0 ? colors.bad : undefined}>
        {`${counts.failed} failed`}
      </Text>
      {counts.pruned > 0 ? (
        <>
          <Separator />
          <Text color={colors.muted}>{`${counts.pruned} pruned`}</Text>
        </>
      ) : null}
    </Text>
  );
}

function BestLine({ state, width }: LineProps) {
  const best = selectBestTrial(state);
  const label = `test ${scoreLabel(taskOf(state.data))}`;
  const bestCells = textWidth(bestText(best, label));
  const room = width - bestCells - DATA_GAP_CELLS;
  const data = state.data === null ? '' : describeData(state.data, room);
  const dataCells = textWidth(data);
  const padding = ' '.repeat(Math.max(0, width - bestCells - dataCells));

  return (
    <Text wrap="truncate">
      {best === null ? (
        <Text color={colors.muted}>{bestText(best, label)}</Text>
      ) : (
        <Text>
          <Text color={colors.muted}>best </Text>
          <Text bold color={colors.good}>
            {formatScore(best.testScore)}
          </Text>
          <Text color={colors.muted}> {label} </Text>
          <Text color={colors.accent}>{best.spec.id}</Text>
          <Text> {formatTrialParams(best.spec.params)}</Text>
        </Text>
      )}
      {data === '' ? null : (
        <Text color={colors.muted}>
          {padding}
          {data}
        </Text>
      )}
    </Text>
  );
}

/** Returns the text of the best-trial part of the line, as drawn. */
function bestText(best: TrialState | null, label: string): string {
  if (best === null) {
    return `best ${glyphs.unknown} no finished trial yet`;
  }

  const params = formatTrialParams(best.spec.params);

  return `best ${formatScore(best.testScore)} ${label} ${best.spec.id} ${params}`;
}
