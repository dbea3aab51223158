import { test, expect, type Page } from '@playwright/test';
import { choosePersona, codeFor, expectNoAxeViolations, signInRegistered as signIn } from '../support/journeys';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SHORT_SESSION_PORT } from '../support/env.mjs';

// Offline forms: drafts kept in the browser, sent when the network and the session are back,
// conflicts shown field by field, wiped at sign-out; the service worker's offline copies and a
// new deploy under an open page.

const root = path.resolve(__dirname, '../..');

/** Fails the test on any console error or warning (hydration mismatches included). A failed
 *  request is named with its method and address, which the console's message leaves out. */
function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`response: ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

/** Opens `path` and waits until the draft keeper watches its forms. */
async function openForm(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('.draft-keeper[data-ready="true"]')).toHaveCount(1);
}

const saveState = (page: Page) => page.getByTestId('save-state');

/** The keys this site keeps in the browser. */
async function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('siisl:')));
}

/** Waits until the service worker controls the page, so reloads can be answered offline. */
async function controlledByWorker(page: Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
}

test('offline: keep typing, reload, go online — it syncs and the server has it', async ({ page, context }) => {
  const problems = watchConsole(page);
  await signIn(page, 'Luca Bianchi');

  // Two sections saved online, through the keeper.
  await openForm(page, '/cv/dati-personali');
  await page.getByLabel('Telefono').fill('+39 347 1112233');
  await expect(saveState(page)).toHaveAttribute('data-state', 'unsent');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page).toHaveURL(/\/cv\/dati-personali\?salvato=1$/);
  await expect(page.getByLabel('Telefono')).toHaveValue('+39 347 1112233');

  await openForm(page, '/cv/competenze-digitali');
  await page.getByLabel('Programmi e strumenti che usi').fill('Excel, Word');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page).toHaveURL(/\/cv\/competenze-digitali\?salvato=1$/);

  await openForm(page, '/cv/aspirazioni');
  await controlledByWorker(page);
  const aspirations = page.getByLabel('Che lavoro vorresti fare');

  // The network drops: typing goes on, and the save waits.
  await context.setOffline(true);
  // Chromium flips navigator.onLine a moment later; a save sent before that could still reach
  // the server with its answer lost (sent again later, the server answers it as saved).
  await page.waitForFunction(() => !navigator.onLine);
  await aspirations.fill('Vorrei lavorare nella logistica');
  await expect(saveState(page)).toHaveAttribute('data-state', 'unsent');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  await aspirations.pressSequentially(', anche su turni.');
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');

  // Reload while offline: the worker opens the data-free copy, filled from this device.
  await page.reload();
  await expect(page.getByTestId('offline-shell')).toBeVisible();
  await expect(page.locator('.draft-keeper[data-ready="true"]')).toHaveCount(1);
  await expect(aspirations).toHaveValue('Vorrei lavorare nella logistica, anche su turni.');
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  await expectNoAxeViolations(page);
  // The other sections are there too, as last seen.
  await page.goto('/cv/dati-personali');
  await expect(page.getByTestId('offline-shell')).toBeVisible();
  await expect(page.getByLabel('Telefono')).toHaveValue('+39 347 1112233');
  await page.goto('/cv/aspirazioni');
  await expect(aspirations).toHaveValue('Vorrei lavorare nella logistica, anche su turni.');

  // Back online: the queued form is sent, and the server has it.
  await context.setOffline(false);
  await expect(page).toHaveURL(/\/cv\/aspirazioni\?salvato=1$/, { timeout: 20_000 });
  await expect(page.getByTestId('offline-shell')).toHaveCount(0);
  await expect(aspirations).toHaveValue('Vorrei lavorare nella logistica, anche su turni.');
  const cv = await (await page.request.get('/cv/esporta')).json();
  expect(cv.cv.aspirations).toBe('Vorrei lavorare nella logistica, anche su turni.');
  expect(cv.cv.personal_information.phone).toBe('+39 347 1112233');
  expect(cv.cv.digital_skills.tools).toEqual(['Excel', 'Word']);
  expect((await storedKeys(page)).filter((k) => k.startsWith('siisl:draft:'))).toEqual([]);
  expect(problems.filter((p) => !p.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([]);
});

test('two tabs on the same CV: the conflict is shown field by field and neither edit is lost', async ({ page, context }) => {
  await signIn(page, 'Davide Marchetti');
  await openForm(page, '/cv/dati-personali');
  const other = await context.newPage();
  await openForm(other, '/cv/dati-personali');

  // The first tab changes the phone and the address, and saves.
  await page.getByLabel('Telefono').fill('+39 320 1000001');
  await page.getByLabel('Indirizzo').fill('Via Appia 1');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page).toHaveURL(/\?salvato=1$/);

  // The second tab, still on the old version, changes the phone too and the nationality.
  await other.getByLabel('Telefono').fill('+39 320 2000002');
  await other.getByLabel('Cittadinanza').fill('italiana');
  await other.getByRole('button', { name: 'Salva' }).click();
  await expect(saveState(other)).toHaveAttribute('data-state', 'conflict');
  const conflict = other.getByTestId('draft-conflict');
  await expect(conflict).toBeVisible();
  // Only the phone clashes: the address came from the first tab, the nationality from this one.
  await expect(conflict.locator('fieldset')).toHaveCount(1);
  await expect(conflict.locator('fieldset legend')).toHaveText('Telefono');
  await expect(conflict).toContainText('+39 320 2000002');
  await expect(conflict).toContainText('+39 320 1000001');
  await expect(other.getByLabel('Indirizzo')).toHaveValue('Via Appia 1');
  await expectNoAxeViolations(other);

  // The person keeps the saved phone; everything else of both tabs stays.
  await conflict.getByLabel(/La versione salvata/).check();
  await conflict.getByRole('button', { name: 'Salva le scelte' }).click();
  await expect(other).toHaveURL(/\?salvato=1$/);
  const cv = await (await other.request.get('/cv/esporta')).json();
  expect(cv.cv.personal_information.phone).toBe('+39 320 1000001');
  expect(cv.cv.personal_information.address).toBe('Via Appia 1');
  expect(cv.cv.personal_information.nationality).toBe('italiana');
});

test('offline, a tab closed right after saving and reopened at once shows what was typed', async ({ page, context }) => {
  await signIn(page, 'Davide Marchetti');
  await openForm(page, '/cv/aspirazioni');
  await controlledByWorker(page);
  await context.setOffline(true);
  await page.waitForFunction(() => !navigator.onLine);
  await page.getByLabel('Che lavoro vorresti fare').fill('Magazziniere, anche di notte');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(saveState(page)).toHaveAttribute('data-state', 'offline');
  // The phone closes the tab; the person opens the section again at once, still offline,
  // before the closed tab could be counted as gone.
  await page.close();
  const again = await context.newPage();
  await again.goto('/cv/aspirazioni');
  await expect(again.locator('.draft-keeper[data-ready="true"]')).toHaveCount(1);
  await expect(again.getByLabel('Che lavoro vorresti fare')).toHaveValue('Magazziniere, anche di notte');
  await expect(saveState(again)).toHaveAttribute('data-state', 'offline');
  // Back online, it is sent once, from the reopened tab.
  await context.setOffline(false);
  await expect(again).toHaveURL(/\/cv\/aspirazioni\?salvato=1$/, { timeout: 25_000 });
  const cv = await (await again.request.get('/cv/esporta')).json();
  expect(cv.cv.aspirations).toBe('Magazziniere, anche di notte');
});

test('signing out wipes the drafts kept in the browser', async ({ page }) => {
  await signIn(page, 'Giuseppe Esposito');
  await openForm(page, '/cv/aspirazioni');
  await page.getByLabel('Che lavoro vorresti fare').fill('Bozza su un telefono condiviso');
  await expect(saveState(page)).toHaveAttribute('data-state', 'unsent');
  expect((await storedKeys(page)).some((k) => k.startsWith('siisl:draft:'))).toBe(true);

  await page.goto('/area-personale');
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await storedKeys(page)).toEqual([]);
});

test.describe('an expired session', () => {
  test.use({ baseURL: `http://127.0.0.1:${SHORT_SESSION_PORT}` });

  /** Lets the 10-second idle timeout of this server run out. */
  const letSessionExpire = (page: Page) => page.waitForTimeout(11_500);

  async function signInAgain(page: Page, name: string) {
    await page.getByRole('link', { name: 'Accedi di nuovo' }).click();
    await choosePersona(page, name);
  }

  test('mid-edit of the CV: after signing in again the draft is intact and syncs', async ({ page }) => {
    await signIn(page, 'Giuseppe Esposito');
    await openForm(page, '/cv/aspirazioni');
    await letSessionExpire(page);
    await page.getByLabel('Che lavoro vorresti fare').fill('Cerco lavoro come magazziniere a Napoli');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(saveState(page)).toHaveAttribute('data-state', 'signed-out');
    await expect(saveState(page)).toContainText('La sessione è scaduta');

    await signInAgain(page, 'Giuseppe Esposito');
    // Back on the form, which sends itself.
    await expect(page).toHaveURL(/\/cv\/aspirazioni\?salvato=1$/, { timeout: 20_000 });
    await expect(page.getByLabel('Che lavoro vorresti fare')).toHaveValue('Cerco lavoro come magazziniere a Napoli');
    const cv = await (await page.request.get('/cv/esporta')).json();
    expect(cv.cv.aspirations).toBe('Cerco lavoro come magazziniere a Napoli');
  });

  test('mid-step of the PAD: after signing in again the draft is intact and syncs', async ({ page }) => {
    await signIn(page, 'Maria Rossi');
    await page.goto('/pad');
    await page.locator('#pad-mobile-value').fill('333 444 5566');
    await page.locator('#pad-mobile').getByRole('button', { name: 'Invia il codice' }).click();
    await page.locator('#pad-mobile-code').fill(await codeFor(page, '+393334445566'));
    await page.getByRole('button', { name: 'Conferma il codice' }).first().click();
    await expect(page.getByTestId('certified-mobile')).toBeVisible();
    await page.locator('#pad-email-value').fill('maria.rossi@example.org');
    await page.locator('#pad-email').getByRole('button', { name: 'Invia il codice' }).click();
    await page.locator('#pad-email-code').fill(await codeFor(page, 'maria.rossi@example.org'));
    await page.getByRole('button', { name: 'Conferma il codice' }).click();
    await expect(page.getByTestId('certified-email')).toBeVisible();

    // The signing step: an address typed, the consents given, then the session runs out.
    await expect(page.locator('.draft-keeper[data-ready="true"]')).toHaveCount(1);
    await page.locator('#pad-address').fill('Via dei Gerani 7, 00172 Roma');
    await page.getByLabel(/Accetto di ricevere le convocazioni/).check();
    await page.getByLabel(/Autorizzo l'invio dei dati/).check();
    await page.getByLabel(/Dichiaro che i dati sono corretti/).check();
    await letSessionExpire(page);
    await page.getByRole('button', { name: 'Firma il PAD' }).click();
    await expect(saveState(page)).toHaveAttribute('data-state', 'signed-out');

    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/pad/firma'));
    await signInAgain(page, 'Maria Rossi');
    // Back on the step, which sends itself: the pact is signed with what was typed.
    const form = new URLSearchParams((await sent).postData() ?? '');
    expect(form.get('convocation_address')).toBe('Via dei Gerani 7, 00172 Roma');
    expect(form.get('confirm')).toBeTruthy();
    await expect(page).toHaveURL(/\/pad\/ricevuta$/, { timeout: 20_000 });
    await expect(page.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);
    expect((await storedKeys(page)).filter((k) => k.startsWith('siisl:draft:'))).toEqual([]);
  });
});

