import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { openPage } from '../support/navigation';

describe('DNC lists in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'DNC Lists');
  });

  it('imports a file of numbers in mixed formats and shows what the list blocks', async () => {
    await expect.poll(() => page.getByText('No DNC lists yet').count()).toBe(1);
    await page.getByLabel('List name').fill('State registry');
    // two of the demo contacts' numbers, one number no contact has, and a bad row
    const file = '212-555-0100\n(312) 555-0101\n+1 415 555 0999\nnot a number\n';
    await page.locator('input[type=file]').setInputFiles({ name: 'dnc.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import numbers' }).click();
    await expect.poll(() => page.getByText(/added,/).textContent()).toBe('3 added, 0 already listed, 0 repeated in the file, 1 row with errors.');
    const row = page.getByRole('table', { name: 'DNC lists' }).getByRole('row', { name: /State registry/ });
    await expect.poll(async () => (await row.getByRole('cell').allTextContents()).slice(0, 4)).toEqual(['State registry', '3', '2', '0']);
    await page.screenshot({ path: `${ARTIFACTS}/dnc-lists.png` });
  });

  it("shows a list's numbers, adds a single number typed in any format and takes one off", async () => {
    await page.getByRole('button', { name: 'Numbers on State registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Numbers on "State registry"' });
    const numbers = dialog.getByRole('table', { name: 'Numbers on State registry' });
    await expect.poll(() => numbers.getByRole('row').count()).toBe(4); // the header and three numbers
    await dialog.getByLabel('Add a number').fill('not a phone');
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => dialog.getByText('"not a phone" is not a valid phone number').count()).toBe(1);
    await dialog.getByLabel('Add a number').fill('(303) 555-0102');
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toBe('+13035550102 added.');
    await expect.poll(() => numbers.getByRole('row').count()).toBe(5);
    await dialog.getByLabel('Find a number').fill('303');
    await expect.poll(() => numbers.getByRole('row').count()).toBe(2);
    await page.screenshot({ path: `${ARTIFACTS}/dnc-list-numbers.png` });
    await dialog.getByRole('button', { name: 'Remove +13035550102' }).click();
    await expect.poll(() => dialog.getByText('No number on this list matches.').count()).toBe(1);
    await page.keyboard.press('Escape');
    const row = page.getByRole('table', { name: 'DNC lists' }).getByRole('row', { name: /State registry/ });
    await expect.poll(async () => (await row.getByRole('cell').allTextContents())[1]).toBe('3');
  });

  it('names the bad field when the list name is empty', async () => {
    await page.getByLabel('List name').fill('');
    await page.getByRole('button', { name: 'Import numbers' }).click();
    await expect.poll(() => page.getByText('Name is required').count()).toBe(1);
    await page.getByLabel('List name').fill('State registry');
  });

  it('deletes a list after asking', async () => {
    await page.getByRole('button', { name: 'Delete State registry' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete DNC list' });
    await dialog.getByRole('button', { name: 'Delete list' }).click();
    await expect.poll(() => page.getByText('No DNC lists yet').count()).toBe(1);
  });
});
