// The dashboard's browser test (docs/dashboard-service.md, "Browser test"), driven by DashboardBrowserTest: headless
// Chromium from Debian's package, through playwright-core (no browser is ever downloaded). The Java side runs the
// services on the test broker, feeds them, and talks to this script over stdin/stdout, one JSON object per line:
//   this script → {"event":"ready"}                      the page is loaded, signed in and following the alert feed
//   Java        → {"publish":"<alertId>"}                after it has produced that alert to Kafka
//   this script → {"event":"alert-seen","at":<ms>}       when the alert is on the page (wall clock, same machine)
//   this script → {"event":"done","ok":true,"checks":{…}} or {"event":"done","ok":false,"error":"…"}
// Settings come from the environment: DASHBOARD_URL, DASHBOARD_TOKEN, PERSON_ID, PERSON_YEAR, EXPECTED_ASSISTANCE
// (as the page formats it, "1,234.56"), EXPECTED_LINE (an explanation line with its clause), SCREENSHOT (a .png path),
// CHROMIUM (default /usr/bin/chromium).
import { chromium } from 'playwright-core';
import readline from 'node:readline';

const env = (name, fallback) => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(name + ' is not set');
  return v;
};
const say = (o) => process.stdout.write(JSON.stringify(o) + '\n');
const lines = readline.createInterface({ input: process.stdin });
const incoming = [];
const waiters = [];
lines.on('line', (l) => { const w = waiters.shift(); if (w) w(l); else incoming.push(l); });
const nextLine = (ms) => new Promise((resolve, reject) => {
  if (incoming.length) return resolve(incoming.shift());
  const timer = setTimeout(() => reject(new Error('no word from the Java side within ' + ms + ' ms')), ms);
  waiters.push((l) => { clearTimeout(timer); resolve(l); });
});

const checks = {};
let browser;
try {
  browser = await chromium.launch({
    executablePath: env('CHROMIUM', '/usr/bin/chromium'),
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // signed in through the address's #token=, as bin/run opens it; the page keeps it in sessionStorage only
  await page.goto(env('DASHBOARD_URL') + '#token=' + encodeURIComponent(env('DASHBOARD_TOKEN')));
  await page.waitForSelector('#conn[data-live="true"]', { timeout: 15000 });
  checks.tokenKeptInSessionStorage = await page.evaluate(() => sessionStorage.getItem('medassist.token') !== null
    && !location.hash.includes('token') && localStorage.getItem('medassist.token') === null);
  await page.waitForSelector('#city-rows tr', { timeout: 15000 });

  // the charts: ECharts instances drawing on a canvas, with data
  await page.waitForFunction(() => ['chart-city', 'chart-month', 'chart-class'].every((id) => {
    const inst = window.echarts && echarts.getInstanceByDom(document.getElementById(id));
    if (!inst) return false;
    const sum = inst.getOption().series.flatMap((s) => s.data).reduce((a, b) => a + (Number(b) || 0), 0);
    return sum > 0 && document.querySelector('#' + id + ' canvas');
  }), null, { timeout: 20000 });
  checks.charts = await page.evaluate(() => ['chart-city', 'chart-month', 'chart-class'].map((id) => {
    const inst = echarts.getInstanceByDom(document.getElementById(id));
    const canvas = document.querySelector('#' + id + ' canvas');
    const ctx = canvas.getContext('2d');
    const px = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    for (let i = 0; i < px.length && colours.size < 50; i += 4 * 97) colours.add(px[i] + ',' + px[i + 1] + ',' + px[i + 2] + ',' + px[i + 3]);
    return {
      id, series: inst.getOption().series.length, points: inst.getOption().series.reduce((n, s) => n + s.data.length, 0),
      canvas: [canvas.width, canvas.height], colours: colours.size,
    };
  }));
  for (const c of checks.charts) {
    if (c.canvas[0] < 100 || c.canvas[1] < 100 || c.colours < 3) throw new Error('chart ' + c.id + ' drew nothing: ' + JSON.stringify(c));
  }

  // an alert produced to Kafka reaches the page
  say({ event: 'ready' });
  const order = JSON.parse(await nextLine(120000));
  await page.waitForSelector('[data-alert-id="' + order.publish + '"]', { timeout: 5000 });
  say({ event: 'alert-seen', at: Date.now() });
  checks.alertText = await page.textContent('[data-alert-id="' + order.publish + '"]');

  // the person search shows settlement-service's amounts, ledger and clause citations
  await page.fill('#person-id', env('PERSON_ID'));
  await page.fill('#person-year', env('PERSON_YEAR'));
  await page.click('[data-test="person-search"]');
  await page.waitForSelector('[data-test="person-assistance"]', { timeout: 15000 });
  checks.personAssistance = await page.textContent('[data-test="person-assistance"]');
  if (checks.personAssistance !== env('EXPECTED_ASSISTANCE')) {
    throw new Error('person search shows assistance ' + checks.personAssistance + ', expected ' + env('EXPECTED_ASSISTANCE'));
  }
  checks.ledgerRows = await page.locator('[data-test="ledger"] tbody tr').count();
  const ledgerText = await page.textContent('[data-test="ledger"]');
  if (!ledgerText.includes(env('EXPECTED_LINE'))) throw new Error('the ledger does not show the line: ' + env('EXPECTED_LINE'));
  checks.explanationShown = true;

  // Chinese and English labels
  checks.titleZh = await page.textContent('h1');
  await page.click('[data-test="lang"]');
  checks.titleEn = await page.textContent('h1');
  checks.headersEn = await page.locator('[data-test="cities"] th').allTextContents();
  await page.click('[data-test="lang"]');
  if (checks.titleZh !== '医疗救助监测' || checks.titleEn !== 'Medical assistance monitoring') {
    throw new Error('language toggle: ' + checks.titleZh + ' / ' + checks.titleEn);
  }
  // usable at 1366×768: nothing wider than the window
  checks.horizontalOverflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  if (checks.horizontalOverflow > 0) throw new Error('the page is ' + checks.horizontalOverflow + ' px wider than 1366');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await page.screenshot({ path: env('SCREENSHOT'), fullPage: false });
  checks.pageErrors = errors;
  if (errors.length) throw new Error('errors on the page: ' + errors.join('; '));
  say({ event: 'done', ok: true, checks });
} catch (e) {
  say({ event: 'done', ok: false, error: String(e && e.stack || e), checks });
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  lines.close();
}
