// Kiosk mode (DESIGN §9, docs/kiosk.md): the checkout on a portrait touch screen in a store,
// enrolled as one of the three development kiosks scripts/serve configures. What a shared
// screen needs: enrolment, the attract screen, the kiosk bar, staff sign-in and the call for
// help, the idle question and the reset that leaves nothing of the last customer, the hand-off
// of a held Puerto Rico cart to the customer's phone, and the Jamaica and Panama orders only a
// kiosk can place, checked field for field against seed 004's request bodies in the back
// office's SQLite file (docs/sandbox.md).
//
// One worker, in order: the three kiosks are shared devices (who is signed in at one, and a
// call for help, are the device's, not the browser's), so two tests at one kiosk at once would
// sign each other out. The tests that hold a cart for a while or move the sandbox clock take
// the clock lock (clock-lock.ts) for their part only.
import { test, expect as baseExpect, type BrowserContext, type Locator, type Page, type Response } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { SANDBOX, advanceSandboxClock, expectGoodStep, expectNoAxeViolations, expectNoUntaggedEnglish, h1 } from './helpers';
import { useSandboxClockAlone } from './clock-lock';

// A release WASM build on two busy cores: every wait is generous.
const expect = baseExpect.configure({ timeout: 15_000 });

test.describe.configure({ mode: 'default', timeout: 180_000 });
// A kiosk's screen: 1080 × 1920 portrait, touch, not a phone.
test.use({ viewport: { width: 1080, height: 1920 }, hasTouch: true, isMobile: false });

const PROXY = 'http://127.0.0.1:18080';
const SANDBOX_DB = 'target/e2e-sandbox.sqlite';
/** `checkout_core::wire::CSRF_HEADER` / `CSRF_VALUE`: every state-changing API call carries it. */
const CSRF = { 'x-checkout-csrf': '1' };
const DEVICE_COOKIE = 'checkout-kiosk';
const CUSTOMER_COOKIE = 'checkout';

type Device = 'dev-jm' | 'dev-pa' | 'dev-pr';
const SECRET: Record<Device, string> = {
  'dev-jm': 'dev-kiosk-jamaica-secret-000000000000',
  'dev-pa': 'dev-kiosk-panama-secret-0000000000000',
  'dev-pr': 'dev-kiosk-puertorico-secret-000000000',
};
const enrolLink = (d: Device) => `${PROXY}/kiosk/enrol?device=${d}&code=${SECRET[d]}`;

const WRONG_PIN = 'That employee number and PIN do not match. Please try again.';
const START_OVER_QUESTION = 'Start over? Everything you entered will be cleared.';
const HANDOFF_GONE = 'This link was used already or has expired. Please ask in the store for a new one.';

// Seed 004 (/work/shared/seeds/tmf622-product-order-pr-jm-pa.txt), copied as the seed writes
// them (only the blank lines between the seed's lines left out). The PA request is the first
// of the seed's two bodies headed "Response for PA" (checkout_core::jm_pa_order says why).
const SEED_JM_LIBERATE = JSON.parse(String.raw`{
   "category": "R",
   "billingAccount": {
       "id": "100015870000"
   },
   "orderCharacteristics": {
       "cisEmpId": "99999",
       "depttCode": "AQSAL",
       "siteCode": "ANSQ",
       "sourceOfApplication": "3",
       "salesRepId": "99999",
       "carrierUniqueServId": "0",
       "lastLineNumber": "last line number of order",
       "exchangeId": "FLTV",
       "numberAreaCode": "BODG"
   },
   "serviceAddress": {
       "addrNo": "",
       "addrType": "A",
       "addrLine1": "Street no",
       "addrLine2": "road",
       "addrLine3": "TROPICAL PLAZA",
       "addrLine4": "KINGSTON",
       "addrLine5": "Jamaica",
       "addrPostCode": "00000"
   },
   "productOrderItem": [
       {
           "id": "609002_RES",
           "quantity": 1,
           "action": "add",
           "product": {
               "isBundle": true
           }
       }
   ]
}`);

const SEED_JM_CERILLION = JSON.parse(String.raw`{
   "category": "R",
   "billingAccount": {
       "id": "100015870000"
   },
   "orderCharacteristics": {
       "cisEmpId": "99999",
       "depttCode": "AQSAL",
       "siteCode": "ANSQ",
       "sourceOfApplication": "3",
       "salesRepId": "99999",
       "carrierUniqueServId": "0",
       "lastLineNumber": "last line number of order",
       "exchangeId": "FLTV",
       "numberAreaCode": "BODG"
   },
   "serviceAddress": {
       "addrNo": "",
       "addrType": "A",
       "addrLine1": "Street no",
       "addrLine2": "road",
       "addrLine3": "TROPICAL PLAZA",
       "addrLine4": "KINGSTON",
       "addrLine5": "Jamaica",
       "addrPostCode": "00000"
   },
   "productOrderItem": [
       {
           "id": "RSPBDESS",
           "quantity": 1,
           "action": "add",
           "product": {
               "isBundle": true,
            "productCharacteristic": [
        {
        "name": "discountGroupCode",
        "valueType": "string",
                "value": "B2BI2"
         }
                     ]
           }
       }
   ]
}`);

const SEED_PA = JSON.parse(String.raw`{
      "billingAccount":{
        "id": "324063130000"
    },
   "orderCharacteristics":
      {
         "cisEmpId":"99999",
         "depttCode":"TIEN",
         "siteCode":"FTTH",
         "sourceOfApplication":"EH",
         "salesRepId":"70013",
         "carrierUniqueServId":"0",
         "lastLineNumber":"last line number of order",
         "exchangeId_TP": "POGP",
        "numberAreaCode_TP": "POBS",
        "exchangeId_DS": "POGP",
        "numberAreaCode_DS": "POBS",
        "exchangeId_TI": "PFLO",
        "numberAreaCode_TI": "FPME",
        "exchangeId_MO": "PSC",
        "numberAreaCode_MO": "CDEM"
      },
    "serviceAddress":
      {
         "addrType":"Q",
         "addrLine1":"casa A159",
         "addrLine2":"Calle Santo Tom",
         "addrLine3":"CIUDA SAN LORENZO",
         "addrLine4":"LAS CUMBRES",
         "addrLine5":"PANAMA"
      },
   "productOrderItem":[
      {
         "id":"2P600LF",
         "quantity":1,
         "action":"add",
         "product":{
            "isBundle":true,
            "@type":"Bundle"
         },
         "@type":"ProductOrderItem"
      }
   ],
   "@type":"ProductOrder"
}`);

