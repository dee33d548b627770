import type { ParameterEffect } from '../analysis/effects.js';
import { formatDuration, formatTrainingTime } from '../ui/format.js';
import { drawCharts } from './draw-charts.js';
import type { ReportBest, ReportData, ReportTrial } from './report-data.js';

/** The charting library's browser build, inlined into every report. */
export type ChartLibrary = {
  readonly name: string;
  readonly version: string;
  /** Its UMD script, which defines the global `Chart`. */
  readonly script: string;
};

const SCORE_DIGITS = 3;

/** Maximum alerts listed unfolded. A longer list starts folded. */
const OPEN_ALERTS_UP_TO = 10;

/**
 * Renders the report as one HTML document that needs no network: the
 * charting library, the data and the code that draws the charts are all
 * inline. Tables and text are rendered here; the charts are drawn by the
 * browser when the page loads.
 */
export function renderReportHtml(
  data: ReportData,
  library: ChartLibrary,
  generatedAt: Date,
): string {
  const title = `traintop report: run ${data.runId}`;

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(describeRun(data))}</p>
${renderNotes(data.analysis.notes)}
</header>
<main>
${renderBest(data)}
${renderCurves(data)}
${renderDrivers(data)}
${renderResources(data)}
${renderAlerts(data)}
${renderTrials(data)}
</main>
<footer>Written by traintop at ${escapeHtml(generatedAt.toISOString())}. Charts drawn with ${escapeHtml(library.name)} ${escapeHtml(library.version)}.</footer>
<script>${inlineScript(library.script)}</script>
<script type="application/json" id="report-data">${inlineJson(data)}</script>
<script>
(${drawCharts.toString()})(
  JSON.parse(document.getElementById('report-data').textContent),
  Chart,
);
</script>
</body>
</html>
`;
}

function describeRun(data: ReportData): string {
  const { counts } = data;
  const parts = [
    data.rowCount === null
      ? data.dataName
      : `${data.dataName}, ${data.rowCount} rows`,
    data.task,
    data.evaluation,
    `started ${new Date(data.startedAt).toISOString()}`,
    `${data.status} after ${formatDuration(data.durationMs)}`,
    `${countOf(counts.total, 'trial')}: ${counts.finished} finished` +
      (counts.pruned > 0 ? `, ${counts.pruned} pruned` : '') +
      (counts.failed > 0 ? `, ${counts.failed} failed` : '') +
      (counts.running + counts.queued > 0
        ? `, ${counts.running + counts.queued} not finished`
        : ''),
  ];

  return parts.filter((part) => part !== '').join(' · ');
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function renderNotes(notes: readonly string[]): string {
  if (notes.length === 0) {
    return '';
  }

  const items = notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');

  return `<ul class="notes">${items}</ul>`;
}

function renderBest(data: ReportData): string {
  const { best } = data;
  if (best === null) {
    return section(
      'best',
      'Best trial',
      '<p class="empty">No trial finished with a test score.</p>',
    );
  }

  const summary =
    `<p><strong>${escapeHtml(best.id)}</strong> ` +
    `(${escapeHtml(best.label)}): test ${escapeHtml(data.scoreName)} ` +
    `<strong>${formatScore(best.testScore)}</strong>` +
    (best.testRmse === null
      ? ''
      : `, test RMSE ${formatNumber(best.testRmse)}`) +
    '</p>';

  return section('best', 'Best trial', summary + renderConfusion(best));
}

/**
 * Renders the best trial's test rows by actual class (rows) and predicted
 * class (columns), each cell shaded by its share of its row.
 */
function renderConfusion(best: ReportBest): string {
  if (best.confusion === null) {
    return '';
  }

  const names = best.confusion.map(
    (_, index) => best.classNames[index] ?? `class ${index}`,
  );
  const header = names.map((name) => `<th>${escapeHtml(name)}</th>`).join('');
  const rows = best.confusion
    .map((row, actual) => {
      const total = row.reduce((sum, count) => sum + count, 0);
      const cells = row
        .map((count, predicted) => {
          const share = total === 0 ? 0 : count / total;
          const tone = predicted === actual ? '47, 158, 68' : '224, 49, 49';
          const shade = count === 0 ? 0 : 0.12 + 0.6 * share;

          return `<td style="background: rgba(${tone}, ${shade.toFixed(2)})">${count}</td>`;
        })
        .join('');

      return `<tr><th>${escapeHtml(names[actual] ?? '')}</th>${cells}</tr>`;
    })
    .join('\n');

  return `<table class="confusion" id="confusion-matrix">
