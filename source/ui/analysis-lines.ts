import type { ParameterEffect, ValueEffect } from '../analysis/effects.js';
import type { ParameterName } from '../analysis/parameters.js';
import type { RunAnalysis } from '../analysis/run-analysis.js';
import { formatScore } from './format.js';
import { scoreName } from './score-labels.js';
import { fitText } from './text-cells.js';
import { glyphs } from './theme.js';

/** Cells of the parameter column: "maxFeatures" and a space. */
const NAME_WIDTH = 12;
/** Cells of the value column, right-aligned. */
const VALUE_WIDTH = 7;
/** Cells of the importance bar. */
const BAR_WIDTH = 20;
const SHARE_WIDTH = 5;

const COUNT_WIDTH = 7;
const SCORE_WIDTH = 8;
const COST_WIDTH = 9;

/**
 * One line of the analysis, as both the monitor and `traintop analyze`
 * show it: a section title, a note on what can be concluded, a column
 * header, or a table row. Rows are at most 59 cells wide.
 */
export type AnalysisLine =
  | {
      readonly kind: 'section';
      readonly title: string;
      readonly detail: string;
    }
  | { readonly kind: 'note' | 'header' | 'row'; readonly text: string };

/**
 * Lists the analysis as lines: the importance of each parameter, most
 * important first, then each parameter's effect value by value with the
 * training time per tree, in the same order.
 */
export function listAnalysisLines(analysis: RunAnalysis): AnalysisLine[] {
  const score = `test ${scoreName(analysis.task)}`;
  const order = orderParameters(analysis);

  return [
    ...analysis.notes.map((text) => note(text)),
    section('Importance', "share of the model's error when shuffled"),
    ...importanceLines(analysis, order),
    section('Effects', `${score} and training time by value`),
    ...effectLines(analysis, order),
  ];
}

/** Describes the run in a few words: "12 of 30 trials · test accuracy". */
export function describeAnalysis(analysis: RunAnalysis): string {
  const cost =
    analysis.msPerTree === null
      ? ''
      : ` ${glyphs.separator} ${formatMsPerTree(analysis.msPerTree)} ms/tree`;

  return (
    `${analysis.scoredTrials} of ${analysis.totalTrials} trials ` +
    `${glyphs.separator} test ${scoreName(analysis.task)}${cost}`
  );
}

/** Returns ranked parameters first, in rank order, then the others. */
function orderParameters(analysis: RunAnalysis): ParameterEffect[] {
  const ranked = analysis.importance.ranking.map((entry) => entry.name);
  const rankOf = (name: ParameterName) => {
    const rank = ranked.indexOf(name);

    return rank < 0 ? ranked.length : rank;
  };

  return [...analysis.effects].sort((a, b) => rankOf(a.name) - rankOf(b.name));
}

function importanceLines(
  analysis: RunAnalysis,
  order: readonly ParameterEffect[],
): AnalysisLine[] {
  const { importance } = analysis;
  const lines: AnalysisLine[] = [];
  if (importance.reason !== null) {
    lines.push(note(`no ranking: ${importance.reason}`));
  }

  const { modelTrials, ranking } = importance;
  if (ranking.length > 0 && modelTrials < analysis.scoredTrials) {
    lines.push(
      note(
        `ranked on a sample of ${modelTrials} of ` +
          `${analysis.scoredTrials} trials, to keep the fit fast`,
      ),
    );
  }

  if (analysis.scoredTrials === 0) {
    return lines;
  }

  lines.push(
    header(
      fitText('parameter', NAME_WIDTH) +
        fitText('importance', BAR_WIDTH + SHARE_WIDTH) +
        '  means differ by',
    ),
  );
  for (const effect of order) {
    const entry = importance.ranking.find((item) => item.name === effect.name);
    const name = fitText(effect.name, NAME_WIDTH);
    if (effect.meanRange === null) {
      lines.push(row(`${name}one value: no effect to measure`));
      continue;
    }

    lines.push(
      row(
        `${name}${formatImportance(entry?.share)}  ${formatScore(effect.meanRange)}`,
      ),
    );
  }

  return lines;
}

function effectLines(
  analysis: RunAnalysis,
  order: readonly ParameterEffect[],
): AnalysisLine[] {
  if (analysis.scoredTrials === 0) {
    return [note('no finished trials: no effects to show')];
  }

  const lines: AnalysisLine[] = [
    header(
      fitText('parameter', NAME_WIDTH) +
        fitText('value', VALUE_WIDTH, 'right') +
        fitText('trials', COUNT_WIDTH, 'right') +
        fitText('mean', SCORE_WIDTH, 'right') +
        fitText('SD', SCORE_WIDTH, 'right') +
        fitText('best', SCORE_WIDTH, 'right') +
        fitText('ms/tree', COST_WIDTH, 'right'),
    ),
  ];
  for (const effect of order) {
    effect.values.forEach((value, index) => {
      const label = index === 0 ? effect.name : '';
      lines.push(row(formatValueRow(label, value)));
    });
  }

  return lines;
}

function formatValueRow(label: string, effect: ValueEffect): string {
  const cost =
    effect.msPerTree === null
      ? glyphs.notAvailable
      : formatMsPerTree(effect.msPerTree);

  return (
    fitText(label, NAME_WIDTH) +
    fitText(String(effect.value), VALUE_WIDTH, 'right') +
    fitText(String(effect.count), COUNT_WIDTH, 'right') +
    fitText(formatScore(effect.meanScore), SCORE_WIDTH, 'right') +
    fitText(formatScore(effect.scoreSpread), SCORE_WIDTH, 'right') +
    fitText(formatScore(effect.bestScore), SCORE_WIDTH, 'right') +
    fitText(cost, COST_WIDTH, 'right')
  );
}

/** Draws a share as a bar and a percent, or "—" without a ranking. */
function formatImportance(share: number | undefined): string {
  if (share === undefined) {
    return fitText(glyphs.unknown, BAR_WIDTH + SHARE_WIDTH);
  }

  return drawBar(share) + fitText(formatShare(share), SHARE_WIDTH, 'right');
}

/** Draws a share from 0 to 1 as filled and empty cells. */
function drawBar(share: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * BAR_WIDTH);

  return (
    glyphs.barFilled.repeat(filled) + glyphs.barEmpty.repeat(BAR_WIDTH - filled)
  );
}

function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Formats ms per tree with three significant digits: "0.412", "12.3". */
export function formatMsPerTree(ms: number): string {
  if (ms >= 100) {
    return String(Math.round(ms));
  }

  return ms.toPrecision(3);
}

function section(title: string, detail: string): AnalysisLine {
  return { kind: 'section', title, detail };
}

function note(text: string): AnalysisLine {
  return { kind: 'note', text };
}

function header(text: string): AnalysisLine {
  return { kind: 'header', text };
}

function row(text: string): AnalysisLine {
  return { kind: 'row', text };
}