// The typed addresses whose comma-separated parts are exactly the seed's five lines
// (docs/sandbox.md, "Kiosk mode").
const JM_ADDRESS = 'Street no, road, TROPICAL PLAZA, KINGSTON, Jamaica';
const PA_ADDRESS = 'casa A159, Calle Santo Tom, CIUDA SAN LORENZO, LAS CUMBRES, PANAMA';

// ---------------------------------------------------------------------------------------------
// Unique customers: the sandbox is shared with every other spec and with earlier tests here.

function letters(n = 6) {
  return Array.from({ length: n }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}

let serial = 0;
/** Digits no other test in this run types: a house number that finds this test's hold. */
function uniqueNumber() {
  serial += 1;
  return `${String(Date.now()).slice(-6)}${serial}`;
}

function customer(kind: string, phonePrefix: string) {
  const tag = letters();
  const fourDigits = String(1000 + Math.floor(Math.random() * 9000));
  return {
    name: `Kiosk ${kind} ${tag[0].toUpperCase()}${tag.slice(1)}`,
    email: `kiosk-${kind.toLowerCase()}-${tag}@example.com`,
    phone: `${phonePrefix} ${fourDigits}`,
  };
}

function escapeRegExp(s: string) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Contexts a test opens besides its own page (the phone, a plain browser) close after it.

const extraContexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(extraContexts.splice(0).map((c) => c.close()));
});

// ---------------------------------------------------------------------------------------------
// The back office's SQLite file, read-only, as embed.spec.ts and more.spec.ts read it.

function sandboxRows<T>(sql: string): T[] {
  const out = execFileSync('sqlite3', ['-readonly', '-json', SANDBOX_DB, sql], { encoding: 'utf8' }).trim();
  return out ? (JSON.parse(out) as T[]) : [];
}

/** The productOrder the back office took under this id: the request as it received it. */
function productOrder(id: string) {
  expect(id).toMatch(/^[A-Za-z0-9]+$/);
  const rows = sandboxRows<{ request: string | null; created_at: number; business_id: string }>(
    `SELECT request, created_at, business_id FROM product_orders WHERE id = '${id}'`);
  expect(rows, `product order ${id} in the sandbox`).toHaveLength(1);
  expect(rows[0].request).toBeTruthy();
  return { request: JSON.parse(rows[0].request!), createdAt: Number(rows[0].created_at), businessId: rows[0].business_id };
}

/** The states of the held orders (carts) whose street address holds `token`. */
function holdStatuses(token: string) {
  expect(token).toMatch(/^\d+$/);
  return sandboxRows<{ status: string }>(
    `SELECT status FROM orders WHERE street_address LIKE '%${token}%' ORDER BY created_at`).map((r) => r.status);
}

/** The sandbox's clock now (ms): its `__admin/clock`, the time every `x-server-time` carries. */
async function sandboxNow(page: Page) {
  const res = await page.request.get(`${SANDBOX}/__admin/clock`);
  expect(res.ok()).toBe(true);
  return Date.parse((await res.json()).serverTime);
}

// ---------------------------------------------------------------------------------------------
// The kiosk's screens.

/** Enrol this test's browser as `device` (the link's cookie lands in the context), clear what
 * an earlier test may have left at that shared device (someone signed in), and open `/kiosk`
 * on its attract screen. Returns the history length a visit must leave as it found it. */
async function startKiosk(page: Page, device: Device) {
  const enrol = await page.request.get(enrolLink(device), { maxRedirects: 0 });
  expect(enrol.status()).toBe(303);
  expect(enrol.headers()['location']).toBe('/kiosk');
  expect((await page.context().cookies()).map((c) => c.name)).toContain(DEVICE_COOKIE);
  const reset = await page.request.post('/api/v1/kiosk/reset', { headers: CSRF });
  expect(reset.status()).toBe(204);
  await page.goto('/kiosk');
  await expect(attractHeading(page)).toBeVisible({ timeout: 30_000 });
  return page.evaluate(() => history.length);
}

/** The attract screen's heading: "Welcome" (with "Bienvenido", or alone in Spanish). */
const attractHeading = (page: Page) => h1(page, /Welcome|Bienvenido/);

