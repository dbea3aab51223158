import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from '../support/journeys';

test('a citizen signs in through the demo provider, sees name and codice fiscale, and signs out', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await page.locator('.sign-in-slot').getByRole('link', { name: 'Accedi' }).click();
  await expect(page).toHaveURL(/\/accedi$/);
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Demo (SPID / CIE)' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gestore di identità dimostrativo');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: /Entra come Maria Rossi/ }).click();

  // A citizen lands on "Il mio SIISL", which asks her to register the first time (an earlier
  // journey on this server may have registered her already).
  await expect(page).toHaveURL(/\/(iscrizione|il-mio-siisl)$/);
  await page.goto('/area-personale');
  await expect(page.getByTestId('full-name')).toHaveText('Maria Rossi');
  await expect(page.getByTestId('codice-fiscale')).toHaveText('RSSMRA80A41H501Y');
  await expect(page.locator('.sign-in-slot')).toContainText('Maria Rossi');
  await expect(page.locator('.session-item')).toHaveCount(1);
  await expectNoAxeViolations(page);

  const signedIn = (await context.cookies()).find((c) => c.name === 'siisl_session');
  expect(signedIn?.httpOnly).toBe(true);
  expect(signedIn?.sameSite).toBe('Lax');

  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('.sign-in-slot').getByRole('link', { name: 'Accedi' })).toBeVisible();
  expect((await context.cookies()).find((c) => c.name === 'siisl_session')).toBeUndefined();

  // The old cookie, replayed, gets the signed-out view: the personal area sends it to sign in.
  await context.addCookies([signedIn!]);
  await page.goto('/area-personale');
  await expect(page).toHaveURL(/\/accedi\?torna=%2Farea-personale$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accedi a SIISL');
  await expect(page.locator('.sign-in-slot').getByRole('link', { name: 'Accedi' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the same sign-in works against an independent OpenID provider', async ({ page }) => {
  await page.goto('/accedi');
  await page.getByRole('link', { name: 'Provider OpenID esterno (test)' }).click();
  await expect(page).toHaveURL(/\/iscrizione$/);
  await page.goto('/area-personale');
  await expect(page.getByTestId('full-name')).toHaveText('Giulia Verdi');
  await expect(page.getByTestId('codice-fiscale')).toHaveText('VRDGLI85E55F205W');

  // Signing out also ends the session at the provider (RP-initiated logout), then comes back.
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/127\.0\.0\.1:3300\/session\/end/);
  await page.getByRole('button', { name: /yes/i }).click();
  await expect(page).toHaveURL('http://127.0.0.1:3100/');
  await expect(page.locator('.sign-in-slot').getByRole('link', { name: 'Accedi' })).toBeVisible();
});

test('a refused sign-in explains why', async ({ page }) => {
  const response = await page.goto('/accedi?errore=acr_too_low');
  expect(response?.status()).toBe(401);
  await expect(page.getByRole('alert')).toContainText('SPID di livello 2');
  await expectNoAxeViolations(page);
});

test('an administrator manages operators: errors next to the fields, then saved', async ({ page }) => {
  await page.goto('/accedi');
  await page.getByRole('link', { name: 'Demo (SPID / CIE)' }).click();
  await page.getByRole('button', { name: /Entra come Anna Gallo/ }).click();
  // An administrator's home is the operator registry.
  await expect(page).toHaveURL(/\/amministrazione\/operatori$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Operatori');
  await expectNoAxeViolations(page);

  await page.getByLabel('Codice fiscale').fill('BNLSHA90L62Z330X');
  await page.getByLabel('Nome', { exact: true }).fill('Aisha');
  await page.getByLabel('Ruolo').selectOption('cpi_operator');
  await page.getByLabel('Tipo di ente').selectOption('cpi');
  await page.getByLabel("Nome dell'ente").fill('Centro per l\'impiego di Torino Sud');
  await page.getByRole('button', { name: "Salva l'operatore" }).click();
  await expect(page.locator('#op-cf-error')).toContainText('non è valido');
  // The summary at the top links to each field in error; following a link reaches the field.
  const summary = page.getByTestId('error-summary');
  await expect(summary.getByRole('link')).toHaveCount(2);
  await summary.getByRole('link').last().click();
  await expect(page).toHaveURL(/#op-family$/);
  await page.getByLabel('Cognome').fill('Benali');
  await expect(page.getByLabel("Nome dell'ente")).toHaveValue("Centro per l'impiego di Torino Sud");
  await expectNoAxeViolations(page);

  await page.getByLabel('Codice fiscale').fill('BNLSHA90L62Z330U');
  await page.getByRole('button', { name: "Salva l'operatore" }).click();
  await expect(page).toHaveURL(/salvato=1$/);
  await expect(page.getByRole('status')).toContainText('Operatore salvato');
  await expect(page.locator('.operator-list')).toContainText('BNLSHA90L62Z330U');
  await expect(page.locator('.operator-list')).toContainText('Aisha Benali');
});
