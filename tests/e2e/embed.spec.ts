// The partner embed (issue 19, docs/embedding.md): the demo partner page on another site
// (http://localhost:18082, the store on http://127.0.0.1:18080), with the strict CSP a partner
// is asked for (scripts/partner-demo) and third-party cookies blocked (playwright.config.ts),
// frames the checkout through the loader; a whole order completes inside the frame.
import { test, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The published JSON Schema of the events (generated from checkout_core::embed). */
const SCHEMA = JSON.parse(readFileSync('public/embed/v1.schema.json', 'utf8'));

/** The few JSON Schema keywords the published schema uses, checked strictly: a keyword this
 * does not know fails the check rather than passing it. Returns what does not conform. */
function conform(v: unknown, s: Record<string, any>, at = '$'): string[] {
  const known = new Set(['$schema', 'title', 'description', 'type', 'required', 'properties', 'oneOf',
    'definitions', 'enum', 'const', '$ref', 'format', 'minimum']);
  const unknown = Object.keys(s).filter((k) => !known.has(k));
  if (unknown.length) return [`${at}: schema keyword(s) ${unknown} not checked`];
  if (s.$ref) return conform(v, SCHEMA.definitions[s.$ref.split('/').pop()], at);
  const out: string[] = [];
  if ('const' in s && v !== s.const) out.push(`${at}: ${JSON.stringify(v)} is not ${s.const}`);
  if (s.enum && !s.enum.includes(v)) out.push(`${at}: ${JSON.stringify(v)} not in ${s.enum}`);
  if (s.type === 'object' && (typeof v !== 'object' || v === null || Array.isArray(v))) out.push(`${at}: not an object`);
  if (s.type === 'string' && typeof v !== 'string') out.push(`${at}: not a string`);
  if (s.type === 'integer' && !Number.isInteger(v)) out.push(`${at}: not an integer`);
  if (typeof s.minimum === 'number' && typeof v === 'number' && v < s.minimum) out.push(`${at}: below ${s.minimum}`);
  const obj = (v ?? {}) as Record<string, unknown>;
  for (const r of s.required ?? []) if (!(r in obj)) out.push(`${at}: ${r} missing`);
  for (const [k, sub] of Object.entries(s.properties ?? {})) if (k in obj) out.push(...conform(obj[k], sub as any, `${at}.${k}`));
  if (s.oneOf) {
    const fits = (s.oneOf as any[]).filter((alt) => conform(v, alt, at).length === 0).length;
    if (fits !== 1) out.push(`${at}: fits ${fits} of the oneOf alternatives, not exactly one`);
  }
  return out;
}

const PARTNER = 'http://localhost:18082';

declare global {
  interface Window { demoEvents: { type: string; data?: unknown; v: number; seq: number }[]; cspViolations: string[] }
}

/** Every string a customer typed or the back office knows about them must stay out of events. */
const PERSONAL = ['Ana', 'Ruiz', '1980-02-28', '4821', 'ana@example.pr', '555 0100', 'Calle Sol'];

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
}

async function heightsAgree(page: Page) {
  const frame = page.frameLocator('telco-checkout iframe');
  await expect.poll(async () => {
    const outer = await page.locator('telco-checkout iframe').evaluate((e) => e.getBoundingClientRect().height);
    const inner = await frame.locator('html').evaluate((e) => e.scrollHeight);
    return Math.abs(outer - inner);
  }, { timeout: 5_000 }).toBeLessThanOrEqual(4);
}

