import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD_CAMPAIGN } from '../../main/demo/seedDemo';
import { allowCallsAtAnyHour, fillNewCampaign } from '../support/campaignDialog';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

describe('campaigns in headless Chromium against the headless host', () => {
  const app = demoAppInChromium(['--time-scale', '300']);
  screenshotFailures(app, 'campaigns');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Campaigns');
  });

  const dialog = () => page.getByRole('dialog', { name: 'New Campaign' });
  const editDialog = () => page.getByRole('dialog', { name: 'Edit Campaign' });
  const row = (name: string) => page.getByRole('table', { name: 'Campaigns' }).getByRole('row', { name: new RegExp(name) });

  const fillCampaign = (name: string) =>
    fillNewCampaign(page, { name, description: 'Renewal calls for Northwind', window: { start: '00:00', end: '23:59' }, concurrency: 3 });

  it('lists the demo campaign as a draft, and shows the empty state once it is deleted', async () => {
    const demo = row(DEMO_WORLD_CAMPAIGN.replace(/[()]/g, '\\$&'));
    await expect.poll(() => demo.textContent()).toMatch(/Draft.*0 \/ 20/);
    await demo.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete campaign' }).getByRole('button', { name: 'Delete campaign' }).click();
    await expect.poll(() => page.getByText(/Click New Campaign/).count()).toBe(1);
  });

  it('shows field errors for an empty form', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => dialog().getByText('Campaign Name is required').count()).toBe(1);
    await expect.poll(() => dialog().getByText('Outbound Assistant is required').count()).toBe(1);
    await expect.poll(() => dialog().getByText('Company is required').count()).toBe(1);
    await dialog().getByLabel('Campaign Name').fill('Typed before');
    await expect.poll(() => dialog().getByText('Campaign Name is required').count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-errors.png` });
  });

  it('creates a draft from the wizard without losing what was typed', async () => {
    const d = await fillCampaign('Q2 Renewals');
    // the next test watches calls arrive in real time, whatever the hour in the demo's US zones
    await allowCallsAtAnyHour(d);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-wizard.png` });
    expect(await dialog().getByLabel('Campaign Name').inputValue()).toBe('Q2 Renewals');
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Draft');
    // no call has ended yet: no answer rate ("—", not "0% (0 answered)")
    await expect.poll(() => row('Q2 Renewals').getByRole('cell').allTextContents()).toContain('—');
    await expect.poll(() => row('Q2 Renewals').getByRole('cell', { name: 'Riley — renewals caller' }).count()).toBe(1);
  });

  it('starts the campaign and shows calls arriving, then pauses it', async () => {
    const done = async () => Number((await row('Q2 Renewals').textContent())!.match(/(\d+) \/ \d+/)![1]);
    const doneAtStart = await done();
    await row('Q2 Renewals').getByRole('button', { name: 'Start campaign' }).click();
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Running');
    // Calls arrive from the simulator: contacts get done and some answer.
    await expect.poll(done, { timeout: 60_000, interval: 500 }).toBeGreaterThan(doneAtStart);
    await expect.poll(() => row('Q2 Renewals').textContent(), { timeout: 60_000, interval: 500 }).toMatch(/\([1-9]\d* answered\)/);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-running.png` });
    await row('Q2 Renewals').getByRole('button', { name: 'Pause' }).click();
    await expect.poll(() => row('Q2 Renewals').textContent()).toContain('Paused');
    await expect.poll(() => row('Q2 Renewals').getByRole('button', { name: 'Resume' }).count()).toBe(1);
  }, 90_000);

  it('creates a scheduled campaign when Schedule Start is set', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await fillCampaign('Future Outreach');
    await dialog().getByLabel('Schedule Start').fill(`${new Date().getUTCFullYear() + 1}-06-01T09:00`);
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Future Outreach').textContent()).toContain('Scheduled');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns.png` });
  });

  it('creates a campaign for manually selected contacts', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await fillCampaign('Hand Picked');
    await dialog().getByText('Manual select').click();
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await expect.poll(() => dialog().getByText('Select at least one contact').count()).toBe(1);
    await dialog().getByLabel('Search').fill('nguyen');
    const list = dialog().getByRole('group', { name: 'Contacts to call' });
    const boxes = list.getByRole('checkbox', { disabled: false });
    // the search applies after a short pause: wait until only matches are listed
    await expect.poll(async () => (await boxes.count()) > 1 && (await list.getByRole('checkbox', { name: /^(?!.*Nguyen)/ }).count()) === 0).toBe(true);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await expect.poll(() => dialog().getByText('2 selected').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-manual.png` });
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Hand Picked').textContent()).toMatch(/Draft.*0 \/ 2/);
  });

  it('selects every eligible contact across all pages with Select all eligible, and creates a Draft with that total', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    await fillCampaign('Everyone Callable');
    await dialog().getByText('Manual select').click();
    expect(await dialog().getByRole('switch', { name: 'Has phone' }).isChecked()).toBe(true);
    expect(await dialog().getByRole('switch', { name: 'Exclude DNC' }).isChecked()).toBe(true);
    // ineligible rows are listed, with their reason, but cannot be checked
    const hasPhone = dialog().getByRole('switch', { name: 'Has phone' });
    await dialog().getByText('Has phone', { exact: true }).click();
    await expect.poll(() => hasPhone.isChecked()).toBe(false);
    const contacts = dialog().getByRole('group', { name: 'Contacts to call' });
    await dialog().getByLabel('Search').fill('lopez');
    await expect.poll(() => contacts.getByRole('checkbox', { name: /Lucas Lopez · no phone · No phone number/ }).isDisabled()).toBe(true);
    await dialog().getByLabel('Search').fill('');
    await dialog().getByText('Has phone', { exact: true }).click();
    await expect.poll(() => hasPhone.isChecked()).toBe(true);
    // the list is virtualised: scrolling to the end fetches the second page of the 200 demo contacts. The list
    // itself is scrolled (mouse wheels raced the modal's scroll lock on a busy machine), again as rows arrive.
    const scrollListToEnd = () =>
      contacts
        .getByRole('checkbox')
        .first()
        .evaluate((box) => {
          let list = box.parentElement;
          while (list && list.scrollHeight <= list.clientHeight) list = list.parentElement;
          if (list) list.scrollTop = list.scrollHeight;
        });
    // the oldest demo contact is the last row, on the second page (fetched once the list nears its end, which on a
    // machine busy with other test files can take longer than a poll's default wait)
    await expect
      .poll(
        async () => {
          await scrollListToEnd();
          return contacts.getByRole('checkbox', { name: /Ava Carter/ }).isVisible();
        },
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);

    await dialog().getByRole('button', { name: 'Select all eligible' }).click();
    const summary = dialog().getByText(/All \d+ eligible contacts selected/);
    await expect.poll(() => summary.count()).toBe(1);
    const total = Number((await summary.textContent())!.match(/All (\d+) eligible/)![1]);
    expect(total).toBeGreaterThan(100); // more than one page of 100
    expect(total).toBeLessThan(200); // the demo has contacts without a phone and DNC ones
    await summary.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-select-all.png` });
    await dialog().getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Everyone Callable').textContent()).toMatch(new RegExp(`Draft.*0 / ${total}`));
  });

  it('shows an Advanced retry error next to its field and keeps what was typed', async () => {
    await row('Everyone Callable').getByRole('button', { name: 'Edit' }).click();
    const d = editDialog();
    await expect.poll(() => d.getByLabel('Campaign Name').inputValue()).toBe('Everyone Callable');
    expect(await d.getByLabel('Max Concurrent Calls').inputValue()).toBe('3');
    await d.getByRole('button', { name: 'Advanced retry' }).click();
    const busyDelay = d.getByLabel('Retry delay after busy (minutes)');
    expect(await busyDelay.inputValue()).toBe('10');
    await busyDelay.fill('20000');
    await d.getByLabel('Campaign Name').fill('Everyone Callable v2');
    await d.getByRole('button', { name: 'Save Campaign' }).click();
    await expect.poll(() => busyDelay.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await busyDelay.getAttribute('aria-describedby'))!.split(' ');
    const descriptions = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(descriptions.join(' ')).toContain('Retry delay must be at most 10080');
    expect(await d.getByLabel('Campaign Name').inputValue()).toBe('Everyone Callable v2');
    expect(await busyDelay.inputValue()).toBe('20000');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-advanced-error.png` });
  });

  it('edits a draft and saves it', async () => {
    const d = editDialog();
    await d.getByLabel('Retry delay after busy (minutes)').fill('30');
    await d.getByLabel('Max Attempts/Contact').fill('5');
    await d.getByRole('button', { name: 'Save Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Everyone Callable v2').textContent()).toContain('Draft');
    // reopened by its name, the draft shows what was saved
    await row('Everyone Callable v2').getByRole('button', { name: 'Everyone Callable v2' }).click();
    await expect.poll(() => editDialog().getByLabel('Max Attempts/Contact').inputValue()).toBe('5');
    await editDialog().getByRole('button', { name: 'Advanced retry' }).click();
    expect(await editDialog().getByLabel('Retry delay after busy (minutes)').inputValue()).toBe('30');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-edit.png` });
    await editDialog().getByRole('button', { name: 'Close' }).click();
    await dialogsClosed(page);

    // a reopened draft keeps its contacts and can take more
    await row('Hand Picked').getByRole('button', { name: 'Edit' }).click();
    expect(await editDialog().getByRole('radio', { name: 'No new contacts' }).isChecked()).toBe(true);
    await editDialog().getByText('Manual select').click();
    await editDialog().getByLabel('Search').fill('patel');
    const list = editDialog().getByRole('group', { name: 'Contacts to call' });
    await expect.poll(async () => (await list.getByRole('checkbox').count()) > 0 && (await list.getByRole('checkbox', { name: /^(?!.*Patel)/ }).count()) === 0).toBe(true);
    await list.getByRole('checkbox', { disabled: false }).first().check();
    await editDialog().getByRole('button', { name: 'Save Campaign' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row('Hand Picked').textContent()).toMatch(/Draft.*0 \/ 3/);
  });

  it('sets voicemail detection and local presence, names a threshold that cannot be reached as it is typed, and shows them reopened', async () => {
    await page.getByRole('button', { name: 'New Campaign' }).click();
    const d = await fillCampaign('Machine Aware');
    const localPresence = (inside: typeof d) => inside.getByLabel("Match the caller ID to the contact's area when possible");
    expect(await localPresence(d).isChecked()).toBe(false);
    await localPresence(d).check();
    await d.getByRole('button', { name: 'Voicemail detection' }).click();
    const decide = d.getByLabel('Decide within (ms)');
    await decide.waitFor({ state: 'visible' });
    expect(await decide.inputValue()).toBe('3500');
    expect(await d.getByLabel('Detect answering machines').isChecked()).toBe(true);
    // the thresholds stay folded under Advanced until a value could never be reached in time
    const silence = d.getByLabel('Silence before the first word (ms)');
    expect(await silence.isVisible()).toBe(false);
    await decide.fill('2000');
    await expect.poll(() => silence.getAttribute('aria-invalid')).toBe('true');
    await silence.waitFor({ state: 'visible' });
    expect(await d.getByText('Must be less than the decision time (2000 ms)').count()).toBe(1);
    await decide.fill('4000');
    await expect.poll(() => silence.getAttribute('aria-invalid')).not.toBe('true');
    await d.getByRole('button', { name: 'Advanced thresholds' }).click();
    await d.getByLabel('Machine greeting length (ms)').fill('2100');
    await d.getByLabel('Words in a machine greeting').fill('7');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-voicemail-detection.png` });
    await d.getByRole('button', { name: 'Create Campaign' }).click();
    await dialogsClosed(page);

    await row('Machine Aware').getByRole('button', { name: 'Machine Aware' }).click();
    const e = editDialog();
    await expect.poll(() => localPresence(e).isChecked()).toBe(true);
    await e.getByRole('button', { name: 'Voicemail detection' }).click();
    await expect.poll(() => e.getByLabel('Decide within (ms)').inputValue()).toBe('4000');
    await e.getByRole('button', { name: 'Advanced thresholds' }).click();
    expect(await e.getByLabel('Machine greeting length (ms)').inputValue()).toBe('2100');
    expect(await e.getByLabel('Words in a machine greeting').inputValue()).toBe('7');
    await e.getByRole('button', { name: 'Reset to defaults' }).click();
    expect([await e.getByLabel('Decide within (ms)').inputValue(), await e.getByLabel('Machine greeting length (ms)').inputValue()]).toEqual(['3500', '1700']);
    await e.getByRole('button', { name: 'Close' }).click();
    await dialogsClosed(page);
  });

  it('duplicates a campaign into a Draft copy under the name offered', async () => {
    const sourceTotal = (await row('Future Outreach').textContent())!.match(/0 \/ (\d+)/)![1];
    await row('Future Outreach').getByRole('button', { name: 'Duplicate' }).click();
    const named = page.getByRole('dialog', { name: 'Duplicate campaign' });
    expect(await named.getByLabel('Name of the copy').inputValue()).toBe('Future Outreach (copy)');
    await named.getByRole('button', { name: 'Create copy' }).click();
    await dialogsClosed(page);
    // the same contacts, none called yet
    await expect.poll(() => row('Future Outreach \\(copy\\)').textContent()).toMatch(new RegExp(`Draft.*0 / ${sourceTotal}`));
    expect(await row('^Future Outreach(?! \\(copy)').first().textContent()).toContain('Scheduled');
  });

  it('deletes a draft only after confirming in a dialog', async () => {
    const copy = () => row('Future Outreach \\(copy\\)');
    await copy().getByRole('button', { name: 'Delete' }).click();
    const confirmDialog = page.getByRole('dialog', { name: 'Delete campaign' });
    await expect.poll(() => confirmDialog.textContent()).toContain('Future Outreach (copy)');
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-delete-confirm.png` });
    await confirmDialog.getByRole('button', { name: 'Keep it' }).click();
    await dialogsClosed(page);
    expect(await copy().count()).toBe(1);
    await copy().getByRole('button', { name: 'Delete' }).click();
    await confirmDialog.getByRole('button', { name: 'Delete campaign' }).click();
    await expect.poll(() => copy().count()).toBe(0);
    // a running or paused campaign offers no Delete, and Edit only when not running
    expect(await row('Q2 Renewals').getByRole('button', { name: 'Delete' }).count()).toBe(0);
    expect(await row('Q2 Renewals').getByRole('button', { name: 'Edit' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/campaigns-list-actions.png` });
  });
});
