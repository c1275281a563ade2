import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { openPage } from '../support/navigation';
import { tempDbFile } from '../support/tempDb';

describe('Settings page in headless Chromium against the headless host', () => {
  // our own --db (the last one given wins), to read the settings.json the host keeps beside it
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile, '--time-scale', '60']);
  const savedFile = () => JSON.parse(readFileSync(join(dirname(dbFile), 'settings.json'), 'utf8'));
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Settings');
    await page.getByRole('region', { name: 'Appearance' }).waitFor();
  });

  const colorScheme = () => page.evaluate(() => document.documentElement.getAttribute('data-mantine-color-scheme'));
  const themeRadio = (name: string) => page.getByRole('radio', { name, exact: true });
  const chooseTheme = (name: string) => page.getByRole('region', { name: 'Appearance' }).getByText(name, { exact: true }).click();
  const openSettingsAfterReload = async () => {
    await page.reload();
    await openPage(page, 'Settings');
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

  it('shows the time scale the host runs at, marked as set by its command line, beside the saved one', async () => {
    const inForce = page.getByRole('region', { name: 'Telephony defaults' }).getByRole('note');
    await expect.poll(() => inForce.textContent()).toContain('In force now: 60, set by --time-scale on the command line');
    expect(await page.getByLabel('Simulator time scale').inputValue()).toBe('120');
  });

  it('shows where this host serves the API, and no desktop-only API port', async () => {
    const localApi = page.getByRole('region', { name: 'Local API' });
    await expect.poll(() => localApi.textContent()).toContain(`${new URL(page.url()).origin}/api/`);
    expect(await localApi.textContent()).toContain('--port');
    expect(await page.getByLabel('API port').count()).toBe(0);

    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/settings-preferences.png`, fullPage: true });
  });
});
