/**
 * The README's console screenshots, taken on the demo store in headless Debian Chromium:
 * docs/img/console-hunting.png (a query with a chart) and docs/img/console-incidents.png.
 *   npm start && npm run build && node --import tsx scripts/console-screenshots.ts
 */
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from '../src/server/server.js';
import { loadRulesForCli } from '../src/cli/commands/hunt.js';
import { prepareIncidentInputs } from '../src/cli/commands/incident-options.js';
import { latestEventTime } from '../src/store/latest-event.js';

const db = 'harrier-demo.duckdb';
const out = fileURLToPath(new URL('../docs/img', import.meta.url));
if (!existsSync(db)) throw new Error('run npm start first (it creates harrier-demo.duckdb)');
mkdirSync(out, { recursive: true });
const now = await latestEventTime(db);
const server = await startServer({
  db, host: '127.0.0.1', port: 0, queryTimeoutMs: 60_000, log: () => undefined, rules: loadRulesForCli([]), ...(now ? { now } : {}),
  webRoot: fileURLToPath(new URL('../dist/web', import.meta.url)), watchlistFiles: [`${db}.hr-watchlist.csv`],
  incidentInputs: prepareIncidentInputs({ watchlist: [`${db}.hr-watchlist.csv`], tz: [] }, () => undefined),
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(`${server.url}/`);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('// Who talks to Dropbox outside working hours?\nDeviceNetworkEvents\n| where RemoteUrl has "dropbox"\n| where hourofday(Timestamp) >= 19 or hourofday(Timestamp) < 7\n| summarize OffHoursConnections = count() by DeviceName\n| top 8 by OffHoursConnections\n| render barchart with (title="Off-hours Dropbox connections")');
  await page.keyboard.press('Shift+Enter');
  await page.waitForSelector('[data-testid=chart]:not([hidden]) canvas', { timeout: 60_000 });
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${out}/console-hunting.png` });
  await page.goto(`${server.url}/#/incidents`);
  await page.waitForSelector('[data-testid=incident-detail]', { timeout: 120_000 });
  await page.screenshot({ path: `${out}/console-incidents.png` });
  process.stdout.write(`wrote ${out}/console-hunting.png and console-incidents.png\n`);
} finally {
  await browser.close();
  await server.close();
}
