// Page-weight budget: loads each citizen page in Chromium on a phone viewport, takes the files
// the page actually fetched, and prints their sizes — brotli (quality 11) for wasm, JS, CSS and
// fonts; HTML as served, uncompressed. Exits 1 when a page is over budget.
//
//   node end2end/budget.mjs            (after `make build`; `make budget` does both)
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CITIZEN_PAGES, PHONE, SIGNED_IN_PAGES, serverCommand } from './support/env.mjs';

const KIB = 1024;
// Pages are measured as a first visit fetches them: the service worker (which only stores files
// the page fetches anyway, and the data-free offline copies) is kept out of the measurement.
const BUDGET = {
  code: 150 * KIB, // wasm + JS, brotli
  style: 80 * KIB, // CSS + fonts, brotli
  html: 20 * KIB, // the document as served, uncompressed
};
const PORT = Number(process.env.BUDGET_PORT ?? 3101);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const base = `http://127.0.0.1:${PORT}`;

const brotli = (buf) =>
  zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function kind(url, contentType) {
  const p = new URL(url).pathname;
  if (p.endsWith('.wasm') || contentType.includes('wasm')) return 'code';
  if (p.endsWith('.js') || contentType.includes('javascript')) return 'code';
  if (p.endsWith('.css') || contentType.includes('text/css')) return 'style';
  if (/\.(woff2?|ttf|otf)$/.test(p) || contentType.startsWith('font/')) return 'style';
  if (contentType.includes('text/html')) return 'html';
  return 'other';
}

async function waitForServer(server) {
  for (let i = 0; i < 120; i++) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become ready');
}

/** Signs in through the demo provider as a citizen; returns the browser state to reuse. */
async function signedInState(browser) {
  const context = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto(`${base}/auth/login/demo`);
  await page.getByRole('button', { name: /Entra come Aisha Benali/ }).click();
  await page.waitForURL(/\/(il-mio-siisl|iscrizione)$/);
  const state = await context.storageState();
  await context.close();
  return state;
}

/**
 * Registers the signed-in citizen (the registration page itself is measured first) and returns
 * the path of one of their convocations, so its page is measured too.
 */
async function register(browser, storageState) {
  const context = await browser.newContext({ ...PHONE, storageState, serviceWorkers: 'block' });
  const answer = await context.request.post(`${base}/iscrizione`, { form: { consent: 'si', email: '', phone: '' } });
  if (!answer.ok()) throw new Error(`registration failed: ${answer.status()}`);
  const page = await context.newPage();
  await page.goto(`${base}/messaggi`);
  const convocation = await page.locator('a[href^="/convocazioni/"]').first().getAttribute('href');
  await context.close();
  if (!convocation) throw new Error('the demo citizen has no convocation to measure');
  return convocation;
}

async function measure(browser, pagePath, storageState) {
  const context = await browser.newContext({ ...PHONE, storageState, serviceWorkers: 'block' });
  const page = await context.newPage();
  const responses = [];
  page.on('response', (res) => responses.push(res));
  await page.goto(base + pagePath, { waitUntil: 'networkidle' });
  // Give the islands time to fetch and start (they hydrate when the browser is idle).
  await page.waitForTimeout(500);
  await page.waitForLoadState('networkidle');
  const files = [];
  for (const res of responses) {
    if (res.status() >= 300 && res.status() < 400) continue;
    const body = await res.body().catch(() => null);
    if (!body) continue;
    const k = kind(res.url(), res.headers()['content-type'] ?? '');
    const size = k === 'html' ? body.length : brotli(body);
    files.push({ url: new URL(res.url()).pathname, kind: k, raw: body.length, size });
  }
  await context.close();
  return files;
}

const fmt = (n) => `${(n / KIB).toFixed(1).padStart(7)} KiB`;

// Its own process group, so stopping it stops the shell and the server together.
const server = spawn('bash', ['-c', serverCommand(root, PORT, 'budget')], {
  cwd: root,
  detached: true,
  stdio: ['ignore', 'ignore', 'inherit'],
});
let failed = false;
try {
  await waitForServer(server);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const state = await signedInState(browser);
  const pages = [...CITIZEN_PAGES.map((p) => [p, undefined]), ...SIGNED_IN_PAGES.map((p) => [p, state])];
  // An opportunity's page: the first result of a search (ids depend on the generated catalogue).
  const search = await (await fetch(`${base}/opportunita?q=magazziniere&dove=F205&raggio=30`)).text();
  const detail = search.match(/href="(\/opportunita\/\d+[^"]*)"/)?.[1]?.replaceAll('&amp;', '&');
  if (!detail) throw new Error('no opportunity found to measure');
  pages.splice(CITIZEN_PAGES.length, 0, [detail, undefined]);
  for (let i = 0; i < pages.length; i++) {
    const [pagePath, storageState] = pages[i];
    if (pagePath === SIGNED_IN_PAGES[1]) pages.push([await register(browser, state), state]);
    const files = await measure(browser, pagePath, storageState);
    const totals = { code: 0, style: 0, html: 0, other: 0 };
    console.log(`\n${pagePath}${storageState ? ' (signed in as a citizen)' : ''}`);
    for (const f of files) {
      totals[f.kind] += f.size;
      const how = f.kind === 'html' ? 'as served' : `brotli (raw ${fmt(f.raw).trim()})`;
      console.log(`  ${f.kind.padEnd(6)} ${fmt(f.size)}  ${f.url}  ${how}`);
    }
    for (const [k, limit] of Object.entries(BUDGET)) {
      const over = totals[k] > limit;
      failed ||= over;
      const label = { code: 'wasm+JS', style: 'CSS+fonts', html: 'HTML' }[k];
      console.log(`  ${over ? 'OVER' : 'ok  '} ${label.padEnd(10)} ${fmt(totals[k])} of ${fmt(limit)}`);
    }
    if (totals.html === 0) {
      console.log('  FAIL no HTML document was measured');
      failed = true;
    }
  }
  await browser.close();
} finally {
  process.kill(-server.pid, 'SIGTERM');
}
console.log(failed ? '\nbudget: FAILED' : '\nbudget: all pages within budget');
process.exit(failed ? 1 : 0);
