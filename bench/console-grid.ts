/**
 * Web console: how long a 100,000-row result takes to be visible in the grid after the API answers
 * (from the answer's headers arriving to the first grid frame painted with rows: body transfer,
 * JSON parse, grid build and render — the console's own marks `harrier:api-answered` and
 * `harrier:grid-rendered`), and frame times while scrolling through it. Headless Debian Chromium.
 * Target: under 1.5 s.
 *   node --import tsx bench/console-grid.ts [--db harrier-demo.duckdb] [--runs 5]
 * Needs the built console (npm run build) and the demo store (npm start). Never part of npm test.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/server.js';
import { loadRulesForCli } from '../src/cli/commands/hunt.js';
import { prepareIncidentInputs } from '../src/cli/commands/incident-options.js';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : dflt;
};
const db = arg('db', 'harrier-demo.duckdb');
const runs = Number(arg('runs', '5'));
const webRoot = fileURLToPath(new URL('../dist/web', import.meta.url));
if (!existsSync(db)) throw new Error(`no store at ${db}: run npm start first`);
if (!existsSync(`${webRoot}/app.js`)) throw new Error('no built console: run npm run build first');

const QUERIES = {
  'narrow (9 columns)': 'DeviceNetworkEvents | take 100000 | project Timestamp, DeviceName, ActionType, RemoteIP, RemotePort, RemoteUrl, InitiatingProcessFileName, InitiatingProcessCommandLine, AdditionalFields',
  'wide (all 34 columns)': 'DeviceNetworkEvents | take 100000',
};

const server = await startServer({
  db, host: '127.0.0.1', port: 0, queryTimeoutMs: 120_000, webRoot, log: () => undefined, rules: loadRulesForCli([]),
  incidentInputs: prepareIncidentInputs({ watchlist: [], tz: [] }, () => undefined),
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
try {
  const page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.selectOption('select[aria-label="Row limit"]', '100000');
  for (const [name, query] of Object.entries(QUERIES)) {
    const visible: number[] = [];
    const parsed: number[] = [];
    let columns = 0;
    for (let i = 0; i < runs + 1; i++) {
      await page.click('.monaco-editor .view-lines');
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(query);
      await page.evaluate(() => performance.clearMarks());
      await page.keyboard.press('Shift+Enter');
      await page.waitForFunction(() => performance.getEntriesByName('harrier:grid-rendered').length > 0, undefined, { timeout: 120_000 });
      const [ms, parse, rows, cols] = await page.evaluate(() => [
        performance.getEntriesByName('harrier:grid-rendered')[0]!.startTime - performance.getEntriesByName('harrier:api-answered')[0]!.startTime,
        performance.getEntriesByName('harrier:answer-parsed')[0]!.startTime - performance.getEntriesByName('harrier:api-answered')[0]!.startTime,
        Number((document.querySelector('[data-testid=result-summary]')?.textContent ?? '').replace(/,/g, '').match(/^(\d+)/)?.[1] ?? 0),
        document.querySelectorAll('[data-testid=grid] .ag-header-cell').length,
      ]);
      if (rows !== 100_000) throw new Error(`expected 100,000 rows, the console shows ${rows}`);
      columns = cols;
      if (i > 0) { visible.push(ms); parsed.push(parse); } // the first run warms the JIT and the store's cache
    }
    // Scrolling: 60 jumps through the grid, each timed to the next painted frame.
    const frames = await page.evaluate(async () => {
      // The element that scrolls the rows vertically (its class differs between ag-grid versions).
      const viewport = [...document.querySelectorAll<HTMLElement>('[data-testid=grid] *')].find((e) => e.scrollHeight > e.clientHeight + 100_000 && getComputedStyle(e).overflowY !== 'hidden')!;
      const out: number[] = [];
      for (let k = 1; k <= 60; k++) {
        const t0 = performance.now();
        viewport.scrollTop = (viewport.scrollHeight * k) / 61;
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    });
    process.stdout.write(`${name}: 100,000 rows visible ${median(visible).toFixed(0)} ms after the API answered (median of ${runs}; min ${Math.min(...visible).toFixed(0)}, max ${Math.max(...visible).toFixed(0)}; of which body and JSON parse ${median(parsed).toFixed(0)} ms); ${columns} header cells rendered (column virtualisation); scroll jump to painted frame median ${median(frames).toFixed(1)} ms, p95 ${frames[Math.floor(frames.length * 0.95)]!.toFixed(1)} ms\n`);
  }
} finally {
  await browser.close();
  await server.close();
}
