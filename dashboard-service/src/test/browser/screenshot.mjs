// A 1366×768 screenshot of a running dashboard (docs/dashboard-service.md, "Screenshot"), e.g. of bin/run's:
//   node dashboard-service/src/test/browser/screenshot.mjs 'http://127.0.0.1:8080/#token=local-reader' docs/dashboard.png
// Headless Chromium from Debian's package (CHROMIUM, default /usr/bin/chromium) through playwright-core.
import { chromium } from 'playwright-core';

const [url, out, lang = 'zh'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node screenshot.mjs URL OUT.png [zh|en]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: lang === 'en' ? 'en-GB' : 'zh-CN' });
  await context.addInitScript((l) => localStorage.setItem('medassist.lang', l), lang);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#conn[data-live="true"]', { timeout: 20000 });
  await page.waitForFunction(() => ['chart-city', 'chart-month', 'chart-class'].every((id) =>
    window.echarts && echarts.getInstanceByDom(document.getElementById(id))), null, { timeout: 20000 });
  await page.waitForTimeout(1000);
  await page.screenshot({ path: out });
  console.log('saved ' + out);
} finally {
  await browser.close();
}
