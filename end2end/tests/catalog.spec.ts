// The catalogue on a phone: search by word, pick a place with the autocomplete, narrow to a
// radius, open an offer; the same URL without JavaScript shows the same results; bad
// parameters give a normal page with a message. axe-core on every page visited.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signInRegistered } from '../support/journeys';

/** The titles and places of the results on the page, in order. */
async function results(page: Page): Promise<string[]> {
  return page.locator('ol.result-list > li').evaluateAll((items) =>
    items.map((li) => `${li.querySelector('h3')?.textContent} | ${li.querySelector('.result-place')?.textContent}`),
  );
}

test('search "magazziniere" within 30 km of Milano, open an offer, and the same URL works without JavaScript', async ({ page, browser }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(err.message));
  page.on('console', (msg) => msg.type() === 'error' && problems.push(msg.text()));

  await page.goto('/opportunita');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Offerte di lavoro, corsi, tirocini e progetti');
  await expectNoAxeViolations(page);

  await page.getByLabel('Cosa cerchi').fill('magazziniere');
  // The place autocomplete: type, wait for the suggestion, pick it with the keyboard.
  const where = page.getByRole('combobox', { name: 'Dove' });
  await expect(page.locator('leptos-island[data-component^="Autocomplete"]').first()).toBeAttached();
  await expect(async () => {
    await where.fill('');
    await where.pressSequentially('Milan');
    await expect(page.getByRole('option', { name: /^Milano \(MI\)/ })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await where.press('ArrowDown');
  await where.press('Enter');
  await expect(where).toHaveValue('Milano (MI)');
  await page.getByLabel('Distanza dal comune').selectOption('30');
  await page.getByRole('button', { name: 'Cerca', exact: true }).click();

  await expect(page).toHaveURL(/q=magazziniere/);
  await expect(page).toHaveURL(/raggio=30/);
  const heading = page.locator('#risultati');
  await expect(heading).toContainText('30 km da Milano (MI)');
  const found = await results(page);
  expect(found.length).toBeGreaterThan(0);
  // Title matches rank first.
  expect(found[0]).toMatch(/magazzinier/i);
  for (const line of found) {
    const km = Number(line.match(/· (\d+) km/)?.[1] ?? (line.includes('< 1 km') ? 0 : NaN));
    expect(km, line).toBeLessThanOrEqual(30);
  }
  await expectNoAxeViolations(page);
  const searchUrl = page.url();

  // Open the first offer: its page says where it is and how far from Milano.
  const first = page.locator('ol.result-list > li h3 a').first();
  const title = (await first.textContent())!;
  await first.click();
  await expect(page).toHaveURL(/\/opportunita\/\d+\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.locator('dl.facts')).toContainText(/km da Milano \(MI\)/);
  await expect(page.locator('dl.facts')).toContainText('Professione (ISTAT)');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Torna ai risultati' }).click();
  await expect(heading).toContainText('30 km da Milano (MI)');
  expect(problems).toEqual([]);

  // The same URL with JavaScript off: the same results, rendered by the server.
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 }, isMobile: true });
  const plain = await context.newPage();
  const response = await plain.goto(searchUrl);
  expect(response?.status()).toBe(200);
  expect(await results(plain)).toEqual(found);
  // And the plain form still searches: a typed place is looked up on the server.
  await plain.getByRole('combobox', { name: 'Dove' }).fill('Torino');
  await plain.getByRole('button', { name: 'Cerca', exact: true }).click();
  await expect(plain.locator('#risultati')).toContainText('30 km da Torino (TO)');
  await context.close();
});

test('bad parameters give a normal page with a message', async ({ page }) => {
  const response = await page.goto(`/opportunita?raggio=-5&tipo=astronave&pagina=1000000000&q=${'x'.repeat(5000)}`);
  expect(response?.status()).toBe(200);
  const notices = page.getByRole('status').filter({ hasText: 'Alcune scelte sono state ignorate' });
  await expect(notices).toContainText('La distanza «-5» non è valida');
  await expect(notices).toContainText('Il tipo «astronave» non esiste');
  await expect(notices).toContainText('primi 200 caratteri');
  await expectNoAxeViolations(page);
});

test('an unknown offer is a 404 page with a way back to the search', async ({ page }) => {
  const missing = await page.goto('/opportunita/999999999');
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Opportunità non trovata');
  await expectNoAxeViolations(page);
});

