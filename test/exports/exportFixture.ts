import type { Core } from '../../main/core';
import { seedCallHistory, type CallHistory } from '../calls/callHistory';

/** What the analysis of the history's calls collected: the fields of the campaigns' assistant. */
export const COLLECT = [
  { key: 'interest', type: 'enum', description: '', options: ['high', 'low'], mapTo: null },
  { key: 'callback_day', type: 'text', description: '', options: [], mapTo: null },
];

/**
 * The call history, enrolled in Spring Outreach, with user text a spreadsheet would run as formulas (a name, a
 * turn, a summary) and a done analysis of two calls: Dana's older voicemail and her later transfer.
 */
export async function seedExportHistory(core: Core): Promise<CallHistory> {
  const h = await seedCallHistory(core);
  const { sqlite } = core.services.store;
  await core.services.enrolment.enrol(h.w.team, { id: h.spring.id, contactIds: [h.dana.id, h.omar.id], priority: 0 });
  sqlite.prepare(`UPDATE campaign_contacts SET status = 'completed', attempts = 2, last_outcome = 'transferred' WHERE contact_id = ?`).run(h.dana.id);
  sqlite.prepare(`UPDATE contacts SET first_name = '=HYPERLINK("http://evil")', last_name = '@SUM(A1)' WHERE id = ?`).run(h.dana.id);
  sqlite.prepare(`UPDATE assistants SET collect = ? WHERE id = ?`).run(JSON.stringify(COLLECT), h.w.assistant.id);
  const analyse = sqlite.prepare(
    `INSERT INTO call_analyses (call_id, team_id, state, summary, success, fields, next_attempt_at, created_at, updated_at) VALUES (?, ?, 'done', ?, ?, ?, NULL, 0, 0)`,
  );
  analyse.run(h.ids.voicemail, h.w.team.teamId, 'Left a message', 0, JSON.stringify({ interest: 'low', callback_day: null }));
  analyse.run(h.ids.transferred, h.w.team.teamId, '-1+2 wants pricing', 1, JSON.stringify({ interest: 'high', callback_day: '+Monday' }));
  await core.services.calls.recordTurn(h.ids.answered, { speaker: 'contact', text: '+1 555 0100 is my other number', offsetMs: 3_000 });
  return h;
}