async function chooseEnglish(page: Page) {
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await expect(h1(page, 'Check your address')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
}

const kioskBar = (page: Page) => page.getByRole('navigation', { name: 'Kiosk' });
const staffDialog = (page: Page) => page.getByRole('dialog', { name: 'Staff sign-in' });
const idleQuestion = (page: Page) => page.getByRole('alertdialog', { name: 'Are you still there?' });
const confirmStartOver = (page: Page) =>
  page.getByRole('dialog').or(page.getByRole('alertdialog')).filter({ hasText: START_OVER_QUESTION });
/** The bundle form's "Staff approval" section (the innermost, should sections nest). */
const staffApproval = (page: Page) =>
  page.getByRole('region', { name: 'Staff approval' })
    .or(page.locator('section').filter({ has: page.getByRole('heading', { name: 'Staff approval', exact: true }) }))
    .last();

/** Choose a radio: the control itself, or its label card when that is what takes the press. */
async function choose(page: Page, radio: Locator) {
  await expect(radio).toHaveCount(1);
  try {
    await radio.check({ timeout: 5_000 });
  } catch {
    const id = await radio.getAttribute('id');
    await (id ? page.locator(`label[for="${id}"]`) : page.locator('label').filter({ has: radio })).click();
  }
  await expect(radio).toBeChecked();
}

/** From the address step to the Jamaica / Panama bundles (directly, or through the result's
 * "See bundles" button). */
async function toBundles(page: Page, address: string) {
  await page.getByLabel('Service address').fill(address);
  await page.getByRole('button', { name: 'Check availability' }).click();
  const heading = h1(page, 'Choose your bundle');
  const see = page.getByRole('button', { name: /^See (bundles|packages)$/ });
  await expect(heading.or(see)).toBeVisible({ timeout: 20_000 });
  if (await see.isVisible()) await see.click();
  await expect(heading).toBeVisible();
}

/** A Puerto Rico address to a held cart, as flow.spec.ts holds one. */
async function holdAtKiosk(page: Page, address: string) {
  await page.getByLabel('Service address').fill(address);
  await page.getByRole('button', { name: 'Check availability' }).click();
  await page.getByRole('button', { name: 'See packages' }).click();
  await expect(h1(page, 'Choose your package')).toBeVisible();
  await choose(page, page.getByRole('radio', { name: /^Internet 500 1P Internet/ }));
  await page.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(h1(page, 'Your cart')).toBeVisible({ timeout: 20_000 });
}

/** Type a number and PIN into the open staff dialog and wait for the proxy's answer. */
async function signIn(page: Page, employee: string, pin: string) {
  const dialog = staffDialog(page);
  await dialog.getByLabel('Employee number').fill(employee);
  await dialog.getByLabel('PIN', { exact: true }).fill(pin);
  const answered = page.waitForResponse((r) =>
    r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/kiosk/staff');
  await dialog.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

async function closeStaffDialog(page: Page) {
  const dialog = staffDialog(page);
  const close = dialog.getByRole('button', { name: 'Close', exact: true });
  if (await close.isVisible()) await close.click();
  else await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

async function kioskView(page: Page) {
  const res = await page.request.get('/api/v1/kiosk');
  expect(res.status()).toBe(200);
  return res.json() as Promise<{ store: string; market: string; staff?: string; helpRequested: boolean }>;
}

// ---------------------------------------------------------------------------------------------
// Accessibility on a kiosk: axe-clean, and every target at least 48 × 48 CSS px (a finger on a
// kiosk, not a mouse; a radio or checkbox is pressed through its label card).

async function expectLargeTargets(page: Page) {
  const small = await page.evaluate(() => {
    const MIN = 48 - 0.5; // sub-pixel layout
    const modal = document.querySelector('dialog:modal');
    const describe = (el: Element) => {
      const r = el.getBoundingClientRect();
      const text = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 50);
      return `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}> "${text}" ${Math.round(r.width)}×${Math.round(r.height)}`;
    };
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      // Not rendered, or visually hidden for screen readers only (1 × 1, clipped).
      if (r.width <= 1 || r.height <= 1) return false;
      // Moved off the page until focused (a skip link).
      if (r.right + window.scrollX <= 0 || r.bottom + window.scrollY <= 0) return false;
      return el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
    };
    const targets = new Set<Element>();
    const selector = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=button], ' +
      '[role=link], [role=radio], [role=checkbox], [role=switch], [role=tab], [role=option], [role=menuitem], ' +
      '[tabindex]:not([tabindex^="-"])';
    for (const el of document.querySelectorAll(selector)) {
      // Behind a modal dialog nothing can be pressed (inert): those are checked on their own screens.
      if (modal && !modal.contains(el)) continue;
      if (el.closest('[inert]')) continue;
      const choice = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
      if (choice) {
        const label = (el as HTMLInputElement).labels?.[0] ?? el.closest('label');
        if (label && shown(label)) targets.add(label);
        else if (shown(el)) targets.add(el);
      } else if (shown(el)) {
        targets.add(el);
      }
    }
    return [...targets].filter((t) => {
      const r = t.getBoundingClientRect();
      return r.width < MIN || r.height < MIN;
    }).map(describe);
  });
  expect(small, 'touch targets smaller than 48 × 48 CSS px').toEqual([]);
}

async function expectKioskScreenOk(page: Page) {
  await expectNoAxeViolations(page);
  await expectLargeTargets(page);
}

// ---------------------------------------------------------------------------------------------
// The end of a visit.

/** `trigger` ends the visit: the page asks the proxy to reset (204, `Clear-Site-Data`) and
 * loads `/kiosk` again, a new document, on the attract screen. */
async function resetsToAttract(page: Page, trigger: () => Promise<unknown>, opts: { onNewDocument?: () => Promise<void> } = {}) {
  await page.evaluate(() => { (window as unknown as { lastVisit?: boolean }).lastVisit = true; });
  const reset = page.waitForResponse((r) =>
    r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/kiosk/reset', { timeout: 30_000 });
  await trigger();
  const res = await reset;
  expect(res.status()).toBe(204);
  // (allHeaders: headers() leaves the security-related ones out.)
  const clear = (await res.allHeaders())['clear-site-data'] ?? '';
  expect(clear).toContain('"cache"');
  expect(clear).toContain('"storage"');
  // Not "cookies": that would take the device's enrolment with it.
  expect(clear).not.toContain('"cookies"');
  // A new document: nothing of this visit's page (its WASM memory included) lives on.
  await expect.poll(() => page.evaluate(() => (window as unknown as { lastVisit?: boolean }).lastVisit ?? 'gone')
    .catch(() => 'navigating'), { timeout: 30_000 }).toBe('gone');
  if (opts.onNewDocument) await opts.onNewDocument();
  await expect(attractHeading(page)).toBeVisible({ timeout: 30_000 });
  const url = new URL(page.url());
  expect(url.pathname).toBe('/kiosk');
  expect(url.search + url.hash).toBe('');
}

/** After a reset: the browser holds nothing of the last customer, and neither does the proxy. */
async function expectNothingOfTheCustomer(page: Page, historyAtStart: number, personal: string[]) {
  const left = await page.evaluate(async () => ({
    local: Object.entries(localStorage),
    session: Object.entries(sessionStorage),
    indexedDb: (await indexedDB.databases()).map((d) => d.name),
    caches: typeof caches === 'undefined' ? [] : await caches.keys(),
    cookie: document.cookie,
    history: history.length,
    historyState: JSON.stringify(history.state ?? null),
    html: document.documentElement.outerHTML,
    text: document.body.innerText,
    url: location.href,
  }));
  expect(left.local).toEqual([]);
  expect(left.session).toEqual([]);
  expect(left.indexedDb).toEqual([]);
  expect(left.caches).toEqual([]);
  // The device cookie is HttpOnly, the customer's is gone.
  expect(left.cookie).toBe('');
  // No entry of the visit for the next customer's Back button.
  expect(left.history).toBe(historyAtStart);
  for (const p of personal) {
    for (const where of ['html', 'text', 'url', 'historyState'] as const) {
      expect(left[where], `"${p}" in the page's ${where} after the reset`).not.toContain(p);
    }
  }
  const cookies = await page.context().cookies();
  expect(cookies.map((c) => c.name)).toEqual([DEVICE_COOKIE]);
  expect(cookies.map((c) => c.name)).not.toContain(CUSTOMER_COOKIE);
  const progress = await page.request.get('/api/v1/checkout');
  expect(progress.status()).toBe(200);
  const body = await progress.json();
  expect(body.cart ?? null).toBeNull();
}

// ---------------------------------------------------------------------------------------------
// A Jamaica or Panama order at the kiosk.

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];

/** "Ordered on Saturday, 5 December 2026 at 10:30 AM, Kingston time (UTC−5)": the instant (UTC
 * ms) of the minute shown, read as UTC−5 (Jamaica and Panama keep no daylight saving). */
function orderedAt(text: string, city: string) {
  const shape = new RegExp(`Ordered on (${DAYS.join('|')}), (\\d{1,2}) (${MONTHS.join('|')}) (\\d{4}) at ` +
    `(\\d{1,2}):(\\d{2})[ \\u00a0\\u202f]([AP]M), ${escapeRegExp(city)} time \\(UTC\\u22125\\)`);
  const m = text.match(shape);
  expect(m, `"Ordered on …, ${city} time (UTC−5)" on the confirmation:\n${text}`).not.toBeNull();
  const [, weekday, day, month, year, hour, minute, half] = m!;
  expect(Number(hour)).toBeGreaterThanOrEqual(1);
  expect(Number(hour)).toBeLessThanOrEqual(12);
  const h24 = (Number(hour) % 12) + (half === 'PM' ? 12 : 0);
  const local = Date.UTC(Number(year), MONTHS.indexOf(month), Number(day), h24, Number(minute));
  expect(DAYS[new Date(local).getUTCDay()], 'the weekday shown is the date\'s').toBe(weekday);
  return local + 5 * 3600_000;
}

/** What the back office received equals the seed's body, field for field, but for the billing
 * account the back office opened for this customer (an id: digits). */
function expectSeedBody(received: Record<string, any>, seed: Record<string, any>) {
  const account = received.billingAccount?.id;
  expect(typeof account).toBe('string');
  expect(account).toMatch(/^\d+$/);
  expect(received.orderCharacteristics).toEqual(seed.orderCharacteristics);
  expect(received.serviceAddress).toEqual(seed.serviceAddress);
  expect(received.productOrderItem).toEqual(seed.productOrderItem);
  expect({ ...received, billingAccount: { ...received.billingAccount, id: seed.billingAccount.id } }).toEqual(seed);
}

interface MarketCase {
  device: Device;
  kind: string;
  phonePrefix: string;
  address: string;
  bundle: string;
  seed: Record<string, any>;
  businessId: 'JM' | 'PA';
  reference: RegExp;
  city: string;
  /** Which "Staff" button the employee is called with: the approval section's or the bar's. */
  staffFrom: 'approval' | 'bar';
}

interface MarketOptions {
  /** axe and target sizes on each screen. */
  checkScreens?: boolean;
  /** Around the press of "Place order" (the request in flight in between). */
  beforePlace?: () => Promise<void>;
  afterPlace?: () => Promise<void>;
}

async function marketOrder(page: Page, c: MarketCase, o: MarketOptions = {}) {
  const person = customer(c.kind, c.phonePrefix);
  const historyAtStart = await startKiosk(page, c.device);
  if (o.checkScreens) await expectKioskScreenOk(page); // attract
  await chooseEnglish(page);
  if (o.checkScreens) await expectKioskScreenOk(page); // address
  await toBundles(page, c.address);

  const bundle = page.getByRole('radio', { name: new RegExp(escapeRegExp(c.bundle)) });
  // (Present, not necessarily visible: the card around it is what shows.)
  await expect(bundle).toHaveCount(1);
  if (o.checkScreens) await expectKioskScreenOk(page); // bundles
  await choose(page, bundle);
  const nameBox = page.getByRole('textbox', { name: /^Full name/ });
  const emailBox = page.getByRole('textbox', { name: /^Email/ });
  const phoneBox = page.getByRole('textbox', { name: /phone/i });
  await nameBox.fill(person.name);
  await emailBox.fill(person.email);
  await phoneBox.fill(person.phone);

  // No employee signed in yet: the order waits for one.
  const approval = staffApproval(page);
  await expect(approval).toContainText('A store employee must sign in to approve this order.');
  const opener = c.staffFrom === 'approval'
    ? approval.getByRole('button', { name: 'Staff', exact: true })
    : kioskBar(page).getByRole('button', { name: 'Staff', exact: true });
  await opener.click();
  const dialog = staffDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Employee number')).toBeVisible();
  if (o.checkScreens) await expectKioskScreenOk(page); // staff dialog open
  await signIn(page, '99999', '2468');
  await expect(dialog.getByText('Signed in: Dana Reid')).toBeVisible();
  await closeStaffDialog(page);
  await expect(approval).toContainText('Approved by Dana Reid');
  // What the customer typed is still there after the employee's visit.
  await expect(nameBox).toHaveValue(person.name);
  await expect(emailBox).toHaveValue(person.email);
  await expect(phoneBox).toHaveValue(person.phone);
  await expect(bundle).toBeChecked();

  const clockBefore = await sandboxNow(page);
  if (o.beforePlace) await o.beforePlace();
  await page.getByRole('button', { name: 'Place order' }).click();
  if (o.afterPlace) await o.afterPlace();
  await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 30_000 });
  const clockAfter = await sandboxNow(page);

  const text = await page.locator('body').innerText();
  const reference = text.match(/Order reference\s+([A-Za-z0-9-]+)/)?.[1];
  expect(reference, `"Order reference …" on the confirmation:\n${text}`).toMatch(c.reference);

  // The body the back office received is the seed's.
  const placed = productOrder(reference!);
  expect(placed.businessId).toBe(c.businessId);
  expectSeedBody(placed.request, c.seed);

  // The time shown is the back office's (its clock, fast-forwarded or not), in the market's
  // time, to the minute (±1 minute).
  expect(placed.createdAt).toBeGreaterThanOrEqual(clockBefore);
  expect(placed.createdAt).toBeLessThanOrEqual(clockAfter);
  const shown = orderedAt(text, c.city);
  expect(placed.createdAt - shown, 'the order time shown, against the back office\'s').toBeGreaterThanOrEqual(-60_000);
  expect(placed.createdAt - shown, 'the order time shown, against the back office\'s').toBeLessThan(120_000);
  if (o.checkScreens) await expectKioskScreenOk(page); // confirmation

  await resetsToAttract(page, () => page.getByRole('button', { name: 'Finish', exact: true }).click());
  await expectNothingOfTheCustomer(page, historyAtStart, [person.name, person.email, person.phone, c.address]);
}

