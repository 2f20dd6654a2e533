// pa11y (HTML_CodeSniffer, WCAG2AA) over URLs in one Debian chromium (CHROME_PATH):
//   node node/pa11y.mjs URL...
// prints one JSON line per URL: {url, issues: [{code, message, selector}]} (errors only).
import pa11y from 'pa11y';
import puppeteer from 'puppeteer';

const urls = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run'],
});
try {
  for (const url of urls) {
    const result = await pa11y(url, {browser, runners: ['htmlcs'], standard: 'WCAG2AA',
      includeWarnings: false, includeNotices: false, timeout: 30000});
    console.log(JSON.stringify({url, issues: result.issues.map(
      issue => ({code: issue.code, message: issue.message, selector: issue.selector}))}));
  }
} finally {
  await browser.close();
}
