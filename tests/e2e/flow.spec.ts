// From the address to a held cart, end to end: real Chromium → proxy → sandbox, with the
// sandbox's clock fast-forwarded to cross the hold's deadlines. Serial: the clock is shared.
import { test, expect, type Page } from '@playwright/test';
import { advanceSandboxClock, expectNoAxeViolations, holdPackage, install, passCredit } from './helpers';
import { useSandboxClockAlone } from './clock-lock';

test.describe.configure({ mode: 'serial' });
useSandboxClockAlone();

async function toPackages(page: Page, address: string) {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  await page.getByLabel('Service address').fill(address);
  await page.getByRole('button', { name: 'Check availability' }).click();
  await page.getByRole('button', { name: 'See packages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeFocused();
  await expect(page.getByRole('group', { name: 'Our packages' })).toBeVisible();
}

async function holdInternet500(page: Page) {
  await toPackages(page, '1 Calle Sol, San Juan');
  await page.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
}

test('fibre: choose a package, add-ons checked live, cart held with a countdown', async ({ page }) => {
  await toPackages(page, '1 Calle Sol, San Juan');
  // Seed 004: 1P TV and 2P TV + Phone are COAX only, so fibre never offers them.
  await expect(page.getByRole('radio', { name: /^TV Premium 1P TV/ })).toHaveCount(0);
  await page.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();

  // A TV add-on on an Internet-only package is refused, with the rule as the reason.
  const movies = page.getByRole('checkbox', { name: /Premium movie channels/ });
  await expect(movies).toBeDisabled();
  await expect(page.locator('#addon-TVPRM-why')).not.toBeEmpty();
  const protect = page.getByRole('checkbox', { name: /Smart Protect Basic/ });
  await expect(protect).toBeEnabled();
  await protect.check();
  // Seed 004: "Only one Smart Protect AddOn can be added to product Order."
  await expect(page.getByRole('checkbox', { name: /Smart Protect Plus/ })).toBeDisabled();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table).toContainText('Internet 500');
  await expect(table).toContainText('Smart Protect Basic');
  await expect(table).toContainText('Paper bill');
  const tray = page.getByRole('region', { name: 'Held for you' });
  await expect(tray).toContainText('Your cart');
  await expect(tray).toContainText(/1[45]:\d\d left/);
  await expectNoAxeViolations(page);

  // Going back keeps the choices possible and a new hold replaces the old one.
  await page.getByRole('button', { name: 'Change your choices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeVisible();
});

test('the browser Back and Forward buttons move through the steps', async ({ page }) => {
  await holdInternet500(page);
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { level: 1, name: 'Check your address' })).toBeVisible();
  await page.goForward();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeVisible();
});

test('keyboard alone: address, package, add-on, held cart, extend', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  await page.keyboard.press('Tab'); // skip link
  await page.keyboard.press('Tab'); // language switch
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Service address')).toBeFocused();
  await page.keyboard.type('1 Calle Sol, San Juan');
  await page.keyboard.press('Enter');
  const seePackages = page.getByRole('button', { name: 'See packages' });
  await expect(seePackages).toBeVisible();
  await page.keyboard.press('Tab'); // the button after the form: Check availability
  await page.keyboard.press('Tab');
  await expect(seePackages).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeFocused();

  // Past "Already a customer?" into the radio group, then arrow keys choose a package.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Already a customer? Verify with a one-time code' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio').first()).toBeFocused();
  const internet500 = page.getByRole('radio', { name: /^Internet 500 1P Internet/ });
  for (let i = 0; i < 8 && !(await internet500.isChecked()); i++) {
    await page.keyboard.press('ArrowDown');
  }
  await expect(internet500).toBeChecked();
  await expect(internet500).toBeFocused();
  // Tab on to the first enabled add-on and tick it with Space.
  const firstAddOn = page.getByRole('group', { name: 'Add-ons' }).getByRole('checkbox').and(page.locator(':enabled')).first();
  for (let i = 0; i < 12 && !(await firstAddOn.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(firstAddOn).toBeFocused();
  await page.keyboard.press('Space');
  await expect(firstAddOn).toBeChecked();
  const hold = page.getByRole('button', { name: 'Hold my cart' });
  for (let i = 0; i < 20 && !(await hold.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(hold).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeFocused();

  // The Extend button is reachable and works from the keyboard.
  const extend = page.getByRole('button', { name: 'Extend' });
  await extend.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('p[role="status"]').first()).toContainText('Your cart is now held for');
});

test('a reload resumes the held cart, with nothing personal in browser storage', async ({ page }) => {
  await holdInternet500(page);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  await expect(page.getByText('Welcome back: your cart is still held for you.')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Internet 500');
  await expect(page.getByRole('region', { name: 'Held for you' })).toContainText(/1[45]:\d\d left/);
  // The server-side session is the memory (GET /api/v1/checkout, issue 21): the browser keeps
  // only the language (src/lang_switch.rs), nothing about the customer or the checkout.
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => Object.entries(sessionStorage).sort()))
    .toEqual([['ck-lang', 'en']]);
  expect(await page.evaluate(() => document.cookie)).toBe('');
  await expectNoAxeViolations(page);
});

test('build your own: the rules answer as the customer picks', async ({ page }) => {
  await toPackages(page, '1 Calle Sol, San Juan');
  await page.getByRole('checkbox', { name: 'TV', exact: true }).check();
  // 1P TV is not offered on fibre: the reason is shown and the cart cannot be held.
  await expect(page.locator('#byo-result')).not.toBeEmpty();
  await expect(page.locator('#byo-result')).not.toContainText('Your package');
  await expect(page.getByRole('button', { name: 'Hold my cart' })).toBeDisabled();

  // Seed 004: Internet + TV built by hand becomes 3P with phone added automatically.
  await page.getByRole('checkbox', { name: 'Internet', exact: true }).check();
  await expect(page.locator('#byo-result')).toContainText('Phone is added for you');
  await expect(page.locator('#byo-result')).toContainText('3P');
  // And the Phone box says so too (issue 24, 10: it stayed unticked).
  await expect(page.getByRole('checkbox', { name: 'Phone', exact: true })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Hold my cart' })).toBeEnabled();
  await expectNoAxeViolations(page);
});

test('coax: the COAX-only packages are offered, and no package built for fibre', async ({ page }) => {
  await toPackages(page, '2 Coax Avenue, Bayamón');
  await expect(page.getByRole('radio', { name: /^TV Premium 1P TV/ })).toBeVisible();
  await expect(page.getByRole('radio', { name: /2P TV \+ Phone/ })).toBeVisible();
  // Issue 24, 15: "Fiber Internet 1 Gig" and the fibre triple play were offered on cable.
  await expect(page.getByRole('radio', { name: /^Fiber/ })).toHaveCount(0);
  await toPackages(page, '1 Calle Sol, San Juan');
  await expect(page.getByRole('radio', { name: /^Fiber Internet 1 Gig/ })).toBeVisible();
});

// Seed 004, Key Considerations 12 and 13: an extra set-top box needs its installation charge
// and the activation code of the package's TV tier. The customer ticks one box.
test('an extra set-top box: only with TV, and held with its installation and the tier activation', async ({ page }) => {
  await toPackages(page, '1 Calle Sol, San Juan');
  await page.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();
  const stb = page.getByRole('checkbox', { name: /^Additional set-top box/ });
  await expect(stb).toBeDisabled();
  await expect(page.locator('#addon-STBX1-why')).not.toBeEmpty();
  // The companions are never offered on their own.
  await expect(page.getByRole('checkbox', { name: /installation|activation/ })).toHaveCount(0);

  await page.getByRole('radio', { name: /^TV U-pick \+ Internet 500/ }).check();
  await expect(stb).toBeEnabled();
  await expect(page.locator('#addon-STBX1-why')).toBeEmpty();
  await stb.check();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table).toContainText('Additional set-top box');
  await expect(table).toContainText('Additional set-top box installation');
  await expect(table).toContainText('Set-top box activation (U-pick)');
  await expect(table).not.toContainText('Set-top box activation (Premium)');
});

// Issue 24, 1 (seed 004, Key Considerations 6, 11, 12): a change of package that rules out a
// ticked extra takes it out, says which and why, and every other extra keeps its rule.
test('a new package takes out the extras it cannot have, names them, and keeps the rules', async ({ page }) => {
  await toPackages(page, '2 Coax Avenue, Bayamón');
  await page.getByRole('radio', { name: /^TV Ultimate 1P TV/ }).check();
  const movies = page.getByRole('checkbox', { name: /^Premium movie channels/ });
  const sports = page.getByRole('checkbox', { name: /^Ultimate sports pack/ });
  await movies.check();
  await sports.check();
  const told = page.getByRole('status').filter({ hasText: 'We took' });

  // TV Premium keeps the movies; the Ultimate pack is not for its tier.
  await page.getByRole('radio', { name: /^TV Premium 1P TV/ }).check();
  await expect(told).toHaveText('We took Ultimate sports pack out of your choices. This channel pack is not available with your TV plan.');
  await expect(movies).toBeChecked();
  await expect(sports).not.toBeChecked();
  await expect(sports).toBeDisabled();
  await expect(page.getByRole('checkbox', { name: /^U-pick channel pack/ })).toBeDisabled();

  // A phone package has no TV: the movies go too, named, and nothing else opens up.
  await page.getByRole('radio', { name: /^Home Phone Unlimited/ }).check();
  await expect(told).toHaveText('We took Premium movie channels out of your choices. This extra needs TV, which your package does not include.');
  await expect(movies).not.toBeChecked();
  for (const name of [/^Premium movie channels/, /^U-pick channel pack/, /^Ultimate sports pack/,
    /^Smart Protect Basic/, /^Smart Protect Plus/, /^Additional set-top box/]) {
    await expect(page.getByRole('checkbox', { name })).toBeDisabled();
  }
  await expect(page.locator('#addon-TVPRM-why')).toHaveText('This extra needs TV, which your package does not include.');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  await expect(page.getByRole('table')).not.toContainText('Premium movie channels');
});

test('a hold warns before it lapses, extends in one press, and renews itself after', async ({ page }) => {
  await holdInternet500(page);
  const tray = page.getByRole('region', { name: 'Held for you' });
  const status = page.locator('p[role="status"]').first();

  // 25 s before the 15-minute hold ends: warned through the live region, focus untouched.
  await advanceSandboxClock(page, 15 * 60 - 25);
  await expect(status).toContainText(/Your cart is held for \d+ more seconds\. Press Extend to keep it\./);
  await expect(tray).toContainText(/0:[0-2]\d left/);
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();

  await tray.getByRole('button', { name: 'Extend' }).click();
  await expect(status).toContainText(/Your cart is now held for 10 more minutes\./);
  await expect(tray).toContainText(/10:\d\d left/);

  // Past the extended deadline: the app holds the same cart again and says so.
  await advanceSandboxClock(page, 11 * 60);
  await expect(page.getByText('Your cart expired, so we started a new one with the same choices.')).toBeVisible();
  await expect(tray).toContainText(/1[45]:\d\d left/);
  // Issue 24, 16: "now held for 10 more minutes" is no longer true, so no longer said.
  await expect(status).not.toContainText('held for');
  await expect(page.getByRole('table')).toContainText('Internet 500');
  await expectNoAxeViolations(page);
});

test('every step reflows at 320 CSS px (200 % zoom on a phone): no sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  const noSidewaysScroll = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  await noSidewaysScroll();
  await page.getByLabel('Service address').fill('1 Calle Sol, San Juan');
  await page.getByRole('button', { name: 'Check availability' }).click();
  await page.getByRole('button', { name: 'See packages' }).click();
  await page.getByRole('radio', { name: /^Fiber Triple Play Ultimate/ }).check();
  await noSidewaysScroll();
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  await noSidewaysScroll();
});

test('every step names itself in the document title, in the page language (WCAG 2.4.2)', async ({ page }) => {
  const site = 'Home broadband, TV & phone';
  await holdPackage(page, '1 Calle Sol, San Juan', /^Internet 500 1P Internet/);
  await expect(page).toHaveTitle(`Credit check · ${site}`);
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await expect(page).toHaveTitle(`Your cart · ${site}`);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page).toHaveTitle('Su carrito · Internet, TV y teléfono en casa');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: 'Continue to the credit check' }).click();
  await passCredit(page);
  await install(page, 'Self install');
  await expect(page).toHaveTitle(`Terms and conditions · ${site}`);
});

test('Change your choices opens the packages on the held cart (issue 24, 11)', async ({ page }) => {
  await toPackages(page, '1 Calle Sol, San Juan');
  await page.getByRole('radio', { name: /^TV U-pick \+ Internet 500/ }).check();
  const stb = page.getByRole('checkbox', { name: /^Additional set-top box/ });
  await stb.check();
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  await page.getByRole('button', { name: 'Change your choices' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose your package' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /^TV U-pick \+ Internet 500/ })).toBeChecked();
  await expect(stb).toBeChecked();
  await expect(page.getByRole('button', { name: 'Hold my cart' })).toBeEnabled();
});
