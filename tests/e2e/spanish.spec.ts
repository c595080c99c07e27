// The same steps in Spanish (PR and PA markets): texts, rule messages and holds from core in
// Spanish, <html lang="es"> for screen readers, and zero axe violations on every step.
import { test, expect, type Page } from '@playwright/test';
import { expectNoAxeViolations } from './helpers';

test('en español: dirección, paquetes, carrito reservado', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Check availability' })).toBeEnabled();
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByRole('heading', { level: 1, name: 'Compruebe su dirección' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'English' })).toHaveAttribute('lang', 'en');

  const check = page.getByRole('button', { name: 'Comprobar disponibilidad' });
  await check.click();
  await expect(page.getByText('Escriba su dirección.')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel('Dirección del servicio').fill('1 Calle Sol, San Juan');
  await check.click();
  await expect(page.getByText('La fibra (FTTH) está disponible en esta dirección.')).toBeVisible();
  await page.getByRole('button', { name: 'Ver paquetes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Elija su paquete' })).toBeVisible();

  // Core's rule messages speak Spanish too: TV alone is not offered on fibre.
  await page.getByRole('checkbox', { name: 'TV', exact: true }).check();
  await expect(page.locator('#byo-result')).not.toBeEmpty();
  await page.getByRole('checkbox', { name: 'Internet', exact: true }).check();
  await expect(page.locator('#byo-result')).toContainText('Le añadimos el teléfono');
  await expectNoAxeViolations(page);

  await page.getByRole('radio', { name: /^Internet 500 1P Internet .* al mes/ }).check();
  await page.getByRole('button', { name: 'Reservar mi carrito' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Su carrito' })).toBeVisible();
  const tray = page.getByRole('region', { name: 'Reservado para usted' });
  await expect(tray).toContainText('Su carrito');
  await expect(tray).toContainText(/quedan 1[45]:\d\d/);
  await expect(page.getByRole('button', { name: 'Ampliar' })).toBeVisible();
  await expectNoAxeViolations(page);

  // And back to English, keeping the place.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 1, name: 'Your cart' })).toBeVisible();
});
