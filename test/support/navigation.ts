import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PageName } from '../../renderer/src/app/navigation';

export type { PageName };

/** Opens one of the app's pages from the main navigation, as a person would (each is a link to the page's address). */
export async function openPage(page: Page, name: PageName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}

/**
 * Waits until no dialog is open: a dialog closes once its save has gone through the host, which on a machine busy
 * with the other test files can take longer than a poll's default wait.
 */
export async function dialogsClosed(page: Page): Promise<void> {
  await expect.poll(() => page.getByRole('dialog').count(), { timeout: 30_000 }).toBe(0);
}
