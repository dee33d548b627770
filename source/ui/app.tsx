import { Box } from 'ink';
import type { RunState } from '../state/run-state.js';
import { countTrials } from '../state/selectors.js';
import { CompactView } from './components/compact-view.js';
import { FinishedTable } from './components/finished-table.js';
import { Footer } from './components/footer.js';
import type { MonitorMode } from './monitor-mode.js';
import { Header } from './components/header.js';
import { HelpOverlay } from './components/help-overlay.js';
import { SystemPanel } from './components/system-panel.js';
import { TerminalTooSmall } from './components/terminal-too-small.js';
import { WorkerPanel } from './components/worker-panel.js';
import {
  COMPACT_MIN_COLUMNS,
  COMPACT_MIN_ROWS,
  FULL_LAYOUT_MIN_COLUMNS,
  FULL_LAYOUT_MIN_ROWS,
} from './constants.js';
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
};

type ViewProps = Omit<AppProps, 'isHelpVisible'>;

/**
 * Lays out the monitor for the terminal size: every panel from 80x24, a
 * compact view below that, and a message below the compact minimum.
 */
export function App({ isHelpVisible, ...view }: AppProps) {
  const { columns, rows } = view;
  if (columns < COMPACT_MIN_COLUMNS || rows < COMPACT_MIN_ROWS) {
    return <TerminalTooSmall columns={columns} rows={rows} />;
  }

  if (isHelpVisible) {
    return <HelpView {...view} />;
  }

  if (columns < FULL_LAYOUT_MIN_COLUMNS || rows < FULL_LAYOUT_MIN_ROWS) {
    return <CompactView {...view} />;
  }

  return <FullView {...view} />;
}

function HelpView({ state, columns, rows, isInteractive }: ViewProps) {
  // The help lists every key, including the ones a watcher cannot use.
  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <HelpOverlay width={columns} height={rows - FOOTER_LINES} />
      <Footer
        isInteractive={isInteractive}
        isRunPaused={state.isPaused}
        isHelpVisible
        width={columns}
      />
    </Box>
  );
}

function FullView({ state, columns, rows, isInteractive, mode }: ViewProps) {
  const counts = countTrials(state);
  const layout = planFullLayout({
    columns,
    rows,
    workerCount: Object.keys(state.workers).length,
    finishedCount: counts.finished,
    coreCount: state.system?.corePercents.length ?? 0,
    hasFailedTrials: counts.failed > 0,
  });

  return (
    <Box flexDirection="column" width={columns} height={rows}>
      <Header state={state} width={columns} />
      <WorkerPanel
        state={state}
        width={columns}
        maxLines={layout.workerLines}
      />
      <SystemPanel system={state.system} width={columns} />
      <Box flexDirection="column" flexGrow={1}>
        <FinishedTable
          state={state}
          width={columns}
          maxLines={layout.finishedLines}
        />
      </Box>
      <Footer
        isInteractive={isInteractive}
        mode={mode}
        isRunPaused={state.isPaused}
        isHelpVisible={false}
        width={columns}
      />
    </Box>
  );
}