const LIBERATE: MarketCase = {
  device: 'dev-jm', kind: 'Liberate', phonePrefix: '876 555', address: JM_ADDRESS,
  bundle: 'Home Internet 100 Mbps + Phone', seed: SEED_JM_LIBERATE, businessId: 'JM',
  reference: /^DJ\d{4}H$/, city: 'Kingston', staffFrom: 'approval',
};
const CERILLION: MarketCase = {
  ...LIBERATE, kind: 'Cerillion', bundle: 'Internet 300 Mbps + TV + Phone', seed: SEED_JM_CERILLION,
  staffFrom: 'bar',
};
const PANAMA: MarketCase = {
  device: 'dev-pa', kind: 'Panama', phonePrefix: '+507 6555', address: PA_ADDRESS,
  bundle: 'Fibra 600 Mbps + Teléfono', seed: SEED_PA, businessId: 'PA',
  reference: /^FL\d{4}H$/, city: 'Panama City', staffFrom: 'approval',
};

// =============================================================================================

test('enrolment: the link enrols this browser only, and its secret and the store codes stay on the server', async ({ page, browser }) => {
  const secret = SECRET['dev-jm'];
  const hidden = [secret, 'AQSAL', 'ANSQ'];
  const bodies: Promise<{ url: string; text: string }>[] = [];
  const readBody = async (r: Response) => {
    const type = r.headers()['content-type'] ?? '';
    if (!/text|json|javascript|xml|svg/.test(type)) return { url: r.url(), text: '' };
    try {
      return { url: r.url(), text: await r.text() };
    } catch {
      return { url: r.url(), text: '' }; // a redirect has no body
    }
  };
  page.on('response', (r) => { bodies.push(readBody(r)); });
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  const landed = await page.goto(enrolLink('dev-jm'));
  // 303 to /kiosk, the secret in no URL the page keeps.
  const hop = landed!.request().redirectedFrom();
  expect(hop).not.toBeNull();
  const enrolled = await hop!.response();
  expect(enrolled!.status()).toBe(303);
  expect((await enrolled!.allHeaders())['location']).toBe('/kiosk');
  expect(landed!.status()).toBe(200);
  expect(new URL(page.url()).pathname).toBe('/kiosk');
  expect(page.url()).not.toContain(secret);
  const device = (await page.context().cookies()).find((c) => c.name === DEVICE_COOKIE);
  expect(device).toMatchObject({ value: `dev-jm.${secret}`, httpOnly: true, path: '/' });
  // Whatever an earlier run left at this shared device (someone signed in) goes first.
  expect((await page.request.post('/api/v1/kiosk/reset', { headers: CSRF })).status()).toBe(204);
  await page.reload();

  // The attract screen: welcome, and the two languages.
  await expect(h1(page, 'Welcome')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: 'English', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Español', exact: true })).toBeVisible();
  expect(await kioskView(page)).toMatchObject({ store: 'Tropical Plaza, Kingston', market: 'JM', helpRequested: baseExpect.any(Boolean) });
  const pages: string[] = [await page.content()];

  // Through the screens that ask the proxy about the kiosk: address, bundles, staff sign-in.
  await chooseEnglish(page);
  pages.push(await page.content());
  await toBundles(page, JM_ADDRESS);
  await expect(page.getByRole('radio')).not.toHaveCount(0);
  pages.push(await page.content());
  await staffApproval(page).getByRole('button', { name: 'Staff', exact: true }).click();
  await signIn(page, '99999', '2468');
  await expect(staffDialog(page).getByText('Signed in: Dana Reid')).toBeVisible();
  pages.push(await page.content());
  await closeStaffDialog(page);
  await expect(staffApproval(page)).toContainText('Approved by Dana Reid');
  pages.push(await page.content());
  const stored = await page.evaluate(() => JSON.stringify({ l: { ...localStorage }, s: { ...sessionStorage }, c: document.cookie }));
  expect(await page.evaluate(() => document.cookie)).not.toContain(DEVICE_COOKIE);

  await resetsToAttract(page, async () => {
    await kioskBar(page).getByRole('button', { name: 'Start over', exact: true }).click();
    await confirmStartOver(page).getByRole('button', { name: 'Start over', exact: true }).click();
  });
  pages.push(await page.content());

  const fetched = await Promise.all(bodies);
  // (The recording caught the API's answers: the address check's and the bundles' at least.)
  expect(fetched.filter((b) => new URL(b.url).pathname.startsWith('/api/v1/') && b.text).length).toBeGreaterThan(1);
  for (const h of hidden) {
    pages.forEach((html, i) => expect(html, `"${h}" in the page's HTML (snapshot ${i})`).not.toContain(h));
    expect(stored, `"${h}" in the page's storage or cookies`).not.toContain(h);
    for (const b of fetched) expect(b.text, `"${h}" in the body of ${b.url}`).not.toContain(h);
  }
  // After the enrolment link itself, no request of the page carries the secret.
  expect(requested.filter((u) => u.includes(secret)).map((u) => new URL(u).pathname)).toEqual(['/kiosk/enrol']);

  // A browser that was never enrolled is told what this screen is, and the API refuses it.
  const plain = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: false });
  extraContexts.push(plain);
  const visitor = await plain.newPage();
  const refused = await visitor.goto(`${PROXY}/kiosk`);
  expect(refused!.status()).toBe(403);
  await expect(h1(visitor, 'Store kiosk')).toBeVisible();
  await expect(visitor.getByText('This screen is for the kiosks in our stores')).toBeVisible();
  await expect(visitor.getByRole('button', { name: 'English', exact: true })).toHaveCount(0);
  const api = await plain.request.get(`${PROXY}/api/v1/kiosk`);
  expect(api.status()).toBe(403);
  expect(api.headers()['content-type']).toContain('application/problem+json');
  expect((await api.json()).code).toBe('kiosk_only');
  // A wrong code enrols nothing.
  const wrong = await visitor.goto(`${PROXY}/kiosk/enrol?device=dev-jm&code=${'x'.repeat(40)}`);
  expect(wrong!.status()).toBe(403);
  expect(wrong!.headers()['content-type']).toContain('text/html');
  expect((await plain.cookies()).map((c) => c.name)).not.toContain(DEVICE_COOKIE);
  expect((await visitor.goto(`${PROXY}/kiosk`))!.status()).toBe(403);
});