<caption>Confusion matrix on the test rows: rows are the actual class, columns the predicted one.</caption>
<tr><th></th>${header}</tr>
${rows}
</table>`;
}

function renderCurves(data: ReportData): string {
  const hasCurves = data.trials.some((trial) => trial.curve.length > 0);
  const body = hasCurves
    ? `<p class="hint">Test ${escapeHtml(data.scoreName)} as each forest grew, one line per trial; darker lines ended higher. The best trial is drawn in orange${data.counts.pruned > 0 ? ', pruned trials dashed' : ''}.</p>
<div class="chart tall"><canvas id="learning-curves"></canvas></div>`
    : `<p class="empty">No trial reported a score${data.status === 'running' ? ' yet' : ''}.</p>`;

  return section('curves', 'Learning curves', body);
}

function renderDrivers(data: ReportData): string {
  const { importance, effects } = data.analysis;
  const ranking =
    importance.reason === null
      ? `<p class="hint">Permutation importance from a random-forest model of the test score on the parameters, fitted to ${importance.modelTrials} trials.</p>
<div class="chart short"><canvas id="importance"></canvas></div>`
      : `<p class="empty">No importance ranking: ${escapeHtml(importance.reason)}.</p>`;
  const effectBlocks = effects.map(renderEffect);

  return section(
    'drivers',
    'What drives the test score',
    `${ranking}\n<div class="effects">${effectBlocks.join('\n')}</div>`,
  );
}

function renderEffect(effect: ParameterEffect): string {
  const chart =
    effect.meanRange === null
      ? `<p class="empty">${escapeHtml(effect.note ?? 'No effect to show.')}</p>`
      : `<div class="chart"><canvas id="effect-${effect.name}"></canvas></div>`;
  if (effect.values.length === 0) {
    return `<div class="effect">
<h3>${escapeHtml(effect.name)}</h3>
${chart}
</div>`;
  }

  const rows = effect.values
    .map(
      (value) =>
        `<tr><td>${value.value}</td><td>${value.count}</td>` +
        `<td>${formatScore(value.meanScore)}</td>` +
        `<td>${formatScore(value.scoreSpread)}</td>` +
        `<td>${formatScore(value.bestScore)}</td>` +
        `<td>${value.msPerTree === null ? '–' : value.msPerTree.toFixed(2)}</td></tr>`,
    )
    .join('\n');

  return `<div class="effect">
<h3>${escapeHtml(effect.name)}</h3>
${chart}
<table class="numbers">
<tr><th>value</th><th>trials</th><th>mean</th><th>SD</th><th>best</th><th>ms/tree</th></tr>
${rows}
</table>
</div>`;
}

function renderResources(data: ReportData): string {
  const { resources } = data;
  // A line needs two readings, which a run shorter than a tick lacks.
  const hasLine = (
    ...series: readonly (readonly (readonly [number, number])[])[]
  ) => series.some((points) => points.length >= 2);
  const hasCpu = hasLine(
    resources.cpuPercent,
    ...resources.hosts.map((host) => host.cpuPercent),
  );
  const hasMemory = hasLine(
    resources.memUsedGib,
    resources.rssMib,
    ...resources.hosts.map((host) => host.memUsedGib),
  );
  const chartOrNote = (title: string, id: string, isDrawn: boolean) =>
    isDrawn
      ? `<div><h3>${title}</h3><div class="chart"><canvas id="${id}"></canvas></div></div>`
      : `<div><h3>${title}</h3><p class="empty">Too few readings to draw: the run recorded them for less than two ticks.</p></div>`;

  return section(
    'resources',
    'CPU and memory',
    `<div class="pair">
