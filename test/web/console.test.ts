/**
 * The web console in headless Chromium (Debian's /usr/bin/chromium through playwright-core; no
 * browser is downloaded) against `harrier serve` on a small simulated store with both founding
 * scenarios: a query typed and run with Shift+Enter fills the grid; `DeviceProcessEvents | where `
 * offers the table's columns; the editor's squiggles are the engine's own diagnostics (a construct
 * Kusto accepts but Harrier refuses is marked); a `render timechart` paints a chart; the incidents
 * page lists the exfiltration incident first with its score explanation and tactic strip, and its
 * evidence link runs the evidence query; the device timeline draws with findings flagged; the
 * report is shown; no console errors. Screenshots go to test-output/web/.
 * Needs the built app (dist/web, made by `npm run build`; `npm test` rebuilds it when stale).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { simulate } from '../../src/simulate/simulate.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { loadRulesForCli } from '../../src/cli/commands/hunt.js';
import { prepareIncidentInputs } from '../../src/cli/commands/incident-options.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env['HARRIER_SKIP_BROWSER_TESTS'] === '1';
const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));
const SHOTS = join(process.cwd(), 'test-output', 'web');
const NOW = '2026-11-25T12:00:00Z';
const dir = mkdtempSync(join(tmpdir(), 'harrier-web-'));
const db = join(dir, 'sim.duckdb');

let server: RunningServer;
let browser: Browser;
let page: Page;
const consoleErrors: string[] = [];

/**
 * Replaces the editor's text by typing, as a user does (Monaco closes brackets and quotes itself).
 * Escape before each new line closes the completion list, which Enter would otherwise accept.
 */
async function typeQuery(text: string): Promise<void> {
  await page.click('.monaco-editor .view-lines');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  const lines = text.split('\n');
  for (const [i, line] of lines.entries()) {
    await page.keyboard.type(line, { delay: 5 });
    if (i < lines.length - 1) { await page.keyboard.press('Escape'); await page.keyboard.press('Enter'); }
  }
}

/** Waits for the run to finish; fails with the console's own error message when it did not succeed. */
async function waitForRun(): Promise<void> {
  await page.waitForFunction(() => /row\(s\)/.test(document.querySelector('[data-testid=result-summary]')?.textContent ?? '')
    || (document.querySelector('[data-testid=query-message]')?.textContent ?? '') !== '', undefined, { timeout: 30_000 });
  const message = await page.locator('[data-testid=query-message]').textContent();
  assert.equal(message, '', `the query failed: ${message}`);
}

async function editorText(): Promise<string> {
  // Monaco renders spaces as no-break spaces.
  return page.evaluate(() => [...document.querySelectorAll('.monaco-editor .view-line')].map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n'));
}

/** Non-background pixels of the first canvas under `selector` (ECharts draws on canvas). */
async function paintedPixels(selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`${sel} canvas`);
    if (!canvas || canvas.width === 0) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && (data[i]! < 230 || data[i + 1]! < 230 || data[i + 2]! < 230)) n++;
    return n;
  }, selector);
}

