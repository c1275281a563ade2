import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowCallsAtAnyHour, fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { startHostProcess } from '../support/hostProcess';
import { dialogsClosed, openPage, type PageName } from '../support/navigation';
import { tempDbFile } from '../support/tempDb';

const ADDRESSES: [PageName, string][] = [
  ['Campaigns', '#/campaigns'],
  ['Calls', '#/calls'],
  ['Contacts', '#/contacts'],
  ['Companies', '#/companies'],
  ['Assistants', '#/assistants'],
  ['Phone Numbers', '#/phone-numbers'],
  ['DNC Lists', '#/dnc-lists'],
  ['Settings', '#/settings'],
];
const NAME = 'Addressed';

describe('pages with addresses: reload, Back and Forward, and an address after a host restart (headless Chromium)', () => {
  // our own --db (the last one given wins), for a second run of the host on the same workspace
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile]);
  screenshotFailures(app, 'routing');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
  });

  const hash = () => new URL(page.url()).hash;
  const heading = () => page.getByRole('main').getByRole('heading', { level: 2 }).first().textContent();
  const nav = () => page.getByRole('navigation', { name: 'Main' });

  it('opens on Campaigns, at its address', async () => {
    await expect.poll(heading).toBe('Campaigns');
    expect(hash()).toBe('#/campaigns');
    expect(await nav().getByRole('link', { name: 'Campaigns' }).getAttribute('aria-current')).toBe('page');
  });

  it('makes every navigation item a link to its page’s address', async () => {
    for (const [name, address] of ADDRESSES) {
      expect(await nav().getByRole('link', { name, exact: true }).getAttribute('href')).toBe(address);
      await openPage(page, name);
      await expect.poll(hash).toBe(address);
      expect(await nav().getByRole('link', { name, exact: true }).getAttribute('aria-current')).toBe('page');
      expect(await nav().locator('[aria-current="page"]').count()).toBe(1);
    }
  });

  it('keeps the page across a reload', async () => {
    await openPage(page, 'Contacts');
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Contacts' }).waitFor();
    expect(hash()).toBe('#/contacts');
    expect(await nav().getByRole('link', { name: 'Contacts' }).getAttribute('aria-current')).toBe('page');
  });

  it('gives each campaign’s monitor its own address, kept across a reload; Back and Forward move between pages and monitors', async () => {
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    // scheduled a year out: a campaign with a monitor that dials nobody during the test
    const d = await fillNewCampaign(page, { name: NAME });
    await d.getByLabel('Schedule Start').fill(`${new Date().getUTCFullYear() + 1}-06-01T09:00`);
    await allowCallsAtAnyHour(d);
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);

    const link = page.getByRole('link', { name: NAME, exact: true });
    const address = await link.getAttribute('href');
    expect(address).toMatch(/^#\/campaigns\/cmp_[0-9a-z]+$/);
    await link.click();
    await expect.poll(heading).toBe(NAME);
    expect(hash()).toBe(address);
    // the monitor is under Campaigns in the navigation
    expect(await nav().getByRole('link', { name: 'Campaigns' }).getAttribute('aria-current')).toBe('page');
    await page.reload();
    await expect.poll(heading).toBe(NAME);
    expect(hash()).toBe(address);
    await page.screenshot({ path: `${ARTIFACTS}/routing-monitor-after-reload.png` });

    await openPage(page, 'Settings');
    await expect.poll(hash).toBe('#/settings');
    await page.goBack();
    await expect.poll(heading).toBe(NAME);
    await page.goBack();
    await expect.poll(heading).toBe('Campaigns');
    expect(hash()).toBe('#/campaigns');
    await page.goForward();
    await expect.poll(heading).toBe(NAME);
    await page.goForward();
    await expect.poll(hash).toBe('#/settings');

    // the monitor's way back is a link too, and Back returns from the list to the monitor
    await page.goBack();
    await expect.poll(heading).toBe(NAME);
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    await expect.poll(heading).toBe('Campaigns');
    await page.goBack();
    await expect.poll(heading).toBe(NAME);
  });

  it('says so at the address of a campaign that does not exist, with the way back', async () => {
    await page.goto(`${new URL(page.url()).origin}/#/campaigns/cmp_gone`);
    await expect.poll(heading).toBe('No such campaign');
    expect(await page.getByText('There is no campaign at this address: it may have been deleted.').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/routing-no-such-campaign.png` });
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    await expect.poll(heading).toBe('Campaigns');
    // an address the app has no page at opens Campaigns
    await page.goto(`${new URL(page.url()).origin}/#/no-such-page`);
    await expect.poll(hash).toBe('#/campaigns');
  });

  it('explains the token on a readable page when an old address is opened after the host restarted, and the new link opens the app', async () => {
    await openPage(page, 'Companies');
    const oldAddress = page.url();
    const { port } = new URL(oldAddress);
    const oldLink = app.host.url;
    await app.host.stop();
    app.host = await startHostProcess(['--db', dbFile, '--port', port]);
    expect(new URL(app.host.url).port).toBe(port);
    expect(app.host.url).not.toBe(oldLink);

    const refused = await page.reload();
    expect(refused?.status()).toBe(401);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('This address needs the link the host printed');
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('access token');
    expect(text).toContain(`http://127.0.0.1:${port}/?token=…`);
    expect(text).toContain('stop the host and start it again: it prints a new link each time it starts');
    await page.screenshot({ path: `${ARTIFACTS}/routing-old-address-after-restart.png` });

    await page.goto(app.host.url);
    await expect.poll(heading).toBe('Campaigns');
    // the same workspace: the campaign made before the restart is listed
    await expect.poll(() => page.getByRole('link', { name: NAME, exact: true }).count()).toBe(1);
  });
});
