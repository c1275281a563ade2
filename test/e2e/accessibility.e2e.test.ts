import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { seriousViolations } from '../support/axe';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage, type PageName } from '../support/navigation';

const PAGES: PageName[] = ['Campaigns', 'Calls', 'Contacts', 'Companies', 'Assistants', 'Phone Numbers', 'DNC Lists', 'Settings'];

describe('accessibility of every page, in light and dark mode (axe-core in headless Chromium)', () => {
  const app = demoAppInChromium();
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it.each(PAGES)(`has no serious or critical violations on %s (${scheme})`, async (name) => {
      await page.emulateMedia({ colorScheme: scheme });
      await openPage(page, name);
      await page.getByRole('heading', { name, level: 2 }).waitFor();
      // lists and panels are judged once loaded
      await expect.poll(() => page.getByText(/^Loading/).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    });
  }

  it('has none in the New Campaign dialog and on a campaign monitor', async () => {
    await page.emulateMedia({ colorScheme: 'light' });
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await page.getByRole('dialog', { name: 'New Campaign' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialogsClosed(page);

    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(DEMO_WORLD_CAMPAIGN.replace(/[()]/g, '\\$&')) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await page.getByRole('link', { name: DEMO_WORLD_CAMPAIGN, exact: true }).click();
    await page.getByRole('heading', { name: DEMO_WORLD_CAMPAIGN }).waitFor();
    await page.getByRole('table', { name: 'Queue' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/accessibility-monitor.png` });
  });
});
