import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { tempDbFile } from '../support/tempDb';

describe('Settings page in headless Chromium against the headless host', () => {
  // our own --db (the last one given wins), to read the settings.json the host keeps beside it
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile]);
  const savedFile = () => JSON.parse(readFileSync(join(dirname(dbFile), 'settings.json'), 'utf8'));
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('region', { name: 'Appearance' }).waitFor();
  });

  const colorScheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  const themeRadio = (name: string) => page.getByRole('radio', { name, exact: true });
  const chooseTheme = (name: string) => page.getByRole('region', { name: 'Appearance' }).getByText(name, { exact: true }).click();
  const openSettingsAfterReload = async () => {
    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => page.getByLabel('Simulator time scale').count()).toBe(1);
  };

  it('applies the theme at once and keeps it across a reload', async () => {
    await chooseTheme('Dark');
    await expect.poll(colorScheme).toBe('dark');
    await page.screenshot({ path: `${ARTIFACTS}/settings-dark.png`, fullPage: true });
    await chooseTheme('Light');
    await expect.poll(colorScheme).toBe('light');
    await chooseTheme('Dark');
    await expect.poll(colorScheme).toBe('dark');
    expect(savedFile().theme).toBe('dark');

    await openSettingsAfterReload();
    await expect.poll(colorScheme).toBe('dark');
    expect(await themeRadio('Dark').isChecked()).toBe(true);
    await chooseTheme('Light');
    await expect.poll(colorScheme).toBe('light');
  });

  it('saves the simulator time scale, says when it applies, and keeps it across a reload', async () => {
    await page.getByLabel('Simulator time scale').fill('120');
    await page.getByRole('button', { name: 'Save time scale' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'next time Dialwell starts' }).count()).toBe(1);

    expect(savedFile()).toMatchObject({ telephony: { simulatorTimeScale: 120 } });
    await openSettingsAfterReload();
    await expect.poll(() => page.getByLabel('Simulator time scale').inputValue()).toBe('120');
  });

  it('shows the API port with when a change applies, and a refused port next to its field', async () => {
    const port = page.getByLabel('API port');
    expect(await port.inputValue()).toBe('7431');
    expect(await page.getByRole('region', { name: 'Local API' }).textContent()).toContain('Applies the next time Dialwell starts');
    await port.fill('80');
    await page.getByRole('button', { name: 'Save API port' }).click();
    await expect.poll(() => port.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await port.getAttribute('aria-describedby'))!.split(' ').find((id) => id.includes('error'))!;
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/1024/);

    await port.fill('8123');
    await page.getByRole('button', { name: 'Save API port' }).click();
    await expect.poll(() => port.getAttribute('aria-invalid')).toBe('false');
    await openSettingsAfterReload();
    expect(await page.getByLabel('API port').inputValue()).toBe('8123');

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/settings-preferences.png`, fullPage: true });
  });
});
