import type { Page } from 'playwright-core';

export type PageName = 'Campaigns' | 'Contacts' | 'Companies' | 'Assistants' | 'Phone Numbers' | 'DNC Lists' | 'Settings';

/** Opens one of the app's pages from the main navigation, as a person would. */
export async function openPage(page: Page, name: PageName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
}