/** A copy of the build under new asset names: what a deploy of a new version looks like. */
function makeNextBuild(): { site: string; hashFile: string } {
  const site = path.join(root, 'target', 'e2e-next-site');
  const hashFile = path.join(root, 'target', 'e2e-next-hash.txt');
  fs.rmSync(site, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'target', 'site'), site, { recursive: true });
  const bin = process.env.E2E_SERVER_BIN ?? path.join(root, 'target/release/siisl');
  const hashes = fs.readFileSync(path.join(path.dirname(bin), 'hash.txt'), 'utf8');
  const next: string[] = [];
  for (const line of hashes.split('\n').filter((l) => l.includes(':'))) {
    const [kind, hash] = line.split(':').map((s) => s.trim());
    const renamed = `${hash.slice(0, -4)}next`;
    for (const file of fs.readdirSync(path.join(site, 'pkg'))) {
      if (file.includes(`.${hash}.`)) {
        fs.renameSync(path.join(site, 'pkg', file), path.join(site, 'pkg', file.replace(`.${hash}.`, `.${renamed}.`)));
      }
    }
    next.push(`${kind}: ${renamed}`);
  }
  fs.writeFileSync(hashFile, `${next.join('\n')}\n`);
  return { site, hashFile };
}

async function startServer(port: number, site: string, hashFile: string): Promise<ChildProcess> {
  const bin = process.env.E2E_SERVER_BIN ?? path.join(root, 'target/release/siisl');
  const server = spawn(bin, ['serve'], {
    env: {
      ...process.env,
      SIISL_DATA_DIR: path.join(root, 'target', 'e2e-deploy-data'),
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: site,
      LEPTOS_HASH_FILE_NAME: hashFile,
      SIISL_LOG_FILTER: 'warn',
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error('the server did not start');
}

async function stopServer(server: ChildProcess) {
  const exited = new Promise((r) => server.once('exit', r));
  server.kill('SIGTERM');
  await exited;
}

test('a new build deployed while a page is open: after reload it hydrates with the new assets', async ({ page }) => {
  const port = 3103;
  const bin = process.env.E2E_SERVER_BIN ?? path.join(root, 'target/release/siisl');
  fs.rmSync(path.join(root, 'target', 'e2e-deploy-data'), { recursive: true, force: true });
  const next = makeNextBuild();
  let server = await startServer(port, path.join(root, 'target', 'site'), path.join(path.dirname(bin), 'hash.txt'));
  try {
    const problems = watchConsole(page);
    const base = `http://127.0.0.1:${port}`;
    await page.goto(`${base}/`);
    await controlledByWorker(page);
    const menu = page.locator('button.menu-toggle');
    // A click does something only once the island is awake: that is the hydration check.
    const menuWorks = async () => {
      await expect(async () => {
        if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
        await expect(menu).toHaveAttribute('aria-expanded', 'true', { timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
    };
    await menuWorks();
    const firstWorker = await page.evaluate(async () => (await caches.keys()).join(','));

    // The deploy: the same address now serves the next build.
    await stopServer(server);
    server = await startServer(port, next.site, next.hashFile);
    const fetched: string[] = [];
    page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
    await page.reload();
    // The island wakes up (its click works) with the next build's files.
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menuWorks();
    expect(fetched.some((p) => /\/pkg\/siisl\.[^/]*next\.wasm$/.test(p))).toBe(true);
    expect(fetched.some((p) => /\/pkg\/siisl\.[^/]*next\.js$/.test(p))).toBe(true);
    // The new worker takes over and drops the old build's files.
    const onlyNextBuildKept = async () => {
      const keys = await page.evaluate(async () => caches.keys());
      return keys.length === 1 && keys[0] !== firstWorker;
    };
    await expect.poll(onlyNextBuildKept, { timeout: 15_000 }).toBe(true);
    expect(problems).toEqual([]);
  } finally {
    await stopServer(server);
  }
});
