import type { Page } from 'playwright-core';
import type { PageName } from '../../renderer/src/app/navigation';

export type { PageName };

/** Opens one of the app's pages from the main navigation, as a person would (each is a link to the page's address). */
export async function openPage(page: Page, name: PageName): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
