import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { openPage } from '../support/navigation';
import { startReceiver } from '../webhooks/receiver';

/** Fills the Add webhook form with a URL and one event and submits it (the secret is shown next). */
async function submitWebhook(form: Locator, url: string, event: string) {
  await form.getByLabel('Endpoint URL').fill(url);
  await form.getByLabel(event).check();
  await form.getByRole('button', { name: 'Add webhook' }).click();
}

describe('the Webhooks section of Settings, in headless Chromium against the host and a loopback receiver', () => {
  const app = demoAppInChromium();
  screenshotFailures(app, 'webhooks');
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let page: Page;
  let section: Locator;

  beforeAll(async () => {
    receiver = await startReceiver();
    ({ page } = app);
    await openPage(page, 'Settings');
    section = page.getByRole('region', { name: 'Webhooks' });
    await section.waitFor();
  });
  afterAll(() => receiver?.close());

  it('adds an endpoint whose secret is shown once, sees its signed delivery in the log, and resends it', async () => {
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const form = page.getByRole('dialog', { name: 'Add webhook' });
    await form.getByLabel('Endpoint URL').fill('not a url');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await form.getByText('An http:// or https:// URL').waitFor();
    await form.getByText('Choose at least one event').waitFor();
    await submitWebhook(form, receiver.url, 'campaign.status_changed');

    const shown = page.getByRole('dialog', { name: 'Webhook signing secret' });
    const secret = await shown.getByRole('textbox').inputValue();
    expect(secret).toMatch(/^whsec_/);
    receiver.useSecret(secret);
    await shown.getByRole('button', { name: 'Done' }).click();
    await section.getByRole('cell', { name: receiver.url }).waitFor();
    expect(await page.content()).not.toContain(secret);

    // a change another process makes to the workspace is reported too
    const db = new Database(app.dbFile);
    db.prepare(`UPDATE campaigns SET status = 'cancelled', updated_at = ? WHERE name = ?`).run(Date.now(), DEMO_WORLD_CAMPAIGN);
    db.close();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(1);
    expect(receiver.received[0]).toMatchObject({ type: 'campaign.status_changed', verified: true });

    await section.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('dialog', { name: /Deliveries to/ });
    const rows = log.getByRole('table', { name: 'Deliveries' }).locator('tbody tr');
    await expect.poll(() => rows.first().textContent()).toMatch(/campaign\.status_changed.*delivered.*1.*200/);
    await log.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => receiver.received.length, { timeout: 10_000 }).toBe(2);
    expect(receiver.received[1]).toMatchObject({ id: receiver.received[0].id, body: receiver.received[0].body, verified: true });
    await log.getByRole('button', { name: 'Refresh' }).click();
    await expect.poll(() => rows.count()).toBe(2);
    await page.keyboard.press('Escape');
    await log.waitFor({ state: 'hidden' });
  });

  it('tells the user, with its URL and why, when the app turns off an endpoint that kept failing', async () => {
    const failing = await startReceiver(() => 503);
    try {
      await section.getByRole('button', { name: 'Add webhook' }).click();
      const form = page.getByRole('dialog', { name: 'Add webhook' });
      await submitWebhook(form, failing.url, 'contact.opted_out');
      await page.getByRole('dialog', { name: 'Webhook signing secret' }).getByRole('button', { name: 'Done' }).click();
      const row = section.getByRole('row').filter({ has: page.getByRole('cell', { name: failing.url }) });
      await row.getByText('Enabled').waitFor();

      // an event queued a day ago that has failed since: the next failure is past its 24 hours of retries
      const db = new Database(app.dbFile);
      db.prepare(
        `INSERT INTO webhook_events (id, team_id, type, body, endpoints, created_at)
         SELECT 'msg_a_day_old', team_id, 'contact.opted_out', '{"type":"contact.opted_out"}', json_array(id), ? FROM webhook_endpoints WHERE url = ?`,
      ).run(Date.now() - 24 * 60 * 60_000 - 1_000, failing.url);
      db.close();

      const notice = page.getByRole('alert').filter({ hasText: `Webhook turned off: ${failing.url}` });
      await notice.waitFor({ timeout: 15_000 });
      expect(await notice.textContent()).toMatch(/every attempt failed for 24 hours \(last: HTTP 503/);
      expect(failing.received.map((r) => r.id)).toEqual(['msg_a_day_old']);
      await row.getByText('Turned off', { exact: true }).waitFor();
    } finally {
      await failing.close();
    }
  });

  it('deletes an endpoint only once the person confirms', async () => {
    const row = section.getByRole('row').filter({ has: page.getByRole('cell', { name: receiver.url }) });
    const ask = page.getByRole('dialog', { name: 'Delete webhook' });
    await row.getByRole('button', { name: 'Delete' }).click();
    await ask.getByText(`Delete the webhook to ${receiver.url} and its delivery log?`).waitFor();
    await ask.getByRole('button', { name: 'Keep it' }).click();
    await ask.waitFor({ state: 'hidden' });
    await row.waitFor();
    await row.getByRole('button', { name: 'Delete' }).click();
    await ask.getByRole('button', { name: 'Delete webhook' }).click();
    await row.waitFor({ state: 'detached' });
  });
});
