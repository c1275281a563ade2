import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export interface NewCampaignFields {
  name: string;
  description?: string;
  /** Call Window Start and End, as typed (HH:mm). */
  window?: { start: string; end: string };
  concurrency?: number;
}

/**
 * Fills the open New Campaign dialog's required fields for the demo assistant (Riley, whose two numbers come
 * pre-selected) and the demo company; returns the dialog with the rest left as the form's defaults.
 */
export async function fillNewCampaign(page: Page, fields: NewCampaignFields): Promise<Locator> {
  const d = page.getByRole('dialog', { name: 'New Campaign' });
  await d.getByLabel('Campaign Name').fill(fields.name);
  if (fields.description) await d.getByLabel('Description').fill(fields.description);
  await d.getByRole('textbox', { name: 'Outbound Assistant' }).click();
  await page.getByRole('option', { name: /Riley/ }).click();
  const numbers = d.getByRole('group', { name: 'Which numbers do you want to use for outbound calling?' }).getByRole('checkbox');
  await expect.poll(() => numbers.count()).toBe(2);
  for (const box of await numbers.all()) expect(await box.isChecked()).toBe(true);
  await d.getByRole('textbox', { name: 'Company' }).click();
  await page.getByRole('option', { name: 'Northwind Logistics' }).click();
  await expect.poll(() => d.getByRole('radio', { name: 'All eligible contacts' }).isChecked()).toBe(true);
  if (fields.window) {
    await d.getByLabel('Call Window Start').fill(fields.window.start);
    await d.getByLabel('Call Window End').fill(fields.window.end);
  }
  if (fields.concurrency !== undefined) await d.getByLabel('Max Concurrent Calls').fill(String(fields.concurrency));
  return d;
}

/**
 * Turns the legal-hours guard off in an open campaign dialog. A test that dials in real time and is not about the
 * law says so: with the guard on, the demo's US contacts are held for about half of every day (the hours outside
 * 08:00–21:00 in all of their zones), and the test would pass or fail with the hour it runs at.
 */
export async function allowCallsAtAnyHour(dialog: Locator): Promise<void> {
  const guard = dialog.getByLabel('Legal calling hours');
  if (!(await guard.isVisible())) await dialog.getByRole('button', { name: 'Compliance' }).click();
  await untick(guard);
}

/**
 * Unchecks a checkbox in a section that may still be unfolding: a click that lands while the section moves can miss,
 * so it is clicked again until the box shows unchecked.
 */
async function untick(box: Locator): Promise<void> {
  await box.waitFor({ state: 'visible' });
  await expect
    .poll(async () => {
      if (await box.isChecked()) await box.setChecked(false, { timeout: 2_000 }).catch(() => undefined);
      return box.isChecked();
    })
    .toBe(false);
}

/**
 * Sets an open campaign dialog's window to the hour from `opens` in Africa/Abidjan (UTC all year) for every contact,
 * with the legal-hours guard off: when `opens` is later today, the campaign is held by its own window alone, at any hour.
 */
export async function windowOpeningAt(page: Page, dialog: Locator, opens: number): Promise<void> {
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
  await dialog.getByLabel('Call Window Start').fill(hhmm(opens));
  await dialog.getByLabel('Call Window End').fill(hhmm(opens + 3_600_000));
  await dialog.getByRole('textbox', { name: 'Call Window Timezone' }).fill('Abidjan');
  await page.getByRole('option', { name: 'Africa/Abidjan' }).click();
  const ownZone = dialog.getByLabel("Use each contact's time zone");
  if (!(await ownZone.isVisible())) await dialog.getByRole('button', { name: 'Advanced retry' }).click();
  await untick(ownZone);
  // the hold under test is the window's: the law, which may hold these contacts at this hour too, is not
  await allowCallsAtAnyHour(dialog);
}
