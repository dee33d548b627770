import { Box } from 'ink';
import type { ReactNode } from 'react';
import { AnalysisView } from './components/analysis-view.js';
import type { RunState, TrialState } from '../state/run-state.js';
import { countTrials } from '../state/selectors.js';
import { AlertBar } from './components/alert-bar.js';
import { CompactView } from './components/compact-view.js';
import { FinishedTable } from './components/finished-table.js';
import { Footer, type FooterScreen } from './components/footer.js';
import type { MonitorMode } from './monitor-mode.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { SystemPanel } from './components/system-panel.js';
import { TerminalTooSmall } from './components/terminal-too-small.js';
import { TrialDetail } from './components/trial-detail.js';
import { WorkerPanel } from './components/worker-panel.js';
import {
  COMPACT_MIN_COLUMNS,
  COMPACT_MIN_ROWS,
  FULL_LAYOUT_MIN_COLUMNS,
  FULL_LAYOUT_MIN_ROWS,
} from './constants.js';
import { countHostLines } from './host-rows.js';
import { useRunAnalysis } from './hooks/use-run-analysis.js';
import { FOOTER_LINES, planFullLayout } from './layout.js';

export type AppProps = {
  readonly state: RunState;
  /** Terminal width in cells. No line of the frame is wider. */
  readonly columns: number;
  /** Terminal height in lines. The frame never has more. */
  readonly rows: number;
  /** Shows the key help in place of the panels. */
  readonly isHelpVisible: boolean;
  /** Whether keys are read, false when stdin is not a terminal. */
  readonly isInteractive: boolean;
  /** The kind of run shown; the footer follows it. Default run. */
  readonly mode?: MonitorMode;
  /**
   * The finished trial the arrow keys point at, marked in the table while
   * keys are read. Default null.
   */
  readonly selectedTrialId?: string | null;
  /**
   * Shows the selected trial's details in place of the panels. Has no
   * effect while no trial is selected. Default false.
   */
  readonly isDetailVisible?: boolean;
  /**
   * The worker process of a queued run that the + and - keys resize,
   * marked in the worker list while keys are read. Null, the default,
   * marks none and leaves Tab out of the footer and the help.
   */
  readonly selectedHostId?: string | null;
  /**
   * Shows what drives the test score in place of the panels and the
   * details. Default false.
   */
  readonly isAnalysisVisible?: boolean;
};

type ViewProps = Omit<
  AppProps,
  'isHelpVisible' | 'isDetailVisible' | 'isAnalysisVisible'
>;

/**
 * Lays out the monitor for the terminal size: every panel from 80x24, a
 * compact view below that, and a message below the compact minimum. The
 * help, then the analysis, then a trial's details, replace the panels at
 * any size that gets the compact view.
 */
export function App({
  isHelpVisible,
  isDetailVisible = false,
  isAnalysisVisible = false,
  selectedHostId = null,
  ...rest
}: AppProps) {
  // Without keys there is no host to resize, so nothing is marked.
  const view = {
    ...rest,
    selectedHostId: rest.isInteractive ? selectedHostId : null,
  };
  const { state, columns, rows, selectedTrialId = null } = view;
  if (columns < COMPACT_MIN_COLUMNS || rows < COMPACT_MIN_ROWS) {
    return <TerminalTooSmall columns={columns} rows={rows} />;
  }

  if (isHelpVisible) {
    return <HelpView {...view} />;
  }

  if (isAnalysisVisible) {
    return <AnalysisScreen {...view} />;
  }

  const selected =
    selectedTrialId === null ? undefined : state.trials[selectedTrialId];
  if (isDetailVisible && selected !== undefined) {
    return <DetailView {...view} trial={selected} />;
  }

  if (columns < FULL_LAYOUT_MIN_COLUMNS || rows < FULL_LAYOUT_MIN_ROWS) {
    return <CompactView {...view} />;
  }

  return <FullView {...view} />;
}

function HelpView({
  state,
  columns,
  rows,
  isInteractive,
  selectedHostId = null,
}: ViewProps) {
  // The help lists every key, including the ones a watcher cannot use.
  return (
    <PageView
      state={state}
      columns={columns}
      rows={rows}
      isInteractive={isInteractive}
      screen="help"
    >
      <HelpOverlay
        width={columns}
        height={rows - FOOTER_LINES}
        hasHostKeys={selectedHostId !== null}
      />
    </PageView>
  );
}

function AnalysisScreen(view: ViewProps) {
  const analysis = useRunAnalysis(view.state);

  return (
    <PageView {...view} screen="analysis">
      <AnalysisView
        analysis={analysis}
        width={view.columns}
        height={view.rows - FOOTER_LINES}
      />
    </PageView>
  );
}

function DetailView({
  trial,
  ...view
}: ViewProps & { readonly trial: TrialState }) {
  return (
    <PageView {...view} screen="detail">
      <TrialDetail
        state={view.state}
        trial={trial}
        width={view.columns}
        height={view.rows - FOOTER_LINES}
      />
    </PageView>
  );
}

type PageViewProps = Pick<
  ViewProps,
  'state' | 'columns' | 'rows' | 'isInteractive' | 'mode'
> & {
  readonly screen: FooterScreen;
  /** The page, FOOTER_LINES shorter than the terminal. */
  readonly children: ReactNode;
};

/** Draws a page that replaces the panels, with the footer of its keys. */
function PageView({
  state,
  columns,
  rows,
  isInteractive,
  mode,
  screen,
  children,
}: PageViewProps) {
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      {children}
      <Footer
        isInteractive={isInteractive}
        mode={mode}
        isRunPaused={state.isPaused}
        screen={screen}
        width={columns}
      />
    </Box>
  );
}

function FullView({
  state,
  columns,
  rows,
  isInteractive,
  mode,
  selectedTrialId = null,
  selectedHostId = null,
}: ViewProps) {
  const counts = countTrials(state);
  const layout = planFullLayout({
    columns,
    rows,
    workerCount: Object.keys(state.workers).length,
    hostCount: countHostLines(state),
    finishedCount: counts.finished,
    coreCount: state.system?.corePercents.length ?? 0,
    hasFailedTrials: counts.failed > 0,
    hasAlerts: state.alerts.active.length > 0,
  });

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header state={state} width={columns} />
      <AlertBar alerts={state.alerts.active} />
      <WorkerPanel
        state={state}
        width={columns}
        maxLines={layout.workerLines}
        selectedHostId={selectedHostId}
      />
      <SystemPanel system={state.system} width={columns} />
      <Box flexDirection="column" flexGrow={1}>
        <FinishedTable
          state={state}
          width={columns}
          maxLines={layout.finishedLines}
          selectedTrialId={isInteractive ? selectedTrialId : null}
        />
      </Box>
      <Footer
        isInteractive={isInteractive}
        mode={mode}
        isRunPaused={state.isPaused}
        hasFinishedTrials={counts.finished > 0}
        hasHostKeys={selectedHostId !== null}
        width={columns}
      />
    </Box>
  );
}
