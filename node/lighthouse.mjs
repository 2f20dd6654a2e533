// Lighthouse over URLs, mobile then desktop, in one Debian chromium (CHROME_PATH):
//   node node/lighthouse.mjs CATEGORIES RUNS URL...
// prints one JSON line per run: {url, formFactor, run, scores, failing}.
// CATEGORIES: comma-separated (accessibility,best-practices,seo or performance). Without
// performance, Lighthouse's waits for a quiet network and CPU are cut: they only time loading.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';

const [categoriesArg, runsArg, ...urls] = process.argv.slice(2);
const categories = categoriesArg.split(',');
const runs = Number(runsArg);
const quick = categories.includes('performance') ? {} : {
  pauseAfterFcpMs: 0, pauseAfterLoadMs: 0, networkQuietThresholdMs: 0, cpuQuietThresholdMs: 0,
};
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-default-apps',
    '--disable-extensions'],
});
try {
  for (const url of urls) {
    for (const formFactor of ['mobile', 'desktop']) {
      for (let run = 1; run <= runs; run++) {
        const base = formFactor === 'desktop' ? desktopConfig : {extends: 'lighthouse:default'};
        const config = {...base, settings: {...(base.settings || {}), ...quick,
          onlyCategories: categories, disableFullPageScreenshot: true}};
        const {lhr} = await lighthouse(url, {port: chrome.port, logLevel: 'error'}, config);
        const scores = Object.fromEntries(
          Object.entries(lhr.categories).map(([id, category]) => [id, category.score]));
        const failing = Object.values(lhr.audits)
          .filter(audit => audit.score !== null && audit.score < 1
            && !['informative', 'manual', 'notApplicable'].includes(audit.scoreDisplayMode))
          .map(audit => `${audit.id}: ${audit.title}` +
            (audit.explanation ? ` (${audit.explanation})` : '') +
            (audit.details && audit.details.items ? ` ${JSON.stringify(audit.details.items).slice(0, 300)}` : ''));
        console.log(JSON.stringify({url, formFactor, run, scores, failing,
          error: lhr.runtimeError ? lhr.runtimeError.message : null}));
      }
    }
  }
} finally {
  await chrome.kill();
}
