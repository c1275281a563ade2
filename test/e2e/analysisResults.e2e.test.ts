import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAnalysedHistory } from '../analysis/analysedHistory';
import { seriousViolations } from '../support/axe';
import { ARTIFACTS, demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { dialogsClosed, openPage } from '../support/navigation';

describe('the monitor’s Results and a call’s analysis in headless Chromium against the headless host', () => {
  let springId = '';
  let danaCallId = '';
  const app = demoAppInChromium([], {}, async (core) => {
    const h = await seedAnalysedHistory(core);
    springId = h.spring.id;
    danaCallId = h.ids.transferred;
  });
  screenshotFailures(app, 'analysis');
  let page: Page;
  beforeAll(() => {
    ({ page } = app);
  });
  /** Goes to an address of the app in this session (the host's link was traded for it once). */
  const visit = (path: string) => page.evaluate((hash) => void (window.location.hash = hash), path);

  it('shows the success rate and each enum value counted, with a chart', async () => {
    await visit(`/campaigns/${springId}`);
    const results = page.getByRole('region', { name: 'Results' });
    await expect.poll(() => results.getByRole('group', { name: 'Calls analysed' }).textContent()).toContain('2');
    expect(await results.getByRole('group', { name: 'Success rate' }).textContent()).toContain('50');
    const values = results.getByRole('list', { name: 'interest by value' });
    expect(await values.getByRole('listitem').evaluateAll((items) => items.map((i) => i.getAttribute('aria-label')))).toEqual(['qualified: 1', 'unqualified: 1']);
    await expect.poll(() => results.getByRole('img', { name: 'Calls by interest' }).locator('.recharts-bar-rectangle').count()).toBe(2);
    expect(await seriousViolations(page, 'section[aria-label="Results"]')).toEqual([]);
    await results.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}/monitoring-results.png` });
  });

  it('shows a call’s summary, success and fields in its detail', async () => {
    await visit(`/calls/${danaCallId}`);
    const analysis = page.getByRole('region', { name: 'Analysis' });
    await expect.poll(() => analysis.getByLabel('Success').textContent()).toBe('Success');
    expect(await analysis.getByLabel('Summary').textContent()).toContain('we need 12 seats');
    expect(await analysis.getByRole('table', { name: 'Collected fields' }).textContent()).toContain('seats12');
  });

  it('edits what an assistant collects in its own tab, with main’s error under the field it names', async () => {
    await openPage(page, 'Assistants');
    await page.getByRole('button', { name: 'Outbound', exact: true }).click();
    const editor = page.getByRole('dialog', { name: /^Edit Outbound/ });
    await editor.getByRole('tab', { name: 'What to collect' }).click();
    const fields = () => editor.getByRole('group', { name: /^Field \d+$/ });
    expect(await fields().count()).toBe(3);
    await editor.getByRole('button', { name: 'Add a field' }).click();
    const added = editor.getByRole('group', { name: 'Field 4' });
    await added.getByRole('textbox', { name: 'Key' }).fill('Budget');
    await editor.getByRole('button', { name: 'Save assistant' }).click();
    await expect.poll(() => added.getByText('Lower-case letters, digits and _, starting with a letter').count()).toBe(1);
    await added.getByRole('textbox', { name: 'Key' }).fill('budget');
    await editor.getByRole('button', { name: 'Save assistant' }).click();
    await dialogsClosed(page);
  });
});
