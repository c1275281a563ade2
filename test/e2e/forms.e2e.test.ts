import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN, DEMO_WORLD_COMPANY } from '../../main/demo/seedDemo';
import { NO_IDENTITY } from '../../shared/crm/schemas';
import { fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';
import { tempFile } from '../support/tempFiles';

/** Every form says what was wrong the same way: inline, under the field, in main's words; nothing is clamped in silence. */
describe('forms and the words they use, in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await page.screenshot({ path: `${ARTIFACTS}/forms-failed-${ctx.task.name.slice(0, 30).replace(/\W+/g, '-')}.png` });
  });

  const dialog = (name: string | RegExp) => page.getByRole('dialog', { name });
  /** The error text of a field, found by its label (a regex for a required field, whose label ends in an asterisk). */
  const fieldError = async (dialogName: string | RegExp, label: string | RegExp) => {
    const field = dialog(dialogName).getByLabel(label, { exact: true });
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const ids = (await field.getAttribute('aria-describedby'))!.split(' ');
    return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  };

  it('refuses an empty contact inline, under its fields, not with the browser’s bubble', async () => {
    await openPage(page, 'Contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    await dialog('New contact').getByRole('button', { name: 'Create contact' }).click();
    // said once, under the first of the fields that would each do; the others are marked
    expect(await fieldError('New contact', 'First name')).toContain(NO_IDENTITY);
    for (const label of ['Last name', 'Phone', 'Email']) {
      await expect.poll(() => dialog('New contact').getByLabel(label, { exact: true }).getAttribute('aria-invalid')).toBe('true');
    }
    expect(await dialog('New contact').getByText(NO_IDENTITY).count()).toBe(1);
    await expect.poll(() => dialog('New contact').getByText('Company is required').count()).toBe(1);
    // the browser's own check never runs: every form is told not to validate natively
    expect(await page.evaluate(() => [...document.querySelectorAll('form')].every((f) => f.noValidate))).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/forms-empty-contact.png` });
    await dialog('New contact').getByRole('button', { name: 'Cancel' }).click();
  });

  it('refuses a second company with a taken name and offers to open the existing one', async () => {
    await openPage(page, 'Companies');
    await page.getByRole('button', { name: 'New company' }).click();
    await dialog('New company').getByLabel(/^Company name/).fill('northwind logistics');
    await dialog('New company').getByLabel('Website').fill('call Bob');
    await dialog('New company').getByRole('button', { name: 'Create company' }).click();
    expect(await fieldError('New company', 'Website')).toContain('"call Bob" is not a web address');
    await dialog('New company').getByLabel('Website').fill('northwind.example');
    await dialog('New company').getByRole('button', { name: 'Create company' }).click();
    expect(await fieldError('New company', /^Company name/)).toContain('A company named "Northwind Logistics" already exists');
    await page.screenshot({ path: `${ARTIFACTS}/forms-duplicate-company.png` });
    await dialog('New company').getByRole('button', { name: 'Open Northwind Logistics' }).click();
    await expect.poll(() => dialog('Edit Northwind Logistics').getByLabel(/^Company name/).inputValue()).toBe('Northwind Logistics');
    await dialog('Edit Northwind Logistics').getByRole('button', { name: 'Cancel' }).click();
    await dialogsClosed(page);
  });

  it('says which campaign keeps a company before asking to delete it, and counts in the right number', async () => {
    await page.getByLabel('Search').fill('Meridian');
    await expect.poll(() => page.getByText('1 company', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: `Delete ${DEMO_WORLD_COMPANY}` }).click();
    const notice = page.getByRole('alert').filter({ hasText: `${DEMO_WORLD_COMPANY} cannot be deleted` });
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toContain(`The campaign "${DEMO_WORLD_CAMPAIGN}" (draft)`);
    // nothing was asked: there is nothing to confirm
    expect(await page.getByRole('dialog', { name: 'Delete company' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/forms-company-kept.png` });
    await page.getByLabel('Search').fill('');
  });

  it('keeps an out-of-range number as typed and shows main’s limit beside it; says a window runs overnight', async () => {
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name: 'Night owls', window: { start: '17:00', end: '09:00' } });
    await expect.poll(() => d.getByText('Runs overnight: calls may start from 17:00 until 09:00 the next morning.').count()).toBe(1);
    const concurrency = d.getByLabel('Max Concurrent Calls');
    await concurrency.fill('11');
    await concurrency.blur();
    expect(await concurrency.inputValue()).toBe('11');
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    expect(await fieldError('New Campaign', 'Max Concurrent Calls')).toMatch(/at most 10/);
    expect(await concurrency.inputValue()).toBe('11');
    await page.screenshot({ path: `${ARTIFACTS}/forms-campaign-limits.png` });
    await d.getByRole('button', { name: 'Close' }).click();
    await dialogsClosed(page);
  });

  it('maps CSV columns under their labels and reports one bad row as one row', async () => {
    await openPage(page, 'Contacts');
    await page.getByRole('button', { name: /Import CSV/ }).click();
    const importer = dialog('Import contacts from CSV');
    await importer.getByRole('textbox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Northwind Logistics' }).click();
    const file = tempFile('one-bad-row.csv');
    writeFileSync(file, 'First Name,Phone\nDana,(212) 555-0177\nEli,not a number\n');
    await importer.locator('input[type=file]').setInputFiles(file);
    await expect.poll(() => importer.getByRole('textbox', { name: 'Map First Name' }).inputValue()).toBe('First name');
    await importer.getByRole('button', { name: 'Import contacts' }).click();
    await expect.poll(() => importer.getByText(/1 imported/).textContent()).toContain('1 row with errors');
    await page.screenshot({ path: `${ARTIFACTS}/forms-csv-words.png` });
    await importer.getByRole('button', { name: 'Close' }).click();
  });

  it('links the no-assistant hint to the Assistants page', async () => {
    await openPage(page, 'Assistants');
    await page.getByRole('button', { name: /^Riley/ }).click();
    const editor = dialog(/^Edit Riley/);
    await editor.getByRole('tab', { name: 'Telephony' }).click();
    await editor.getByText('Outbound calling', { exact: true }).click();
    await editor.getByRole('button', { name: 'Save assistant' }).click();
    await dialogsClosed(page);

    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const hint = dialog('New Campaign').getByRole('link', { name: 'Assistants → Telephony' });
    await hint.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Assistants' }).count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('shows a clear focus ring on the control the keyboard is on', async () => {
    // to the next button or link, as a keyboard user gets there (inputs show focus by their border instead)
    const onButtonOrLink = () => page.evaluate(() => ['BUTTON', 'A'].includes(document.activeElement?.tagName ?? ''));
    for (let i = 0; i < 20 && !(await onButtonOrLink()); i++) await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const style = getComputedStyle(el);
      return { tag: el.tagName, width: style.outlineWidth, style: style.outlineStyle };
    });
    expect(ring).toMatchObject({ width: '3px', style: 'solid' });
    await page.screenshot({ path: `${ARTIFACTS}/forms-focus-ring.png` });
  });
});
