import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';

describe('campaigns in headless Chromium against the headless host', () => {
  const app = demoAppInChromium(['--time-scale', '300']);
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await page.getByRole('button', { name: 'Campaigns' }).click();
  });

  const dialog = () => page.getByRole('dialog', { name: 'New Campaign' });
  const row = (name: string) => page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(name) });

  async function fillCampaign(name: string) {
    const d = dialog();
    await d.getByLabel('Campaign Name').fill(name);
    await d.getByLabel('Description').fill('Renewal calls for Northwind');
    await d.getByRole('textbox', { name: 'Outbound Assistant' }).click();
    await page.getByRole('option', { name: /Riley/ }).click();
    const numbers = d.getByRole('group', { name: 'Which numbers do you want to use for outbound calling?' }).getByRole('checkbox');
    await expect.poll(() => numbers.count()).toBe(2);
    for (const box of await numbers.all()) expect(await box.isChecked()).toBe(true);
    await d.getByRole('textbox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Northwind Logistics' }).click();
    await expect.poll(() => d.getByRole('radio', { name: 'All eligible contacts' }).isChecked()).toBe(true);
    await d.getByLabel('Call Window Start').fill('00:00');
    await d.getByLabel('Call Window End').fill('23:59');
    await d.getByLabel('Max Concurrent Calls').fill('3');
  }

  it('shows an empty state and field errors for an empty form', async () => {
    await expect.poll(() => page.getByText(/Click New Campaign/).count()).toBe(1);
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => dialog().getByText('Campaign Name is required').count()).toBe(1);
    await expect.poll(() => dialog().getByText('Outbound Assistant is required').count()).toBe(1);
    await expect.poll(() => dialog().getByText('Company is required').count()).toBe(1);
    await dialog().getByLabel('Campaign Name').fill('Typed before');
    await expect.poll(() => dialog().getByText('Campaign Name is required').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-errors.png` });
  });

  it('creates a draft from the wizard without losing what was typed', async () => {
    await fillCampaign('Q2 Renewals');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-wizard.png` });
    expect(await dialog().getByLabel('Campaign Name').inputValue()).toBe('Q2 Renewals');
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Draft');
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('(0 answered)');
  });

  it('starts the campaign and shows calls arriving, then pauses it', async () => {
    const done = async () => Number((await row('Q2 Renewals').textContent())!.match(/(\d+) \/ \d+/)![1]);
    const doneAtStart = await done();
    await row('Q2 Renewals').getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Running');
    // Calls arrive from the simulator: contacts get done and some answer.
    await expect.poll(done, { timeout: 60_000, interval: 500 }).toBeGreaterThan(doneAtStart);
    await expect.poll(() => row('Q2 Renewals').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/\([1-9]\d* answered\)/);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-running.png` });
    await row('Q2 Renewals').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Paused');
    await expect.poll(() => row('Q2 Renewals').getByRole('button', { name: 'Resume' }).count()).toBe(1);
  }, 90_000);

  it('creates a scheduled campaign when Schedule Start is set', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await fillCampaign('Future Outreach');
    await dialog().getByLabel('Schedule Start').fill(`${new Date().getUTCFullYear() + 1}-06-01T09:00`);
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => row('Future Outreach').textContent()).toContain('Scheduled');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns.png` });
  });

  it('creates a campaign for manually selected contacts', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await fillCampaign('Hand Picked');
    await dialog().getByText('Manual select').click();
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => dialog().getByText('Select at least one contact').count()).toBe(1);
    await dialog().getByLabel('Search').fill('nguyen');
    const boxes = dialog().getByRole('group', { name: 'Contacts to call' }).getByRole('checkbox', { disabled: false });
    await expect.poll(() => boxes.count()).toBeGreaterThan(1);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect.poll(() => dialog().getByText('2 selected').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-manual.png` });
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await expect.poll(() => row('Hand Picked').textContent()).toMatch(/Draft.*0 \/ 2/);
  });
});
