import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { openPage } from '../support/navigation';
import { tempDbFile } from '../support/tempDb';

describe('Backups on the Settings page, in headless Chromium against the headless host', () => {
  // our own --db (the last one given wins), to look into the backups folder beside it
  const dbFile = tempDbFile();
  const app = demoAppInChromium(['--db', dbFile]);
  screenshotFailures(app, 'backups');
  let page: Page;

  const panel = () => page.getByRole('region', { name: 'Backups' });
  const rows = () => panel().getByRole('table', { name: 'Backups' }).locator('tbody tr');
  const backupFiles = () => readdirSync(join(dirname(dbFile), 'backups')).filter((name) => name.endsWith('.db'));
  const companyRow = (name: string) => page.getByRole('table', { name: 'Companies' }).getByRole('row').filter({ hasText: name });

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Settings');
    await panel().waitFor();
  });

  it('makes a backup on request and lists it', async () => {
    await expect.poll(() => panel().getByText('No backups yet.').count()).toBe(1);
    await panel().getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('Backed up by hand');
    expect(backupFiles()).toEqual([expect.stringMatching(/^dialwell-.+Z-manual\.db$/)]);
    expect(await panel().getByText(join(dirname(dbFile), 'backups')).count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/settings-backups.png`, fullPage: true });
  });

  it('restores it: a company added after the backup is gone, and the replaced workspace is kept as a backup', async () => {
    await openPage(page, 'Companies');
    await page.getByRole('button', { name: 'New company' }).click();
    const dialog = page.getByRole('dialog', { name: 'New company' });
    await dialog.getByLabel(/^Company name/).fill('Added after the backup');
    await dialog.getByRole('button', { name: 'Create company' }).click();
    await expect.poll(() => companyRow('Added after the backup').count()).toBe(1);

    await openPage(page, 'Settings');
    await rows().first().getByRole('button', { name: /^Restore the backup of / }).click();
    await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore backup' }).click();
    // the page reloads on the restored workspace, whose list has the safety copy on top
    await expect.poll(() => rows().count()).toBe(2);
    expect(await rows().first().textContent()).toContain('Before a restore');
    expect(backupFiles()).toHaveLength(2);

    await openPage(page, 'Companies');
    await page.getByRole('table', { name: 'Companies' }).waitFor();
    await expect.poll(() => companyRow('Northwind').count()).toBeGreaterThan(0);
    expect(await companyRow('Added after the backup').count()).toBe(0);
  });

  it('keeps only as many backups as set, from the next one on', async () => {
    await openPage(page, 'Settings');
    await panel().getByLabel('Backups to keep').fill('1');
    await panel().getByRole('button', { name: 'Save number to keep' }).click();
    await expect.poll(() => panel().getByRole('status').filter({ hasText: 'Saved.' }).count()).toBe(1);
    await panel().getByRole('button', { name: 'Back up now' }).click();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().textContent()).toContain('Backed up by hand');
    expect(backupFiles()).toHaveLength(1);
  });
});
