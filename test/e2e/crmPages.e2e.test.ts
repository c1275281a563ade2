import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';
import type { HostProcess } from '../support/hostProcess';

describe('assistants, phone numbers and settings in headless Chromium against the headless host', () => {
  const app = demoAppInChromium();
  let host: HostProcess;
  let page: Page;

  beforeAll(async () => {
    ({ host, page } = app);
  });

  it('adds a phone number: an invalid number is a field error, a valid one is listed', async () => {
    await openPage(page, 'Phone Numbers');
    await page.getByRole('button', { name: 'Add number' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add number' });
    await dialog.getByRole('textbox', { name: 'Number', exact: true }).fill('555-12');
    await dialog.getByLabel('Label').fill('Boston line');
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => dialog.getByText('"555-12" is not a valid phone number').count()).toBe(1);
    expect(await dialog.getByLabel('Label').inputValue()).toBe('Boston line');

    await dialog.getByRole('textbox', { name: 'Number', exact: true }).fill('(617) 555-0101');
    await dialog.getByRole('button', { name: 'Add number' }).click();
    await dialogsClosed(page);
    const row = page.getByRole('table', { name: 'Phone numbers' }).getByRole('row', { name: /\+16175550101/ });
    await expect.poll(() => row.textContent()).toContain('Boston line');
    await expect.poll(() => row.textContent()).toContain('Unassigned');
    await page.screenshot({ path: `${ARTIFACTS}/phone-numbers.png` });
  });

  it('creates an assistant, turns on outbound calling and assigns a number in its Telephony tab', async () => {
    await openPage(page, 'Assistants');
    await page.getByRole('button', { name: 'New assistant' }).click();
    const created = page.getByRole('dialog', { name: 'New assistant' });
    await created.getByRole('textbox', { name: 'Assistant name' }).fill('Casey — Boston caller');
    await created.getByLabel('Greeting', { exact: true }).fill('Hi, this is Casey from Northwind.');
    await created.getByRole('button', { name: 'Create assistant' }).click();
    await dialogsClosed(page);

    const row = page.getByRole('table', { name: 'Assistants' }).getByRole('row', { name: /Casey/ });
    await expect.poll(() => row.textContent()).toContain('Needs outbound calling');
    await row.getByRole('button', { name: 'Casey — Boston caller' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit Casey — Boston caller' });
    await dialog.getByRole('tab', { name: 'Telephony' }).click();
    // Mantine draws the switch over a visually hidden input: click its label, then check the input's state
    await dialog.getByText('Outbound calling', { exact: true }).click();
    await expect.poll(() => dialog.getByRole('switch', { name: 'Outbound calling' }).isChecked()).toBe(true);
    await dialog.getByRole('checkbox', { name: /\+16175550101/ }).check();
    await page.screenshot({ path: `${ARTIFACTS}/assistant-telephony.png` });
    await dialog.getByRole('button', { name: 'Save assistant' }).click();
    await dialogsClosed(page);
    await expect.poll(() => row.textContent()).toContain('Ready');
    await page.screenshot({ path: `${ARTIFACTS}/assistants.png` });
  });

  it('creates an API key shown once, which works until it is revoked', async () => {
    await openPage(page, 'Settings');
    const origin = new URL(host.url).origin;
    await expect.poll(() => page.getByText(`${origin}/api/`, { exact: true }).count()).toBe(1);
    await page.getByLabel('Key name').fill('CRM sync');
    await page.getByRole('button', { name: 'Create API key' }).click();
    const dialog = page.getByRole('dialog', { name: 'API key created' });
    const key = await dialog.getByRole('textbox', { name: 'API key' }).inputValue();
    expect(key).toMatch(/^dw_live_[A-Za-z0-9]{48}$/);
    expect(await dialog.getByText('will not be shown again').count()).toBe(1);
    expect(await dialog.getByRole('button', { name: 'Copy key' }).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/api-key-created.png` });
    await dialog.getByRole('button', { name: 'Done' }).click();

    const check = () => fetch(`${origin}/api/test-api-key`, { headers: { authorization: `Bearer ${key}` } }).then((r) => r.status);
    expect(await check()).toBe(200);

    const row = page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: /CRM sync/ });
    await expect.poll(() => row.textContent()).toContain('Active');
    expect(await row.textContent()).toContain(key.slice(0, 10));
    await expect.poll(() => page.getByText(key).count()).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}/settings.png` });

    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('dialog', { name: 'Revoke API key' }).getByRole('button', { name: 'Revoke key' }).click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect(await check()).toBe(401);
  });
});
