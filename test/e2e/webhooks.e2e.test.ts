import Database from 'better-sqlite3';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { openPage } from '../support/navigation';
import { startReceiver } from '../webhooks/receiver';

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
    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByLabel('campaign.status_changed').check();
    await form.getByRole('button', { name: 'Add webhook' }).click();

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
  });
});
