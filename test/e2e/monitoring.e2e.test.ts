import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { allowCallsAtAnyHour, fillNewCampaign, windowOpeningAt, type NewCampaignFields } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

const NAME = 'Live Monitor';

/** The banner a running campaign shows while it dials no one (its accessible name is its title). */
const heldBanner = (page: Page) => page.getByRole('status', { name: /^(Dialing is held|Waiting for retries)/ });

/**
 * Three answered calls of a campaign, ended after every call it has, with what answering-machine detection decided,
 * written straight into the host's store; returns the campaign's counts by decision as the store keeps them.
 */
function seedDetectedCalls(dbFile: string, campaignName: string): Record<string, number> {
  const db = new Database(dbFile);
  db.pragma('busy_timeout = 5000');
  try {
    const campaign = db.prepare('SELECT id, team_id AS teamId FROM campaigns WHERE name = ?').get(campaignName) as { id: string; teamId: string };
    const contactId = db.prepare('SELECT contact_id FROM campaign_contacts WHERE campaign_id = ? LIMIT 1').pluck().get(campaign.id);
    const after = (db.prepare('SELECT max(ended_at) FROM calls WHERE campaign_id = ?').pluck().get(campaign.id) as number | null) ?? Date.now();
    const insert = db.prepare(
      `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, answered_at, ended_at,
                          duration_seconds, amd_decision, amd_ms, amd_beep)
       VALUES (?, ?, ?, ?, 1, '+12025550100', '+12125550100', 'ended', ?, 'simulator', ?, ?, ?, 30, ?, ?, ?)`,
    );
    const seeded: [outcome: string, decision: string, ms: number, beep: number | null][] = [
      ['answered', 'human', 900, null],
      ['voicemail', 'machine', 2300, 1],
      ['answered', 'unknown', 3500, null],
    ];
    seeded.forEach(([outcome, decision, ms, beep], i) => {
      const start = after + 1000 * (i + 1);
      insert.run(`call_seeded_${i}`, campaign.teamId, campaign.id, contactId, outcome, start, start + 5000, start + 35_000, decision, ms, beep);
    });
    const stats = db.prepare(`SELECT substr(key, 5) AS decision, n FROM campaign_stats WHERE campaign_id = ? AND key LIKE 'amd:%'`).all(campaign.id) as { decision: string; n: number }[];
    return Object.fromEntries(stats.map(({ decision, n }) => [decision, n]));
  } finally {
    db.close();
  }
}

/** Opens the New Campaign dialog with the required fields filled for the demo assistant and company. */
async function openNewCampaignDialog(page: Page, name: string, fields: Omit<NewCampaignFields, 'name'> = {}) {
  await page.getByRole('button', { name: 'New Campaign' }).click();
  return fillNewCampaign(page, { name, ...fields });
}

