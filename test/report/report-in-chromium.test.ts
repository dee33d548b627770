import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The real program, built by `npm run build`, as a user would run it.
const main = path.resolve('dist/source/cli/main.js');

/** Debian's chromium package; CHROMIUM_PATH names another build. */
const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  console.warn(
    `Skipping the report's browser tests: no Chromium at ${chromiumPath}. ` +
      'Install it with `apt-get install chromium`, or set CHROMIUM_PATH.',
  );
}

function traintop(args: readonly string[]) {
  return spawnSync(process.execPath, [main, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
    timeout: 90_000,
  });
}

/** Runs a plain sweep into a new folder and returns it with the run id. */
function runSweep(flags: readonly string[]): { out: string; runId: string } {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'traintop-rep-')), 'r');
  const result = traintop([...flags, '--plain', '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const [runId] = readdirSync(out);

  return { out, runId: runId! };
}

/** What a browser saw of a report page. */
type PageVisit = {
  readonly errors: readonly string[];
  /** Requests for anything but the report file itself. */
  readonly requests: readonly string[];
  readonly chartsDrawn: number;
  /** Canvases with nothing drawn on them, by id. */
  readonly blankCanvases: readonly string[];
  readonly screenshot: string;
};

describe.skipIf(!hasChromium)('the report in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: chromiumPath,
      // Background networking would try to reach Google's hosts, which
      // this machine cannot.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  async function visit(file: string): Promise<PageVisit> {
    const page = await browser.newPage({
      viewport: { width: 1280, height: 900 },
    });
    const errors: string[] = [];
    const requests: string[] = [];
    const fileUrl = pathToFileURL(file).href;
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        errors.push(`${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    page.on('request', (request) => {
      if (request.url() !== fileUrl) {
        requests.push(request.url());
      }
    });

    await page.goto(fileUrl, { waitUntil: 'load' });
    const drawn = await page
      .locator('html[data-charts-drawn]')
      .getAttribute('data-charts-drawn', { timeout: 10_000 })
      .catch(() => null);
    const blankCanvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')]
        .filter((canvas) => {
          const context = canvas.getContext('2d');
          if (context === null || canvas.width === 0) {
            return true;
          }
          const { data } = context.getImageData(
            0,
            0,
            canvas.width,
            canvas.height,
          );

          return !data.some((channel, index) => index % 4 === 3 && channel > 0);
        })
        .map((canvas) => canvas.id),
    );
    const screenshot = path.join(path.dirname(file), 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    await page.close();

    return {
      errors,
      requests,
      chartsDrawn: Number(drawn ?? 0),
      blankCanvases,
      screenshot,
    };
  }

  it('draws every chart of an iris sweep without errors or network', async () => {
    // 2 × 2 × 2 × 2 = 16 trials: enough for the importance ranking.
    const { out, runId } = runSweep([
      '--trees',
      '20,40',
      '--max-features',
      '1,2',
      '--max-depth',
      '1,3',
      '--seeds',
      '2',
      // Long enough for the CPU readings to make a line.
      '--pace',
      '100',
    ]);
    const result = traintop(['report', runId, '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const file = path.join(out, runId, 'report.html');
    expect(result.stdout).toBe(
      `Wrote ${file} (${Math.ceil(statSync(file).size / 1024)} KiB): ` +
        'open it in a browser.\n',
    );

    const seen = await visit(file);

    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    // Learning curves, importance, four parameters' effects, CPU, memory.
    expect(seen.chartsDrawn).toBe(8);
    expect(seen.blankCanvases).toEqual([]);
    expect(statSync(seen.screenshot).size).toBeGreaterThan(10_000);
  });

  it('shows a regression run, which has no confusion matrix', async () => {
    const { out, runId } = runSweep([
      '--data',
      path.resolve('test/fixtures/data/house-prices.csv'),
      '--target',
      'price_eur',
      '--missing',
      'mean',
      '--drop',
      'id',
      '--trees',
      '10',
      '--max-features',
      '1,2',
      '--max-depth',
      '2',
      '--seeds',
      '1',
    ]);
    const file = path.join(out, 'house-report.html');
    const result = traintop(['report', runId, '--out', out, '--file', file]);
    expect(result.status).toBe(0);

    const seen = await visit(file);

    expect(seen.errors).toEqual([]);
    expect(seen.requests).toEqual([]);
    // Two trials give no importance ranking, and only maxFeatures varies.
    // A run over before CPU has two readings gets a note in its place.
    const html = readFileSync(file, 'utf8');
    const hasCpuChart = html.includes('<canvas id="cpu">');
    expect(seen.chartsDrawn).toBe(hasCpuChart ? 4 : 3);
    if (!hasCpuChart) {
      expect(html).toContain(
        '<div><h3>CPU</h3><p class="empty">Too few readings to draw',
      );
    }
    expect(seen.blankCanvases).toEqual([]);
  });
});
