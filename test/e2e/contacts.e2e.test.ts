import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

describe('contacts in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    // the app opens on Campaigns
    await openPage(page, 'Contacts');
  });

  it('opens the printed URL and shows the demo contacts', async () => {
    const table = page.getByRole('table', { name: 'Contacts' });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(10);
    await expect.poll(() => page.getByText('220 contacts').count()).toBe(1);
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await page.screenshot({ path: `${ARTIFACTS}/contacts.png` });
  });

  it('searches the contacts by name', async () => {
    await page.getByLabel('Search').fill('nguyen');
    await expect.poll(() => page.getByText(/^\d+ contacts$/).textContent()).toBe('10 contacts');
    const names = await page.getByRole('table', { name: 'Contacts' }).getByRole('button').allTextContents();
    expect(names.every((n) => n.endsWith('Nguyen'))).toBe(true);
    await page.getByLabel('Search').fill('');
  });

  it('shows a field error for an invalid phone and keeps what was typed', async () => {
    await page.getByRole('button', { name: 'New contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'New contact' });
    await dialog.getByRole('textbox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Northwind Logistics' }).click();
    await dialog.getByLabel('First name').fill('Grace');
    await dialog.getByLabel('Last name').fill('Hopper');
    await dialog.getByLabel('Phone', { exact: true }).fill('555-12');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await expect.poll(() => dialog.getByText('"555-12" is not a valid phone number').count()).toBe(1);
    expect(await dialog.getByLabel('First name').inputValue()).toBe('Grace');
    await page.screenshot({ path: `${ARTIFACTS}/contact-phone-error.png` });

    await dialog.getByLabel('Phone', { exact: true }).fill('(202) 555-0188');
    await dialog.getByRole('button', { name: 'Create contact' }).click();
    await dialogsClosed(page);
    await page.getByLabel('Search').fill('hopper');
    const row = page.getByRole('row', { name: /Grace Hopper/ });
    await expect.poll(() => row.textContent()).toContain('+12025550188');
  });

  it('imports a CSV file with progress and an error report', async () => {
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts from CSV' });
    await dialog.getByRole('textbox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Northwind Logistics' }).click();
    const csv = 'Full Name,Mobile,E-mail,Plan Tier,Internal\nAda Lovelace,(415) 555-0170,ada@example.com,Gold,secret\nBad Phone,12,bad@example.com,,\n';
    await dialog.locator('input[type=file]').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(() => dialog.getByRole('table', { name: 'Column mapping' }).getByRole('row').count()).toBe(6);
    // columns no contact field matches become custom fields; one is switched off
    await expect.poll(() => dialog.getByRole('textbox', { name: 'Map Plan Tier' }).inputValue()).toBe('Custom field: plan_tier');
    const internal = dialog.getByRole('textbox', { name: 'Map Internal' });
    expect(await internal.inputValue()).toBe('Custom field: internal');
    await internal.click();
    await page.getByRole('option', { name: "Don't import" }).click();
    expect(await internal.inputValue()).toBe("Don't import");
    await dialog.getByRole('button', { name: 'Import contacts' }).click();
    await expect.poll(() => dialog.getByText(/imported/).textContent()).toContain('1 imported, 0 duplicates skipped, 1 row with errors');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download error report' }).click();
    const report = await (await download).createReadStream();
    let text = '';
    for await (const chunk of report) text += chunk.toString();
    expect(text).toContain('Row,Field,Reason');
    expect(text).toMatch(/3,phone,"?""12"" is not a valid phone number/);
    await page.screenshot({ path: `${ARTIFACTS}/csv-import.png` });
    await dialog.getByRole('button', { name: 'Close' }).click();
    const db = new Database(app.dbFile, { readonly: true });
    const stored = db.prepare<[string], { customFields: string }>('SELECT custom_fields AS customFields FROM contacts WHERE phone = ?').get('+14155550170');
    db.close();
    expect(JSON.parse(stored!.customFields)).toEqual({ plan_tier: 'Gold' });
  });

  it('lists companies on the Companies page', async () => {
    await openPage(page, 'Companies');
    const row = page.getByRole('table', { name: 'Companies' }).getByRole('row', { name: /Northwind Logistics/ });
    await expect.poll(() => row.textContent()).toContain('202');
    await page.screenshot({ path: `${ARTIFACTS}/companies.png` });
  });
});
