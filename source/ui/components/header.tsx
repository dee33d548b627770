import { Box, Text } from 'ink';
import type { RunState } from '../../state/run-state.js';
import {
  countTrials,
  selectBestTrial,
  selectElapsedMs,
} from '../../state/selectors.js';
import {
  formatAccuracy,
  formatDuration,
  formatTrialParams,
  toOneLine,
} from '../format.js';
import { describeEta } from '../run-status.js';
import { colors, glyphs } from '../theme.js';

export type HeaderProps = {
  readonly state: RunState;
  /** Cells each line may take. */
  readonly width: number;
};

type LineProps = { readonly state: RunState };

/**
 * Draws three lines: the job with its clock and pool, the trial counts, and
 * the best finished trial so far.
 */
export function Header({ state, width }: HeaderProps) {
  return (
    <Box flexDirection="column" width={width}>
      <JobLine state={state} />
      <TrialsLine state={state} />
      <BestLine state={state} />
    </Box>
  );
}

function Separator() {
  return <Text color={colors.muted}> {glyphs.separator} </Text>;
}

function JobLine({ state }: LineProps) {
  const eta = describeEta(state);

  return (
    <Text wrap="truncate">
      <Text bold color={colors.accent}>
        traintop
      </Text>
      <Separator />
      <Text bold>{toOneLine(state.job) || glyphs.unknown}</Text>
      <Separator />
      <Text color={colors.muted}>elapsed </Text>
      <Text>{formatDuration(selectElapsedMs(state))}</Text>
      <Separator />
      <Text color={colors.muted}>ETA </Text>
      <Text color={eta.color}>{eta.text}</Text>
      <Separator />
      <Text color={colors.muted}>pool </Text>
      <Text>{`${state.poolSize} of ${state.maxPoolSize}`}</Text>
    </Text>
  );
}

function TrialsLine({ state }: LineProps) {
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
    </Text>
  );
}

function BestLine({ state }: LineProps) {
  const best = selectBestTrial(state);
  if (best === null) {
    return (
      <Text wrap="truncate" color={colors.muted}>
        {`best ${glyphs.unknown} no finished trial yet`}
      </Text>
    );
  }

  return (
    <Text wrap="truncate">
      <Text color={colors.muted}>best </Text>
      <Text bold color={colors.good}>
        {formatAccuracy(best.testAccuracy)}
      </Text>
      <Text color={colors.muted}> test acc </Text>
      <Text color={colors.accent}>{best.spec.id}</Text>
      <Text> {formatTrialParams(best.spec.params)}</Text>
    </Text>
  );
}
