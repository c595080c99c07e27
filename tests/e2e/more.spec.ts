// More of the flow end to end, through the real proxy and sandbox (docs/sandbox.md for the
// magic inputs): the whole order in Spanish, a planned-network address, the JM / PA markets,
// an expired one-time code, an existing customer's contact, and placing the order when the
// network fails. Serial, and alone on the sandbox clock: some tests fast-forward it.
import { test, expect, type Page, type Request } from '@playwright/test';
import { useSandboxClockAlone } from './clock-lock';
import { NUMBER_STEP_ES, SANDBOX, acceptTerms, advanceSandboxClock, checkAddress, contactAndPlace, expectNoAxeViolations, fillContact, h1, holdPackage, install, openStore, passCredit, reserveFirstNumber, toReview } from './helpers';
import { execFileSync } from 'node:child_process';

test.describe.configure({ mode: 'serial' });
useSandboxClockAlone();

// ---------------------------------------------------------------------------------------------
// 1. The whole order in Spanish.

test('en español: de la dirección a la confirmación, con número y autoinstalación', async ({ page }) => {
  await openStore(page);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(h1(page, 'Compruebe su dirección')).toBeVisible();

  await page.getByLabel('Dirección del servicio').fill('1 Calle Sol, San Juan');
  await page.getByRole('button', { name: 'Comprobar disponibilidad' }).click();
  await expect(page.getByText('Buenas noticias')).toBeVisible();
  await expect(page.getByText('La fibra (FTTH) está disponible en esta dirección.')).toBeVisible();
  await page.getByRole('button', { name: 'Ver paquetes' }).click();
  await expect(h1(page, 'Elija su paquete')).toBeFocused();

  // The catalogue's names are the back office's; the kind and "a month" are the app's.
  const pkg = page.getByRole('radio', { name: /^Internet 500 \+ Home Phone/ });
  await expect(pkg).toHaveAccessibleName(/2P Internet \+ Teléfono · \$59\.99 al mes/);
  await pkg.check();
  await page.getByRole('button', { name: 'Reservar mi carrito' }).click();
  await expect(h1(page, 'Su carrito')).toBeVisible();
  await expect(page.getByRole('table')).toContainText('Total al mes');
  await expect(page.getByRole('table')).toContainText('$59.99');
  const tray = page.getByRole('region', { name: 'Reservado para usted' });
  await expect(tray).toContainText(/Su carrito\s*quedan 1[45]:\d\d/);
  await page.getByRole('button', { name: 'Continuar a la verificación de crédito' }).click();

  await expect(h1(page, 'Verificación de crédito')).toBeFocused();
  await page.getByLabel('Nombre completo').fill('Ana Ruiz');
  await page.getByLabel('Fecha de nacimiento').fill('1980-02-28');
  await page.getByLabel('Últimos 4 dígitos de su seguro social').fill('1234');
  await page.getByRole('button', { name: 'Verificar mi crédito' }).click();
  await expect(page.getByText('Aprobado: no se necesita depósito.')).toBeVisible();
  await expect(page.getByText('Visita de un técnico: Cargo único: $49.99')).toBeVisible();
  await expect(page.getByText('Autoinstalación: Cargo único: $0.00')).toBeVisible();
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();

  await expect(h1(page, '¿Cómo desea la instalación?')).toBeFocused();
  await page.getByRole('radio', { name: /^Autoinstalación/ }).check();
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();

  const number = await reserveFirstNumber(page, NUMBER_STEP_ES);
  await expect(tray).toContainText(/Su número de teléfono\s*quedan (9|10):\d\d/);

  await expect(h1(page, 'Términos y condiciones')).toBeFocused();
  await expect(page.getByText('Lea y acepte cada uno para continuar.')).toBeVisible();
  const boxes = page.getByRole('checkbox');
  await expect(boxes.first()).toHaveAccessibleName(/^Acepto: /);
  for (const box of await boxes.all()) await box.check();
  await page.getByRole('button', { name: 'Aceptar y continuar' }).click();

  await expect(h1(page, 'Sus precios')).toBeFocused();
  const table = page.getByRole('table');
  await expect(table).toContainText('Total');
  await expect(table).toContainText('Por mes');
  await expect(table).toContainText('Una vez');
  // Dollars as the app writes them in both languages ("$68.88"), and the sentence in Spanish.
  await expect(page.getByText(/^Usted paga \$\d+\.\d\d al mes, y \$\d+\.\d\d una vez\.$/)).toBeVisible();
  await expect(page.getByText('Estos precios se mantienen 14 minutos (vea Reservado para usted).')).toBeVisible();
  await expect(tray).toContainText(/Sus precios\s*quedan 1[34]:\d\d/);
  const monthly = (await page.getByText(/^Usted paga/).textContent())!.match(/\$\d+\.\d\d/)![0];
  await page.getByRole('button', { name: 'Continuar', exact: true }).click();

  await expect(h1(page, 'Revise y haga su pedido')).toBeFocused();
  await expect(page.getByText('Autoinstalación', { exact: true })).toBeVisible();
  await expect(page.getByText(`(${number.slice(0, 3)}) ${number.slice(3, 6)}-${number.slice(6)}`)).toBeVisible();
  await expect(page.getByText(monthly, { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: '¿Cómo podemos contactarle?' })).toBeVisible();
  await page.getByLabel('Nombre completo').fill('Ana Ruiz');
  await page.getByLabel('Correo electrónico', { exact: true }).fill('ana@example.pr');
  await page.getByLabel('Teléfono de contacto').fill('787 555 0100');
  await page.getByRole('button', { name: 'Hacer el pedido' }).click();

  await expect(h1(page, 'Su pedido está hecho')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText('¡Gracias! Hemos recibido su pedido.')).toBeVisible();
  await expect(page.getByText('Número de pedido')).toBeVisible();
  await expect(page.getByText('Autoinstalación: le enviaremos todo lo que necesita.')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByText('Your order is placed')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

// ---------------------------------------------------------------------------------------------
// 2. Network planned but not built (address.spec.ts covers `nowhere`, "no network").

test('planned network (3 Planned Road): not yet, why, and how to hear when it is ready', async ({ page }) => {
  await checkAddress(page, '3 Planned Road, Ponce');
  await expect(page.getByText('We cannot connect this address yet')).toBeVisible();
  await expect(page.getByText('Our network is being built in this area but is not ready yet.')).toBeVisible();
  await expect(page.getByText('We can tell you as soon as it is ready: call us or visit a store to sign up.')).toBeVisible();
  // Not the "no network" answer, and no way on to the packages.
  await expect(page.getByText('Our network does not reach this address.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'See packages' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByText('Estamos construyendo nuestra red en esta zona, pero aún no está lista.')).toBeVisible();
  await expect(page.getByText('Podemos avisarle en cuanto esté lista: llámenos o visite una tienda para apuntarse.')).toBeVisible();
});

// ---------------------------------------------------------------------------------------------
// 3. Jamaica and Panama. Online orders are Puerto Rico's (checkout-core `Market::orders_online`:
// seed 004's JM / PA bodies need staff and exchange data a web customer cannot give). The
// customer is told so at the address, with a store's kiosk (docs/kiosk.md) and the phone line,
// before any other step; the proxy
// still refuses a JM / PA order as the last line of defence (crates/checkout-proxy/tests).

for (const [market, address] of [
  ['PA', '10 Avenida Balboa, Panamá'],
  ['JM', '12 Hope Road, Kingston, Jamaica'],
] as const) {
  test(`${market} market (${address}): told at the address to order at a store's kiosk or by phone, no packages offered`, async ({ page }) => {
    await checkAddress(page, address);
    await expect(page.getByText('We serve this address, but orders here cannot be placed online yet. Order at the kiosk in one of our stores, where staff will help you, or call us and we will set it up with you:')).toBeVisible();
    await expect(page.getByRole('link', { name: '1-787-555-0199' })).toHaveAttribute('href', 'tel:+17875550199');
    await expect(page.getByRole('button', { name: 'See packages' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.getByRole('button', { name: 'Español' }).click();
    await expect(page.getByText('Damos servicio en esta dirección, pero aquí aún no se pueden hacer pedidos en línea. Haga su pedido en el quiosco de una de nuestras tiendas, donde el personal le ayudará, o llámenos y lo preparamos con usted:')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ver paquetes' })).toHaveCount(0);
    await expectNoAxeViolations(page);
  });
}

// ---------------------------------------------------------------------------------------------
// 4–5. Identity: an expired code, and an existing customer's contact.

async function toIdentity(page: Page) {
  await checkAddress(page, '1 Calle Sol, San Juan');
  await page.getByRole('button', { name: 'See packages' }).click();
  await page.getByRole('button', { name: 'Already a customer? Verify with a one-time code' }).click();
  await expect(h1(page, 'Verify it is you')).toBeFocused();
}

async function sendCode(page: Page, contact: string) {
  await page.getByLabel('Email address or phone number').fill(contact);
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText('If this contact is on an account, a 6-digit code is on its way. It is valid for 10 minutes.')).toBeVisible();
}

async function enterCode(page: Page, code: string) {
  await page.getByLabel('One-time code').fill(code);
  await page.getByRole('button', { name: 'Verify', exact: true }).click();
}

test('identity: a code older than 10 minutes has expired; a new one verifies', async ({ page }) => {
  await toIdentity(page);
  // A contact of its own, so no earlier run's wrong codes or lock get in the way.
  await sendCode(page, `expiry-${Date.now()}@example.pr`);
  await advanceSandboxClock(page, 10 * 60 + 5);
  await enterCode(page, '123456');
  const summary = page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toContainText('That code has expired. Ask for a new one.');
  await expect(page.getByLabel('One-time code')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(/Thank you/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Send a new code' }).click();
  await expect(page.getByLabel('Email address or phone number')).toBeVisible();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(/a 6-digit code is on its way/)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'expired' })).toHaveCount(0);
  await enterCode(page, '123456');
  await expect(page.getByText('Thank you: your contact is verified.')).toBeVisible();
  await page.getByRole('button', { name: 'See packages' }).click();
  await expect(h1(page, 'Choose your package')).toBeFocused();
});

test('identity: an existing customer by phone is greeted by name; an unknown contact is told the same until verified', async ({ page }) => {
  // The phone in another spelling: the sandbox knows it as the ten digits 7875550100.
  await toIdentity(page);
  await sendCode(page, '+1 (787) 555-0100');
  await enterCode(page, '123456');
  const welcome = page.getByRole('status').filter({ hasText: 'Thank you' });
  await expect(welcome).toHaveText(/^Thank you, DEV TESTING001: you are verified\. We will add this order to your account\./);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'See packages' }).click();
  await expect(h1(page, 'Choose your package')).toBeFocused();

  // Someone with no account (in a new browser session) reads the same "code is on its way"
  // (sendCode checks it), and is not greeted as an account holder after verifying.
  await page.context().clearCookies();
  await toIdentity(page);
  await sendCode(page, `new-${Date.now()}@example.pr`);
  await enterCode(page, '123456');
  await expect(page.getByRole('status').filter({ hasText: 'Thank you' })).toHaveText(/^Thank you: your contact is verified\./);
  await expect(page.getByText(/DEV TESTING001|We will add this order to your account/)).toHaveCount(0);
});

// ---------------------------------------------------------------------------------------------
// 6. Placing the order when the network fails: "Confirming your order…", polling, one order.

type OrderCall = { key: string; body: string; headers: Record<string, string> };

/** Every POST /api/v1/order (with its key) and every GET /api/v1/order the page sends. */
function watchOrderCalls(page: Page) {
  const posts: OrderCall[] = [];
  const polls: string[] = [];
  page.on('request', (r: Request) => {
    if (!new URL(r.url()).pathname.endsWith('/api/v1/order')) return;
    if (r.method() === 'POST') posts.push({ key: r.headers()['idempotency-key'], body: r.postData() ?? '', headers: r.headers() });
    if (r.method() === 'GET') polls.push(r.url());
  });
  return { posts, polls };
}

/** The proxy's record of this browser session's order attempt (GET /api/v1/order). */
async function orderStatus(page: Page) {
  const res = await page.request.get('/api/v1/order');
  expect(res.ok()).toBe(true);
  return res.json();
}

/** Orders the sandbox has created (its SQLite file, read-only, through Debian's `sqlite3`, which
 * scripts/setup installs). We hold the sandbox clock lock, so no other spec file places orders
 * meanwhile. */
function sandboxOrders(): number {
  const out = execFileSync('sqlite3', ['-readonly', 'target/e2e-sandbox.sqlite', 'SELECT count(*) FROM product_orders'], { encoding: 'utf8' });
  return Number(out.trim());
}

function expectOneNewOrder(before: number) {
  expect(sandboxOrders() - before).toBe(1);
}

async function toPlaceOrder(page: Page) {
  await holdPackage(page, '1 Calle Sol, San Juan', /^Internet 500 1P Internet/);
  await passCredit(page);
  await install(page, 'Self install');
  await acceptTerms(page);
  await toReview(page);
}

const confirmedOrderId = (page: Page) =>
  page.locator('dl.summary').getByText('Order number').locator('xpath=following-sibling::dd[1]');

test('place order: the first call never arrives; confirming, polling, then one order', async ({ page }) => {
  const calls = watchOrderCalls(page);
  await toPlaceOrder(page);
  const before = sandboxOrders();
  let aborted = 0;
  await page.route('**/api/v1/order', async (route) => {
    if (route.request().method() === 'POST' && aborted === 0) {
      aborted++;
      return route.abort('failed');
    }
    return route.continue();
  });
  await contactAndPlace(page);
  await expect(h1(page, 'Confirming your order…')).toBeVisible();
  await expect(page.getByText('This is taking longer than usual. We are checking with our systems whether your order went through. Please do not order again and do not close this page.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  expect(aborted).toBe(1);
  expect(calls.polls.length).toBeGreaterThan(0);
  // The proxy found no order under the key, so the app sent it again: the same key.
  expect(calls.posts).toHaveLength(2);
  expect(calls.posts[1].key).toBe(calls.posts[0].key);
  const shown = (await confirmedOrderId(page).textContent())!.trim();
  const status = await orderStatus(page);
  expect(status.outcome.orderId).toBe(shown);
  expectOneNewOrder(before);
  await expectNoAxeViolations(page);
});

test('place order: the answer is lost; confirming, polling, the one order, and a retry places nothing new', async ({ page }) => {
  const calls = watchOrderCalls(page);
  await toPlaceOrder(page);
  const before = sandboxOrders();
  let dropped = 0;
  await page.route('**/api/v1/order', async (route) => {
    if (route.request().method() === 'POST' && dropped === 0) {
      dropped++;
      await route.fetch(); // the proxy places the order…
      return route.abort('failed'); // …and the answer never reaches the page
    }
    return route.continue();
  });
  await contactAndPlace(page);
  await expect(h1(page, 'Confirming your order…')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  expect(calls.polls.length).toBeGreaterThan(0);
  expect(calls.posts).toHaveLength(1);
  const shown = (await confirmedOrderId(page).textContent())!.trim();
  expect(shown).not.toBe('');
  const status = await orderStatus(page);
  expect(status.outcome.orderId).toBe(shown);

  // The same request again, as a retry would send it: the proxy answers the first order.
  const first = calls.posts[0];
  const again = await page.request.post('/api/v1/order', {
    headers: { 'content-type': first.headers['content-type'], 'idempotency-key': first.key,
      ...Object.fromEntries(Object.entries(first.headers).filter(([k]) => k.startsWith('x-'))) },
    data: first.body,
  });
  expect(again.status()).toBe(200);
  expect(again.headers()['idempotent-replayed']).toBe('true');
  const replay = await again.json();
  expect(replay.outcome.orderId).toBe(shown);
  expectOneNewOrder(before);
});

test('place order: the answer is lost and the customer reloads; the same order, never a second', async ({ page }) => {
  const calls = watchOrderCalls(page);
  await toPlaceOrder(page);
  const before = sandboxOrders();
  // The proxy places the order, and its answer hangs: the page still says "placing".
  let reached: () => void = () => {};
  const placedUpstream = new Promise<void>((r) => { reached = r; });
  let hung = 0;
  await page.route('**/api/v1/order', async (route) => {
    if (route.request().method() === 'POST' && hung === 0) {
      hung++;
      await route.fetch();
      reached();
      return new Promise(() => {}); // never answered; the reload below cancels it
    }
    return route.continue();
  });
  await contactAndPlace(page);
  await expect(h1(page, 'Placing your order…')).toBeVisible();
  await placedUpstream;
  const key = await page.evaluate(() => sessionStorage.getItem('ck-order-key'));
  expect(key).toMatch(/^[0-9a-f-]{36}$/);
  // No way back to press "Place order" a second time: Back keeps the customer here.
  await page.goBack();
  await expect(h1(page, 'Placing your order…')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Place order' })).toHaveCount(0);
  // The impatient customer reloads.
  await page.reload();
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  const shown = (await confirmedOrderId(page).textContent())!.trim();
  const status = await orderStatus(page);
  expect(status.outcome.orderId).toBe(shown);
  expect(calls.posts.map((p) => p.key)).toEqual([key]);
  expect(status.status).toBe('placed');
  expectOneNewOrder(before);
  expect(await page.evaluate(() => sessionStorage.getItem('ck-order-key'))).toBeNull();
});

// Once the confirmation is shown the app forgets the attempt's key; a reload must still find
// the placed order (src/resume.rs asks GET /api/v1/order for a cart no longer on hold).
test('a reload after the confirmation shows the confirmation again, never the cart', async ({ page }) => {
  await toPlaceOrder(page);
  await contactAndPlace(page);
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  const shown = (await confirmedOrderId(page).textContent())!.trim();
  await page.reload();
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 10_000 });
  await expect(confirmedOrderId(page)).toHaveText(shown);
  await expect(page.getByText('Welcome back: your cart is still held for you.')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Continue to the credit check' })).toHaveCount(0);
});

test('place order: the back office answers too late; confirming, then the one order it made', async ({ page }) => {
  const calls = watchOrderCalls(page);
  // docs/sandbox.md: a `slowanswer` address's order is made at once and answered after 8 s;
  // the proxy waits 5 s, so the answer is lost on the way.
  await holdPackage(page, '11 Slowanswer Road, San Juan', /^Internet 500 1P Internet/);
  await passCredit(page);
  await install(page, 'Self install');
  await acceptTerms(page);
  await toReview(page);
  const before = sandboxOrders();
  await contactAndPlace(page);
  await expect(page.getByText('Confirming your order…').first()).toBeVisible({ timeout: 15_000 });
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 30_000 });
  expect(calls.posts).toHaveLength(1);
  const status = await orderStatus(page);
  expect(status.status).toBe('placed');
  const shown = (await confirmedOrderId(page).textContent())!.trim();
  expect(status.outcome.orderId).toBe(shown);
  expectOneNewOrder(before);
  await expectNoAxeViolations(page);
});

test('two tabs at the review: the first places the order, the second shows that order (issue 24, 3)', async ({ page }) => {
  await toPlaceOrder(page);
  const before = sandboxOrders();
  // A second tab of the same checkout picks it up from the proxy's session (GET
  // /api/v1/checkout): credit, installation and terms as the first tab left them, the prices
  // asked again; then on to the review.
  const tab2 = await page.context().newPage();
  await tab2.goto('/');
  await expect(h1(tab2, 'Your prices')).toBeVisible({ timeout: 15_000 });
  await expect(tab2.getByRole('table')).toContainText('Total');
  await tab2.getByRole('button', { name: 'Continue' }).click();
  await expect(h1(tab2, 'Review and place your order')).toBeVisible();

  await contactAndPlace(page);
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  const shown = (await confirmedOrderId(page).textContent())!.trim();

  await contactAndPlace(tab2);
  await expect(h1(tab2, 'Your order is placed')).toBeVisible({ timeout: 20_000 });
  expect((await confirmedOrderId(tab2).textContent())!.trim()).toBe(shown);
  await expect(tab2.getByText(/can no longer be changed/)).toHaveCount(0);
  expectOneNewOrder(before);
});
