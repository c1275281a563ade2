import type BetterSqlite3 from 'better-sqlite3';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';

/** Inserts one row by column name: migration tests write raw rows against the schema under test, not through services. */
export function insertRow(db: BetterSqlite3.Database, table: string, row: Record<string, unknown>): void {
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

/** A running campaign of assistant a1 and company co1 with every column migration 003 requires; `values` override. */
export function insertCampaign(db: BetterSqlite3.Database, id: string, values: Record<string, unknown> = {}): void {
  insertRow(db, 'campaigns', {
    id,
    team_id: DEFAULT_TEAM_ID,
    name: id,
    assistant_id: 'a1',
    company_id: 'co1',
    status: 'running',
    call_window_start: '09:00',
    call_window_end: '17:00',
    call_window_timezone: 'America/New_York',
    use_contact_timezone: 1,
    max_concurrent_calls: 1,
    max_attempts_per_contact: 3,
    retry_delay_minutes: 60,
    retry_delay_minutes_no_answer: 5,
    retry_delay_minutes_busy: 10,
    retry_delay_minutes_error: 60,
    retry_backoff: 'fixed',
    retry_backoff_multiplier: 2,
    retry_backoff_cap_minutes: 1440,
    retry_on_error: 0,
    retry_on_voicemail: 0,
    voicemail_action: 'leave_message',
    created_at: 1,
    updated_at: 1,
    ...values,
  });
}

/** Company co1 and assistant a1: the rows insertCampaign's campaigns refer to. */
export function insertCampaignOwners(db: BetterSqlite3.Database): void {
  insertRow(db, 'companies', { id: 'co1', team_id: DEFAULT_TEAM_ID, name: 'Co', created_at: 1, updated_at: 1 });
  insertRow(db, 'assistants', { id: 'a1', team_id: DEFAULT_TEAM_ID, name: 'A', created_at: 1, updated_at: 1 });
}

/** Company co1, assistant a1, contact p1 and running campaign c1 of them: what a call row needs around it. */
export function insertCallParents(db: BetterSqlite3.Database): void {
  insertCampaignOwners(db);
  insertRow(db, 'contacts', { id: 'p1', team_id: DEFAULT_TEAM_ID, company_id: 'co1', phone: '+12025551001', created_at: 1, updated_at: 1 });
  insertCampaign(db, 'c1');
}
