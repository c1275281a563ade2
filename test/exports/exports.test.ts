import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { EXPORT_PAGE_ROWS } from '../../main/db/sqlite/keysetPages';
import { saveExport } from '../../main/exports/saveExport';
import type { ExportProgress, ExportRequest } from '../../shared/exports/exports';
import { exportRequest } from '../../shared/exports/exports';
import { parseInput } from '../../shared/validation';
import type { CallHistory } from '../calls/callHistory';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { seedExportHistory } from './exportFixture';

let core: Core;
let h: CallHistory;

beforeEach(async () => {
  core = await testCore(() => T0);
  h = await seedExportHistory(core);
});

async function exported(request: ExportRequest): Promise<string> {
  return text((await core.services.exports.open(h.w.team, parseInput(exportRequest, request))).body);
}

async function csvRows(request: ExportRequest): Promise<Record<string, string>[]> {
  const csv = await exported(request);
  expect(csv.endsWith('\r\n')).toBe(true);
  return Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
}

describe('the results CSV', () => {
  it('has a row per enrolled contact with its status, attempts, last outcome, latest analysis and a column per collected field', async () => {
    const csv = await exported({ kind: 'results', campaignId: h.spring.id });
    expect(csv.split('\r\n')[0]).toBe('contact_id,first_name,last_name,phone,email,status,skip_reason,attempts,last_outcome,updated_at,analysis_state,summary,success,interest,callback_day');
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(2);
    const [dana, omar] = [h.dana.id, h.omar.id].map((id) => rows.find((row) => row.contact_id === id)!);
    expect(dana).toMatchObject({ contact_id: h.dana.id, phone: '+12025557001', status: 'completed', attempts: '2', last_outcome: 'transferred', analysis_state: 'done', success: 'true' });
    // the later of her two analysed calls
    expect([dana.summary, dana.interest, dana.callback_day]).toEqual(["'-1+2 wants pricing", 'high', "'+Monday"]);
    expect(omar).toMatchObject({ contact_id: h.omar.id, status: 'pending', attempts: '0', last_outcome: '', analysis_state: '', summary: '', interest: '', callback_day: '' });
  });

  it('reads a campaign far larger than one read, each contact once', async () => {
    const n = EXPORT_PAGE_ROWS * 2 + 1;
    const { sqlite } = core.services.store;
    const contact = sqlite.prepare(`INSERT INTO contacts (id, team_id, company_id, first_name, last_name, created_at, updated_at) VALUES (?, ?, ?, 'Bulk', ?, 0, 0)`);
    const enrol = sqlite.prepare(`INSERT INTO campaign_contacts (campaign_id, contact_id, status, enrolled_at, updated_at) VALUES (?, ?, 'pending', 0, 0)`);
    sqlite.transaction(() => {
      for (let i = 0; i < n; i++) {
        contact.run(`cnt_bulk${i}`, h.w.team.teamId, h.w.acme.id, String(i));
        enrol.run(h.renewals.id, `cnt_bulk${i}`);
      }
    })();
    const ids = (await csvRows({ kind: 'results', campaignId: h.renewals.id })).map((row) => row.contact_id);
    expect([ids.length, new Set(ids).size]).toEqual([n, n]);
  });

  it('escapes every cell that a spreadsheet would run as a formula (=, @, + and - unless a number)', async () => {
    const dana = (await csvRows({ kind: 'results', campaignId: h.spring.id })).find((row) => row.contact_id === h.dana.id)!;
    expect([dana.first_name, dana.last_name, dana.phone]).toEqual(['\'=HYPERLINK("http://evil")', "'@SUM(A1)", '+12025557001']);
  });

  it("refuses another team's campaign and an unknown one before any row is read", async () => {
    const results = (campaignId: string) => parseInput(exportRequest, { kind: 'results', campaignId });
    await expect(core.services.exports.open({ teamId: 'team_other' }, results(h.spring.id))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(core.services.exports.open(h.w.team, results('cmp_nope'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('the calls export', () => {
  it('as CSV: the calls the filters pick, newest first, with the transcript, tools and analysis in cells', async () => {
    const rows = await csvRows({ kind: 'calls', format: 'csv', filters: { campaignId: h.spring.id } });
    expect(rows.map((r) => r.call_id)).toEqual([h.ids.answered, h.ids.transferred, h.ids.voicemail]);
    const transferred = rows[1];
    expect(transferred).toMatchObject({ campaign_name: 'Spring Outreach', contact_name: '\'=HYPERLINK("http://evil") @SUM(A1)', outcome: 'transferred', analysis_state: 'done', summary: "'-1+2 wants pricing" });
    expect(transferred.transcript.split('\n')).toEqual([
      'agent: Hi Dana, this is Ava from Acme. Do you have a minute?',
      'contact: Sure, go ahead.',
      'agent: Great, so the reason I am calling is',
      'contact: Can I talk to someone about pricing?',
    ]);
    expect(transferred.tools).toBe('transfer_call {"reason":"asked about pricing"} -> Transferred to +12025550199');
    expect(JSON.parse(transferred.fields)).toEqual({ interest: 'high', callback_day: '+Monday' });
    expect(rows[0]).toMatchObject({ analysis_state: '', fields: '' });
  });

  it('filters by outcome and start as the list does', async () => {
    const ids = async (filters: Record<string, string | boolean>) => (await csvRows({ kind: 'calls', format: 'csv', filters })).map((r) => r.call_id);
    expect(await ids({ outcome: 'busy' })).toEqual([h.ids.busy]);
    expect(await ids({ from: '2026-03-03T00:00:00Z', to: '2026-03-05T00:00:00Z' })).toEqual([h.ids.no_answer, h.ids.answered]);
    expect(await ids({ success: false })).toEqual([h.ids.voicemail]);
  });

  it('as JSON Lines: one call per line with its transcript turns, tools and analysis', async () => {
    const lines = (await exported({ kind: 'calls', format: 'jsonl', filters: { outcome: 'transferred' } })).split('\n');
    expect(lines.at(-1)).toBe('');
    const calls = lines.slice(0, -1).map((line) => JSON.parse(line));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ id: h.ids.transferred, campaignName: 'Spring Outreach', outcome: 'transferred', analysis: { state: 'done', summary: '-1+2 wants pricing', success: true, fields: { interest: 'high', callback_day: '+Monday' } } });
    expect(calls[0].transcript[2]).toEqual({ speaker: 'agent', text: 'Great, so the reason I am calling is', offsetMs: 7_900, interrupted: true });
    expect(calls[0].tools).toEqual([{ name: 'transfer_call', arguments: { reason: 'asked about pricing' }, at: '2026-03-02T15:00:17.000Z', result: 'Transferred to +12025550199' }]);
  });

  it('tells the progress of an export that has an id, ending with done', async () => {
    const seen: ExportProgress[] = [];
    core.services.events.on('exports.progress', (p) => seen.push(p));
    await exported({ kind: 'calls', format: 'jsonl', filters: {}, exportId: 'x1' });
    expect(seen.at(-1)).toEqual({ exportId: 'x1', rows: 5, done: true });
  });
});

describe('saving an export to a chosen file', () => {
  const request = (campaignId: string) => parseInput(exportRequest, { kind: 'results', campaignId });

  it('writes the file the person chose, under the suggested name, and counts its rows', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'dw-export-')), 'chosen.csv');
    const suggested: string[] = [];
    const saved = await saveExport(core.services.exports, h.w.team, request(h.spring.id), async (name) => (suggested.push(name), path));
    expect(saved).toEqual({ path, rows: 2 });
    expect(suggested).toEqual([`results-${h.spring.id}.csv`]);
    expect(readFileSync(path, 'utf8')).toBe(await exported({ kind: 'results', campaignId: h.spring.id }));
  });

  it('writes nothing when cancelled, says a missing campaign before asking, and needs a window to ask', async () => {
    expect(await saveExport(core.services.exports, h.w.team, request(h.spring.id), async () => null)).toEqual({ path: null, rows: 0 });
    let asked = false;
    await expect(saveExport(core.services.exports, h.w.team, request('cmp_nope'), async () => ((asked = true), null))).rejects.toMatchObject({ code: 'not_found' });
    expect(asked).toBe(false);
    await expect(saveExport(core.services.exports, h.w.team, request(h.spring.id), undefined)).rejects.toMatchObject({ code: 'not_found' });
  });
});
