// `make bench`, part 2: what a browser really transfers. Debian's Chromium through Playwright,
// against a running release server with the demo data (scripts/bench.sh starts it):
//   - for six pages, the bytes of a first visit with an empty cache (HTML, CSS, JS, wasm,
//     fonts, icons: every response's encoded length as Chromium counts it, headers included)
//     and of a repeat visit (what the cache does not answer);
//   - the time until the candidature step's autosave is live (its island hydrated) on a
//     throttled connection (Chromium's network emulation: 1.6 Mbit/s down, 750 kbit/s up,
//     150 ms round trip), first visit and repeat visit, median of 3.
// Usage: node bench/pages.mjs http://127.0.0.1:3210
import { chromium } from '@playwright/test';

const base = process.argv[2] ?? 'http://127.0.0.1:3210';
const PASSWORD = 'Demo-accelerateur-2026';
const THROTTLED = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

/** A browser context, signed in as `email` when given, with a CDP session counting bytes. */
async function open(email) {
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const transfers = new Map();
  cdp.on('Network.responseReceived', (e) => transfers.set(e.requestId, { url: e.response.url, fromCache: e.response.fromDiskCache || e.response.fromServiceWorker, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  if (email) {
    await page.goto(`${base}/connexion`);
    await page.getByLabel('Adresse électronique').fill(email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(PASSWORD);
    await page.locator('main').getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
  }
  return { context, page, cdp, transfers };
}

/** The address of the first link of `from` whose path matches `pattern`. */
async function firstLink(page, from, pattern) {
  await page.goto(`${base}${from}`);
  const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  const href = hrefs.find((h) => pattern.test(h));
  if (!href) throw new Error(`no link matching ${pattern} on ${from}`);
  return href;
}

/** Bytes transferred while loading `path` (after the load event and a quiet network), by kind. */
async function visit({ page, transfers }, path) {
  transfers.clear();
  await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
  const all = [...transfers.values()];
  const kind = (re) => all.filter((t) => re.test(t.url)).reduce((n, t) => n + t.bytes, 0);
  const html = all.length ? all[0].bytes : 0;
  const css = kind(/\.css(\?|$)/);
  const code = kind(/\.(js|wasm)(\?|$)/);
  const fonts = kind(/\.woff2?(\?|$)/);
  const total = all.reduce((n, t) => n + t.bytes, 0);
  return { html, css, code, fonts, other: total - html - css - code - fonts, total };
}

const pages = [
  { name: 'home', who: null, path: async () => '/' },
  { name: 'showcase', who: null, path: async () => '/initiatives' },
  { name: 'initiative page', who: null, path: async (page) => firstLink(page, '/initiatives', /^\/initiatives\/\d+$/) },
  {
    name: 'candidature step (applicant)',
    who: 'candidat@demo.accelerateur.fr',
    // The list links the summary (step 6, no island); the first step holds the form.
    path: async (page) => (await firstLink(page, '/candidatures', /^\/candidatures\/\d+\/etape\/\d+$/)).replace(/\d+$/, '1'),
  },
  { name: 'review screen (juror)', who: 'jure@demo.accelerateur.fr', path: async (page) => firstLink(page, '/jury', /^\/evaluations\/\d+$/) },
  { name: 'cohort dashboard (staff)', who: 'agent@demo.accelerateur.fr', path: async (page) => firstLink(page, '/agent/cohortes', /^\/agent\/cohortes\/\d+\/programme$/) },
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const columns = ['HTML', 'CSS', 'JS+wasm', 'counted', 'fonts', 'other', 'all', 'repeat'];
console.log('Bytes a browser transfers (Chromium, encoded sizes with headers; first visit with an empty cache;');
console.log('"counted" = HTML + CSS + JS + wasm, what the targets count; "repeat" = all bytes of a second visit):');
console.log(`  ${'page'.padEnd(30)}${columns.map((c) => c.padStart(10)).join('')}`);
let stepPath;
for (const p of pages) {
  const session = await open(p.who);
  const path = await p.path(session.page);
  if (p.name.startsWith('candidature step')) stepPath = path;
  await session.cdp.send('Network.clearBrowserCache');
  const f = await visit(session, path);
  const again = await visit(session, path);
  const cells = [f.html, f.css, f.code, f.html + f.css + f.code, f.fonts, f.other, f.total, again.total];
  console.log(`  ${p.name.padEnd(30)}${cells.map((n) => kb(n).padStart(10)).join('')}`);
  await session.context.close();
}
console.log('  targets ("counted", first visit): home <= 90 KB; candidature step and review screen <= 150 KB');

// Time to interactive of the autosave, throttled.
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const firsts = [];
const repeats = [];
for (let i = 0; i < 3; i++) {
  const session = await open('candidat@demo.accelerateur.fr');
  await session.cdp.send('Network.clearBrowserCache');
  await session.cdp.send('Network.emulateNetworkConditions', THROTTLED);
  for (const list of [firsts, repeats]) {
    await session.page.goto(`${base}${stepPath}`, { waitUntil: 'commit' });
    await session.page.getByText('Enregistrement automatique activé.').waitFor({ timeout: 120_000 });
    list.push(await session.page.evaluate(() => performance.now()));
  }
  await session.context.close();
}
console.log(`Candidature step, autosave live (island hydrated) on 1.6 Mbit/s with 150 ms RTT, median of 3:`);
console.log(`  first visit ${(median(firsts) / 1000).toFixed(2)} s, repeat visit ${(median(repeats) / 1000).toFixed(2)} s`);
await browser.close();
