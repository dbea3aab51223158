// Organisations publish (#29): an employer's person chooses to act for the company at sign-in,
// publishes a job on a desktop-sized screen (a refused field shown beside it, then saved);
// Sara finds it on her phone and applies; the employer moves her candidacy to an interview
// with a date, time and place; Sara reads it. axe-core on every page visited.
import { test, expect, type Page } from '@playwright/test';
import { choosePersona, expectNoAxeViolations, signInRegistered } from '../support/journeys';

const DESKTOP = { viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false };

/** Picks `option` (a label's start) in the autocomplete `name` with the keyboard. */
async function pick(page: Page, name: string, typed: string, option: RegExp) {
  const box = page.getByRole('combobox', { name });
  await expect(async () => {
    await box.fill('');
    await box.pressSequentially(typed);
    await expect(page.getByRole('option', { name: option }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await box.press('ArrowDown');
  await box.press('Enter');
}

test('an employer publishes a job, Sara applies, the employer invites her to an interview', async ({ page, browser }) => {
  const title = `Magazziniere turno serale ${Date.now().toString(36)}`;
  const word = title.split(' ').pop()!;

  // Roberto signs in and chooses to act for his company.
  const employer = await browser.newContext(DESKTOP);
  const desk = await employer.newPage();
  await desk.goto('/accedi');
  await choosePersona(desk, 'Roberto Ferrari');
  await expect(desk).toHaveURL(/\/organizzazioni$/);
  await expectNoAxeViolations(desk);
  await desk.getByRole('button', { name: 'Opera per Logistica Lombarda S.r.l.' }).click();
  await expect(desk).toHaveURL(/\/organizzazione$/);
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('La mia organizzazione');
  await expectNoAxeViolations(desk);

  // A new job: 60 hours a week is refused beside the field, what was typed stays.
  await desk.getByRole('link', { name: 'Pubblica un annuncio' }).click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Nuovo annuncio');
  await expectNoAxeViolations(desk);
  await desk.getByLabel('Tipo di annuncio').selectOption({ label: 'Lavoro' });
  await desk.getByLabel('Titolo *').fill(title);
  await desk.getByLabel('Descrizione *').fill('Carico e scarico merci dalle 18 alle 22, dal lunedì al venerdì.');
  await pick(desk, 'Professione (CP2011)', 'Facchini', /^Facchini, addetti allo spostamento merci/);
  await pick(desk, 'Comune di svolgimento', 'Milan', /^Milano/);
  await desk.getByLabel('Contratto (offerte di lavoro)').selectOption({ label: 'Tempo indeterminato' });
  await desk.getByLabel('Ore a settimana').fill('60');
  await desk.getByLabel('Inizio *').fill('2027-02-01');
  await desk.getByRole('button', { name: 'Pubblica', exact: true }).click();
  const hours = desk.getByLabel('Ore a settimana');
  await expect(desk.locator('#weekly_hours-error')).toHaveText('Indica da 1 a 40 ore a settimana.');
  await expect(hours).toHaveAttribute('aria-invalid', 'true');
  await expect(desk.getByLabel('Titolo *')).toHaveValue(title);
  await expectNoAxeViolations(desk);
  await hours.fill('20');
  await desk.getByRole('button', { name: 'Pubblica', exact: true }).click();
  await expect(desk).toHaveURL(/\/organizzazione\?pubblicato=\d+$/);
  await expect(desk.getByRole('status')).toHaveText('Annuncio pubblicato.');
  await expect(desk.getByTestId('own-ads')).toContainText(title);
  await expectNoAxeViolations(desk);

  // Sara, on her phone, finds it and applies.
  await signInRegistered(page, 'Sara');
  await page.goto(`/opportunita?q=${word}`);
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expectNoAxeViolations(page);
  await expect(page.getByLabel(/Condividi con chi ha pubblicato/)).toBeChecked();
  await page.getByRole('button', { name: 'Invia la candidatura' }).click();
  await expect(page).toHaveURL(/\/candidature\?inviata=/);

  // Roberto sees her candidacy, reviews it and sets the interview.
  await desk.getByRole('link', { name: 'Candidature ricevute' }).click();
  await expect(desk.getByTestId('received')).toContainText(title);
  await expectNoAxeViolations(desk);
  await desk.getByTestId('received').getByRole('link', { name: 'Sara Colombo' }).first().click();
  await expect(desk.getByRole('heading', { level: 1 })).toHaveText('Sara Colombo');
  await expect(desk.getByRole('heading', { name: 'Curriculum al momento della candidatura' })).toBeVisible();
  await expectNoAxeViolations(desk);
  await desk.getByLabel('Nuovo stato').selectOption({ label: 'In valutazione' });
  await desk.getByRole('button', { name: 'Salva e avvisa la persona' }).click();
  await expect(desk.getByTestId('received-status')).toHaveText('In valutazione');
  const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await desk.getByLabel('Nuovo stato').selectOption({ label: 'Colloquio' });
  await desk.getByLabel('Data del colloquio').fill(day);
  await desk.getByLabel('Ora', { exact: true }).fill('10:30');
  await desk.getByLabel(/Luogo/).fill('Via Mecenate 76, Milano');
  await desk.getByLabel('Messaggio per la persona').fill("Porti un documento d'identità.");
  await desk.getByRole('button', { name: 'Salva e avvisa la persona' }).click();
  await expect(desk.getByTestId('received-status')).toHaveText('Colloquio');
  await expectNoAxeViolations(desk);
  await employer.close();

  // Sara reads it.
  await page.goto('/candidature');
  const [y, m, d] = day.split('-');
  await expect(page.locator('main')).toContainText(`Colloquio il ${d}/${m}/${y} alle 10:30, Via Mecenate 76, Milano`);
  await expectNoAxeViolations(page);
});