test('a citizen with a CV opens "suggested for you", reads why an offer suits her and whether it is congruous, applies once, and applying again is politely refused', async ({ page, context }) => {
  // Sara's CV (a warehouse worker in Milano, 40 km reach) is part of the demo data, and so are
  // two of her applications (one already at the interview stage).
  await signInRegistered(page, 'Sara Colombo');
  await page.goto('/opportunita');
  await page.getByRole('link', { name: 'Suggeriti per te' }).click();
  await expect(page).toHaveURL(/ordine=affinita/);
  await expect(page.getByText(/ordinati per affinità con il CV/)).toBeVisible();
  const scores = await page.locator('ol.result-list .result-affinity').allTextContents();
  expect(scores.length).toBeGreaterThan(0);
  const values = scores.map((s) => Number(s.match(/(\d+) su 100/)?.[1]));
  expect(values).toEqual([...values].sort((a, b) => b - a));
  // Sara has no ADI: community projects (assigned by the Comune to ADI beneficiaries) are not
  // suggested to her, and no suggestion scores 100 for lack of anything to compare.
  const kinds = await page.locator('ol.result-list .result-kind').allTextContents();
  expect(kinds.some((k) => k.includes('Progetto'))).toBe(false);
  expect(values.every((v) => v < 100)).toBe(true);
  await expectNoAxeViolations(page);

  // The best suggestion she has not applied for yet: the explanation, what is missing, and
  // (for a job) the R27 verdict.
  const cards = page.locator('ol.result-list > li');
  const applied = await cards.evaluateAll((items) => items.map((li) => li.querySelector('.result-applied') !== null));
  const pick = applied.indexOf(false);
  expect(pick).toBeGreaterThanOrEqual(0);
  const title = (await cards.nth(pick).locator('h3 a').textContent())!.trim();
  await cards.nth(pick).locator('h3 a').click();
  const forYou = page.locator('section.for-you');
  await expect(forYou.getByRole('heading', { name: 'Quanto fa per te' })).toBeVisible();
  await expect(forYou).toContainText(`${values[pick]} su 100`);
  await expect(forYou.getByRole('heading', { name: 'Perché te la suggeriamo' })).toBeVisible();
  await expect(forYou.getByRole('heading', { name: 'Cosa manca' })).toBeVisible();
  if ((await page.locator('.result-kind').first().textContent())?.includes('Lavoro')) {
    await expect(forYou.getByRole('heading', { name: "È un'offerta congrua?" })).toBeVisible();
    await expect(forYou).toContainText(/Offerta congrua|Offerta non congrua|Non si può stabilire/);
    await expect(forYou).toContainText('D.L. 48/2023, art. 9');
  }
  // No consequence is threatened for a benefit she does not have, and no rule id is shown.
  await expect(forYou).not.toContainText('decadenza');
  await expect(page.locator('main')).not.toContainText(/\bR\d{1,2}\b/);
  await expectNoAxeViolations(page);

  // The same page in a second tab, still offering the button.
  const second = await context.newPage();
  await second.goto(page.url());
  await expect(second.getByRole('button', { name: 'Invia la candidatura' })).toBeVisible();

  // She applies: "Le mie candidature" confirms it and lists it as sent, with the demo's others.
  await page.getByRole('button', { name: 'Invia la candidatura' }).click();
  await expect(page).toHaveURL(/\/candidature\?inviata=\d+/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le mie candidature');
  await expect(page.locator('p.alert-success')).toHaveText(/Candidatura inviata/);
  const mine = page.locator('ol.candidacy-list > li').filter({ hasText: title }).first();
  await expect(mine).toContainText('Inviata');
  await expect(page.locator('ol.candidacy-list')).toContainText('Colloquio');
  await expectNoAxeViolations(page);

  // Applying again from the stale tab: refused, politely, next to where the button was.
  const [answer] = await Promise.all([
    second.waitForResponse((r) => r.url().endsWith('/candidatura') && r.request().method() === 'POST'),
    second.getByRole('button', { name: 'Invia la candidatura' }).click(),
  ]);
  expect(answer.status()).toBe(409);
  const refusal = second.locator('#candidacy-refused');
  await expect(refusal).toHaveAttribute('role', 'alert');
  await expect(refusal).toContainText('Hai già inviato la candidatura per questa opportunità il');
  await expect(refusal).toContainText('non serve inviarla di nuovo');
  await expect(second.getByRole('button', { name: 'Invia la candidatura' })).toHaveCount(0);
  await expect(second.getByTestId('candidacy-status')).toContainText('Inviata');
  // The refusal page is rendered whole, its title included.
  await expect(second).toHaveTitle(/\S/);
  await expectNoAxeViolations(second);
  await second.close();

  // Only one candidacy for it.
  await page.reload();
  await expect(page.locator('ol.candidacy-list > li').filter({ hasText: title })).toHaveCount(1);
});
