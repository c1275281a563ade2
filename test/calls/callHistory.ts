import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Core } from '../../main/core';
import { recordingFileOf } from '../../main/calls/recordings';
import { writeTelephonyWav } from '../../main/telephony/media/wav';
import type { CallOutcome, Campaign } from '../../shared/campaigns/types';
import type { Contact } from '../../shared/crm/types';
import { makeWorld, required, type World } from '../campaigns/fixtures';
import { tone } from '../media/audio';

/** Calls that ended before the tests run, placed by hand with what their voice engine would have written. */
export interface CallHistory {
  w: World;
  spring: Campaign;
  renewals: Campaign;
  dana: Contact;
  omar: Contact;
  /** Call ids by outcome (one call each). */
  ids: Record<'transferred' | 'answered' | 'voicemail' | 'no_answer' | 'busy', string>;
  /** The transferred call's recording, as the media side writes one: 1 s, the far end and what it heard. */
  recordingBytes: number;
}

export const MARCH = (day: number, hour = 15) => Date.UTC(2026, 2, day, hour);

let callSeq = 0;

/** An ended call as the dialer writes one; answered calls are answered 5 s in. */
function insertCall(core: Core, campaign: Campaign, contact: Contact, outcome: CallOutcome, startedAt: number, seconds: number): string {
  const id = `call_history${++callSeq}`;
  const answered = ['answered', 'transferred', 'voicemail'].includes(outcome);
  const endedAt = startedAt + (answered ? 5_000 : 0) + seconds * 1000;
  core.services.store.sqlite
    .prepare(
      `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, answered_at, ended_at, duration_seconds)
       VALUES (?, ?, ?, ?, 1, ?, ?, 'ended', ?, 'sip', ?, ?, ?, ?)`,
    )
    .run(id, campaign.teamId, campaign.id, contact.id, campaign.fromNumbers[0].number, contact.phone, outcome, startedAt, answered ? startedAt + 5_000 : null, endedAt, answered ? seconds : null);
  return id;
}

/**
 * Two campaigns, two contacts and five calls on five days of March 2026: a transferred call with a
 * conversation (one agent turn cut short), the transfer it asked for and its recording; an answered call
 * with a short exchange; and a voicemail, a no-answer and a busy one with nothing said.
 */
export async function seedCallHistory(core: Core): Promise<CallHistory> {
  const w = await makeWorld(core);
  const spring = await core.services.campaigns.create(w.team, required(w, { name: 'Spring Outreach' }));
  const renewals = await core.services.campaigns.create(w.team, required(w, { name: 'Renewals' }));
  const dana = await w.api.invoke('contacts.create', { companyId: w.acme.id, firstName: 'Dana', lastName: 'Whitfield', phone: '+12025557001' });
  const omar = await w.api.invoke('contacts.create', { companyId: w.acme.id, firstName: 'Omar', lastName: 'Haddad', phone: '+12025557002' });
  const ids = {
    voicemail: insertCall(core, spring, dana, 'voicemail', MARCH(1), 30),
    transferred: insertCall(core, spring, dana, 'transferred', MARCH(2), 90),
    answered: insertCall(core, spring, omar, 'answered', MARCH(3), 40),
    no_answer: insertCall(core, renewals, dana, 'no_answer', MARCH(4), 0),
    busy: insertCall(core, renewals, omar, 'busy', MARCH(5), 0),
  };
  const { calls } = core.services;
  // recorded as each turn ended: the contact's reply ends after the agent's next turn began over it
  await calls.recordTurn(ids.transferred, { speaker: 'agent', text: 'Hi Dana, this is Ava from Acme. Do you have a minute?', offsetMs: 400 });
  await calls.recordTurn(ids.transferred, { speaker: 'agent', text: 'Great, so the reason I am calling is', offsetMs: 7_900, interrupted: true });
  await calls.recordTurn(ids.transferred, { speaker: 'contact', text: 'Sure, go ahead.', offsetMs: 5_200 });
  await calls.recordTurn(ids.transferred, { speaker: 'contact', text: 'Can I talk to someone about pricing?', offsetMs: 9_100 });
  await calls.recordTool(ids.transferred, { name: 'transfer_call', arguments: { reason: 'asked about pricing' }, at: MARCH(2) + 17_000, result: 'Transferred to +12025550199' });
  await calls.recordTurn(ids.answered, { speaker: 'agent', text: 'Hello Omar, is now a good time?', offsetMs: 300 });
  await calls.recordTurn(ids.answered, { speaker: 'contact', text: 'Not really, call me next week.', offsetMs: 2_600 });
  await calls.recordTool(ids.answered, { name: 'schedule_callback', arguments: { at: 'in 7 days', note: 'busy this week' }, at: MARCH(3) + 9_000, result: null });
  await calls.recordTool(ids.answered, { name: 'end_call', arguments: { reason: 'callback scheduled' }, at: MARCH(3) + 12_000 });

  const file = recordingFileOf(join(dirname(core.services.store.file), 'recordings'), ids.transferred);
  await writeTelephonyWav(file, [tone(440, 1), tone(660, 1)]);
  return { w, spring, renewals, dana, omar, ids, recordingBytes: statSync(file).size };
}
