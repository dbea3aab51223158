// A case manager's day on a desktop screen: the dashboard of assigned households, a file opened
// with a reason, a read-only view of a citizen's pages (refusing every change), and the citizen
// reading that access in their log.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations, signIn, signInRegistered } from '../support/journeys';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

async function signOut(page: Page) {
  await page.goto('/area-personale');
  await page.getByRole('button', { name: 'Esci' }).click();
  await expect(page).toHaveURL(/\/$/);
}

/** The "days left" column, top to bottom (`null`: nothing due). */
async function daysLeft(page: Page): Promise<(number | null)[]> {
  const cells = await page.locator('td.days-left').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-days') ?? ''));
  return cells.map((d) => (d === '' ? null : Number(d)));
}

/** `dd/mm/yyyy` plus `days`, as YYYY-MM-DD. */
function plusDays(italian: string, days: number): string {
  const [d, m, y] = italian.split('/').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

test('a case manager follows only assigned households, opens one with a reason and sees it read-only as the citizen does', async ({
  page,
}) => {
  await signIn(page, 'Francesca Conti');
  await page.goto('/operatore');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nuclei assegnati');
  // Only Roma's households: none of Torino's or Napoli's.
  const rows = page.locator('table.dashboard-table tbody tr');
  expect(await rows.count()).toBeGreaterThanOrEqual(6);
  for (const town of await page.locator('table.dashboard-table tbody tr td:nth-child(4)').allTextContents()) {
    expect(town).toBe('Roma');
  }
  await expect(page.locator('table.dashboard-table')).not.toContainText('INPS-ADI-2026-0000104');
  // The chart has its text alternative; overdue households are marked.
  await expect(page.locator('svg[role="img"] title')).toHaveText('Nuclei per scadenza e per stato');
  await expect(page.locator('tr.overdue').first()).toBeVisible();
  await expectNoAxeViolations(page);

  // Sorting by days left, both ways, from the column header.
  const ascending = (await daysLeft(page)).filter((d): d is number => d !== null);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.getByRole('link', { name: 'Giorni rimasti' }).click();
  await expect(page).toHaveURL(/ordine=scadenza-lontana/);
  const descending = (await daysLeft(page)).filter((d): d is number => d !== null);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await page.getByRole('link', { name: 'Giorni rimasti' }).click();
  await expect(page).not.toHaveURL(/ordine=/);

  // Search by protocol.
  await page.getByLabel('Codice fiscale o protocollo').fill('INPS-ADI-2026-0000105');
  await page.getByRole('button', { name: 'Applica' }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Giovanna Marino');

  // Opening the file asks why; "Other" without words is refused next to the field.
  await rows.first().getByRole('link', { name: 'INPS-ADI-2026-0000105' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('INPS-ADI-2026-0000105');
  await expect(page.getByText('MARGIO84H58H501T')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByLabel('Motivo').selectOption('other');
  await page.getByRole('button', { name: 'Apri la scheda' }).click();
  await expect(page.locator('#accesso-motivo-errore')).toHaveText('Per «Altro» scrivi il motivo.');
  await page.getByLabel('Motivo').selectOption('deadline');
  await page.getByLabel(/Dettagli/).fill('Verifica dei 120 giorni');
  await page.getByRole('button', { name: 'Apri la scheda' }).click();
  await expect(page).toHaveURL(/\/operatore\/nuclei\/\d+\?accesso=\d+$/);
  await expect(page.getByTestId('status')).toHaveText('Attiva: beneficio in pagamento');
  await expect(page.locator('main')).toContainText('MARGIO84H58H501T');
  const padDate = (await page.locator('#pad-title + dl dd').first().textContent())!.trim();
  await expectNoAxeViolations(page);

  // The read-only view of Giovanna's pages: the banner, and her own 120-day counter.
  await page.locator('#view-membro').selectOption({ label: 'Giovanna Marino' });
  await page.locator('#view-motivo').selectOption('deadline');
  await page.getByRole('button', { name: 'Apri la visualizzazione' }).click();
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await expect(page.locator('.viewing-banner')).toContainText('Visualizzazione in sola lettura delle pagine di Giovanna Marino');
  const counter = page.locator('.deadline[data-kind="first_meeting"]');
  await expect(counter).toHaveAttribute('data-due', plusDays(padDate, 120));
  await expectNoAxeViolations(page);
  for (const path of ['/domanda', '/cv', '/opportunita']) {
    await page.goto(path);
    await expect(page.locator('.viewing-banner')).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // No control to change anything is offered; sending one anyway is refused and changes nothing.
  await page.goto('/cv/dati-personali');
  const forms = page.locator('main form[method="post"]');
  expect(await forms.count()).toBeGreaterThan(0);
  await expect(forms.first()).toBeHidden();
  const before = await (await page.request.post('/api/my_situation', { form: {} })).text();
  for (const [path, form] of [
    ['/pad/firma', { application: '1', consent_convocations: 'si', consent_transmit: 'si', confirm: 'si' }],
    ['/cv/dati-personali', { version: '0', given_name: 'X' }],
    ['/messaggi/letti', {}],
  ] as const) {
    const refused = await page.request.post(path, { form, maxRedirects: 0 });
    expect(refused.status(), path).toBe(403);
  }
  expect(await (await page.request.post('/api/my_situation', { form: {} })).text()).toBe(before);

  // Leaving returns to the dashboard.
  await page.getByRole('button', { name: 'Esci e torna al cruscotto' }).click();
  await expect(page).toHaveURL(/\/operatore$/);
  await expect(page.locator('.viewing-banner')).toHaveCount(0);
  await signOut(page);

  // Giovanna reads who looked, and why: role and organisation, not the operator's name.
  await signIn(page, 'Giovanna Marino');
  await page.goto('/accessi');
  const log = page.locator('table.access-table tbody');
  await expect(log.locator('tr')).toHaveCount(2);
  await expect(log).toContainText('Case manager dei servizi sociali, Servizi sociali - Comune di Roma');
  await expect(log).toContainText('Verificare una scadenza o un adempimento: Verifica dei 120 giorni');
  await expect(log).toContainText('Visualizzazione delle pagine di Giovanna Marino');
  await expect(log).not.toContainText('Francesca');
  await expectNoAxeViolations(page);
  await signOut(page);
});

test("a job-centre operator views a never-registered attivabile's pages: deadlines, the individual pact and the CV", async ({
  page,
}) => {
  await signIn(page, 'Marco Ferrari');
  // An operator lands on the dashboard; the menu has no citizen links.
  await expect(page).toHaveURL(/\/operatore$/);
  await expect(page.locator('nav .nav-list')).not.toContainText('Il mio SIISL');
  await expect(page.locator('nav .nav-list')).not.toContainText('Assegno di Inclusione');
  const row = page.locator('table.dashboard-table tbody tr').filter({ hasText: 'INPS-ADI-2026-0000104' }).first();
  await row.getByRole('link', { name: 'INPS-ADI-2026-0000104' }).click();
  await page.getByLabel('Motivo').selectOption('deadline');
  await page.getByLabel(/Dettagli/).fill('Patto di servizio');
  await page.getByRole('button', { name: 'Apri la scheda' }).click();
  await expect(page).toHaveURL(/\/operatore\/nuclei\/\d+\?accesso=\d+$/);
  // Karim never signed in to SIISL: the view shows what he would see once registered.
  await page.locator('#view-membro').selectOption({ label: 'Karim Benali' });
  await page.locator('#view-motivo').selectOption('deadline');
  await page.getByRole('button', { name: 'Apri la visualizzazione' }).click();
  await expect(page).toHaveURL(/\/il-mio-siisl$/);
  await expect(page.locator('.viewing-banner')).toContainText('Karim Benali');
  await expect(page.locator('.deadline[data-kind="pad_individuale"]')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto('/pad-individuale');
  await expect(page).toHaveURL(/\/pad-individuale$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Patto di attivazione individuale');
  await expectNoAxeViolations(page);
  await page.goto('/cv');
  await expect(page).toHaveURL(/\/cv$/);
  await expect(page.locator('.viewing-banner')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Il mio curriculum');
  // Nothing to keep offline in a read-only view: no draft notice.
  await expect(page.getByTestId('save-state')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Esci e torna al cruscotto' }).click();
  await expect(page).toHaveURL(/\/operatore$/);
  await signOut(page);
});

test('a citizen asks to move a convocation before its date, and the job-centre operator reads it on the file', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInRegistered(page, 'Aisha Benali');
  await page.goto('/messaggi');
  await page.locator('ul.inbox a[href^="/convocazioni/"]').first().click();
  await expect(page.getByTestId('conv-purpose')).toContainText('patto di servizio personalizzato');
  await expect(page.locator('main')).toContainText('Cosa portare');
  await expectNoAxeViolations(page);
  // Too short: refused next to the field, nothing sent.
  await page.getByLabel("Spostare l'appuntamento").check();
  await page.getByLabel('Spiega il motivo').fill('Lavoro');
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  await expect(page.locator('#conv-text-error')).toHaveText('Scrivi almeno 10 caratteri.');
  await expectNoAxeViolations(page);
  await page.getByLabel('Spiega il motivo').fill('Quel giorno ho una visita medica prenotata da mesi.');
  await page.getByRole('button', { name: 'Invia la richiesta' }).click();
  await expect(page).toHaveURL(/richiesta=inviata/);
  await expect(page.getByTestId('conv-request')).toContainText("hai chiesto di spostare l'appuntamento");
  await expectNoAxeViolations(page);
  await signOut(page);

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'Marco Ferrari');
  const row = page.locator('table.dashboard-table tbody tr').filter({ hasText: 'INPS-ADI-2026-0000104' }).first();
  await row.getByRole('link', { name: 'INPS-ADI-2026-0000104' }).click();
  await page.getByLabel('Motivo').selectOption('meeting');
  await page.getByRole('button', { name: 'Apri la scheda' }).click();
  const requests = page.getByTestId('file-requests');
  await expect(requests).toContainText("Chiede di spostare l'appuntamento");
  await expect(requests).toContainText('visita medica');
  await expectNoAxeViolations(page);
  await signOut(page);
});

test('an administrator assigns a whole municipality to a case manager in one action', async ({ page }) => {
  await signIn(page, 'Anna Gallo');
  await expect(page).toHaveURL(/\/amministrazione\/operatori$/);
  await page.goto('/amministrazione/assegnazioni');
  const area = page.locator('section.assign-area');
  await area.getByLabel(/Codice fiscale dell'operatore/).fill('CNTFNC82M50H501U');
  await area.getByLabel(/Comune/).fill('Z999');
  await area.getByRole('button', { name: 'Assegna tutto' }).click();
  await expect(page.locator('#area-comune-errore')).toContainText('Nessun comune');
  await expectNoAxeViolations(page);
  await area.getByLabel(/Comune/).fill('F839');
  await area.getByRole('button', { name: 'Assegna tutto' }).click();
  await expect(page.getByTestId('bulk-saved')).toContainText('Assegnati:');
  await expectNoAxeViolations(page);
  await signOut(page);
});