test('a partner page frames the checkout: a whole order inside, typed events, nothing personal', async ({ page }) => {
  const errors: string[] = [];
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${PARTNER}/`);
  const historyBefore = await page.evaluate(() => history.length);
  const f = page.frameLocator('telco-checkout iframe');
  const h1 = (name: string) => f.getByRole('heading', { level: 1, name });

  await expect(f.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  // The partner's theme (partner-demo/demo.css): its primary colour and font show inside the
  // frame; its unreadable text colour and out-of-range radius are left out, each named.
  const check = f.getByRole('button', { name: 'Check availability' });
  await expect.poll(() => check.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(91, 42, 134)');
  expect(await check.evaluate((e) => getComputedStyle(e).fontFamily)).toContain('Georgia');
  expect(await f.locator('body').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(26, 31, 36)');
  expect(warnings.some((w) => w.includes('color-text') && w.includes('contrast'))).toBe(true);
  expect(warnings.some((w) => w.includes('radius') && w.includes('does not parse'))).toBe(true);
  // A theme posted to the frame by anyone but the partner's page (here: from the checkout's own
  // origin, not the parent's) is not taken.
  const checkout = page.frames().find((fr) => fr !== page.mainFrame())!;
  await checkout.evaluate(() => window.postMessage({ v: 1, type: 'theme', data: { 'color-primary': '#000000' } }, '*'));
  await page.waitForTimeout(200);
  expect(await check.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(91, 42, 134)');
  // The frame takes no focus on load: the partner's page keeps it until the customer acts.
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
  await heightsAgree(page);

  await f.getByLabel('Service address').fill('1 Calle Sol, San Juan');
  await f.getByRole('button', { name: 'Check availability' }).click();
  await f.getByRole('button', { name: 'See packages' }).click();
  await f.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();
  await f.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(h1('Your cart')).toBeVisible();
  await heightsAgree(page);
  await f.getByRole('button', { name: 'Continue to the credit check' }).click();
  await expect(h1('Credit check')).toBeVisible();
  await heightsAgree(page);
  await f.getByLabel('Full name').fill('Ana Ruiz');
  await f.getByLabel('Date of birth').fill('1980-02-28');
  await f.getByLabel('Last 4 digits of your social security number').fill('4821');
  await f.getByRole('button', { name: 'Check my credit' }).click();
  await expect(f.getByText('Approved: no deposit is needed.')).toBeVisible();
  await heightsAgree(page);
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(h1('How do you want it installed?')).toBeVisible();
  await heightsAgree(page);
  await f.getByRole('radio', { name: /^Self install/ }).check();
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(h1('Terms and conditions')).toBeVisible();
  await heightsAgree(page);
  for (const box of await f.getByRole('checkbox').all()) await box.check();
  await f.getByRole('button', { name: 'Accept and continue' }).click();
  await expect(h1('Your prices')).toBeVisible();
  await expect(f.getByRole('table')).toContainText('Total');
  await heightsAgree(page);
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(h1('Review and place your order')).toBeVisible();
  await heightsAgree(page);
  await f.getByLabel('Full name').fill('Ana Ruiz');
  await f.getByLabel('Email address').fill('ana@example.pr');
  await f.getByLabel('Contact phone number').fill('787 555 0100');
  await f.getByRole('button', { name: 'Place order' }).click();
  await expect(h1('Your order is placed')).toBeVisible({ timeout: 20_000 });
  await heightsAgree(page);

  const events = await page.evaluate(() => window.demoEvents);
  // Every event as received conforms to the published schema, exactly one kind each.
  for (const e of events) expect(conform(e, SCHEMA), JSON.stringify(e)).toEqual([]);
  expect(conform({ v: 1, id: 'x', seq: 1, ts: 1, type: 'step_viewed', data: { step: 'nowhere' } }, SCHEMA)).not.toEqual([]);
  const types = events.map((e) => e.type);
  expect(types[0]).toBe('ready');
  expect(types).toContain('order_placed');
  // One envelope version, one sequence for the page (both of the app's modules post), in order.
  expect(events.every((e, i) => e.v === 1 && e.seq === (i === 0 ? 1 : events[i - 1].seq + 1))).toBe(true);
  const steps = events.filter((e) => e.type === 'step_viewed').map((e) => (e.data as { step: string }).step);
  expect(steps).toEqual(expect.arrayContaining(['address', 'packages', 'cart', 'credit', 'installation', 'terms', 'prices', 'review', 'confirmed']));
  const placed = events.find((e) => e.type === 'order_placed')!.data as Record<string, string>;
  expect(Object.keys(placed).sort()).toEqual(['currency', 'monthly_total', 'one_time_total', 'reference']);
  const said = events.flatMap((e) => strings(e.data));
  for (const p of PERSONAL) expect(said.filter((s) => s.includes(p)), p).toEqual([]);

  // The order the back office received names the partner's channel by its attribution code.
  expect(placed.reference).toMatch(/^[A-Za-z0-9-]+$/);
  const request = JSON.parse(execFileSync('sqlite3', ['-readonly', 'target/e2e-sandbox.sqlite',
    `SELECT request FROM product_orders WHERE id = '${placed.reference}'`], { encoding: 'utf8' }));
  expect(request.channel).toEqual([{ id: 'PARTNER-DEMO', name: 'Demo partner', role: 'Partner', '@referredType': 'SalesChannel' }]);

  // And the proxy counts it as the partner's.
  const metrics = await (await page.request.get('http://127.0.0.1:18080/metrics')).text();
  expect(metrics).toMatch(/checkout_orders_placed_total\{channel="demo"\} [1-9]/);

  // The partner's Back button never walks through our steps.
  expect(await page.evaluate(() => history.length)).toBe(historyBefore);
  // The strict host policy held, and nothing failed.
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
  expect(errors).toEqual([]);

  // A message from anyone but the checkout's frame is not the checkout's.
  await page.evaluate(() => window.postMessage({ v: 1, type: 'order_placed', data: { reference: 'FAKE' } }, '*'));
  await page.waitForTimeout(200);
  expect((await page.evaluate(() => window.demoEvents)).filter((e) => e.type === 'order_placed')).toHaveLength(1);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

/** A whole order inside a frame, from the address to the confirmation. */
async function orderInside(f: ReturnType<Page['frameLocator']>) {
  const h1 = (name: string) => f.getByRole('heading', { level: 1, name });
  await expect(f.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  await f.getByLabel('Service address').fill('1 Calle Sol, San Juan');
  await f.getByRole('button', { name: 'Check availability' }).click();
  await f.getByRole('button', { name: 'See packages' }).click();
  await f.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();
  await f.getByRole('button', { name: 'Hold my cart' }).click();
  await f.getByRole('button', { name: 'Continue to the credit check' }).click();
  await f.getByLabel('Full name').fill('Ana Ruiz');
  await f.getByLabel('Date of birth').fill('1980-02-28');
  await f.getByLabel('Last 4 digits of your social security number').fill('4821');
  await f.getByRole('button', { name: 'Check my credit' }).click();
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await f.getByRole('radio', { name: /^Self install/ }).check();
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(h1('Terms and conditions')).toBeVisible();
  for (const box of await f.getByRole('checkbox').all()) await box.check();
  await f.getByRole('button', { name: 'Accept and continue' }).click();
  await expect(f.getByRole('table')).toContainText('Total');
  await f.getByRole('button', { name: 'Continue', exact: true }).click();
  await f.getByLabel('Full name').fill('Ana Ruiz');
  await f.getByLabel('Email address').fill('ana@example.pr');
  await f.getByLabel('Contact phone number').fill('787 555 0100');
  await f.getByRole('button', { name: 'Place order' }).click();
  await expect(h1('Your order is placed')).toBeVisible({ timeout: 20_000 });
}

test('a failure inside the frame reaches the partner as an error event with its code only', async ({ page }) => {
  await page.goto(`${PARTNER}/`);
  const f = page.frameLocator('telco-checkout iframe');
  await f.getByLabel('Service address').fill('4 Partial Street, San Juan');
  await f.getByRole('button', { name: 'Check availability' }).click();
  await expect(f.getByRole('alert')).toBeVisible();
  await expect.poll(async () => (await page.evaluate(() => window.demoEvents)).filter((e) => e.type === 'error'))
    .toEqual([expect.objectContaining({ type: 'error', data: { code: 'partial_content' } })]);
  const events = await page.evaluate(() => window.demoEvents);
  for (const e of events) expect(conform(e, SCHEMA), JSON.stringify(e)).toEqual([]);
  expect(JSON.stringify(events)).not.toContain('Partial Street');
});

test('third-party cookies are blocked, yet the partitioned cookie keeps a checkout across a reload', async ({ page }) => {
  await page.goto(`${PARTNER}/`);
  const f = page.frameLocator('telco-checkout iframe');
  await expect(f.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  // The canary: inside the frame, an unpartitioned SameSite=None cookie is not kept (third-party
  // cookies are blocked in this browser), a partitioned one is.
  const frame = page.frames().find((fr) => fr !== page.mainFrame())!;
  const kept = await frame.evaluate(() => {
    document.cookie = 'canary=1; SameSite=None; Secure; Path=/';
    document.cookie = 'canary-partitioned=1; SameSite=None; Secure; Partitioned; Path=/';
    return document.cookie;
  });
  expect(kept).not.toContain('canary=1');
  expect(kept).toContain('canary-partitioned=1');

  await f.getByLabel('Service address').fill('1 Calle Sol, San Juan');
  await f.getByRole('button', { name: 'Check availability' }).click();
  await f.getByRole('button', { name: 'See packages' }).click();
  await f.getByRole('radio', { name: /^Internet 500 1P Internet/ }).check();
  await f.getByRole('button', { name: 'Hold my cart' }).click();
  await expect(f.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
  // The partner's page reloads: the frame's memory is gone, its partitioned cookie is not.
  // The key the frame holds is in its memory and its partitioned cookie, never in storage the
  // page could read, nor in a URL.
  const heldKey = await frame.evaluate(() => (window as unknown as { ckSession?: string }).ckSession);
  expect(heldKey).toMatch(/^[0-9a-f]{64}$/);
  // (With third-party cookies blocked the frame may read no storage at all: then nothing is kept.)
  const stored = await frame.evaluate(() => {
    const read = (s: () => Storage) => { try { return JSON.stringify({ ...s() }); } catch { return ''; } };
    return read(() => sessionStorage) + read(() => localStorage) + location.href;
  });
  expect(stored).not.toContain(heldKey!);
  expect(page.url()).not.toContain(heldKey!);
  await page.reload();
  await expect(f.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible({ timeout: 15_000 });
  await expect(f.getByRole('table')).toContainText('Internet 500');
});

test('the bare-frame snippet, with no script of ours, completes an order too', async ({ page }) => {
  await page.goto(`${PARTNER}/bare.html`);
  await orderInside(page.frameLocator('iframe.bare-checkout'));
});

// The same pages served from an origin the demo partner did not register (127.0.0.1, not
// localhost): the loader's frame gets the "not on this page" answer, and a bare frame that
// claims the registered origin as its parent is refused by the browser (frame-ancestors).
test('an origin the partner did not register cannot frame the checkout', async ({ page }) => {
  const stranger = PARTNER.replace('localhost', '127.0.0.1');
  await page.goto(`${stranger}/`);
  const f = page.frameLocator('telco-checkout iframe');
  await expect(f.getByText('This checkout cannot be shown on this page.')).toBeVisible();
  await expect(f.getByRole('button', { name: 'Check availability' })).toHaveCount(0);

  await page.goto(`${stranger}/bare.html`);
  await page.waitForLoadState('load');
  const framed = page.frames().find((fr) => fr !== page.mainFrame());
  await expect.poll(() => framed?.url() ?? '').not.toContain('/embed?');
  await expect(page.frameLocator('iframe.bare-checkout').getByRole('button', { name: 'Check availability' })).toHaveCount(0);
  (page as unknown as { __errors: string[] }).__errors = [];
});