test('the kiosk bar: a customer asks for help, staff signs in and marks it helped', async ({ page }) => {
  await startKiosk(page, 'dev-pr');
  await chooseEnglish(page);
  const bar = kioskBar(page);
  for (const name of ['Staff', 'Ask for help', 'Start over']) {
    await expect(bar.getByRole('button', { name, exact: true })).toBeVisible();
  }
  // Nothing held yet: nothing to take to a phone.
  await expect(bar.getByRole('button', { name: 'Continue on your phone' })).toHaveCount(0);

  await bar.getByRole('button', { name: 'Ask for help', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'A member of staff is on their way.' })).toBeVisible();
  await expect.poll(async () => (await kioskView(page)).helpRequested).toBe(true);

  await bar.getByRole('button', { name: 'Staff', exact: true }).click();
  const dialog = staffDialog(page);
  await expect(dialog).toBeVisible();
  await signIn(page, '99999', '2468');
  await expect(dialog.getByText('Signed in: Dana Reid')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeVisible();
  await expect(dialog.getByText('A customer asked for help at this kiosk.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark as helped' }).click();
  await expect(dialog.getByText('A customer asked for help at this kiosk.')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Mark as helped' })).toHaveCount(0);
  expect(await kioskView(page)).toMatchObject({ staff: 'Dana Reid', helpRequested: false });

  await dialog.getByRole('button', { name: 'Sign out' }).click();
  await expect(dialog.getByLabel('Employee number')).toBeVisible();
  await expect(dialog.getByText(/Signed in:/)).toHaveCount(0);
  expect((await kioskView(page)).staff).toBeUndefined();
  await closeStaffDialog(page);
  await expect(h1(page, 'Check your address')).toBeVisible();

  await resetsToAttract(page, async () => {
    await bar.getByRole('button', { name: 'Start over', exact: true }).click();
    await confirmStartOver(page).getByRole('button', { name: 'Start over', exact: true }).click();
  });
});

// The address screen asks for typing: 120 s without a touch, then "Are you still there?" with
// 30 s to answer. The page's clock is Playwright's, stopped, moved only by the test.
test('idle: asked after 120 s, announced; ten answers in a row each give 120 s more; no answer starts over', async ({ page }) => {
  await page.clock.install();
  const historyAtStart = await startKiosk(page, 'dev-jm');
  await chooseEnglish(page);
  const still = idleQuestion(page);
  const stillHere = page.getByRole('button', { name: /^I[’']m still here$/ });
  const secondsLeft = async () => Number((await still.innerText()).match(/start over in (\d+) seconds?/)?.[1] ?? NaN);
  const address = `${uniqueNumber()} Calle Sol, San Juan`;

  // From here time moves only when the test moves it. The last touch: typing the address.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  await page.getByLabel('Service address').fill(address);
  await page.clock.runFor(100);

  /** 119 s after the last touch nothing is asked; at 121 s the question is up. */
  const idlePeriod = async () => {
    await page.clock.fastForward(118_900);
    await page.waitForTimeout(300);
    await expect(still).toBeHidden();
    await page.clock.runFor(2_000);
    await expect(still).toBeVisible();
  };

  await idlePeriod();
  await expect(still).toContainText(/This kiosk will start over in (30|29) seconds/);
  await expect(stillHere).toBeFocused();
  // axe waits on the page's timers: let time run while it looks.
  await page.clock.resume();
  await expectKioskScreenOk(page); // the idle question
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1_000);
  // It counts down.
  const left = await secondsLeft();
  expect(left).toBeGreaterThan(10);
  await page.clock.runFor(5_000);
  await expect.poll(secondsLeft).toBeLessThanOrEqual(left - 4);
  expect(await secondsLeft()).toBeGreaterThanOrEqual(left - 6);

  // Answered, ten times in a row: each answer gives the whole idle time again.
  for (let answer = 1; answer <= 10; answer++) {
    await stillHere.click();
    await expect(still).toBeHidden();
    await expect(h1(page, 'Check your address')).toBeVisible();
    await page.clock.runFor(100);
    await idlePeriod();
  }
  await expect(page.getByLabel('Service address')).toHaveValue(address);

  // Not answered: 30 s later the kiosk starts over.
  await page.clock.runFor(27_000);
  await expect(still).toBeVisible();
  await expect(attractHeading(page)).toHaveCount(0);
  await resetsToAttract(page, () => page.clock.runFor(4_000), { onNewDocument: () => page.clock.resume() });
  await expectNothingOfTheCustomer(page, historyAtStart, [address]);
});

test('Jamaica, Liberate: staff approves, the seed\'s body reaches the back office; every screen accessible', async ({ page }) => {
  await marketOrder(page, LIBERATE, { checkScreens: true });
});

test('Jamaica, Cerillion: the discount group rides along; no idle question while the order is in flight', async ({ page }) => {
  // The page's clock is Playwright's (running as real time does) so the test can jump it
  // while the order request is held back.
  await page.clock.install();
  let release!: () => void;
  const held = new Promise<void>((r) => { release = r; });
  let reached!: () => void;
  const inFlight = new Promise<void>((r) => { reached = r; });
  const resets: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/kiosk/reset') resets.push(r.url());
  });
  await marketOrder(page, CERILLION, {
    beforePlace: async () => {
      resets.length = 0;
      await page.route('**/api/v1/kiosk/order', async (route) => {
        reached();
        await held;
        await route.continue();
      });
    },
    afterPlace: async () => {
      await inFlight;
      // Longer than any screen's idle time and its 30 s question together (180 + 30 s).
      await page.clock.fastForward(250_000);
      await page.waitForTimeout(1_000);
      await expect(idleQuestion(page)).toHaveCount(0);
      await expect(attractHeading(page)).toHaveCount(0);
      expect(resets).toEqual([]);
      // Let the held request go and see it answered before the route goes: unrouting while
      // the handler still holds it would handle it twice.
      const answered = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/kiosk/order');
      release();
      await answered;
      await page.unroute('**/api/v1/kiosk/order');
    },
  });
});

test('Panama: staff approves at the Las Cumbres kiosk, the seed\'s body with the PA sales rep', async ({ page }) => {
  await marketOrder(page, PANAMA);
});

test.describe('with the sandbox clock to ourselves', () => {
  // Holds that must not lapse under another spec's fast-forward, and a 15-minute lockout.
  useSandboxClockAlone();

  test('staff sign-in: a wrong PIN refused, five lock the number for 15 minutes, the right one signs in and out', async ({ page }) => {
    await startKiosk(page, 'dev-pr');
    await chooseEnglish(page);
    await kioskBar(page).getByRole('button', { name: 'Staff', exact: true }).click();
    const dialog = staffDialog(page);
    await expect(dialog).toBeVisible();
    const alert = dialog.getByRole('alert');

    await signIn(page, '99999', '1111');
    await expect(alert).toContainText(WRONG_PIN);
    await expect(dialog.getByText(/Signed in:/)).toHaveCount(0);

    // Employee 12345 (99999 stays usable): four wrong PINs are wrong, the fifth locks.
    for (let i = 1; i <= 4; i++) {
      await signIn(page, '12345', '0000');
      await expect(alert).toContainText(WRONG_PIN);
    }
    await signIn(page, '12345', '0000');
    await expect(alert).toContainText(/locked/i);
    // Locked: even the right PIN does not sign in.
    await signIn(page, '12345', '1357');
    await expect(alert).toContainText(/locked/i);
    await expect(dialog.getByText(/Signed in:/)).toHaveCount(0);
    // 15 minutes later on the back office's clock, it does.
    await advanceSandboxClock(page, 15 * 60 + 5, false);
    await signIn(page, '12345', '1357');
    await expect(dialog.getByText('Signed in: Luis Ortega')).toBeVisible();
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(dialog.getByLabel('Employee number')).toBeVisible();

    await signIn(page, '99999', '2468');
    await expect(dialog.getByText('Signed in: Dana Reid')).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveCount(0);
    expect((await kioskView(page)).staff).toBe('Dana Reid');
    await dialog.getByRole('button', { name: 'Sign out' }).click();
    await expect(dialog.getByLabel('Employee number')).toBeVisible();
    await expect(dialog.getByLabel('PIN', { exact: true })).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect((await kioskView(page)).staff).toBeUndefined();
    await closeStaffDialog(page);
  });

  test('start over with a held cart: asked first, then the hold is cancelled and nothing of the customer is left', async ({ page }) => {
    const token = uniqueNumber();
    const address = `${token} Calle Sol, San Juan`;
    const historyAtStart = await startKiosk(page, 'dev-pr');
    await chooseEnglish(page);
    await holdAtKiosk(page, address);
    await expect(kioskBar(page).getByRole('button', { name: 'Continue on your phone' })).toBeVisible();
    expect(holdStatuses(token)).toEqual(['ON_HOLD']);

    // Asked, and "Keep going" keeps everything.
    await kioskBar(page).getByRole('button', { name: 'Start over', exact: true }).click();
    const ask = confirmStartOver(page);
    await expect(ask).toBeVisible();
    await expect(ask.getByRole('button', { name: 'Start over', exact: true })).toBeVisible();
    await ask.getByRole('button', { name: 'Keep going', exact: true }).click();
    await expect(ask).toBeHidden();
    await expect(h1(page, 'Your cart')).toBeVisible();
    await expect(page.getByRole('table')).toContainText('Internet 500');
    expect(holdStatuses(token)).toEqual(['ON_HOLD']);

    await resetsToAttract(page, async () => {
      await kioskBar(page).getByRole('button', { name: 'Start over', exact: true }).click();
      await confirmStartOver(page).getByRole('button', { name: 'Start over', exact: true }).click();
    });
    await expectNothingOfTheCustomer(page, historyAtStart, [address]);
    // The back office let the hold go.
    await expect.poll(() => holdStatuses(token)).toEqual(['CANCELLED']);
  });

  test('continue on your phone: a QR code with a one-time link; the phone resumes the held cart; used once', async ({ page, browser }) => {
    const token = uniqueNumber();
    const address = `${token} Calle Sol, San Juan`;
    const historyAtStart = await startKiosk(page, 'dev-pr');
    await chooseEnglish(page);
    await expect(kioskBar(page).getByRole('button', { name: 'Continue on your phone' })).toHaveCount(0);
    await holdAtKiosk(page, address);

    await kioskBar(page).getByRole('button', { name: 'Continue on your phone' }).click();
    const handoff = page.getByRole('dialog', { name: 'Continue on your phone' });
    await expect(handoff).toBeVisible();
    const qr = handoff.getByRole('img', { name: 'QR code' });
    await expect(qr).toBeVisible();
    expect(await qr.evaluate((e) => e.tagName.toLowerCase())).toBe('svg');
    const link = (await handoff.innerText()).match(/Or type this address:\s*(\S+)/)?.[1];
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:18080\/continue\/[0-9a-f]{64}$/);
    expect(link).not.toContain(token);
    await expect(page.getByRole('button', { name: 'Done', exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    // The customer's phone opens the link: the store's own app, at the held cart; the kiosk,
    // told the link was used, starts over by itself (no one has to press Done).
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    extraContexts.push(phoneContext);
    const phone = await phoneContext.newPage();
    await resetsToAttract(page, async () => {
      await phone.goto(link!);
      await expect(handoff.getByText('Your cart is on your phone now. This kiosk will start over.')).toBeVisible();
    });
    await expectNothingOfTheCustomer(page, historyAtStart, [address]);
    expect(new URL(phone.url()).pathname).toBe('/');
    await expect(h1(phone, 'Your cart')).toBeVisible({ timeout: 30_000 });
    await expect(phone.getByRole('table')).toContainText('Internet 500');
    await expect(phone.getByRole('navigation', { name: 'Kiosk' })).toHaveCount(0);
    const phoneCookies = (await phoneContext.cookies()).map((c) => c.name);
    expect(phoneCookies).toContain(CUSTOMER_COOKIE);
    expect(phoneCookies).not.toContain(DEVICE_COOKIE);

    // The cart stays the phone's.
    expect(holdStatuses(token)).toEqual(['ON_HOLD']);
    await phone.reload();
    await expect(h1(phone, 'Your cart')).toBeVisible({ timeout: 30_000 });
    await expect(phone.getByRole('table')).toContainText('Internet 500');

    // The link works once.
    const thirdContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    extraContexts.push(thirdContext);
    const third = await thirdContext.newPage();
    const again = await third.goto(link!);
    expect(again!.status()).toBe(410);
    await expect(third.getByText(HANDOFF_GONE)).toBeVisible();
    await expect(h1(third, 'Your cart')).toHaveCount(0);
    expect((await thirdContext.cookies()).map((c) => c.name)).not.toContain(CUSTOMER_COOKIE);
    expect(holdStatuses(token)).toEqual(['ON_HOLD']);
  });
});

test('en español: the attract screen, the address, the bundles, staff and the confirmation are Spanish, tagged and accessible', async ({ page }) => {
  const person = customer('Espanol', '876 555');
  await startKiosk(page, 'dev-jm');
  await expectGoodStep(page, 'en'); // the attract screen speaks both, English first
  await page.getByRole('button', { name: 'Español', exact: true }).click();
  await expect(h1(page, 'Compruebe su dirección')).toBeVisible({ timeout: 30_000 });
  await expectGoodStep(page, 'es');
  await expectLargeTargets(page);
  await page.getByLabel('Dirección del servicio').fill(JM_ADDRESS);
  await page.getByRole('button', { name: 'Comprobar disponibilidad' }).click();
  await expect(h1(page, 'Elija su paquete')).toBeVisible({ timeout: 20_000 });
  await expectGoodStep(page, 'es');
  await expectLargeTargets(page);
  await choose(page, page.getByRole('radio', { name: /Home Internet 100 Mbps/ }));
  await page.getByRole('textbox', { name: /^Nombre completo/ }).fill(person.name);
  await page.getByRole('textbox', { name: /^Correo/ }).fill(person.email);
  await page.getByRole('textbox', { name: /^Teléfono/ }).fill(person.phone);
  await page.getByRole('navigation', { name: 'Quiosco' }).getByRole('button', { name: 'Personal', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Acceso del personal' });
  await expect(dialog).toBeVisible();
  await expectNoUntaggedEnglish(page);
  await expectKioskScreenOk(page);
  await dialog.getByLabel('Número de empleado').fill('99999');
  await dialog.getByLabel('PIN', { exact: true }).fill('2468');
  await dialog.getByRole('button', { name: 'Iniciar sesión', exact: true }).click();
  await expect(dialog.getByText('Sesión iniciada: Dana Reid')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cerrar', exact: true }).click();
  await page.getByRole('button', { name: 'Hacer el pedido' }).click();
  await expect(h1(page, 'Su pedido está hecho')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('main')).toContainText(/Pedido el [a-záéíóú]+ \d{1,2} de [a-z]+ de \d{4} a las \d{1,2}:\d{2}\s[ap]\. m\., hora de Kingston \(UTC\u22125\)/);
  await expectGoodStep(page, 'es');
  await expectLargeTargets(page);
  await resetsToAttract(page, () => page.getByRole('button', { name: 'Terminar', exact: true }).click());
});

test.describe('a held cart, handed off with the sandbox clock to ourselves', () => {
  useSandboxClockAlone();

test('continue on your phone, then Done: the kiosk starts over at once, the link still works for the phone', async ({ page, browser }) => {
  const token = uniqueNumber();
  const address = `${token} Calle Luna, San Juan`;
  const historyAtStart = await startKiosk(page, 'dev-pr');
  await chooseEnglish(page);
  await holdAtKiosk(page, address);
  await kioskBar(page).getByRole('button', { name: 'Continue on your phone' }).click();
  const handoff = page.getByRole('dialog', { name: 'Continue on your phone' });
  const link = (await handoff.innerText()).match(/Or type this address:\s*(\S+)/)?.[1];
  expect(link).toMatch(/\/continue\/[0-9a-f]{64}$/);
  await resetsToAttract(page, () => page.getByRole('button', { name: 'Done', exact: true }).click());
  await expectNothingOfTheCustomer(page, historyAtStart, [address]);
  expect(holdStatuses(token)).toEqual(['ON_HOLD']);
  const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  extraContexts.push(phoneContext);
  const phone = await phoneContext.newPage();
  await phone.goto(link!);
  await expect(h1(phone, 'Your cart')).toBeVisible({ timeout: 30_000 });
});
});

test('a Panama kiosk greets in Spanish first, and says so to the browser', async ({ page }) => {
  await startKiosk(page, 'dev-pa');
  await expect(h1(page, /^Bienvenido · Welcome$/)).toBeVisible();
  const choices = page.locator('.attract-choices button');
  await expect(choices).toHaveText(['Español', 'English']);
  await expectGoodStep(page, 'es');
  await expectLargeTargets(page);
});

test.describe('Puerto Rico at a kiosk, with the sandbox clock to ourselves', () => {
  useSandboxClockAlone();

  test('the web store\'s steps at a kiosk: every screen accessible with 48 px targets; the employee is the sales rep', async ({ page }) => {
    const token = uniqueNumber();
    const address = `${token} Calle Sol, San Juan`;
    const historyAtStart = await startKiosk(page, 'dev-pr');
    await chooseEnglish(page);
    await page.getByLabel('Service address').fill(address);
    await page.getByRole('button', { name: 'Check availability' }).click();
    await page.getByRole('button', { name: 'See packages' }).click();
    await expect(h1(page, 'Choose your package')).toBeVisible();
    await expectKioskScreenOk(page);
    await choose(page, page.getByRole('radio', { name: /^Internet 500 1P Internet/ }));
    await page.getByRole('button', { name: 'Hold my cart' }).click();
    await expect(h1(page, 'Your cart')).toBeVisible({ timeout: 20_000 });
    await expectKioskScreenOk(page);
    // The hand-off is offered on the cart, not on the steps after it.
    await expect(kioskBar(page).getByRole('button', { name: 'Continue on your phone' })).toBeVisible();
    await page.getByRole('button', { name: 'Continue to the credit check' }).click();
    await expect(h1(page, 'Credit check')).toBeVisible();
    await expect(kioskBar(page).getByRole('button', { name: 'Continue on your phone' })).toHaveCount(0);
    await expectKioskScreenOk(page);
    await page.getByLabel('Full name').fill('Ana Kiosk');
    await page.getByLabel('Date of birth').fill('1980-02-28');
    await page.getByLabel('Last 4 digits of your social security number').fill('1234');
    await page.getByRole('button', { name: 'Check my credit' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(h1(page, 'How do you want it installed?')).toBeVisible();
    await expectKioskScreenOk(page);
    await choose(page, page.getByRole('radio', { name: /^Self install/ }));
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(h1(page, 'Terms and conditions')).toBeVisible();
    await expectKioskScreenOk(page);
    for (const box of await page.getByRole('checkbox').all()) await box.check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect(h1(page, 'Your prices')).toBeVisible({ timeout: 20_000 });
    await expectKioskScreenOk(page);
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(h1(page, 'Review and place your order')).toBeVisible();
    await page.getByLabel('Full name').fill('Ana Kiosk');
    await page.getByLabel('Email address').fill(`ana.${token}@example.pr`);
    await page.getByLabel('Contact phone number').fill('787 555 0100');
    await expectKioskScreenOk(page);

    // Nobody signed in: the order is refused, clearly, and nothing goes upstream.
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(page.getByText('A store employee must sign in to approve this order.').first()).toBeVisible({ timeout: 20_000 });
    await kioskBar(page).getByRole('button', { name: 'Staff', exact: true }).click();
    await signIn(page, '99999', '2468');
    await expect(staffDialog(page).getByText('Signed in: Dana Reid')).toBeVisible();
    await closeStaffDialog(page);
    const review = h1(page, 'Review and place your order');
    if (!(await review.isVisible())) {
      // The refusal may have taken the customer back a step: on to the review again.
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    await page.getByRole('button', { name: 'Place order' }).click();
    await expect(h1(page, 'Your order is placed')).toBeVisible({ timeout: 30_000 });
    await expectKioskScreenOk(page);
    const text = await page.locator('main').innerText();
    const reference = text.match(/Order number\s+(\d+)/)?.[1];
    expect(reference, text).toBeTruthy();
    const sent = productOrder(reference!).request;
    const reps = (sent.relatedParty as { id: string; name: string; '@referredType': string }[])
      .filter((p) => p['@referredType'] === 'SalesRepresentative');
    expect(reps).toEqual([expect.objectContaining({ id: '54321', name: 'Dana Reid' })]);

    await resetsToAttract(page, async () => {
      const finish = page.getByRole('button', { name: 'Finish', exact: true });
      if (await finish.count()) await finish.click();
      else await kioskBar(page).getByRole('button', { name: 'Start over', exact: true }).click();
      const confirm = confirmStartOver(page);
      if (await confirm.count()) await confirm.getByRole('button', { name: 'Start over', exact: true }).click();
    });
    await expectNothingOfTheCustomer(page, historyAtStart, [address, 'Ana Kiosk', `ana.${token}@example.pr`]);
  });
});

test('no long-press menu on the kiosk, except in a field', async ({ page }) => {
  await startKiosk(page, 'dev-jm');
  await chooseEnglish(page);
  const prevented = (selector: string) => page.evaluate((sel) => {
    const ev = new MouseEvent('contextmenu', { bubbles: true, cancelable: true });
    document.querySelector(sel)!.dispatchEvent(ev);
    return ev.defaultPrevented;
  }, selector);
  expect(await prevented('h1')).toBe(true);
  expect(await prevented('nav button')).toBe(true);
  expect(await prevented('#address')).toBe(false);
});
