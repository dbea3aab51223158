// An administrator registers a platform's API client on a desktop screen: a refusal next to the
// field, the secret shown once, a new secret with the overlap, and the page passes axe. The
// secret then buys a token from the API, and GePI's event reaches the citizen's path page. The
// deliveries page lists the demo's messages and passes axe too.
import { test, expect } from '@playwright/test';
import { expectNoAxeViolations, signIn } from '../support/journeys';

test.use({ viewport: { width: 1280, height: 800 }, isMobile: false, hasTouch: false, deviceScaleFactor: 1 });

test('an administrator registers and rotates a platform client; its event reaches the citizen', async ({ page, request }) => {
  await signIn(page, 'Anna Gallo');
  await page.goto('/amministrazione/piattaforme');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Piattaforme collegate (API)');
  await expectNoAxeViolations(page);

  // No name: refused next to the field, the platform chosen kept.
  await page.getByLabel('Piattaforma').selectOption('gepi');
  await page.getByRole('button', { name: 'Crea il client' }).click();
  await expect(page.locator('#client-nome-errore')).toHaveText('Scrivi il nome del client.');
  await expect(page.getByLabel('Nome del client')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Piattaforma')).toHaveValue('gepi');
  await expectNoAxeViolations(page);

  await page.getByLabel('Nome del client').fill('GePI Roma Capitale');
  await page.getByRole('button', { name: 'Crea il client' }).click();
  const notice = page.getByTestId('secret-notice');
  await expect(notice).toContainText('non sarà più mostrato');
  const clientId = (await page.getByTestId('client-id').textContent())!.trim();
  const secret = (await page.getByTestId('client-secret').textContent())!.trim();
  expect(clientId).toMatch(/^gepi-/);
  await expectNoAxeViolations(page);

  // The listing never shows the secret again.
  await page.goto('/amministrazione/piattaforme');
  await expect(page.getByTestId('api-clients')).toContainText(clientId);
  await expect(page.locator('body')).not.toContainText(secret);

  // A new secret; the previous one keeps working for the overlap.
  await page.getByRole('button', { name: 'Nuovo segreto — GePI Roma Capitale' }).click();
  await expect(page.getByTestId('secret-notice')).toContainText('Il segreto precedente resta valido fino al');
  const rotated = (await page.getByTestId('client-secret').textContent())!.trim();
  expect(rotated).not.toBe(secret);

  // The old secret still buys a token; GePI reports Giovanna's taking in charge.
  const token = await request.post('/api/v1/oauth/token', {
    form: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret },
  });
  expect(token.status()).toBe(200);
  const { access_token } = await token.json();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Rome' });
  const event = await request.post('/api/v1/gepi/taking-in-charge', {
    headers: { Authorization: `Bearer ${access_token}` },
    data: { event_id: 'e2e-tic-1', protocol: 'INPS-ADI-2026-0000105', stage: 'received', occurred_on: today, office: 'Municipio V' },
  });
  expect(event.status()).toBe(200);
  expect((await event.json()).status).toBe('applied');

  // The deliveries page: the demo's signed pacts wait for an endpoint (none is configured).
  await page.goto('/amministrazione/consegne');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Invii alle piattaforme');
  await expect(page.getByTestId('deliveries')).toContainText('INPS-ADI-2026-0000105');
  await expectNoAxeViolations(page);

  await page.goto('/area-personale');
  await page.getByRole('button', { name: 'Esci' }).click();
  await signIn(page, 'Giovanna Marino');
  await page.goto('/percorso');
  await expect(page.getByTestId('path-updates')).toContainText('nucleo preso in carico');
  await expect(page.getByTestId('path-updates')).toContainText('Municipio V');
  await expectNoAxeViolations(page);
});
