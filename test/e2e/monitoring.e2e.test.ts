import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';

const NAME = 'Live Monitor';

describe('campaign monitoring in headless Chromium against the headless host', () => {
  const app = demoAppInChromium(['--time-scale', '300']);
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await page.getByRole('button', { name: 'Campaigns' }).click();
  });

  const dialog = () => page.getByRole('dialog', { name: 'New Campaign' });
  const tile = (label: string) => page.getByRole('group', { name: label, exact: true });
  const recentRows = () => page.getByRole('table', { name: 'Recent calls' }).getByRole('row');
  const inProgressRows = () => page.getByRole('table', { name: 'Calls in progress' }).getByRole('row');
  const endedCalls = async () => {
    const text = (await page.getByLabel('Ended calls').textContent()) ?? '';
    return Number(text.match(/of ([\d,]+) ended/)![1].replace(/,/g, ''));
  };

  it('creates and opens a campaign monitor from the campaign name', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = dialog();
    await d.getByLabel('Campaign Name').fill(NAME);
    await d.getByRole('textbox', { name: 'Outbound Assistant' }).click();
    await page.getByRole('option', { name: /Riley/ }).click();
    await expect.poll(() => d.getByRole('group', { name: 'Which numbers do you want to use for outbound calling?' }).getByRole('checkbox').count()).toBe(2);
    await d.getByRole('textbox', { name: 'Company' }).click();
    await page.getByRole('option', { name: 'Northwind Logistics' }).click();
    await d.getByLabel('Call Window Start').fill('00:00');
    await d.getByLabel('Call Window End').fill('23:59');
    await d.getByLabel('Max Concurrent Calls').fill('3');
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: NAME, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: NAME }).count()).toBe(1);
    await expect.poll(() => page.getByText('Draft', { exact: true }).count()).toBe(1);
    for (const label of ['Total', 'Pending', 'Calling', 'Completed', 'Answered', 'Answer rate', 'Completion rate']) {
      await expect.poll(() => tile(label).textContent()).toMatch(/\d/);
    }
    await expect.poll(async () => Number((await tile('Total').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('table', { name: 'Queue' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('group', { name: 'Settings' }).textContent()).toMatch(/00:00–23:59/);

    await page.getByRole('button', { name: 'Back to campaigns' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Campaigns' }).count()).toBe(1);
  });

  it('shows calls arriving live, then Pause stops new calls', async () => {
    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(NAME) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    await page.getByRole('button', { name: NAME, exact: true }).click();
    await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(1);

    // No refresh button: pushes keep the page live.
    expect(await page.getByRole('button', { name: /refresh/i }).count()).toBe(0);
    await expect.poll(() => inProgressRows().count(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(1);
    await expect.poll(() => recentRows().count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(1);
    const firstSeen = await endedCalls();
    await expect.poll(endedCalls, { timeout: 60_000, interval: 250 }).toBeGreaterThan(firstSeen);
    await expect.poll(async () => Number((await tile('Completed').textContent())!.replace(/\D/g, '')), { timeout: 60_000 }).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring.png` });

    // Nothing overflows sideways at 1280×800.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => page.getByText('Paused', { exact: true }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Resume' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('table', { name: 'Calls in progress' }).count(), { timeout: 60_000 }).toBe(0);
    await page.waitForTimeout(1500);
    const afterDrain = await endedCalls();
    await page.waitForTimeout(2000);
    expect(await endedCalls()).toBe(afterDrain);
    expect(await page.getByRole('table', { name: 'Calls in progress' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-paused.png`, fullPage: true });
  }, 120_000);
});
