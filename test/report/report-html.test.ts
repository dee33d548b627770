import { describe, expect, it } from 'vitest';

import { analyzeRun } from '../../source/analysis/run-analysis.js';
import { buildReportData } from '../../source/report/report-data.js';
import { renderReportHtml } from '../../source/report/report-html.js';
import type { RunEvent } from '../../source/state/events.js';
import { reduceRunEvents } from '../../source/state/reducer.js';
import { createRunState } from '../../source/state/run-state.js';
import { createTestData, createTestSpec } from '../ui/factories.js';

const START = Date.UTC(2026, 11, 5, 9, 0, 0);
const HOSTILE = '</script><script>alert(1)</script>';
const library = {
  name: 'Chart.js',
  version: '4.0.0',
  script:
    'window.Chart = function () {};\n//# sourceMappingURL=chart.umd.js.map',
};

/** Renders a finished run of one trial whose names are HTML and script. */
function renderHostileRun(): string {
  const spec = createTestSpec({ index: 0 });
  const events: RunEvent[] = [
    {
      kind: 'run-started',
      at: START,
      runId: 'r1',
      job: 'job',
      trials: [spec],
      poolSize: 1,
      maxPoolSize: 1,
      data: createTestData({
        name: '<b>bold</b>.csv',
        classNames: [HOSTILE, 'b'],
      }),
    },
    {
      kind: 'trial-finished',
      at: START + 1000,
      trialId: spec.id,
      workerId: 1,
      trees: 200,
      elapsedMs: 1000,
      trainScore: 1,
      testScore: 0.5,
      oobScore: null,
      foldTestScores: [0.5],
      metrics: {
        task: 'classification',
        macroF1: 0.5,
        confusion: [
          [1, 1],
          [0, 2],
        ],
      },
    },
  ];
  const state = reduceRunEvents(createRunState(), events);
  const data = buildReportData(events, state, analyzeRun(state));

  return renderReportHtml(data, library, new Date(START));
}

describe('renderReportHtml', () => {
  it('escapes names in the page and in its data', () => {
    const html = renderHostileRun();

    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;b&gt;bold&lt;/b&gt;.csv');
    expect(html).toContain(
      '<th>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</th>',
    );

    const json =
      /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(
        html,
      );
    const data = JSON.parse(json![1]!) as { best: { classNames: string[] } };
    expect(data.best.classNames).toEqual([HOSTILE, 'b']);
  });

  it('inlines the library without its source map comment', () => {
    const html = renderHostileRun();

    expect(html).toContain('window.Chart = function () {};');
    expect(html).not.toContain('sourceMappingURL');
    expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    expect(html).not.toMatch(/<link\b/);
  });

  it('says what it cannot show for one trial', () => {
    const html = renderHostileRun();

    expect(html).toContain(
      'No importance ranking: needs at least 8 finished trials, has 1.',
    );
    expect(html).toContain('one finished trial: effects need two values');
    expect(html).not.toContain('NaN');
    expect(html).toContain(' · 1 trial: 1 finished');
  });
});
