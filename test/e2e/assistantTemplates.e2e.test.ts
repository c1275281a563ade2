import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { monitorPath } from '../../renderer/src/app/navigation';
import { dialogsClosed, openPage } from '../support/navigation';

/** Nothing listens on port 1 of loopback: the launch check finds the agent unreachable at once. */
const DEAD_AGENT = 'ws://127.0.0.1:1/media';

describe('assistant templates: the preview and the launch check, in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  screenshotFailures(app, 'assistant-templates');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
  });

  it('shows an unknown variable as it is typed, and the templates rendered for a chosen contact with what they lack', async () => {
    await openPage(page, 'Assistants');
    await page.getByRole('button', { name: /^Riley/ }).click();
    const editor = page.getByRole('dialog', { name: /^Edit Riley/ });
    const greeting = editor.getByRole('textbox', { name: 'Greeting' });
    await greeting.fill('Hi {{frstName}}');
    await expect.poll(() => editor.getByText(/^Unknown variable \{\{frstName\}\}/).count()).toBe(1);
    await greeting.fill('Hi {{ firstName | there }}, this is {{assistant}} about your {{custom.plan}} plan.');
    await expect.poll(() => editor.getByText(/^Unknown variable/).count()).toBe(0);

    await editor.getByRole('textbox', { name: 'Preview for a contact' }).fill('Ava');
    await page.getByRole('option', { name: /^Ava Carter/ }).first().click();
    const rendered = editor.getByRole('group', { name: 'Greeting preview' });
    await expect.poll(() => rendered.textContent()).toBe('GreetingHi Ava, this is Riley — renewals caller about your  plan.');
    await expect.poll(() => editor.getByRole('alert').filter({ hasText: 'No value for this contact' }).textContent()).toContain('{{custom.plan}} is left empty');
    await rendered.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/assistant-preview.png` });

    await editor.getByRole('tab', { name: 'Telephony' }).click();
    await editor.getByText('Media Streams (your agent)', { exact: true }).click();
    await editor.getByRole('textbox', { name: 'Agent endpoint' }).fill(DEAD_AGENT);
    await editor.getByRole('button', { name: 'Save assistant' }).click();
    await dialogsClosed(page);
  });

  it('warns in the New Campaign dialog before Create: the contacts without a plan, and the agent that does not answer', async () => {
    // one of Riley's numbers on a SIP line (the Phone Numbers page's own test sets one there): the simulator's
    // calls never reach the agent, so the check probes it only for a campaign that dials through a real line
    const db = new Database(app.dbFile);
    db.prepare(`UPDATE phone_numbers SET provider = 'sip' WHERE id = (SELECT id FROM phone_numbers WHERE assistant_id = (SELECT id FROM assistants WHERE name LIKE 'Riley%') LIMIT 1)`).run();
    db.close();
    await openPage(page, 'Campaigns');
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillNewCampaign(page, { name: 'Launch-checked renewals' });
    const check = d.getByRole('region', { name: 'Launch check' });
    await expect.poll(() => check.textContent()).toMatch(/contacts have no “plan” value — \{\{custom\.plan\}\} is left empty/);
    expect(await check.textContent()).toContain('The agent endpoint did not answer');
    expect(await check.textContent()).toContain('nothing is blocked');
    await check.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/launch-check.png` });
    // warnings, not blocks: the campaign is created
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
  });

  it("gives the same warnings on the draft's monitor, before it is started", async () => {
    const name = 'Launch-checked renewals';
    // a draft's name opens its editor: its monitor is at its address
    const db = new Database(app.dbFile, { readonly: true });
    const { id } = db.prepare('SELECT id FROM campaigns WHERE name = ?').get(name) as { id: string };
    db.close();
    await page.goto(`${new URL(page.url()).origin}/#${monitorPath(id)}`);
    await expect.poll(() => page.getByRole('heading', { name }).count()).toBe(1);
    const check = page.getByRole('region', { name: 'Launch check' });
    await expect.poll(() => check.textContent()).toMatch(/contacts have no “plan” value — \{\{custom\.plan\}\} is left empty/);
    expect(await check.textContent()).toContain('The agent endpoint did not answer');
  });
});
