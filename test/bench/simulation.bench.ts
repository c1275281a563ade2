import { openStore } from '../../main/db/open';
import { runSimulation } from '../../main/simulate/runSimulation';
import { scenarioSchema } from '../../main/simulate/scenario';
import { report, timeMs } from './measure';

const CONTACTS = 100_000;

/**
 * A 100,000-contact simulation with the default outcome mix, against the floor of writing the same call
 * rows and enrolment updates directly (one transaction, same schema and triggers, also in memory).
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
  const calls = result.summary.calls;

  const store = await openStore(':memory:');
  const db = store.sqlite;
  db.exec(`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('co', 'team_default', 'x', 0, 0);
    INSERT INTO assistants (id, team_id, name, outbound_enabled, created_at, updated_at) VALUES ('a', 'team_default', 'a', 1, 0, 0);
    INSERT INTO campaigns (id, team_id, name, assistant_id, company_id, status, call_window_start, call_window_end, call_window_timezone,
      use_contact_timezone, max_concurrent_calls, max_attempts_per_contact, retry_delay_minutes, retry_delay_minutes_no_answer,
      retry_delay_minutes_busy, retry_delay_minutes_error, retry_backoff, retry_backoff_multiplier, retry_backoff_cap_minutes,
      retry_on_error, retry_on_voicemail, voicemail_action, created_at, updated_at)
    VALUES ('c', 'team_default', 'c', 'a', 'co', 'running', '09:00', '17:00', 'America/New_York', 1, 10, 3, 60, 5, 10, 60, 'fixed', 2, 1440, 0, 0, 'leave_message', 0, 0);`);
  const contact = db.prepare(`INSERT INTO contacts (id, team_id, company_id, phone, created_at, updated_at) VALUES (?, 'team_default', 'co', ?, 0, 0)`);
  db.transaction(() => {
    for (let i = 0; i < CONTACTS; i++) contact.run(`cnt${i}`, `+1202${String(5_550_000 + i).slice(-7)}`);
  })();
  db.exec(`INSERT INTO campaign_contacts (campaign_id, contact_id, status, enrolled_at, updated_at) SELECT 'c', id, 'pending', 0, 0 FROM contacts`);
  const call = db.prepare(
    `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at, ended_at)
     VALUES (?, 'team_default', 'c', ?, 1, '+12025550100', '+12025550101', 'ended', 'answered', 'simulator', ?, ?)`,
  );
  const update = db.prepare(`UPDATE campaign_contacts SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_outcome = 'answered', updated_at = ? WHERE seq = ?`);
  const floorMs = await timeMs(() =>
    db.transaction(() => {
      for (let i = 0; i < calls; i++) {
        call.run(`call${i}`, `cnt${i % CONTACTS}`, i, i + 1);
        update.run(i < CONTACTS ? 'pending' : 'completed', i, i, (i % CONTACTS) + 1);
      }
    })(),
  );
  await store.close();
  report('simulation 100k contacts', { calls, wallMs: result.summary.wallMs, floorMs, ratio: result.summary.wallMs / floorMs, goal: '<= 3 and < 20 s', status: result.summary.campaignStatus });
}