describe('campaign monitoring in headless Chromium against the headless host', () => {
  const app = demoAppInChromium(['--time-scale', '300']);
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Campaigns');
  });

  const tile = (label: string) => page.getByRole('group', { name: label, exact: true });
  const recentRows = () => page.getByRole('table', { name: 'Recent calls' }).getByRole('row');
  const inProgressRows = () => page.getByRole('table', { name: 'Calls in progress' }).getByRole('row');
  const endedCalls = async () => {
    const text = (await page.getByLabel('Ended calls').textContent()) ?? '';
    return Number(text.match(/of ([\d,]+) ended/)![1].replace(/,/g, ''));
  };

  const section = (name: string) => page.getByRole('region', { name, exact: true });
  const chartBars = () => page.getByRole('img', { name: 'Calls over time by outcome' }).locator('.recharts-bar-rectangle');

  it('creates and starts a campaign, and opens its monitor from the campaign name', async () => {
    const d = await openNewCampaignDialog(page, NAME, { window: { start: '00:00', end: '23:59' }, concurrency: 3 });
    // calls are watched arriving in real time, whatever the hour in the demo's US zones
    await allowCallsAtAnyHour(d);
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);

    // a draft's name opens its Edit dialog; a started campaign's opens the monitor
    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(NAME) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: NAME }).count()).toBe(1);
    await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(1);
    for (const label of ['Total', 'Pending', 'Calling', 'Completed', 'Failed', 'Skipped', 'Answered', 'Completion rate']) {
      await expect.poll(() => tile(label).textContent()).toMatch(/\d/);
    }
    // a rate with no denominator yet (no call has ended) is "—"
    await expect.poll(() => tile('Answer rate').textContent()).toMatch(/\d|—/);
    await expect.poll(async () => Number((await tile('Total').textContent())!.replace(/\D/g, ''))).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('table', { name: 'Queue' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await page.getByRole('group', { name: 'Settings' }).textContent()).toMatch(/00:00–23:59/);
    // settings are edited only while paused; the window is open all day, so nothing is held
    expect(await page.getByRole('button', { name: 'Edit settings' }).count()).toBe(0);
    expect(await heldBanner(page).count()).toBe(0);

    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Campaigns' }).count()).toBe(1);
  });

  it('shows calls arriving live, then Pause stops new calls', async () => {
    await page.getByRole('link', { name: NAME, exact: true }).click();
    await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(1);

    // No refresh button: pushes keep the page live.
    expect(await page.getByRole('button', { name: /refresh/i }).count()).toBe(0);
    await expect.poll(() => inProgressRows().count(), { timeout: 60_000, interval: 100 }).toBeGreaterThan(1);
    await expect.poll(() => recentRows().count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(1);
    const firstSeen = await endedCalls();
    await expect.poll(endedCalls, { timeout: 60_000, interval: 250 }).toBeGreaterThan(firstSeen);
    await expect.poll(async () => Number((await tile('Completed').textContent())!.replace(/\D/g, '')), { timeout: 60_000 }).toBeGreaterThan(0);
    await expect.poll(() => chartBars().count()).toBeGreaterThan(0);
    expect(await section('Calls over time').textContent()).toMatch(/Answered|No answer|Voicemail|Busy/);
    expect(await page.getByRole('button', { name: 'Edit settings' }).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring.png` });

    // Nothing overflows sideways at 1280×800.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByRole('button', { name: 'Pause', exact: true }).click();
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

  it('splits the answered calls into people, machines and unknown, and marks each recent call with what detection decided', async () => {
    const counts = seedDetectedCalls(app.dbFile, NAME);
    expect(counts).toMatchObject({ human: expect.any(Number), machine: expect.any(Number), unknown: expect.any(Number) });
    await page.reload();
    const split = tile('Machines vs people');
    for (const [label, decision] of [['People', 'human'], ['Machines', 'machine'], ['Unknown', 'unknown']]) {
      await expect.poll(() => split.getByRole('listitem', { name: `${label}: ${counts[decision]}` }).count()).toBe(1);
    }
    const checked = counts.human + counts.machine + counts.unknown;
    expect(await split.textContent()).toContain(`${checked} answered calls checked`);
    // the seeded calls are the latest: the first rows of Recent calls
    const outcomes = await page.getByRole('table', { name: 'Recent calls' }).getByRole('row').nth(1).textContent();
    expect(outcomes).toContain('AnsweredUndecided');
    expect(await recentRows().filter({ hasText: 'VoicemailMachine' }).count()).toBeGreaterThan(0);
    expect(await recentRows().filter({ hasText: 'AnsweredPerson' }).count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-detection.png` });
  });

  it('shows a banner saying dialing is held outside the call window, and when it reopens', async () => {
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    const d = await openNewCampaignDialog(page, 'Night Shift');
    // a window in a UTC+0 zone that opens two hours from now: closed now wherever this runs
    const opens = Date.now() + 2 * 3_600_000;
    await windowOpeningAt(page, d, opens);
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);

    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: /Night Shift/ });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    await page.getByRole('link', { name: 'Night Shift', exact: true }).click();
    const banner = heldBanner(page);
    await expect.poll(() => banner.count()).toBe(1);
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('Dialing is held: outside the call window');
    expect(text).toContain('The window reopens at');
    expect(text).toContain(`in Africa/Abidjan`);
    expect(text).toContain(new Date(opens).toLocaleTimeString('en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'Africa/Abidjan' }));
    expect(await page.getByRole('table', { name: 'Calls in progress' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Calls over time', exact: true }).textContent()).toContain('No calls yet');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-held.png` });
  });

  it('edits the settings of a paused campaign, with server field errors next to their fields', async () => {
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await expect.poll(() => page.getByText('Paused', { exact: true }).count()).toBe(1);
    await page.getByRole('button', { name: 'Edit settings' }).click();
    const form = page.getByRole('form', { name: 'Edit settings' });
    await form.getByLabel('Max Concurrent Calls').fill('11');
    await form.getByLabel('Call Window Start').fill('09:00');
    await form.getByLabel('Call Window End').fill('17:30');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const concurrency = form.getByLabel('Max Concurrent Calls');
    await expect.poll(() => concurrency.getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('at most 10');
    // nothing typed is lost on an error
    expect(await form.getByLabel('Call Window End').inputValue()).toBe('17:30');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-edit-settings.png` });

    await concurrency.fill('4');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => form.count()).toBe(0);
    const settings = page.getByRole('group', { name: 'Settings' });
    await expect.poll(() => settings.textContent()).toContain('Concurrency 4');
    expect(await settings.textContent()).toContain('09:00–17:30');

    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => page.getByText('Running', { exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Edit settings' }).count()).toBe(0);
  });

  it("dials the demo's around-the-clock campaign at any hour with legal hours on", async () => {
    await page.getByRole('link', { name: 'Back to campaigns' }).click();
    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(DEMO_WORLD_CAMPAIGN.replace(/[()]/g, '\\$&')) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    await page.getByRole('link', { name: DEMO_WORLD_CAMPAIGN, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: DEMO_WORLD_CAMPAIGN }).count()).toBe(1);
    // some of its contacts, from Honolulu to Sydney, are inside their own daytime whenever this runs
    await expect.poll(() => recentRows().count(), { timeout: 60_000, interval: 250 }).toBeGreaterThan(1);
    expect(await page.getByRole('group', { name: 'Settings' }).textContent()).toMatch(/09:00–20:00/);
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-around-the-clock.png` });
  }, 90_000);
});