describe('web console', { skip: SKIP ? 'HARRIER_SKIP_BROWSER_TESTS=1' : false }, () => {
  before(async () => {
    assert.ok(existsSync(join(WEB_ROOT, 'app.js')), `${WEB_ROOT}/app.js is missing: run npm run build`);
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it (apt-get install -y chromium), or set HARRIER_SKIP_BROWSER_TESTS=1 to skip this test`);
    mkdirSync(SHOTS, { recursive: true });
    await simulate({ out: db, devices: 30, hours: 72, end: NOW, seed: 5 });
    server = await startServer({
      db, host: '127.0.0.1', port: 0, queryTimeoutMs: 60_000, webRoot: WEB_ROOT, now: new Date(NOW), log: () => undefined,
      rules: loadRulesForCli([]), incidentInputs: prepareIncidentInputs({ watchlist: [`${db}.hr-watchlist.csv`], tz: [] }, () => undefined),
      watchlistFiles: [`${db}.hr-watchlist.csv`],
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    page = await browser.newPage({ viewport: { width: 1500, height: 900 } });
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
    await page.goto(`${server.url}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a typed query with Shift+Enter and shows its rows in the grid', async () => {
    assert.match(await page.locator('[data-testid=store]').textContent() ?? '', /sim\.duckdb · now 2026-11-25 12:00:00 UTC \(pinned\)/);
    await typeQuery('DeviceProcessEvents\n| where FileName =~ "7z.exe"\n| project Timestamp, DeviceName, FileName, ProcessCommandLine');
    await page.keyboard.press('Shift+Enter');
    await waitForRun();
    const headers = await page.locator('[data-testid=grid] .ag-header-cell-text').allTextContents();
    assert.deepEqual(headers, ['Timestamp', 'DeviceName', 'FileName', 'ProcessCommandLine']);
    const fileNames = await page.locator('[data-testid=grid] .ag-row [col-id="2"]').allTextContents();
    assert.ok(fileNames.length > 0, 'rows appear');
    assert.ok(fileNames.every((f) => f.toLowerCase() === '7z.exe'), `every row is 7z.exe: ${fileNames.join(', ')}`);
    await page.screenshot({ path: join(SHOTS, 'hunting-results.png') });
  });

  it('expands a dynamic cell into a tree, exports what is shown as CSV, keeps the query in history', async () => {
    await typeQuery('DeviceEvents | where ActionType == "UsbDriveMounted" | project Timestamp, DeviceName, AdditionalFields');
    await page.keyboard.press('Shift+Enter');
    await waitForRun();
    await page.locator('[data-testid=grid] .dynamic-cell .expand').first().click();
    const tree = await page.locator('[data-testid=grid] .json-tree').first().textContent();
    assert.match(tree ?? '', /DriveLetter/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = csv.trim().split(/\r?\n/);
    assert.equal(lines[0], '"Timestamp","DeviceName","AdditionalFields"');
    const shown = Number(/^(\d+) row/.exec((await page.locator('[data-testid=result-summary]').textContent()) ?? '')?.[1]);
    assert.ok(shown > 0);
    assert.equal(lines.length - 1, shown, 'one CSV line per row shown');
    assert.match(lines[1]!, /DriveLetter/);
    const history = await page.locator('select[aria-label=History] option').allTextContents();
    assert.ok(history.some((h) => h.includes('UsbDriveMounted')), 'the run is in the history');
  });

  it('offers the table\'s columns after `DeviceProcessEvents | where `', async () => {
    await typeQuery('DeviceProcessEvents | where ');
    const suggest = page.locator('.monaco-editor .suggest-widget');
    try { await suggest.waitFor({ state: 'visible', timeout: 5_000 }); } catch { await page.keyboard.press('Control+Space'); }
    await page.waitForFunction(() => document.querySelectorAll('.suggest-widget .monaco-list-row').length > 0, undefined, { timeout: 20_000 });
    const offered = await page.locator('.suggest-widget .monaco-list-row .label-name').allTextContents();
    for (const column of ['AccountName', 'ActionType', 'DeviceName']) assert.ok(offered.includes(column), `${column} offered among ${offered.join(', ')}`);
    await page.screenshot({ path: join(SHOTS, 'completion.png') });
    await page.keyboard.press('Escape');
  });

  it('marks what the engine refuses, with the engine\'s own message', async () => {
    // Kusto accepts `where * has`; Harrier refuses it: only the server's check can mark it.
    await typeQuery('DeviceProcessEvents | where * has "hermes"');
    await page.waitForSelector('.monaco-editor .harrier-diagnostic.squiggly-error', { timeout: 15_000 });
    await page.locator('.monaco-editor .harrier-diagnostic').first().hover({ force: true });
    await page.waitForSelector('.monaco-hover:not(.hidden)', { timeout: 10_000 });
    const hover = await page.locator('.monaco-hover').allTextContents();
    assert.ok(hover.some((t) => t.includes('NOT-SUPPORTED') && t.includes('not supported')), `hover: ${hover.join(' | ')}`);
    await page.screenshot({ path: join(SHOTS, 'diagnostic.png') });
  });

  it('draws a render timechart', async () => {
    await typeQuery('DeviceNetworkEvents\n| summarize Connections = count() by bin(Timestamp, 1h), ActionType\n| render timechart');
    await page.keyboard.press('Shift+Enter');
    await waitForRun();
    await page.waitForSelector('[data-testid=chart]:not([hidden]) canvas', { timeout: 30_000 });
    await page.waitForTimeout(500);
    assert.ok(await paintedPixels('[data-testid=chart]') > 2_000, 'the chart canvas is painted');
    await page.screenshot({ path: join(SHOTS, 'timechart.png') });
  });

  it('lists the exfiltration incident first, explains its score, and opens its evidence in the editor', async () => {
    await page.goto(`${server.url}/#/incidents`);
    await page.waitForSelector('[data-testid=incident-detail]', { timeout: 60_000 });
    const first = await page.locator('.incident-item').first().textContent();
    assert.match(first ?? '', /Data theft sequence/);
    assert.match(first ?? '', /jdoe/);
    const indicators = await page.locator('[data-testid=indicators] tbody tr').allTextContents();
    assert.ok(indicators.some((t) => /watchlist: performance improvement plan/.test(t)), 'the HR watchlist indicator is shown');
    const hitTactics = await page.locator('[data-testid=tactic-strip] .tactic.hit .tactic-name').allTextContents();
    assert.ok(hitTactics.includes('Exfiltration') && hitTactics.includes('Collection'), `tactics: ${hitTactics.join(', ')}`);
    await page.screenshot({ path: join(SHOTS, 'incidents.png') });

    await page.locator('[data-testid=evidence-link]').first().click();
    await page.waitForFunction(() => /row\(s\)/.test(document.querySelector('[data-testid=result-summary]')?.textContent ?? '') && location.hash === '#/hunting', undefined, { timeout: 30_000 });
    assert.match(await editorText(), /where ReportId in \(\d+/);
    assert.ok(await page.locator('[data-testid=grid] .ag-row').count() > 0, 'the evidence rows are shown');
  });

  it('loads the device timeline with findings flagged', async () => {
    await page.goto(`${server.url}/#/incidents`);
    await page.locator('[data-testid=incident-detail] button', { hasText: 'Device timeline' }).click();
    await page.waitForFunction(() => /cited by findings/.test(document.querySelector('[data-testid=timeline-summary]')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const summary = await page.locator('[data-testid=timeline-summary]').textContent();
    const [, cited] = /(\d+) cited by findings/.exec(summary ?? '') ?? [];
    assert.ok(Number(cited) > 0, summary ?? '');
    await page.waitForTimeout(500);
    assert.ok(await paintedPixels('[data-testid=timeline-chart]') > 2_000, 'the timeline is painted');
    await page.screenshot({ path: join(SHOTS, 'timeline.png') });
  });

  it('shows the report of the chosen incident', async () => {
    await page.goto(`${server.url}/#/report`);
    const frame = page.frameLocator('[data-testid=report-frame]');
    await frame.locator('h1').first().waitFor({ timeout: 60_000 });
    assert.ok(await frame.getByText('Preparation', { exact: false }).count() > 0);
    await page.screenshot({ path: join(SHOTS, 'report.png') });
  });

  it('off loopback, asks for the token once and then works', async () => {
    const open = await startServer({
      db, host: '0.0.0.0', port: 0, token: 'tok-51c2', queryTimeoutMs: 60_000, webRoot: WEB_ROOT, now: new Date(NOW), log: () => undefined,
      rules: loadRulesForCli([]), incidentInputs: prepareIncidentInputs({ watchlist: [], tz: [] }, () => undefined),
    });
    const guarded = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    try {
      const prompts: string[] = [];
      guarded.on('dialog', (d) => { prompts.push(d.message()); void d.accept('tok-51c2'); });
      await guarded.goto(open.url.replace('0.0.0.0', '127.0.0.1'));
      await guarded.waitForSelector('body[data-ready="true"]', { timeout: 60_000 });
      assert.equal(prompts.length, 1, prompts.join(' | '));
      assert.match(prompts[0]!, /HARRIER_TOKEN/);
      assert.ok(await guarded.locator('.schema-table').count() >= 12, 'the schema came through with the token');
      assert.equal(await guarded.evaluate(() => location.href.includes('tok-51c2')), false, 'the token is never put in the URL');
    } finally {
      await guarded.close();
      await open.close();
    }
  });

  it('its Content-Security-Policy lets no injected script run', async () => {
    const probe = await browser.newPage();
    try {
      const violations: string[] = [];
      probe.on('console', (m) => { if (/Content Security Policy/.test(m.text())) violations.push(m.text()); });
      await probe.goto(`${server.url}/`);
      const ran = await probe.evaluate(async () => {
        const s = document.createElement('script');
        s.textContent = 'window.__injected = true';
        document.body.append(s);
        await new Promise((r) => setTimeout(r, 100));
        return (window as unknown as { __injected?: boolean }).__injected === true;
      });
      assert.equal(ran, false, 'an inline script inserted into the page did not run');
      assert.ok(violations.length > 0, 'the browser reported the CSP violation');
    } finally {
      await probe.close();
    }
  });

  it('logged no console errors', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
