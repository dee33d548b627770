import { useState } from 'react';
import {
  createRunAnalyzer,
  type RunAnalyzer,
} from '../../analysis/cached-analysis.js';
import type { RunAnalysis } from '../../analysis/run-analysis.js';
import type { RunState } from '../../state/run-state.js';

/**
 * Analyses the run shown. The analyzer lives as long as the component, so
 * a redraw in which no trial finished reuses the last analysis instead of
 * fitting the importance model again.
 */
export function useRunAnalysis(state: RunState): RunAnalysis {
  const [analyze] = useState<RunAnalyzer>(createRunAnalyzer);

  return analyze(state);
}
