import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

const NAME = 'Night Owls';

describe('the legal-hours setting: its own section, the held banner pointing at it, editable while paused (headless Chromium)', () => {
  // about the law, so at a known hour: 07:00 UTC on a Wednesday is 02:00 in New York and 23:00 in Los Angeles, outside
  // legal calling hours for every one of the demo company's US contacts (the host's clock alone is set)
  const app = demoAppInChromium(['--time-scale', '300'], { startsAt: '2027-01-13 07:00:00' });
  screenshotFailures(app, 'legal-hours');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Campaigns');
  });

  const status = () => page.getByRole('main').locator('.mantine-Badge-root').first();
  const caution = (scope: ReturnType<Page['getByRole']>) => scope.getByText(/can break telemarketing law \(such as the TCPA and state rules\)/);

  it('puts Compliance in its own section of the New Campaign dialog, saying what is set while folded, with the caution when the guard is off', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name: NAME, window: { start: '00:00', end: '23:59' }, concurrency: 3 });
    const toggle = d.getByRole('button', { name: 'Compliance' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await d.getByText('Legal calling hours on · at most 3 attempts per number in 24 hours').count()).toBe(1);
    // no longer inside Advanced retry
    await d.getByRole('button', { name: 'Advanced retry' }).click();
    expect(await d.getByRole('group', { name: 'Advanced retry' }).getByLabel('Legal calling hours').count()).toBe(0);
    await d.getByRole('button', { name: 'Advanced retry' }).click();

    await toggle.click();
    const guard = d.getByRole('group', { name: 'Compliance' }).getByLabel('Legal calling hours');
    expect(await guard.isChecked()).toBe(true);
    expect(await caution(d).count()).toBe(0);
    await guard.uncheck();
    await expect.poll(() => caution(d).count()).toBe(1);
    expect(await d.getByText('Legal calling hours off · at most 3 attempts per number in 24 hours').count()).toBe(1);
    await caution(d).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/legal-hours-dialog-section.png` });
    // this campaign keeps the law on: the test is about being held by it
    await guard.check();
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
  });

  it('names the rule in the held banner with the caution beside it; "Pause to change it" opens the settings at Compliance', async () => {
    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(NAME) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    await page.getByRole('link', { name: NAME, exact: true }).click();
    const banner = page.getByRole('status', { name: 'Dialing is held: outside legal calling hours where the contacts are' });
    await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(1);
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Legal calling hours open at');
    expect(text).toContain('Rule: Legal calling hours, in the campaign’s Compliance settings.');
    expect(await caution(banner).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/legal-hours-held-banner.png` });

    await banner.getByRole('button', { name: 'Pause to change it' }).click();
    await expect.poll(() => status().textContent()).toBe('Paused');
    const form = page.getByRole('form', { name: 'Edit settings' });
    const guard = form.getByRole('group', { name: 'Compliance' }).getByLabel('Legal calling hours');
    await expect.poll(() => guard.evaluate((box) => box === document.activeElement)).toBe(true);
    expect(await guard.isChecked()).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/legal-hours-edit-at-compliance.png` });
  });

  it('takes the guard off while paused, with the caution, and the campaign then dials at this hour', async () => {
    const form = page.getByRole('form', { name: 'Edit settings' });
    await form.getByLabel('Legal calling hours').uncheck();
    await expect.poll(() => caution(form).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/legal-hours-edit-guard-off.png` });
    await form.getByLabel('Max attempts per number in 24 hours').fill('0');
    await form.getByRole('button', { name: 'Save settings' }).click();
    // a bad cap is named next to its field and nothing typed is lost
    await expect.poll(() => form.getByLabel('Max attempts per number in 24 hours').getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('Must be at least 1');
    expect(await form.getByLabel('Legal calling hours').isChecked()).toBe(false);
    await form.getByLabel('Max attempts per number in 24 hours').fill('5');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => form.count()).toBe(0);
    const settings = page.getByRole('group', { name: 'Settings' });
    await expect.poll(() => settings.textContent()).toContain('Legal hours off');
    expect(await settings.textContent()).toContain('24-hour cap 5 per number');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => status().textContent()).toBe('Running');
    await expect.poll(() => page.getByRole('table', { name: 'Recent calls' }).count(), { timeout: 60_000, interval: 250 }).toBe(1);
    expect(await page.getByRole('status', { name: /^Dialing is held/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => status().textContent()).toBe('Paused');
  }, 90_000);
});
