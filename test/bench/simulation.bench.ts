import { openStore } from '../../main/db/open';
import type { CallRecord } from '../../main/simulate/callRecord';
import { runSimulation } from '../../main/simulate/runSimulation';
import { scenarioSchema } from '../../main/simulate/scenario';
import { report, timeMs } from './measure';

const CONTACTS = 100_000;

/** Outcomes of calls that were picked up (they get an answered_at). */
const PICKED_UP = new Set(['answered', 'voicemail']);

/**
 * A 100,000-contact simulation with the default outcome mix, against the floor of making the same writes
 * directly: for every call the run made, its claim, its call row, its progress updates, its end and its
 * contact's settlement, as plain prepared statements in one transaction on the same schema and triggers,
 * also in memory. What is left is the scheduler's own cost: choosing, windows, retries, events, the clock.
 */
export async function benchSimulation(): Promise<void> {
  const scenario = scenarioSchema.parse({
    start: '2027-03-15T13:00:00Z',
    seed: 11,
    campaign: { maxConcurrentCalls: 10 },
    fromNumbers: ['+12025550100', '+12025550101'],
    generate: { count: CONTACTS, phonePrefix: '+1202' },
  });
  const result = await runSimulation(scenario);
  const floorMs = await replayWrites(result.calls);
  report('simulation 100k contacts', {
    calls: result.summary.calls,
    wallMs: result.summary.wallMs,
    floorMs,
    ratio: result.summary.wallMs / floorMs,
    goal: '<= 3 and < 20 s',
    status: result.summary.campaignStatus,
  });
}

/** The floor: the run's own row writes, replayed directly. */
async function replayWrites(calls: CallRecord[]): Promise<number> {
  const store = await openStore(':memory:');
  const db = store.sqlite;
  db.exec(`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('co', 'team_default', 'x', 0, 0);
    INSERT INTO assistants (id, team_id, name, outbound_enabled, created_at, updated_at) VALUES ('a', 'team_default', 'a', 1, 0, 0);
    INSERT INTO campaigns (id, team_id, name, assistant_id, company_id, status, call_window_start, call_window_end, call_window_timezone,
      use_contact_timezone, max_concurrent_calls, max_attempts_per_contact, retry_delay_minutes, retry_delay_minutes_no_answer,
      retry_delay_minutes_busy, retry_delay_minutes_error, retry_backoff, retry_backoff_multiplier, retry_backoff_cap_minutes,
      retry_on_error, retry_on_voicemail, voicemail_action, created_at, updated_at)
    VALUES ('c', 'team_default', 'c', 'a', 'co', 'running', '09:00', '17:00', 'America/New_York', 1, 10, 3, 60, 5, 10, 60, 'fixed', 2, 1440, 0, 0, 'leave_message', 0, 0);`);
  const contact = db.prepare(`INSERT OR IGNORE INTO contacts (id, team_id, company_id, phone, created_at, updated_at) VALUES (?, 'team_default', 'co', ?, 0, 0)`);
  db.transaction(() => calls.forEach((c) => contact.run(c.contactId, c.phone)))();
  db.exec(`INSERT INTO campaign_contacts (campaign_id, contact_id, contact_seq, status, enrolled_at, updated_at) SELECT 'c', id, seq, 'pending', 0, 0 FROM contacts`);
  const seqOf = new Map((db.prepare(`SELECT contact_id AS id, seq FROM campaign_contacts`).all() as { id: string; seq: number }[]).map((r) => [r.id, r.seq]));
  const attemptsLeft = new Map<string, number>();
  for (const c of calls) attemptsLeft.set(c.contactId, (attemptsLeft.get(c.contactId) ?? 0) + 1);

  const claim = db.prepare(`UPDATE campaign_contacts SET status = 'calling', attempts = attempts + 1, from_number_id = 'n', updated_at = ? WHERE seq = ?`);
  const insert = db.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number_id, from_number, to_number, status, provider, owner, started_at)
     VALUES (?, 'team_default', 'c', ?, ?, 'n', ?, ?, 'dialing', 'simulator', 'bench', ?)`,
  );
  const progress = db.prepare(`UPDATE calls SET status = ?, answered_at = coalesce(answered_at, ?) WHERE id = ?`);
  const end = db.prepare(`UPDATE calls SET status = 'ended', outcome = ?, ended_at = ?, duration_seconds = 0 WHERE id = ?`);
  const settle = db.prepare(`UPDATE campaign_contacts SET status = ?, next_attempt_at = ?, last_outcome = ?, updated_at = ? WHERE seq = ?`);
  const floorMs = await timeMs(() =>
    db.transaction(() => {
      for (const c of calls) {
        const seq = seqOf.get(c.contactId)!;
        const started = Date.parse(c.startedAt);
        const ended = c.endedAt ? Date.parse(c.endedAt) : started;
        const left = attemptsLeft.get(c.contactId)! - 1;
        attemptsLeft.set(c.contactId, left);
        claim.run(started, seq);
        insert.run(c.callId, c.contactId, c.attempt, c.from, c.phone, started);
        progress.run('ringing', null, c.callId);
        if (c.outcome && PICKED_UP.has(c.outcome)) progress.run('in_progress', started, c.callId);
        end.run(c.outcome ?? 'failed', ended, c.callId);
        settle.run(left > 0 ? 'pending' : 'completed', ended, c.outcome, ended, seq);
      }
    })(),
  );
  await store.close();
  return floorMs;
}
