import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedCallHistory } from '../calls/callHistory';
import { seriousViolations } from '../support/axe';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { openPage } from '../support/navigation';

describe('the Calls page and a call’s detail in headless Chromium against the headless host', () => {
  const app = demoAppInChromium([], {}, seedCallHistory);
  screenshotFailures(app, 'calls');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Calls');
  });

  const table = () => page.getByRole('table', { name: 'Calls' });
  /** The calls the table shows (its header row left out). */
  const callRows = () => table().getByRole('rowgroup').nth(1).getByRole('row');
  const count = () => page.getByText(/calls?, newest first$/).textContent();
  async function choose(label: string, option: string) {
    await page.getByRole('textbox', { name: label, exact: true }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }

  it('lists every call newest first and filters by outcome (transferred too), campaign and day', async () => {
    await expect.poll(count).toBe('5 calls, newest first');
    expect(await callRows().first().textContent()).toContain('Omar Haddad');
    expect(await callRows().first().textContent()).toContain('Busy');

    await choose('Outcome', 'Transferred');
    await expect.poll(count).toBe('1 call, newest first');
    const transferred = (await callRows().first().textContent()) ?? '';
    for (const text of ['Spring Outreach', 'Dana Whitfield', '+12025557001', 'Transferred', '1:30']) expect(transferred).toContain(text);
    await page.getByRole('button', { name: 'Any outcome' }).click();

    await choose('Campaign', 'Renewals');
    await expect.poll(count).toBe('2 calls, newest first');
    await page.getByLabel('From').fill('2026-03-05');
    await page.getByLabel('To').fill('2026-03-05');
    await expect.poll(count).toBe('1 call, newest first');
    expect(await callRows().first().textContent()).toContain('Busy');

    await page.getByLabel('To').fill('2026-03-04');
    await expect.poll(() => page.getByText('Must be on or after From').count()).toBe(1);
    await page.getByLabel('From').fill('');
    await page.getByLabel('To').fill('');
    await page.getByRole('button', { name: 'Any campaign' }).click();
    await expect.poll(count).toBe('5 calls, newest first');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/calls.png` });
  });

  it('opens a call’s detail: its facts, the tools called, the transcript, and a recording that plays', async () => {
    await callRows().filter({ hasText: 'Transferred' }).getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Call to Dana Whitfield' }).count()).toBe(1);
    expect(await page.getByRole('group', { name: 'Campaign' }).textContent()).toContain('Spring Outreach');
    expect(await page.getByRole('group', { name: 'Duration' }).textContent()).toContain('1:30');
    expect(await page.getByRole('group', { name: 'To' }).textContent()).toContain('+12025557001');

    const tools = page.getByRole('table', { name: 'Tools called' });
    expect(await tools.textContent()).toContain('transfer_call');
    expect(await tools.textContent()).toContain('asked about pricing');
    const turns = page.getByRole('list', { name: 'Transcript' }).getByRole('listitem');
    expect(await turns.evaluateAll((items) => items.map((item) => item.getAttribute('aria-label')))).toEqual([
      'Assistant at 0:00',
      'Contact at 0:05',
      'Assistant at 0:08, interrupted',
      'Contact at 0:09',
    ]);
    expect(await turns.nth(3).textContent()).toContain('Can I talk to someone about pricing?');

    const audio = page.getByLabel('Call recording');
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration), { timeout: 15_000 }).toBeGreaterThan(0);
    // seeking fetches a byte range of the recording; playing (muted, as autoplay allows) moves time on
    await audio.evaluate(async (a: HTMLAudioElement) => {
      a.muted = true;
      a.currentTime = 0.5;
      await a.play();
    });
    await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => ({ error: a.error?.code ?? null, moved: a.currentTime > 0.5 }))).toEqual({ error: null, moved: true });
    expect(await audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(1, 1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}/call-detail.png`, fullPage: true });
  });

  it('reaches the same detail from Recent calls in the campaign’s monitor', async () => {
    await page.getByRole('group', { name: 'Campaign' }).getByRole('link', { name: 'Spring Outreach' }).click();
    const recent = page.getByRole('table', { name: 'Recent calls' });
    await expect.poll(() => recent.getByRole('row').count()).toBe(4);
    await recent.getByRole('row').filter({ hasText: 'Answered' }).getByRole('link').click();
    await expect.poll(() => page.getByRole('heading', { name: 'Call to Omar Haddad' }).count()).toBe(1);
    expect(await page.getByRole('table', { name: 'Tools called' }).textContent()).toContain('schedule_callback');
    expect(await page.getByText('This call was not recorded.').count()).toBe(1);
    await page.getByRole('link', { name: 'Back to calls' }).click();
    await expect.poll(count).toBe('5 calls, newest first');
  });
});
