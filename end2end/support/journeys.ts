// Steps the browser journeys share: signing in through the demo provider, the one-time codes
// of the demo outbox, and the accessibility check.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** Fails with the list of WCAG 2.1 A/AA violations axe-core finds on the page, if any. */
export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)).toEqual([]);
}

/** From the sign-in page: the demo provider, then the persona whose button names `name`. */
export async function choosePersona(page: Page, name: string) {
  await page.getByRole('link', { name: 'Demo (SPID / CIE)' }).click();
  await page.getByRole('button', { name: new RegExp(`Entra come ${name}`) }).click();
}

/** Where a role lands after signing in: a citizen on "Il mio SIISL" (or the registration, the
 *  first time), an operator on the dashboard, an administrator on the administration. */
export const ROLE_HOMES = /\/(il-mio-siisl|iscrizione|operatore|amministrazione\/operatori)$/;

/** Signs in through the demo provider as the persona whose button names `name`. */
export async function signIn(page: Page, name: string) {
  await page.goto('/accedi');
  await choosePersona(page, name);
  await expect(page).toHaveURL(ROLE_HOMES);
}

/** Signs in as `name`, registering on SIISL on the first visit. */
export async function signInRegistered(page: Page, name: string) {
  await signIn(page, name);
  await page.goto('/il-mio-siisl');
  if (page.url().endsWith('/iscrizione')) {
    await page.getByLabel(/Ho letto l'informativa/).check();
    await page.getByRole('button', { name: "Completa l'iscrizione" }).click();
    await expect(page).toHaveURL(/\/il-mio-siisl$/);
  }
}

/** The newest one-time code the demo outbox holds for `recipient`. */
export async function codeFor(page: Page, recipient: string): Promise<string> {
  const outbox = await page.context().newPage();
  await outbox.goto('/demo/messaggi');
  const body = await outbox.locator(`li.outbox-message[data-recipient="${recipient}"] .outbox-body`).first().textContent();
  await outbox.close();
  const code = body?.match(/\b(\d{6})\b/)?.[1];
  expect(code, `a code for ${recipient}`).toBeTruthy();
  return code!;
}
