import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/journeys';
import { CITIZEN_PAGES } from '../support/env.mjs';

/**
 * Collects every console error, failed request and HTTP error while `page` is used.
 * `allowedStatus` names responses a test expects (path → status); Chromium logs each such
 * response as a console error too, and that one message is expected as well.
 */
function watchForProblems(page: Page, allowedStatus: Record<string, number> = {}) {
  const problems: string[] = [];
  const expectedConsole = Object.values(allowedStatus).map(
    (status) => `Failed to load resource: the server responded with a status of ${status}`,
  );
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const i = expectedConsole.findIndex((text) => msg.text().startsWith(text));
    if (i >= 0) expectedConsole.splice(i, 1);
    else problems.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (res.status() >= 400 && allowedStatus[path] !== res.status()) {
      problems.push(`HTTP ${res.status()}: ${res.url()}`);
    }
  });
  return problems;
}

/** Clicks the menu button until the island has hydrated and opened the menu. */
async function openMenu(page: Page) {
  const toggle = page.locator('button.menu-toggle');
  await expect(async () => {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true', { timeout: 250 });
  }).toPass({ timeout: 15_000 });
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page is rendered on the server, in Italian, with its menu shown', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'it');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inclusione sociale e lavoro, in un unico posto');
    await expect(page.getByRole('navigation', { name: 'Menu principale' })).toBeVisible();
    await expect(page.locator('button.menu-toggle')).toBeHidden();
  });

  test('the language switch works as a plain form', async ({ page }) => {
    await page.goto('/privacy');
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page).toHaveURL(/\/privacy$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy notice');
  });
});

test('the home page hydrates: the menu button opens and closes the menu', async ({ page }) => {
  const problems = watchForProblems(page);
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Menu principale' });
  await expect(nav).toBeHidden();
  await openMenu(page);
  await expect(nav).toBeVisible();
  await expect(page.locator('button.menu-toggle')).toHaveText('Chiudi il menu');
  await page.locator('button.menu-toggle').click();
  await expect(nav).toBeHidden();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

for (const path of CITIZEN_PAGES) {
  test(`${path} has no accessibility violations, console errors or failed requests`, async ({ page }) => {
    const problems = watchForProblems(page);
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    await expectNoAxeViolations(page);
    await openMenu(page);
    await expectNoAxeViolations(page);
    expect(problems).toEqual([]);
  });
}

test('the English pages have no accessibility violations', async ({ page, context }) => {
  await context.addCookies([{ name: 'lang', value: 'en', url: test.info().project.use.baseURL! }]);
  const problems = watchForProblems(page);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});

test('an unknown path shows the 404 page, accessible, with status 404', async ({ page }) => {
  const problems = watchForProblems(page, { '/pagina-inesistente': 404 });
  const response = await page.goto('/pagina-inesistente');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Pagina non trovata');
  await page.waitForLoadState('networkidle');
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Vai al contenuto principale' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
