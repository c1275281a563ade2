import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowCallsAtAnyHour, fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

describe('irreversible actions ask first, and scheduled campaigns say when they start (headless Chromium)', () => {
  // the simulator at its real pace: calls last long enough to be in progress when Cancel is asked about
  const app = demoAppInChromium(['--time-scale', '1']);
  screenshotFailures(app, 'safe-actions');
  let page: Page;
  /** The contacts of the first campaign, every callable one of the demo company. */
  let enrolled: number;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Campaigns');
  });

  const row = (name: string) => page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(name) });
  const confirmDialog = () => page.getByRole('dialog', { name: 'Cancel campaign' });
  const status = () => page.getByRole('main').locator('.mantine-Badge-root').first();
  const inProgressRows = () => page.getByRole('table', { name: 'Calls in progress' }).locator('tbody tr');

  async function createCampaign(name: string, scheduledStartAt?: string) {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name, window: { start: '00:00', end: '23:59' }, concurrency: 3 });
    if (scheduledStartAt) await d.getByLabel('Schedule Start').fill(scheduledStartAt);
    // these campaigns dial in real time and are not about the law
    await allowCallsAtAnyHour(d);
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
  }

  it('asks before cancelling a draft in the list, saying nobody will be called, and keeps it on "Keep it"', async () => {
    await createCampaign('Careful Cancel');
    enrolled = Number((await row('Careful Cancel').textContent())!.match(/0 \/ (\d+)/)![1]);
    await row('Careful Cancel').getByRole('button', { name: 'Cancel', exact: true }).click();
    const text = await confirmDialog().textContent();
    expect(text).toContain('Cancel “Careful Cancel”? No call is in progress.');
    expect(text).toContain(`${enrolled} contacts not yet called will never be called by this campaign.`);
    expect(text).toContain('A cancelled campaign cannot be started again; to stop for a while, use Pause instead.');
    await confirmDialog().getByRole('button', { name: 'Keep it' }).click();
    await dialogsClosed(page);
    expect(await row('Careful Cancel').textContent()).toContain('Draft');
  });

  it('asks before cancelling a running campaign in its monitor, counting the calls in progress that will be hung up', async () => {
    await row('Careful Cancel').getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row('Careful Cancel').textContent()).toContain('Running');
    await page.getByRole('link', { name: 'Careful Cancel', exact: true }).click();
    await expect.poll(() => inProgressRows().count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect.poll(() => confirmDialog().textContent()).toMatch(/[1-9]\d* calls? in progress will be hung up now\./);
    expect(await confirmDialog().textContent()).toMatch(/\d+ contacts not yet called will never be called by this campaign\./);
    await page.screenshot({ path: `${ARTIFACTS}/safe-actions-cancel-confirm.png` });
    await confirmDialog().getByRole('button', { name: 'Keep it' }).click();
    expect(await status().textContent()).toBe('Running');

    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await confirmDialog().getByRole('button', { name: 'Cancel campaign' }).click();
    await expect.poll(() => status().textContent()).toBe('Cancelled');
    // the calls that were in progress are ended
    await expect.poll(() => page.getByRole('table', { name: 'Calls in progress' }).count(), { timeout: 30_000 }).toBe(0);
    expect(await page.getByRole('button', { name: 'Cancel', exact: true }).count()).toBe(0);
  }, 90_000);

  it('duplicates under a name offered and changed by the person, and names an empty one', async () => {
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    await row('Careful Cancel').getByRole('button', { name: 'Duplicate' }).click();
    const d = page.getByRole('dialog', { name: 'Duplicate campaign' });
    const name = d.getByLabel('Name of the copy');
    expect(await name.inputValue()).toBe('Careful Cancel (copy)');
    await name.fill('');
    await d.getByRole('button', { name: 'Create copy' }).click();
    await expect.poll(() => d.getByText('Campaign Name is required').count()).toBe(1);
    await name.fill('Careful Cancel, second try');
    await expect.poll(() => d.getByText('Campaign Name is required').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/safe-actions-duplicate.png` });
    await d.getByRole('button', { name: 'Create copy' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Careful Cancel, second try').textContent()).toMatch(new RegExp(`Draft.*0 / ${enrolled}`));
    expect(await row('Careful Cancel \\(copy\\)').count()).toBe(0);
  });

  it('shows when a scheduled campaign starts, in its zone and the viewer’s, with Start now and Edit, in the list and the monitor', async () => {
    const year = new Date().getUTCFullYear() + 1;
    await createCampaign('Starts Later', `${year}-06-01T09:00`);
    // 09:00 in New York in June (EDT, UTC−4)
    const startsAt = `${year}-06-01T13:00:00.000Z`;
    const viewerTime = await page.evaluate(
      (iso) => new Date(iso).toLocaleString(undefined, { year: '2-digit', month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }),
      startsAt,
    );
    const expected = `Starts 6/1/${String(year).slice(2)}, 9:00 AM EDT in America/New_York (${viewerTime} your time)`;
    const listed = row('Starts Later');
    expect(await listed.getByRole('note', { name: 'Scheduled start' }).textContent()).toBe(expected);
    expect(await listed.getByRole('button', { name: 'Start now' }).count()).toBe(1);
    await listed.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByRole('dialog', { name: 'Edit Campaign' }).getByLabel('Schedule Start').inputValue()).toBe(`${year}-06-01T09:00`);
    await page.getByRole('dialog', { name: 'Edit Campaign' }).getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: `${ARTIFACTS}/safe-actions-scheduled-list.png` });

    await page.getByRole('link', { name: 'Starts Later', exact: true }).click();
    const scheduled = page.getByRole('status', { name: 'Scheduled: it starts by itself' });
    await expect.poll(() => scheduled.getByRole('note', { name: 'Scheduled start' }).textContent()).toBe(expected);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Campaign' });
    expect(await edit.getByLabel('Campaign Name').inputValue()).toBe('Starts Later');
    await page.screenshot({ path: `${ARTIFACTS}/safe-actions-scheduled-edit.png` });
    await edit.getByRole('button', { name: 'Close' }).click();
    await page.screenshot({ path: `${ARTIFACTS}/safe-actions-scheduled-monitor.png` });

    await page.getByRole('button', { name: 'Start now' }).click();
    await expect.poll(() => status().textContent()).toBe('Running');
    expect(await scheduled.count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edit', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => status().textContent()).toBe('Paused');
  });
});
