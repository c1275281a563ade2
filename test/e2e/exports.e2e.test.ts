import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { monitorPath } from '../../renderer/src/app/navigation';
import type { CallHistory } from '../calls/callHistory';
import { seedExportHistory } from '../exports/exportFixture';
import { demoAppInChromium, screenshotFailures } from '../support/demoApp';
import { openPage } from '../support/navigation';

async function downloaded(download: Promise<Download>): Promise<{ name: string; text: string }> {
  const file = await download;
  let text = '';
  for await (const chunk of (await file.createReadStream())!) text += chunk.toString();
  return { name: file.suggestedFilename(), text };
}

describe('exports from the monitor and the Calls page in headless Chromium against the headless host', () => {
  let h: CallHistory;
  const app = demoAppInChromium([], {}, async (core) => {
    h = await seedExportHistory(core);
  });
  screenshotFailures(app, 'exports');
  let page: Page;

  beforeAll(async () => {
    ({ page } = app);
    await openPage(page, 'Calls');
  });

  it('exports the filtered calls as JSON Lines and as CSV', async () => {
    await expect.poll(() => page.getByText(/calls?, newest first$/).textContent()).toBe('5 calls, newest first');
    const exportAs = async (format: 'CSV' | 'JSON Lines') => {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export calls' }).click();
      await page.getByRole('menuitem', { name: format }).click();
      return downloaded(download);
    };
    const jsonl = await exportAs('JSON Lines');
    expect(jsonl.name).toBe('calls.jsonl');
    const calls = jsonl.text.trim().split('\n').map((line) => JSON.parse(line));
    expect(calls.map((c) => c.outcome)).toEqual(['busy', 'no_answer', 'answered', 'transferred', 'voicemail']);
    expect(calls[3].transcript.map((t: { speaker: string }) => t.speaker)).toEqual(['agent', 'contact', 'agent', 'contact']);
    await expect.poll(() => page.getByRole('status', { name: 'Export progress' }).textContent()).toBe('Exported 5 rows to calls.jsonl');

    await page.getByRole('textbox', { name: 'Outcome', exact: true }).click();
    await page.getByRole('option', { name: 'Transferred', exact: true }).click();
    await expect.poll(() => page.getByText(/calls?, newest first$/).textContent()).toBe('1 call, newest first');
    const csv = await exportAs('CSV');
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.call_id, r.summary])).toEqual([[h.ids.transferred, "'-1+2 wants pricing"]]);
  });

  it("exports the campaign's results from its monitor, a row per contact with the collected fields", async () => {
    await page.goto(`${new URL(page.url()).origin}/#${monitorPath(h.spring.id)}`);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export results (CSV)' }).click();
    const csv = await downloaded(download);
    expect(csv.name).toBe(`results-${h.spring.id}.csv`);
    const rows = Papa.parse<Record<string, string>>(csv.text, { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => r.contact_id).sort()).toEqual([h.dana.id, h.omar.id].sort());
    expect(rows.find((r) => r.contact_id === h.dana.id)).toMatchObject({ first_name: '\'=HYPERLINK("http://evil")', interest: 'high', callback_day: "'+Monday" });
    await expect.poll(() => page.getByRole('status', { name: 'Export progress' }).textContent()).toBe(`Exported 2 rows to results-${h.spring.id}.csv`);
  });
});
