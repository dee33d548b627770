/// <reference lib="dom" />
// This function runs in the browser, not in Node.js: the report inlines its
// source text next to Chart.js and calls it once the page has loaded. It
// must therefore use nothing from outside its own body but its arguments
// and the browser's globals; the imports below are types only.
import type {
  Chart as ChartType,
  ChartConfiguration,
  ChartDataset,
} from 'chart.js';

import type { ReportData } from './report-data.js';

/**
 * Draws the report's charts into the canvases the page provides, then
 * marks the page with the number drawn in `data-charts-drawn` on <html>.
 */
export function drawCharts(data: ReportData, Chart: typeof ChartType): void {
  const ink = '#1f2933';
  const grid = '#e4e7eb';
  const best = '#d9480f';
  const pruned = '#9aa5b1';
  const cpu = '#1971c2';
  const memory = '#2f9e44';
  const own = '#ae3ec9';
  // Worker machines of a queued run, none the colour of a line above.
  const hostColors = ['#e8590c', '#0c8599', '#c2255c', '#f08c00', '#5f3dc4'];
  const hostColor = (index: number) =>
    hostColors[index % hostColors.length] ?? ink;

  Chart.defaults.animation = false;
  Chart.defaults.color = ink;
  Chart.defaults.borderColor = grid;
  Chart.defaults.font.family =
    'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  Chart.defaults.maintainAspectRatio = false;

  let drawn = 0;
  const draw = (canvasId: string, config: ChartConfiguration): void => {
    const canvas = document.getElementById(canvasId);
    if (canvas instanceof HTMLCanvasElement) {
      new Chart(canvas, config);
      drawn += 1;
    }
  };

  const scoreAxis = (title: string) => ({
    title: { display: true, text: title },
  });
  const timeAxis = {
    type: 'linear' as const,
    min: 0,
    title: { display: true, text: `${data.resources.timeUnit} since start` },
  };
  // Accuracy cannot pass 1, though a mean plus its spread can.
  const scoreCeiling = data.task === 'classification' ? { max: 1 } : {};
  const points = (series: readonly (readonly [number, number])[]) =>
    series.map(([x, y]) => ({ x, y }));

  // Learning curves: one line per trial, colored by its final test score
  // from pale (worst) to dark (best), the best trial drawn on top.
  const scores = data.trials
    .map((trial) => trial.testScore)
    .filter((score): score is number => score !== null);
  const low = Math.min(...scores);
  const high = Math.max(...scores);
  const shade = (score: number | null): string => {
    if (score === null || high === low) {
      return 'rgba(25, 113, 194, 0.5)';
    }
    const share = (score - low) / (high - low);

    return `rgba(25, 113, 194, ${(0.15 + 0.65 * share).toFixed(2)})`;
  };
  const curveColor = (
    score: number | null,
    isBest: boolean,
    isPruned: boolean,
  ): string => {
    if (isBest) {
      return best;
    }

    return isPruned ? pruned : shade(score);
  };
  const curves: ChartDataset<'line'>[] = data.trials
    .filter((trial) => trial.curve.length > 0)
    .map((trial) => {
      const isBest = trial.id === data.best?.id;
      const isPruned = trial.status === 'pruned';

      return {
        label: `${trial.id} ${trial.label}`,
        data: points(trial.curve),
        borderColor: curveColor(trial.testScore, isBest, isPruned),
        borderWidth: isBest ? 3 : 1,
        borderDash: isPruned ? [4, 3] : [],
        pointRadius: 0,
        order: isBest ? 0 : 1,
      };
    });
  draw('learning-curves', {
    type: 'line',
    data: { datasets: curves },
    options: {
      parsing: false,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'trees' } },
        y: scoreAxis(`test ${data.scoreName}`),
      },
      interaction: { mode: 'nearest', intersect: false },
      plugins: {
        legend: {
          labels: {
            filter: (item) =>
              item.datasetIndex !== undefined &&
              curves[item.datasetIndex]?.order === 0,
          },
        },
      },
    },
  });

  const importance = data.analysis.importance.ranking;
  draw('importance', {
    type: 'bar',
    data: {
      labels: importance.map((entry) => entry.name),
      datasets: [
        {
          label: 'share of importance (%)',
          data: importance.map((entry) => entry.share * 100),
          backgroundColor: cpu,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { min: 0, max: 100 } },
      plugins: { legend: { display: false } },
    },
  });

  // Each parameter's effect: the mean test score of each value, with a
  // bar from one standard deviation below the mean to one above.
  for (const effect of data.analysis.effects) {
    if (effect.meanRange === null) {
      continue;
    }
    draw(`effect-${effect.name}`, {
      type: 'bar',
      data: {
        labels: effect.values.map((value) => String(value.value)),
        datasets: [
          {
            type: 'line',
            label: 'mean',
            data: effect.values.map((value) => value.meanScore),
            borderColor: best,
            backgroundColor: best,
            pointRadius: 4,
          },
          {
            type: 'bar',
            label: 'mean ± SD',
            data: effect.values.map((value) => [
              value.meanScore - value.scoreSpread,
              value.meanScore + value.scoreSpread,
            ]),
            backgroundColor: 'rgba(25, 113, 194, 0.3)',
          },
        ],
      },
      options: {
        scales: {
          x: { title: { display: true, text: effect.name } },
          y: {
            ...scoreAxis(`test ${data.scoreName}`),
            ...scoreCeiling,
            beginAtZero: false,
          },
        },
      },
    });
  }

  const { resources } = data;
  const line = (
    label: string,
    series: readonly (readonly [number, number])[],
    color: string,
  ): ChartDataset<'line'> => ({
    label,
    data: points(series),
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.5,
    pointRadius: 0,
  });
  draw('cpu', {
    type: 'line',
    data: {
      datasets: [
        line('this machine', resources.cpuPercent, cpu),
        ...resources.hosts.map((host, index) =>
          line(host.id, host.cpuPercent, hostColor(index)),
        ),
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: timeAxis,
        y: { min: 0, max: 100, title: { display: true, text: 'CPU %' } },
      },
    },
  });
  draw('memory', {
    type: 'line',
    data: {
      datasets: [
        line('machine in use (GiB)', resources.memUsedGib, memory),
        ...resources.hosts.map((host, index) =>
          line(`${host.id} (GiB)`, host.memUsedGib, hostColor(index)),
        ),
        {
          ...line('traintop RSS (MiB)', resources.rssMib, own),
          yAxisID: 'mib',
        },
      ],
    },
    options: {
      parsing: false,
      scales: {
        x: timeAxis,
        y: {
          min: 0,
          ...(resources.memTotalGib === null
            ? {}
            : { max: Math.ceil(resources.memTotalGib) }),
          title: { display: true, text: 'GiB' },
        },
        mib: {
          position: 'right',
          min: 0,
          grid: { drawOnChartArea: false },
          title: { display: true, text: 'MiB' },
        },
      },
    },
  });

  document.documentElement.dataset['chartsDrawn'] = String(drawn);
}
