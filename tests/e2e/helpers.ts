// What the end-to-end specs share: axe, headings, the sandbox clock, and the customer's way
// through the steps (docs/sandbox.md for the inputs). One copy, so a changed label or step is
// changed once.
import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const SANDBOX = 'http://127.0.0.1:18090';

export async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

// Words that are English and never Spanish: one of them in a text whose language is Spanish
// means English text left untagged (WCAG 3.1.2).
const ENGLISH_ONLY = new Set(('the your you and with we is are our please check order cart choose continue ' +
  'held left more skip content prices depend availability address extras of to for this that will ' +
  'can not in on at from by what how when here have been it its an or if be do new call us').split(' '));

/** Every text on the page (visible or for screen readers only) in Spanish where the page says
 * Spanish: English only inside an element tagged `lang="en"`. */
export async function expectNoUntaggedEnglish(page: Page) {
  const texts = await page.evaluate(() => {
    const out: { lang: string; text: string }[] = [];
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript, template')) continue;
      const text = (n.textContent ?? '').trim();
      if (!text) continue;
      out.push({ lang: el.closest('[lang]')?.getAttribute('lang') ?? '', text });
    }
    out.push({ lang: document.documentElement.lang, text: document.title });
    return out;
  });
  const english = texts
    .filter((t) => t.lang.startsWith('es'))
    .filter((t) => (t.text.toLowerCase().match(/[a-z']+/g) ?? []).some((w) => ENGLISH_ONLY.has(w)))
    .map((t) => t.text);
  expect(english).toEqual([]);
}

const SITE = { en: 'Home broadband, TV & phone', es: 'Internet, TV y teléfono en casa' };

/** What every step must be: axe-clean, named in the document title by its own heading and the
 * site, in the page's language (WCAG 2.4.2), with no English left untagged on a Spanish page. */
export async function expectGoodStep(page: Page, lang: 'en' | 'es') {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  const heading = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  await expect(page).toHaveTitle(`${heading} · ${SITE[lang]}`);
  if (lang === 'es') await expectNoUntaggedEnglish(page);
  await expectNoAxeViolations(page);
}

export const h1 = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name });

/** Move the sandbox's clock on; by default tell the app, which re-reads the holds when the page
 * regains focus (tab back, laptop wakes). */
export async function advanceSandboxClock(page: Page, seconds: number, tell = true) {
  const res = await page.request.post(`${SANDBOX}/__admin/clock/advance`, { data: { seconds } });
  expect(res.ok()).toBe(true);
  if (tell) await page.evaluate(() => window.dispatchEvent(new Event('focus')));
}

export async function openStore(page: Page) {
  await page.goto('/');
  // The static first screen has the button disabled; the app enables it when it takes over.
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
}

export async function checkAddress(page: Page, address: string) {
  await openStore(page);
  await page.getByLabel('Service address').fill(address);
  await page.getByRole('button', { name: 'Check availability' }).click();
}

/** From the address to the credit step, with this package held. */
export async function holdPackage(page: Page, address: string, pkg: RegExp) {
  await checkAddress(page, address);
  await page.getByRole('button', { name: 'See packages' }).click();
  await page.getByRole('radio', { name: pkg }).check();
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(h1(page, 'Your cart')).toBeVisible();
  await page.getByRole('button', { name: 'Continue to the credit check' }).click();
  await expect(h1(page, 'Credit check')).toBeFocused();
}

export async function passCredit(page: Page, last4 = '1234') {
  await page.getByLabel('Full name').fill('Ana Ruiz');
  await page.getByLabel('Date of birth').fill('1980-02-28');
  await page.getByLabel('Last 4 digits of your social security number').fill(last4);
  await page.getByRole('button', { name: 'Check my credit' }).click();
}

export async function install(page: Page, how: 'Self install' | 'Technician visit') {
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(h1(page, 'How do you want it installed?')).toBeFocused();
  await page.getByRole('radio', { name: new RegExp(`^${how}`) }).check();
  await page.getByRole('button', { name: 'Continue' }).click();
}

/** The number step's words, in English unless a test passes the Spanish ones. */
export const NUMBER_STEP_EN = { heading: 'Choose your phone number', reserve: 'Reserve this number' };
export const NUMBER_STEP_ES = { heading: 'Elija su número de teléfono', reserve: 'Reservar este número' };

/** Reserve the first number offered; its ten digits. */
export async function reserveFirstNumber(page: Page, words = NUMBER_STEP_EN) {
  await expect(h1(page, words.heading)).toBeFocused();
  const first = page.getByRole('radio').first();
  await expect(first).toBeVisible();
  const number = (await first.getAttribute('id'))!.replace('number-', '');
  await first.check();
  await page.getByRole('button', { name: words.reserve }).click();
  return number;
}

export async function acceptTerms(page: Page) {
  await expect(h1(page, 'Terms and conditions')).toBeFocused();
  const boxes = page.getByRole('checkbox');
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) await box.check();
  await page.getByRole('button', { name: 'Accept and continue' }).click();
}

export async function toReview(page: Page) {
  await expect(h1(page, 'Your prices')).toBeFocused();
  await expect(page.getByRole('table')).toContainText('Total');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(h1(page, 'Review and place your order')).toBeFocused();
}

export async function fillContact(page: Page) {
  await page.getByLabel('Full name').fill('Ana Ruiz');
  await page.getByLabel('Email address').fill('ana@example.pr');
  await page.getByLabel('Contact phone number').fill('787 555 0100');
}

export async function contactAndPlace(page: Page) {
  await fillContact(page);
  await page.getByRole('button', { name: 'Place order' }).click();
}