${chartOrNote('CPU', 'cpu', hasCpu)}
${chartOrNote('Memory', 'memory', hasMemory)}
</div>`,
  );
}

function renderAlerts(data: ReportData): string {
  if (data.alerts.length === 0) {
    return section('alerts', 'Alerts', '<p class="empty">None raised.</p>');
  }

  const byRule = new Map<string, number>();
  for (const alert of data.alerts) {
    byRule.set(alert.rule, (byRule.get(alert.rule) ?? 0) + 1);
  }
  const counts = [...byRule]
    .map(([rule, count]) => `${count} ${rule}`)
    .join(', ');
  const rows = data.alerts
    .map(
      (alert) =>
        `<tr><td>${formatDuration(alert.afterMs)}</td>` +
        `<td>${escapeHtml(alert.rule)}</td><td class="text">${escapeHtml(alert.message)}</td></tr>`,
    )
    .join('\n');

  // A long list starts folded, so that it does not bury the trials.
  const isOpen = data.alerts.length <= OPEN_ALERTS_UP_TO ? ' open' : '';

  return section(
    'alerts',
    'Alerts',
    `<details${isOpen}><summary>${data.alerts.length} raised: ${escapeHtml(counts)}</summary>
<table class="numbers"><tr><th>at</th><th>rule</th><th class="text">message</th></tr>
${rows}
</table>
</details>`,
  );
}

function renderTrials(data: ReportData): string {
  const rows = [...data.trials]
    .sort(byTestScore)
    .map(
      (trial) =>
        `<tr class="${trial.status}"><td>${escapeHtml(trial.id)}</td>` +
        `<td>${trial.params.trees}</td><td>${trial.params.maxFeatures}</td>` +
        `<td>${trial.params.maxDepth}</td><td>${trial.params.seed}</td>` +
        `<td>${trial.statusText}</td><td>${trial.treesDone}</td>` +
        `<td>${formatScore(trial.trainScore)}</td>` +
        `<td>${formatScore(trial.testScore)}</td>` +
        `<td>${trial.elapsedMs > 0 ? formatTrainingTime(trial.elapsedMs) : '–'}</td></tr>`,
    )
    .join('\n');

  return section(
    'trials',
    'Trials',
    `<table class="numbers">
<tr><th>trial</th><th>trees</th><th>max features</th><th>max depth</th><th>seed</th><th>status</th><th>trees grown</th><th>train</th><th>test</th><th>time</th></tr>
${rows}
</table>`,
  );
}

/** Best test score first; trials without one last, in plan order. */
function byTestScore(a: ReportTrial, b: ReportTrial): number {
  return (
    (b.testScore ?? Number.NEGATIVE_INFINITY) -
    (a.testScore ?? Number.NEGATIVE_INFINITY)
  );
}

function section(id: string, title: string, body: string): string {
  return `<section id="${id}">\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function formatScore(score: number | null): string {
  return score === null ? '–' : score.toFixed(SCORE_DIGITS);
}

function formatNumber(value: number): string {
  return value.toPrecision(SCORE_DIGITS);
}

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * Makes JSON safe inside a <script> element: no `<` can close the element
 * early, and JSON.parse reads `\u003c` back as `<`.
 */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/**
 * Makes a script safe to inline: a `</script` inside it would end the
 * element, and a source map comment would point at a file that is absent.
 */
function inlineScript(script: string): string {
  return script
    .replace(/\/\/# sourceMappingURL=\S+\s*$/, '')
    .replaceAll('</script', '<\\/script');
}

const STYLE = `
:root { color-scheme: light; --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #f5f7fa; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 8px; }
h3 { font-size: 15px; margin: 8px 0 4px; }
.meta, .hint, footer { color: var(--muted); }
.notes { background: #fff4e6; border-left: 4px solid #f08c00; padding: 8px 8px 8px 32px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.chart { position: relative; height: 260px; }
.chart.tall { height: 440px; }
.chart.short { height: 200px; }
.effects, .pair { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px 32px; }
.effect table { width: 100%; font-size: 13px; }
.text { text-align: left; }
table { border-collapse: collapse; margin-top: 8px; }
th, td { padding: 3px 10px; text-align: right; border-bottom: 1px solid var(--line); }
th { font-weight: 600; }
.numbers td { font-variant-numeric: tabular-nums; }
.confusion td { min-width: 56px; text-align: center; font-variant-numeric: tabular-nums; }
.confusion caption { caption-side: bottom; color: var(--muted); text-align: left; padding-top: 6px; }
tr.pruned td, tr.failed td, tr.queued td { color: var(--muted); }
.empty { color: var(--muted); font-style: italic; }
summary { cursor: pointer; }
footer { padding-bottom: 24px; font-size: 13px; }
`;
