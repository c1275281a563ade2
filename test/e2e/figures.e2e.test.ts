import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { allowCallsAtAnyHour, fillNewCampaign, windowOpeningAt } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

const LIST = 'Figures list';
const HELD = 'Held figures';
const LIVE = 'Live figures';
/** Two Northwind demo contacts (rows 0 and 4 of the demo data: New York numbers, on the queue's first page) and their numbers. */
const ON_LIST = [
  { name: 'Ava Carter', typed: '212-555-0100', e164: '+12125550100' },
  { name: 'Zoe Schmidt', typed: '212.555.0104', e164: '+12125550104' },
];
const SIMULATED = 'SIP 503 Service Unavailable (simulated)';

const count = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

describe('one truth about DNC, figures that add up, failures that say why (headless Chromium, headless host)', () => {
  const app = demoAppInChromium(['--time-scale', '300']);
  let page: Page;
  /** The held campaign's window opens two hours after the test starts, in a UTC+0 zone. */
  let opens: number;

  beforeAll(() => {
    ({ page } = app);
  });

  const tile = (label: string) => page.getByRole('group', { name: label, exact: true });
  const tileValue = async (label: string) => count(await tile(label).locator('p').nth(1).textContent());
  const queueRows = () => page.getByRole('table', { name: 'Queue' }).getByRole('row');
  /** A cell of a queue row, by the column's header. */
  const queueCell = async (row: ReturnType<typeof queueRows>, header: string) => {
    const headers = await page.getByRole('table', { name: 'Queue' }).locator('thead th').allTextContents();
    return row.getByRole('cell').nth(headers.indexOf(header));
  };

  async function createCampaign(name: string, setUp: (d: Awaited<ReturnType<typeof fillNewCampaign>>) => Promise<void>) {
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name });
    await setUp(d);
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
    const row = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row.textContent()).toContain('Running');
    return row;
  }

  const openMonitor = async (name: string) => {
    await openPage(page, 'Campaigns');
    await page.getByRole('table', { name: 'Campaigns' }).getByRole(/* a campaign's name opens its monitor */ 'link', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name }).count()).toBe(1);
  };

  it('starts a campaign held by its window, then puts two of its contacts on a DNC list from the DNC Lists page', async () => {
    opens = Date.now() + 2 * 3_600_000;
    await createCampaign(HELD, (d) => windowOpeningAt(page, d, opens));

    await openPage(page, 'DNC Lists');
    await page.getByLabel('List name').fill(LIST);
    const file = ON_LIST.map((c) => c.typed).join('\n');
    await page.locator('input[type=file]').setInputFiles({ name: 'figures.txt', mimeType: 'text/plain', buffer: Buffer.from(file) });
    await page.getByRole('button', { name: 'Import numbers' }).click();
    const row = page.getByRole('table', { name: 'DNC lists' }).getByRole('row', { name: new RegExp(LIST) });
    // 2 numbers, 2 contacts, 2 waiting enrolments blocked
    await expect.poll(async () => (await row.getByRole('cell').allTextContents()).slice(0, 4)).toEqual([LIST, '2', '2', '2']);
  });

  it('Contacts shows them as on the list, by its name, and "Exclude DNC" leaves them out', async () => {
    await openPage(page, 'Contacts');
    const search = page.getByLabel('Search');
    for (const c of ON_LIST) {
      await search.fill(c.e164.slice(-7));
      const row = page.getByRole('table', { name: 'Contacts' }).getByRole('row', { name: new RegExp(c.name) });
      await expect.poll(() => row.textContent()).toContain(`On DNC list "${LIST}"`);
      expect(await row.textContent()).not.toContain('Eligible');
    }
    await page.screenshot({ path: `${ARTIFACTS}/figures-contacts-dnc-list.png` });
    // the contact's own form says so beside its do-not-call switch, which stays the contact's own flag
    await page.getByRole('button', { name: ON_LIST[1].name }).click();
    const form = page.getByRole('dialog');
    await expect.poll(() => form.textContent()).toContain(`The number is on the DNC list "${LIST}"`);
    expect(await form.getByRole('switch', { name: 'Do not call (DNC)' }).isChecked()).toBe(false);
    await page.keyboard.press('Escape');
    await dialogsClosed(page);
    await page.getByLabel('Exclude DNC').check();
    await expect.poll(() => page.getByText('No contact matches these filters.').count()).toBe(1);
    await page.getByLabel('Exclude DNC').uncheck();
    await search.fill('');
  });

  it("the New Campaign dialog's Manual select shows them as on the list and cannot select them", async () => {
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name: 'Manual look' });
    await d.getByText('Manual select').click();
    const excludeDnc = d.getByRole('switch', { name: 'Exclude DNC' });
    await d.getByText('Exclude DNC', { exact: true }).click();
    await expect.poll(() => excludeDnc.isChecked()).toBe(false);
    const list = d.getByRole('group', { name: 'Contacts to call' });
    for (const c of ON_LIST) {
      await d.getByLabel('Search').fill(c.e164.slice(-7));
      const box = list.getByRole('checkbox', { name: new RegExp(c.name) });
      await expect.poll(() => box.count()).toBe(1);
      expect(await list.textContent()).toContain(`On DNC list "${LIST}"`);
      expect(await box.isDisabled()).toBe(true);
    }
    await page.screenshot({ path: `${ARTIFACTS}/figures-manual-select-dnc-list.png` });
    // with Exclude DNC on (the default) they are not listed at all
    await d.getByText('Exclude DNC', { exact: true }).click();
    await expect.poll(() => excludeDnc.isChecked()).toBe(true);
    await expect.poll(() => list.textContent()).toContain('No contact matches.');
    await page.keyboard.press('Escape');
    await dialogsClosed(page);
  });

  it('the monitor counts the list skips and says so, names the list in the queue, shows the window hold in "Why", and has no answer rate before a call', async () => {
    // the campaign list has no answer rate before any call either
    const listRow = page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(HELD) });
    expect(await listRow.getByRole('cell').allTextContents()).toContain('—');
    expect(await listRow.textContent()).not.toMatch(/0% \(0 answered\)/);

    await openMonitor(HELD);
    await expect.poll(() => page.getByRole('listitem', { name: /^Do-not-call skips/ }).getAttribute('aria-label')).toBe('Do-not-call skips: 2 (2 on DNC lists)');
    expect(await tile('Answer rate').textContent()).toContain('—');
    expect(await tile('Answer rate').textContent()).toContain('no call has ended');
    // Completed 0, yet some of the campaign is done: the skipped contacts, and the tiles say which
    const total = await tileValue('Total');
    expect({ completed: await tileValue('Completed'), failed: await tileValue('Failed'), skipped: await tileValue('Skipped') }).toEqual({ completed: 0, failed: 0, skipped: 2 });
    expect(await tile('Completion rate').textContent()).toContain(`2 of ${total} contacts done`);
    expect(await tile('Completion rate').textContent()).toContain(`${Math.round((2 / total) * 100)}%`);

    for (const c of ON_LIST) {
      const row = queueRows().filter({ hasText: c.name });
      await expect.poll(async () => (await queueCell(row, 'Status')).textContent()).toBe(`Skipped · on DNC list "${LIST}"`);
      expect(await (await queueCell(row, 'Why')).textContent()).toBe(`on DNC list '${LIST}'`);
    }
    const pending = queueRows().filter({ hasText: 'Pending' }).first();
    expect(await (await queueCell(pending, 'Why')).textContent()).toMatch(new RegExp(`^Outside the call window until ${hhmm(opens).replace(':', '[:.]')} \\(Africa/Abidjan\\)$`));
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    // every tile's label shows whole
    for (const label of ['Total', 'Pending', 'Calling', 'Completed', 'Failed', 'Skipped', 'Answered', 'Answer rate', 'Completion rate']) {
      expect(await tile(label).locator('p').first().evaluate((p) => p.scrollWidth <= p.clientWidth && p.scrollHeight <= p.clientHeight), label).toBe(true);
    }
    await tile('Total').locator('..').screenshot({ path: `${ARTIFACTS}/figures-tiles-held.png` });
    await page.screenshot({ path: `${ARTIFACTS}/figures-monitor-held.png`, fullPage: true });
  }, 60_000);

  it('a live campaign: failed calls give their reason in Recent calls and the queue, the chart counts whole calls, and the figures add up at the end', async () => {
    await createCampaign(LIVE, async (d) => {
      await d.getByLabel('Call Window Start').fill('00:00');
      await d.getByLabel('Call Window End').fill('23:59');
      await d.getByLabel('Max Concurrent Calls').fill('5');
      // one attempt each: the campaign finishes without waiting for retries
      await d.getByLabel('Max Attempts/Contact').fill('1');
      await allowCallsAtAnyHour(d);
    });
    await openMonitor(LIVE);

    // the simulator fails 5% of calls; each appears in Recent calls (the latest 20) as it ends
    const recent = page.getByRole('table', { name: 'Recent calls' });
    await expect.poll(() => recent.textContent(), { timeout: 120_000, interval: 100 }).toContain(SIMULATED);
    const failedRow = recent.getByRole('row').filter({ hasText: SIMULATED }).first();
    expect(await failedRow.textContent()).toContain('Error');
    await page.screenshot({ path: `${ARTIFACTS}/figures-recent-calls-error.png`, fullPage: true });

    await expect.poll(async () => [await tileValue('Pending'), await tileValue('Calling')], { timeout: 180_000, interval: 500 }).toEqual([0, 0]);
    await expect.poll(() => page.getByText(/^Completed$/).count()).toBeGreaterThan(1);
    const total = await tileValue('Total');
    const done = (await tileValue('Completed')) + (await tileValue('Failed')) + (await tileValue('Skipped'));
    expect(done).toBe(total);
    expect(await tile('Completion rate').textContent()).toBe(`Completion rate100%${total} of ${total} contacts done`);
    await tile('Total').locator('..').screenshot({ path: `${ARTIFACTS}/figures-tiles-live.png` });
    // answer rate: answered over ended calls, the same ended calls that Recent calls counts and the outcomes sum to
    const ended = count((await page.getByLabel('Ended calls').textContent())!.match(/of ([\d,]+) ended/)![1]);
    const answered = await tileValue('Answered');
    const chips = await page.getByRole('list', { name: 'Outcomes' }).getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')!));
    const outcomeSum = chips.filter((c) => !c.startsWith('Do-not-call skips')).reduce((n, c) => n + Number(c.split(': ')[1].replace(/,/g, '')), 0);
    expect(outcomeSum).toBe(ended);
    expect(await tile('Answer rate').textContent()).toContain(`${answered} of ${ended} ended calls`);
    expect(await tile('Answer rate').textContent()).toContain(`${Math.round((answered / ended) * 100)}%`);

    // the chart's y axis: whole calls, evenly spaced from 0, its top at or above the tallest bar
    const chart = page.getByRole('img', { name: 'Calls over time by outcome' });
    const ticks = (await chart.locator('.recharts-yAxis .recharts-cartesian-axis-tick-value').allTextContents()).map(Number);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every(Number.isInteger)).toBe(true);
    expect(ticks[0]).toBe(0);
    expect(new Set(ticks.slice(1).map((t, i) => t - ticks[i])).size).toBe(1);

    // the queue's Why gives a failed contact's reason: page through until one shows
    let found = false;
    for (let pageNo = 0; pageNo < 10 && !found; pageNo++) {
      const failed = queueRows().filter({ hasText: 'Failed · Error' });
      if ((await failed.count()) > 0) {
        expect(await (await queueCell(failed.first(), 'Why')).textContent()).toBe(SIMULATED);
        found = true;
        await failed.first().scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${ARTIFACTS}/figures-queue-error.png` });
      } else {
        const first = await queueRows().nth(1).textContent();
        await page.getByRole('button', { name: 'next page' }).click();
        await expect.poll(() => queueRows().nth(1).textContent()).not.toBe(first);
      }
    }
    expect(found).toBe(true);
    await page.getByRole('region', { name: 'Calls over time', exact: true }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/figures-monitor-live.png`, fullPage: true });
  }, 300_000);
});
