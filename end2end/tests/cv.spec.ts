import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signInRegistered as signIn } from '../support/journeys';
import fs from 'node:fs';

/** Types into the autocomplete `id` with the keyboard and picks the suggestion `pick` with the arrows. */
async function pickWithKeyboard(page: Page, id: string, typed: string, pick: RegExp) {
  const input = page.locator(`#${id}`);
  await expect(input).toBeFocused();
  await page.keyboard.type(typed, { delay: 30 });
  const list = page.locator(`#${id}-listbox`);
  await expect(list).toBeVisible();
  await expect(input).toHaveAttribute('aria-expanded', 'true');
  const options = list.getByRole('option');
  const count = await options.count();
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    expect(active).toBeTruthy();
    const text = await page.locator(`#${active}`).innerText();
    if (pick.test(text)) {
      await expect(page.locator(`#${active}`)).toHaveAttribute('aria-selected', 'true');
      await page.keyboard.press('Enter');
      await expect(list).toBeHidden();
      return;
    }
  }
  throw new Error(`no suggestion matching ${pick} for "${typed}"`);
}

/** Presses Tab until the element `selector` has the focus. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 150; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

test('an attivabile signs the individual pact with the DID', async ({ page }) => {
  await signIn(page, 'Aisha Benali');
  await page.getByRole('link', { name: 'Firma il patto individuale' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patto di attivazione individuale');
  await expect(page.locator('input[name="agency"]')).toHaveCount(0);
  await expectNoAxeViolations(page);
  // Without the DID the pact is refused next to the field.
  await page.getByLabel(/Acconsento all'invio/).check();
  await page.getByLabel('Ho letto il patto e confermo la firma.').check();
  await page.getByRole('button', { name: 'Firma il patto individuale' }).click();
  await expect(page.locator('#padi-did-error')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel(/Dichiaro di essere immediatamente disponibile/).check();
  await page.getByLabel('Ho letto il patto e confermo la firma.').check();
  await page.getByRole('button', { name: 'Firma il patto individuale' }).click();
  await expect(page).toHaveURL(/\/pad-individuale\/ricevuta$/);
  await expect(page.getByTestId('sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expectNoAxeViolations(page);
});

test('an SFL applicant cannot sign the pact with fewer than three agencies', async ({ page }) => {
  await signIn(page, 'Giuseppe Esposito');
  await page.getByRole('button', { name: "Confermo l'adesione" }).click();
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await page.getByRole('link', { name: 'Firma il patto individuale' }).click();
  await expectNoAxeViolations(page);
  const agencies = page.locator('input[name="agency"]');
  expect(await agencies.count()).toBeGreaterThanOrEqual(3);
  await page.getByLabel(/Dichiaro di essere immediatamente disponibile/).check();
  await agencies.nth(0).check();
  await agencies.nth(1).check();
  await page.getByLabel(/Acconsento all'invio/).check();
  await page.getByLabel('Ho letto il patto e confermo la firma.').check();
  await page.getByRole('button', { name: 'Firma il patto individuale' }).click();
  await expect(page.locator('#padi-agencies-error')).toHaveText('Scegli almeno tre agenzie.');
  await expect(agencies.nth(0)).toBeChecked();
  await expectNoAxeViolations(page);
  await page.goto('/il-mio-siisl');
  await expect(page.getByTestId('status')).toHaveText('Accolta');
});

test('a CV is filled across sections, the autocomplete used with the keyboard only', async ({ page }) => {
  // The autocomplete hydrates without warnings or errors (the refused form's own 422 aside).
  const problems: string[] = [];
  page.on('console', (m) => {
    const expected = m.text().includes('status of 422');
    if ((m.type() === 'error' || m.type() === 'warning') && !expected) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await signIn(page, 'Aisha Benali');
  await page.goto('/cv');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio curriculum');
  await expectNoAxeViolations(page);

  // A work experience: the occupation picked from the job titles with the arrows and Enter.
  await page.goto('/cv/esperienze');
  await tabTo(page, '#cv-occupation');
  await pickWithKeyboard(page, 'cv-occupation', 'magazzin', /Magazziniere/);
  await expect(page.locator('input[name="occupation_code"]')).toHaveValue(/^\d(\.\d+){4}$/);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Tab');
  await page.keyboard.type('Logistica Torinese Srl');
  await page.locator('#cv-start').fill('2019-03-01');
  await page.locator('#cv-end').fill('2023-06-30');
  await page.locator('#cv-description').fill('Carico, scarico e inventario con palmare.');
  await page.locator('#cv-description').press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cv-saved')).toBeVisible();
  await expect(page.locator('.cv-entry')).toContainText('Logistica Torinese Srl');

  // Bad input: an end date before the start, shown next to the field with what was typed.
  await page.locator('#cv-occupation').fill('Aiuto cuoco di ristorante');
  await page.locator('#cv-employer').fill('Trattoria <b>Da Mario</b>');
  await page.locator('#cv-start').fill('2020-05-01');
  await page.locator('#cv-end').fill('2019-05-01');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.locator('#cv-end-error')).toContainText('precedente');
  await expect(page.locator('#cv-employer')).toHaveValue('Trattoria <b>Da Mario</b>');
  await expectNoAxeViolations(page);
  await page.locator('#cv-end').fill('2021-05-01');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByTestId('cv-saved')).toBeVisible();
  await expect(page.locator('.cv-entries')).toContainText('Trattoria <b>Da Mario</b>');

  // Languages: the CEFR grid.
  await page.goto('/cv/lingue');
  await page.locator('#cv-mother-tongues').fill('Arabo');
  await page.locator('#cv-mother-tongues').press('Enter');
  await expect(page.getByTestId('cv-saved')).toBeVisible();
  await page.locator('#cv-language').fill('Italiano');
  for (const id of ['cv-listening', 'cv-reading', 'cv-spoken-interaction', 'cv-spoken-production']) {
    await page.locator(`#${id}`).selectOption('B2');
  }
  await page.locator('#cv-writing').selectOption('B1');
  await page.locator('#cv-writing').press('Enter');
  await page.getByRole('button', { name: 'Salva' }).last().click();
  await expect(page.locator('.cv-entries')).toContainText('Italiano');
  await expectNoAxeViolations(page);

  // Skills: tagged from the ESCO list with the keyboard.
  await page.goto('/cv/competenze');
  await tabTo(page, '#cv-skill');
  await pickWithKeyboard(page, 'cv-skill', 'comunicaz', /^comunicazione(\n|$)/);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cv-skills')).toContainText('comunicazione');
  await expectNoAxeViolations(page);

  // Availability, and a preferred municipality from the autocomplete.
  await page.goto('/cv/disponibilita');
  await page.getByLabel('Tempo pieno').check();
  await page.locator('#cv-max-distance').fill('30');
  await page.getByRole('button', { name: 'Salva' }).click();
  await expect(page.getByTestId('cv-saved')).toBeVisible();
  await tabTo(page, '#cv-place-municipality');
  await pickWithKeyboard(page, 'cv-place-municipality', 'moncal', /Moncalieri/);
  await page.getByRole('button', { name: 'Aggiungi' }).click();
  await expect(page.getByTestId('cv-places')).toContainText('Moncalieri (TO)');
  await expectNoAxeViolations(page);

  for (const section of ['dati-personali', 'istruzione', 'competenze-digitali', 'patenti', 'aspirazioni']) {
    await page.goto(`/cv/${section}`);
    await expectNoAxeViolations(page);
  }
  await page.goto('/cv');
  const summary = page.locator('.cv-summary');
  await expect(summary).toContainText('Logistica Torinese Srl');
  await expect(summary).toContainText('Trattoria <b>Da Mario</b>');
  await expect(summary).toContainText('comunicazione');
  await expect(summary).toContainText('30 km');
  await expectNoAxeViolations(page);
  await page.goto('/cv/stampa');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aisha Benali');
  await expectNoAxeViolations(page);
  expect(problems).toEqual([]);
});

test('export then import gives back the identical CV', async ({ page }) => {
  await signIn(page, 'Aisha Benali');
  await page.goto('/cv');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Scarica in formato Europass/ }).click(),
  ]);
  const file = await download.path();
  const exported = JSON.parse(fs.readFileSync(file!, 'utf8'));
  expect(exported.$schema).toBe('https://siisl.example.org/schemas/cv-europass-1.json');
  expect(exported.cv.work_experience.length).toBeGreaterThanOrEqual(2);

  await page.goto('/cv/importa');
  await expectNoAxeViolations(page);
  await page.locator('#cv-file').setInputFiles(file!);
  await page.getByRole('button', { name: 'Importa' }).click();
  await expect(page).toHaveURL(/\/cv\?importato=1$/);
  const [again] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Scarica in formato Europass/ }).click(),
  ]);
  const reimported = JSON.parse(fs.readFileSync((await again.path())!, 'utf8'));
  expect(reimported).toEqual(exported);

  // A file that is not a CV is refused with a message, and the CV is unchanged.
  await page.goto('/cv/importa');
  await page.locator('#cv-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"nope":1}') });
  await page.getByRole('button', { name: 'Importa' }).click();
  await expect(page.locator('#cv-file-error')).toBeVisible();
  await expectNoAxeViolations(page);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a section still saves, and a typed occupation is resolved on the server', async ({ page }) => {
    await signIn(page, 'Elena Marchetti');
    await page.goto('/cv/aspirazioni');
    await page.locator('#cv-aspirations').fill('Lavorare come assistente in una scuola.');
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByTestId('cv-saved')).toBeVisible();
    await expect(page.locator('#cv-aspirations')).toHaveValue('Lavorare come assistente in una scuola.');

    // No suggestions without JavaScript: several matches are offered as a choice.
    await page.goto('/cv/esperienze');
    await page.locator('#cv-occupation').fill('addetto alle pulizie');
    await page.locator('#cv-employer').fill('Pulizie Roma Srl');
    await page.locator('#cv-start').fill('2015-01-10');
    await page.locator('#cv-end').fill('2018-12-20');
    await page.getByRole('button', { name: 'Salva' }).click();
    const choices = page.locator('input[name="occupation_choice"]');
    await expect(choices.first()).toBeVisible();
    await expect(page.locator('#cv-employer')).toHaveValue('Pulizie Roma Srl');
    await choices.first().check();
    await page.getByRole('button', { name: 'Salva' }).click();
    await expect(page.getByTestId('cv-saved')).toBeVisible();
    await expect(page.locator('.cv-entry')).toContainText('Pulizie Roma Srl');
  });
});

test('the SFL applicant reads home, receipt and payment in SFL terms', async ({ page }) => {
  await signIn(page, 'Giuseppe Esposito');
  await page.goto('/il-mio-siisl');
  // Enrolment was confirmed by the journey before; sign the pact with three agencies.
  await page.goto('/pad-individuale');
  const agencies = page.locator('input[name="agency"]');
  await page.getByLabel(/Dichiaro di essere immediatamente disponibile/).check();
  for (const i of [0, 1, 2]) await agencies.nth(i).check();
  await page.getByLabel(/Acconsento all'invio/).check();
  await page.getByLabel('Ho letto il patto e confermo la firma.').check();
  await page.getByRole('button', { name: 'Firma il patto individuale' }).click();
  await expect(page).toHaveURL(/\/pad-individuale\/ricevuta$/);
  // The receipt says, in words, what was signed and what comes next: the job centre and the
  // agencies, the payment tied to activities; the fingerprint is folded away.
  await expect(page.getByTestId('receipt-summary')).toContainText('Patto di attivazione individuale');
  await expect(page.locator('article.receipt')).toContainText("agenzie per il lavoro che hai scelto");
  await expect(page.getByTestId('sha256')).toBeHidden();
  await page.getByText('Dettagli tecnici').click();
  await expect(page.getByTestId('sha256')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/il-mio-siisl');
  const home = page.locator('main');
  await expect(home).not.toContainText('il patto del nucleo');
  await expect(home).not.toContainText('tutto il nucleo');
  await expect(home).not.toContainText('servizi sociali');
  await expect(home).toContainText("centro per l'impiego");
  await expectNoAxeViolations(page);

  await page.goto('/domanda');
  await expect(page.getByTestId('application-status')).not.toContainText('beneficio in pagamento');
  await expect(page.getByTestId('sfl-payment')).toContainText('per ogni mese in cui partecipi');
  await expectNoAxeViolations(page);
});
