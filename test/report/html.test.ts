/**
 * report.html in headless Chromium (the Debian package at /usr/bin/chromium, driven by
 * playwright-core; no browser is downloaded): it loads without console errors or network requests,
 * has the template's headings and the timeline chart, and a screenshot is taken. Markup in data
 * (a `<script>` in a command line, device name, KQL…) is escaped in HTML and Markdown and never
 * runs. The browser tests fail when Chromium is missing, unless HARRIER_SKIP_BROWSER_TESTS=1.
 */
import { before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { marked } from 'marked';
import { chromium, type Browser } from 'playwright-core';
import { renderReport } from '../../src/report/write-report.js';
import { SECTION_TITLES } from '../../src/report/build-doc.js';
import { evilModel, EVIL } from './fixture-model.js';
import { cli, smallEstate, walk } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const SKIP = process.env['HARRIER_SKIP_BROWSER_TESTS'] === '1';
const SCREENSHOT_DIR = join(process.cwd(), 'test-output');

async function withBrowser(t: TestContext, fn: (b: Browser) => Promise<void>): Promise<void> {
  if (SKIP) {
    t.diagnostic('HARRIER_SKIP_BROWSER_TESTS=1: the headless Chromium check of report.html was SKIPPED');
    process.stderr.write('harrier tests: HARRIER_SKIP_BROWSER_TESTS=1 — browser test skipped\n');
    t.skip('HARRIER_SKIP_BROWSER_TESTS=1');
    return;
  }
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: install it (apt-get install -y chromium), or set HARRIER_SKIP_BROWSER_TESTS=1 to skip this test`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    await fn(browser);
  } finally {
    await browser.close();
  }
}

let reportHtml = '';
before(async () => {
  const estate = await smallEstate();
  const out = join(estate.dir, 'report');
  const r = cli(['report', '--db', estate.db, '--now', estate.now, '--watchlist', estate.watchlist, '--out', out]);
  assert.equal(r.status, 0, r.stderr);
  reportHtml = join(out, 'report.html');
});

test('report.html renders in headless Chromium with its headings and the timeline chart', { timeout: 120_000 }, async (t) => {
  await withBrowser(t, async (browser) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
    await page.goto(pathToFileURL(reportHtml).href, { waitUntil: 'load' });
    assert.deepEqual(await page.locator('h2').allTextContents(), [...SECTION_TITLES]);
    assert.match((await page.locator('h1').textContent()) ?? '', /^Hunt report: Data theft sequence/);
    const chart = page.locator('svg#timeline-chart');
    assert.equal(await chart.count(), 1);
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 500 && box.height > 150, `chart box ${JSON.stringify(box)}`);
    assert.ok(await page.locator('svg#timeline-chart path.finding').count() >= 7, 'a marker per finding');
    assert.ok(await page.locator('svg#timeline-chart line.evidence').count() >= 20, 'ticks for the evidence');
    assert.equal(await page.locator('script').count(), 0);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const shot = join(SCREENSHOT_DIR, 'report-timeline.png');
    await page.locator('#timeline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: shot });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'report-full.png'), fullPage: true });
    const png = readFileSync(shot);
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(statSync(shot).size > 10_000);
    await page.emulateMedia({ media: 'print' });
    assert.deepEqual(await page.locator('h2').allTextContents(), [...SECTION_TITLES], 'print media renders the same sections');
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(requests, [], 'self-contained: no network requests');
  });
});

test('markup in data is escaped in HTML and never runs in the browser', { timeout: 120_000 }, async (t) => {
  const { html } = renderReport(evilModel());
  assert.ok(!/<script/i.test(html), 'no <script> element in the HTML');
  assert.ok(!/<img/i.test(html), 'no injected element');
  assert.ok(html.includes('&lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt;'));
  assert.ok(!html.includes('javascript:'), 'no javascript: link');
  await withBrowser(t, async (browser) => {
    const page = await browser.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
    page.on('pageerror', (e) => errors.push(e.message));
    const file = join(SCREENSHOT_DIR, 'evil-report.html');
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    writeFileSync(file, html);
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(errors, []);
    assert.equal(await page.locator('script, img').count(), 0);
    assert.ok(((await page.locator('body').textContent()) ?? '').includes(EVIL), 'the text shows as text');
  });
});

test('markup in data is escaped in Markdown: no raw HTML token anywhere', () => {
  const { markdown } = renderReport(evilModel());
  const tokens = walk(marked.lexer(markdown));
  assert.deepEqual(tokens.filter((x) => x.type === 'html').map((x) => x.raw), []);
  const rendered = marked.parse(markdown) as string;
  assert.ok(!/<script/i.test(rendered) && !/<img/i.test(rendered), 'marked renders no element from data');
  // The KQL, fence and all, stays inside one code block.
  const codes = tokens.filter((x) => x.type === 'code').map((x) => (x as { text: string }).text);
  assert.ok(codes.some((c) => c.includes('</code></pre>') && c.includes('```')));
});
