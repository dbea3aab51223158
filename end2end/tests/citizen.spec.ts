import { test, expect, type Page } from '@playwright/test';
import { codeFor, expectNoAxeViolations, signIn } from '../support/journeys';

async function signOut(page: Page) {
  await page.goto('/area-personale');
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** Today in Europe/Rome plus `days`, as YYYY-MM-DD. */
function romeDatePlus(days: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Presses Tab until the element matching `selector` has the focus (keyboard-only use). */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('a household member who is not the applicant is told the PAD is not theirs to sign', async ({ page }) => {
  await signIn(page, 'Davide Marchetti');
  await page.goto('/iscrizione');
  await page.getByLabel(/Ho letto l'informativa/).check();
  await page.getByRole('button', { name: "Completa l'iscrizione" }).click();
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await page.goto('/pad');
  await expect(page.getByTestId('pad-unavailable')).toContainText('Il PAD del nucleo lo firma solo chi ha presentato la domanda.');
  await expectNoAxeViolations(page);
  await signOut(page);
});

test('an accepted applicant registers, certifies both contacts, signs the PAD and sees the 120-day banner', async ({
  page,
}) => {
  // A citizen lands on "Il mio SIISL"; the first time it is the registration, with name and
  // codice fiscale from the identity.
  await signIn(page, 'Elena Marchetti');
  await expect(page).toHaveURL(/\/iscrizione$/);
  await expect(page.locator('.identity')).toContainText('MRCLNE86R58H501W');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: "Completa l'iscrizione" }).click();
  await expect(page.locator('#reg-consent-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(/Ho letto l'informativa/).check();
  await page.getByLabel('Indirizzo e-mail').fill('elena.marchetti@example.org');
  await page.getByRole('button', { name: "Completa l'iscrizione" }).click();

  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await expect(page.getByTestId('status')).toHaveText('Accolta');
  await expectNoAxeViolations(page);
  for (const [link, heading] of [
    ['La domanda', 'La domanda'],
    ['Il nucleo', 'Il nucleo familiare'],
    ['Il mio percorso', 'Il mio percorso'],
    ['Messaggi', 'Messaggi'],
  ]) {
    await page.locator('.section-nav').getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
    await expectNoAxeViolations(page);
  }
  await page.locator('.section-nav').getByRole('link', { name: 'Il mio SIISL' }).click();
  await page.getByRole('link', { name: 'Firma il PAD' }).click();
  await expect(page).toHaveURL(/\/pad$/);
  await expectNoAxeViolations(page);

  // Mobile: a malformed number first, then the right one and its code.
  await page.locator('#pad-mobile-value').fill('06 123');
  await page.locator('#pad-mobile').getByRole('button', { name: 'Invia il codice' }).click();
  await expect(page.locator('#pad-mobile-value-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.locator('#pad-mobile-value').fill('333 444 5555');
  await page.locator('#pad-mobile').getByRole('button', { name: 'Invia il codice' }).click();
  await page.locator('#pad-mobile-code').fill('000000' === (await codeFor(page, '+393334445555')) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Conferma il codice' }).first().click();
  await expect(page.locator('#pad-mobile-code-error')).toContainText('Tentativi rimasti: 4');
  await expectNoAxeViolations(page);
  await page.locator('#pad-mobile-code').fill(await codeFor(page, '+393334445555'));
  await page.getByRole('button', { name: 'Conferma il codice' }).first().click();
  await expect(page.getByTestId('certified-mobile')).toHaveText('+393334445555');

  // E-mail, prefilled from the registration.
  await expect(page.locator('#pad-email-value')).toHaveValue('elena.marchetti@example.org');
  await page.locator('#pad-email').getByRole('button', { name: 'Invia il codice' }).click();
  await page.locator('#pad-email-code').fill(await codeFor(page, 'elena.marchetti@example.org'));
  await page.getByRole('button', { name: 'Conferma il codice' }).click();
  await expect(page.getByTestId('certified-email')).toHaveText('elena.marchetti@example.org');
  await expectNoAxeViolations(page);

  // Consents, review, signature.
  await page.getByRole('button', { name: 'Firma il PAD' }).click();
  await expect(page.locator('#pad-consents-error')).toBeVisible();
  await page.getByLabel(/Accetto di ricevere le convocazioni/).check();
  await page.getByLabel(/Autorizzo l'invio dei dati/).check();
  await page.getByLabel(/Dichiaro che i dati sono corretti/).check();
  const signForm = {
    application: await page.locator('input[name="application"]').inputValue(),
    convocation_address: await page.locator('#pad-address').inputValue(),
    consent_convocations: 'si',
    consent_transmit: 'si',
    confirm: 'si',
  };
  await page.getByRole('button', { name: 'Firma il PAD' }).click();

  await expect(page).toHaveURL(/\/pad\/ricevuta$/);
  const sha = (await page.getByTestId('sha256').textContent())!;
  expect(sha).toMatch(/^[0-9a-f]{64}$/);
  await expectNoAxeViolations(page);

  // The 120-day banner: the PAD date (today) + 120 days.
  await page.goto('/il-mio-siisl');
  const banner = page.locator('.deadline[data-kind="first_meeting"]');
  await expect(banner).toHaveAttribute('data-due', romeDatePlus(120));
  await banner.getByText('Perché?').click();
  await expect(banner).toContainText('120 giorni');
  await expectNoAxeViolations(page);

  // Reloading and submitting again: still one pact, the same receipt.
  await page.goto('/pad/ricevuta');
  await page.reload();
  const again = await page.request.post('/pad/firma', { form: signForm });
  expect(again.url()).toMatch(/\/pad\/ricevuta$/);
  expect(again.status()).toBe(200);
  await page.goto('/pad');
  await expect(page.getByText('Il PAD è già stato firmato.')).toBeVisible();
  await page.goto('/pad/ricevuta');
  await expect(page.getByTestId('sha256')).toHaveText(sha);
  await page.goto('/messaggi');
  await expect(page.getByTestId('inbox').locator('li[data-kind="pad_signed"]')).toHaveCount(1);
  await expectNoAxeViolations(page);
  await signOut(page);
});

test('with a mobile and no e-mail, the whole PAD signing works with the keyboard alone', async ({ page }) => {
  await signIn(page, 'Maria Rossi');
  await page.goto('/iscrizione');
  await tabTo(page, '#reg-consent');
  await page.keyboard.press('Space');
  await tabTo(page, '#reg-phone');
  await page.keyboard.type('333 222 1111');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/il-mio-siisl$/);

  await tabTo(page, 'a[href="/pad"].btn');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/pad$/);
  // The mobile given at registration is already there: send the code.
  await tabTo(page, '#pad-mobile-value');
  await expect(page.locator('#pad-mobile-value')).toHaveValue('+393332221111');
  await page.keyboard.press('Enter');
  await expect(page.locator('#pad-mobile-code')).toBeVisible();
  await tabTo(page, '#pad-mobile-code');
  await page.keyboard.type(await codeFor(page, '+393332221111'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('certified-mobile')).toBeVisible();

  // One certified contact is enough (R17): no e-mail, and the signing step is open.
  await expect(page.getByTestId('pad-platform-only')).toHaveCount(0);
  for (const id of ['#pad-consent-convocations', '#pad-consent-transmit', '#pad-confirm']) {
    await tabTo(page, id);
    await page.keyboard.press('Space');
    await expect(page.locator(id)).toBeChecked();
  }
  await tabTo(page, '#pad-sign button[type="submit"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/pad\/ricevuta$/);
  // The receipt says in words what was signed: the mobile alone, and the address.
  await expect(page.getByTestId('receipt-summary')).toContainText('Hai firmato il Patto di attivazione digitale del nucleo');
  await expect(page.getByTestId('receipt-contacts')).toHaveText('Cellulare +393332221111');
  await expect(page.getByTestId('receipt-address')).not.toBeEmpty();
  await expect(page.getByTestId('sha256')).toBeHidden();
  await page.getByText('Dettagli tecnici').click();
  await expect(page.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);
  // The words name laws; rule ids are only in the signed record, under the technical details.
  const words = await page.locator('main').evaluate((main) => {
    const copy = main.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('details').forEach((d) => d.remove());
    return copy.textContent ?? '';
  });
  expect(words).not.toMatch(/\bR\d{1,2}\b/);
  expect(words).toContain('D.L. 48/2023');
  await expectNoAxeViolations(page);
  await signOut(page);

  // Signing in again, she lands on "Il mio SIISL".
  await signIn(page, 'Maria Rossi');
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio SIISL');
  await signOut(page);
});

test('@pg-only with no contact at all, the applicant signs the PAD after the notice', async ({ page }) => {
  await signIn(page, 'Maria Rossi');
  await expect(page).toHaveURL(/\/iscrizione$/);
  await page.getByLabel(/Ho letto l'informativa/).check();
  await page.getByRole('button', { name: "Completa l'iscrizione" }).click();
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await page.goto('/pad');
  const notice = page.getByTestId('pad-platform-only');
  await expect(notice).toContainText('solo qui su SIISL');
  await page.locator('#pad-address').fill('Via Tuscolana 120, 00181 Roma');
  await page.getByLabel(/Accetto di ricevere le convocazioni/).check();
  await page.getByLabel(/Autorizzo l'invio dei dati/).check();
  await page.getByLabel(/Dichiaro che i dati sono corretti/).check();
  await page.getByRole('button', { name: 'Firma il PAD' }).click();
  // Without saying she understood, it is refused next to the notice; nothing is signed.
  await expect(page.locator('#pad-platform-only-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(/Ho capito: riceverò le convocazioni solo su SIISL/).check();
  await page.getByLabel(/Accetto di ricevere le convocazioni/).check();
  await page.getByLabel(/Autorizzo l'invio dei dati/).check();
  await page.getByLabel(/Dichiaro che i dati sono corretti/).check();
  await page.getByRole('button', { name: 'Firma il PAD' }).click();
  await expect(page).toHaveURL(/\/pad\/ricevuta$/);
  await expect(page.getByTestId('receipt-contacts')).toContainText('Nessuno: le convocazioni arrivano su SIISL e per posta');
  await expect(page.getByTestId('receipt-address')).toHaveText('Via Tuscolana 120, 00181 Roma');
  await expectNoAxeViolations(page);
  await signOut(page);
});

test('an attivabile member opens a convocation, which records the read receipt', async ({ page }) => {
  await signIn(page, 'Aisha Benali');
  await page.goto('/iscrizione');
  await page.getByLabel(/Ho letto l'informativa/).check();
  await page.getByRole('button', { name: "Completa l'iscrizione" }).click();
  await expect(page.locator('.deadline[data-kind="pad_individuale"]')).toBeVisible();
  await page.getByRole('link', { name: 'Apri la convocazione' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Convocazione');
  await expect(page.locator('.facts')).toContainText("Centro per l'impiego di Torino");
  await expectNoAxeViolations(page);
  await page.goto('/messaggi');
  await expect(page.locator('.inbox a[href^="/convocazioni/"]')).toHaveCount(1);
  await expect(page.locator('.inbox li.unread a[href^="/convocazioni/"]')).toHaveCount(0);
  await page.goto('/percorso');
  await expectNoAxeViolations(page);
  await page.goto('/demo/messaggi');
  await expectNoAxeViolations(page);

  // The same pages in English.
  await page.goto('/il-mio-siisl');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('My SIISL');
  await expect(page.locator('.deadline[data-kind="pad_individuale"]')).toContainText('Sign the individual pact');
  await expectNoAxeViolations(page);
  await page.goto('/domanda');
  await expectNoAxeViolations(page);
  await page.goto('/area-personale');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/$/);
});
