import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../main/db/schema';
import { postgresMigrations } from '../../../main/db/postgres/migrations';
import { openPostgres } from '../../../main/db/postgres/open';
import { freshPostgresDatabase } from '../../support/postgres';

const opened: Kysely<Database>[] = [];
afterEach(async () => {
  while (opened.length) await opened.pop()!.destroy();
});

/** The database at `url` opened with the first `count` migrations applied; closed after the test. */
async function openWith(url: string, count: number): Promise<Kysely<Database>> {
  const db = await openPostgres(url, postgresMigrations.slice(0, count));
  opened.push(db);
  return db;
}


/** Team team_a with company co1, assistant a1 and campaign cmp1, which later tables reference. */
async function withCampaign(db: Kysely<Database>): Promise<void> {
  await sql`INSERT INTO teams (id, name, created_at) VALUES ('team_a', 'A', 1)`.execute(db);
  await sql`INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES ('co1', 'team_a', 'Acme', 1, 1)`.execute(db);
  await sql`INSERT INTO assistants (id, team_id, name, created_at, updated_at) VALUES ('a1', 'team_a', 'Outbound', 1, 1)`.execute(db);
  await sql`INSERT INTO campaigns (id, team_id, name, assistant_id, company_id, status, call_window_start, call_window_end, call_window_timezone,
              use_contact_timezone, max_concurrent_calls, max_attempts_per_contact, retry_delay_minutes, retry_delay_minutes_no_answer,
              retry_delay_minutes_busy, retry_delay_minutes_error, retry_backoff, retry_backoff_multiplier, retry_backoff_cap_minutes,
              retry_on_error, retry_on_voicemail, voicemail_action, created_at, updated_at)
            VALUES ('cmp1', 'team_a', 'Spring', 'a1', 'co1', 'draft', '09:00', '17:00', 'America/New_York',
              false, 1, 3, 60, 60, 60, 60, 'fixed', 1, 60, false, false, 'hangup', 1, 1)`.execute(db);
}

async function rows<T>(db: Kysely<Database>, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

const applied = (db: Kysely<Database>) =>
  rows<{ version: number; name: string; appliedAt: number }>(db, sql`SELECT version, name, applied_at FROM schema_migrations ORDER BY version`);

const columns = (db: Kysely<Database>, table: string) =>
  rows<{ columnName: string; dataType: string; isNullable: string }>(
    db,
    sql`SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ${table} ORDER BY ordinal_position`,
  );

const indexes = async (db: Kysely<Database>, table: string) =>
  (await rows<{ indexname: string }>(db, sql`SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = ${table} ORDER BY indexname`)).map((r) => r.indexname);

const tables = async (db: Kysely<Database>) =>
  (await rows<{ tablename: string }>(db, sql`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).map((r) => r.tablename);

/** A table's columns as "name type", NOT NULL ones marked "!": the whole shape in one readable list. */
const shape = async (db: Kysely<Database>, table: string) =>
  (await columns(db, table)).map((c) => `${c.columnName} ${c.dataType}${c.isNullable === 'NO' ? '!' : ''}`);

const key = (id: string, values: Partial<Database['apiKeys']> = {}) => ({
  id,
  teamId: 'team_a',
  name: 'Key',
  keyHash: `hash_${id}`,
  keyPrefix: 'dw_live_abcd',
  createdAt: 1,
  lastUsedAt: null,
  revokedAt: null,
  ...values,
});

describe('PostgreSQL migrations', () => {
  it('are numbered by their place in the list', () => {
    expect(postgresMigrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'teams'],
      [2, 'api-keys'],
      [3, 'crm'],
      [4, 'compliance'],
      [5, 'campaign-links'],
      [6, 'contact-search'],
      [7, 'calls'],
      [8, 'webhooks'],
      [9, 'jobs-and-leases'],
    ]);
  });

  it('1 (teams) creates teams, its instants BIGINT ms that read back as numbers, and records its version', async () => {
    const db = await openWith(await freshPostgresDatabase(), 1);
    expect(await tables(db)).toEqual(['schema_migrations', 'teams']);
    expect(await columns(db, 'teams')).toEqual([
      { columnName: 'id', dataType: 'text', isNullable: 'NO' },
      { columnName: 'name', dataType: 'text', isNullable: 'NO' },
      { columnName: 'created_at', dataType: 'bigint', isNullable: 'NO' },
    ]);
    expect(await indexes(db, 'teams')).toEqual(['teams_pkey']);
    const at = Date.parse('2026-03-02T10:00:00Z');
    await db.insertInto('teams').values({ id: 'team_a', name: 'A', createdAt: at }).execute();
    expect(await db.selectFrom('teams').selectAll().execute()).toEqual([{ id: 'team_a', name: 'A', createdAt: at }]);
    expect(await applied(db)).toEqual([{ version: 1, name: 'teams', appliedAt: expect.any(Number) }]);
  });

  it('2 (api-keys) adds api_keys on top of version 1: no column for the key itself, unique hashes, a known team', async () => {
    const url = await freshPostgresDatabase();
    const v1 = await openWith(url, 1);
    await v1.insertInto('teams').values({ id: 'team_a', name: 'A', createdAt: 1 }).execute();
    const db = await openWith(url, 2);
    expect(await columns(db, 'api_keys')).toEqual([
      { columnName: 'id', dataType: 'text', isNullable: 'NO' },
      { columnName: 'team_id', dataType: 'text', isNullable: 'NO' },
      { columnName: 'name', dataType: 'text', isNullable: 'NO' },
      { columnName: 'key_hash', dataType: 'text', isNullable: 'NO' },
      { columnName: 'key_prefix', dataType: 'text', isNullable: 'NO' },
      { columnName: 'created_at', dataType: 'bigint', isNullable: 'NO' },
      { columnName: 'last_used_at', dataType: 'bigint', isNullable: 'YES' },
      { columnName: 'revoked_at', dataType: 'bigint', isNullable: 'YES' },
    ]);
    expect(await indexes(db, 'api_keys')).toEqual(['api_keys_key_hash_key', 'api_keys_pkey', 'api_keys_team']);
    await db.insertInto('apiKeys').values(key('k1', { keyHash: 'same' })).execute();
    await expect(db.insertInto('apiKeys').values(key('k2', { keyHash: 'same' })).execute()).rejects.toThrow(/api_keys_key_hash_key/);
    await expect(db.insertInto('apiKeys').values(key('k3', { teamId: 'team_nobody' })).execute()).rejects.toThrow(/api_keys_team_id_fkey/);
    expect((await applied(db)).map((m) => m.version)).toEqual([1, 2]);
  });

  it('3 (crm) adds the CRM tables on top of version 2: BIGINT instants, BOOLEAN flags, sealed secrets only, contacts going with their company', async () => {
    const url = await freshPostgresDatabase();
    const v2 = await openWith(url, 2);
    await v2.insertInto('teams').values({ id: 'team_a', name: 'A', createdAt: 1 }).execute();
    const db = await openWith(url, 3);
    expect(await tables(db)).toEqual(['api_keys', 'assistants', 'campaigns', 'companies', 'contacts', 'media', 'phone_numbers', 'schema_migrations', 'sip_trunks', 'teams']);
    expect(await shape(db, 'companies')).toEqual([
      'id text!', 'team_id text!', 'name text!', 'website text', 'industry text', 'phone text', 'city text', 'state text', 'country text',
      'custom_fields text!', 'created_at bigint!', 'updated_at bigint!',
    ]);
    expect(await shape(db, 'assistants')).toEqual([
      'id text!', 'team_id text!', 'name text!', 'greeting text', 'prompt text', 'voicemail_message text', 'outbound_enabled boolean!', 'provider text!',
      'created_at bigint!', 'updated_at bigint!', 'agent_url text', 'legacy_greeting_path text', 'legacy_voicemail_path text', 'record_calls boolean!',
      'greeting_media_id text', 'voicemail_media_id text', 'engine text!', 'realtime_model text!', 'realtime_voice text!', 'transfer_number text',
      'max_call_minutes integer!', 'collect text!', 'success_criterion text',
    ]);
    expect(await shape(db, 'phone_numbers')).toEqual([
      'id text!', 'team_id text!', 'number text!', 'label text', 'provider text!', 'provider_config text!', 'status text!', 'assistant_id text',
      'created_at bigint!', 'updated_at bigint!', 'trunk_id text',
    ]);
    expect(await shape(db, 'contacts')).toContain('do_not_call boolean!');
    expect(await shape(db, 'campaigns')).toEqual(expect.arrayContaining(['seq bigint!', 'keep_open boolean!', 'deleted_at bigint', 'retry_backoff_multiplier double precision!']));
    expect(await indexes(db, 'companies')).toEqual(['companies_pkey', 'companies_team_name']);
    expect(await indexes(db, 'phone_numbers')).toEqual(['phone_numbers_assistant', 'phone_numbers_pkey', 'phone_numbers_team_id_number_key', 'phone_numbers_trunk']);

    await db.insertInto('companies').values({ id: 'co1', teamId: 'team_a', name: 'Acme', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: '{}', createdAt: 1, updatedAt: 1 }).execute();
    const contact = (id: string, phone: string) => ({ id, teamId: 'team_a', companyId: 'co1', firstName: 'Ann', lastName: 'Lee', phone, doNotCall: 0, customFields: '{}', tags: '[]', leadStatus: 'new' as const, createdAt: 1, updatedAt: 1 });
    await db.insertInto('contacts').values(contact('c1', '+15125550100')).execute();
    await expect(db.insertInto('contacts').values(contact('c2', '5125550100')).execute()).rejects.toThrow(/contacts_phone_check/);
    await db.insertInto('assistants').values({ id: 'a1', teamId: 'team_a', name: 'Outbound', outboundEnabled: 1, provider: 'simulator', createdAt: 1, updatedAt: 1 }).execute();
    expect(await db.selectFrom('assistants').select(['outboundEnabled', 'recordCalls', 'maxCallMinutes']).execute()).toEqual([{ outboundEnabled: true, recordCalls: false, maxCallMinutes: 10 }]);

    const number = (id: string, providerConfig: string) => ({ id, teamId: 'team_a', number: `+1512555${id.length}00${id.at(-1)}`, label: null, provider: 'sip', providerConfig, status: 'active' as const, assistantId: 'a1', createdAt: 1, updatedAt: 1 });
    await db.insertInto('phoneNumbers').values([number('n1', '{}'), number('n2', 'sealed:x:y')]).execute();
    await expect(db.insertInto('phoneNumbers').values(number('n3', '{"password":"plain"}')).execute()).rejects.toThrow(/phone_numbers_provider_config_check/);
    const trunk = (id: string, password: string | null) => ({ id, teamId: 'team_a', name: 'T', host: 'sip.test', port: 5060, transport: 'udp' as const, username: null, password, fromUser: null, fromDomain: null, maxCallSeconds: 60, ringTimeoutSeconds: 30, createdAt: 1, updatedAt: 1 });
    await db.insertInto('sipTrunks').values([trunk('t1', null), trunk('t2', 'sealed:x:y')]).execute();
    await expect(db.insertInto('sipTrunks').values(trunk('t3', 'plain')).execute()).rejects.toThrow(/sip_trunks_password_check/);

    await db.deleteFrom('companies').where('id', '=', 'co1').execute();
    expect(await db.selectFrom('contacts').select('id').execute()).toEqual([]);
    await db.deleteFrom('assistants').where('id', '=', 'a1').execute();
    expect(await db.selectFrom('phoneNumbers').select(['id', 'assistantId']).orderBy('id').execute()).toEqual([{ id: 'n1', assistantId: null }, { id: 'n2', assistantId: null }]);
    expect((await applied(db)).map((m) => m.version)).toEqual([1, 2, 3]);
  });

  it('7 (calls) adds calls, their turns, tools and analyses: BOOLEAN flags, JSON checked, gone with their call; history lines outlive it', async () => {
    const url = await freshPostgresDatabase();
    await withCampaign(await openWith(url, 3));
    const db = await openWith(url, 7);
    expect(await tables(db)).toEqual(expect.arrayContaining(['call_analyses', 'call_tools', 'call_turns', 'calls']));
    expect(await shape(db, 'calls')).toEqual(expect.arrayContaining(['seq bigint!', 'started_at bigint!', 'duration_seconds double precision', 'amd_beep boolean', 'contact_id text!']));
    expect(await shape(db, 'call_turns')).toEqual(['call_id text!', 'seq bigint!', 'speaker text!', 'text text!', 'offset_ms bigint!', 'interrupted boolean!']);
    expect(await shape(db, 'call_analyses')).toEqual(expect.arrayContaining(['success boolean', 'fields text!', 'next_attempt_at bigint']));
    expect(await indexes(db, 'calls')).toEqual([
      'calls_campaign_outcome_started', 'calls_campaign_started', 'calls_id_key', 'calls_in_flight', 'calls_pkey', 'calls_team_outcome_started', 'calls_team_started', 'calls_to_number_team_started',
    ]);
    expect(await indexes(db, 'call_analyses')).toEqual(['call_analyses_due', 'call_analyses_pkey']);

    await sql`INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at)
              VALUES ('call1', 'team_a', 'cmp1', 'cnt1', 1, '+12025550100', '+12025550199', 'ended', 'transferred', 'sip', 1)`.execute(db);
    // writers appending to one call at once: each turn gets its own number, none fails
    await Promise.all(Array.from({ length: 20 }, (_, n) => sql`INSERT INTO call_turns (call_id, speaker, text, offset_ms) VALUES ('call1', 'agent', ${`t${n}`}, ${n})`.execute(db)));
    const turns = await rows<{ seq: number; interrupted: boolean }>(db, sql`SELECT seq, interrupted FROM call_turns ORDER BY seq`);
    expect(new Set(turns.map((t) => t.seq)).size).toBe(20);
    expect(turns[0].interrupted).toBe(false);
    await expect(sql`INSERT INTO call_tools (call_id, name, arguments, at) VALUES ('call1', 'transfer', '[]', 1)`.execute(db)).rejects.toThrow(/call_tools_arguments_check/);
    await expect(sql`INSERT INTO call_turns (call_id, speaker, text, offset_ms) VALUES ('call_missing', 'agent', 'x', 0)`.execute(db)).rejects.toThrow(/call_turns_call_id_fkey/);
    await sql`INSERT INTO call_tools (call_id, name, at) VALUES ('call1', 'end_call', 1)`.execute(db);
    await sql`INSERT INTO call_analyses (call_id, team_id, success, created_at, updated_at) VALUES ('call1', 'team_a', true, 1, 1)`.execute(db);
    expect(await rows(db, sql`SELECT state, success, fields, attempts FROM call_analyses`)).toEqual([{ state: 'pending', success: true, fields: '{}', attempts: 0 }]);

    await sql`INSERT INTO contacts (id, team_id, company_id, created_at, updated_at) VALUES ('cnt1', 'team_a', 'co1', 1, 1)`.execute(db);
    await sql`INSERT INTO contact_history (contact_id, at, kind, text, call_id) VALUES ('cnt1', 1, 'analysis', 'Lead status: qualified', 'call1')`.execute(db);
    await expect(sql`INSERT INTO contact_history (contact_id, at, kind, text, call_id) VALUES ('cnt1', 1, 'analysis', 'x', 'call_missing')`.execute(db)).rejects.toThrow(/contact_history_call_id_fkey/);

    await db.deleteFrom('calls').where('id', '=', 'call1').execute();
    expect(await rows(db, sql`SELECT text, call_id FROM contact_history`)).toEqual([{ text: 'Lead status: qualified', callId: null }]);
    for (const table of ['call_turns', 'call_tools', 'call_analyses']) expect(await rows(db, sql`SELECT 1 FROM ${sql.table(table)}`)).toEqual([]);
    expect((await applied(db)).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('8 (webhooks) adds endpoints, outbox, events and deliveries, with no trigger and no fan-out row', async () => {
    const url = await freshPostgresDatabase();
    await withCampaign(await openWith(url, 7));
    const db = await openWith(url, 8);
    expect(await tables(db)).toEqual(expect.arrayContaining(['webhook_deliveries', 'webhook_endpoints', 'webhook_events', 'webhook_outbox']));
    expect(await tables(db)).not.toContain('webhook_fan_out');
    // a campaign's status change reports itself from the store, not from a trigger every writer of campaigns would run
    expect(await rows(db, sql`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid IN ('campaigns'::regclass, 'calls'::regclass)`)).toEqual([]);
    expect(await shape(db, 'webhook_endpoints')).toEqual([
      'id text!', 'team_id text!', 'url text!', 'events text!', 'enabled boolean!', 'disabled_reason text', 'secret text!', 'created_at bigint!', 'updated_at bigint!',
    ]);
    expect(await indexes(db, 'webhook_deliveries')).toEqual(['webhook_deliveries_event', 'webhook_deliveries_id_key', 'webhook_deliveries_log', 'webhook_deliveries_pending', 'webhook_deliveries_pkey']);

    const endpoint = (id: string, values: { url?: string; events?: string; secret?: string } = {}) =>
      sql`INSERT INTO webhook_endpoints (id, team_id, url, events, secret, created_at, updated_at)
          VALUES (${id}, 'team_a', ${values.url ?? 'https://example.com/hook'}, ${values.events ?? '["call.ended"]'}, ${values.secret ?? 'sealed:x'}, 1, 1)`.execute(db);
    await endpoint('wh1');
    await expect(endpoint('wh2', { secret: 'plain' })).rejects.toThrow(/webhook_endpoints_secret_check/);
    await expect(endpoint('wh3', { url: 'ftp://example.com' })).rejects.toThrow(/webhook_endpoints_url_check/);
    await expect(endpoint('wh4', { events: '{}' })).rejects.toThrow(/webhook_endpoints_events_check/);
    expect(await rows(db, sql`SELECT enabled FROM webhook_endpoints`)).toEqual([{ enabled: true }]);

    await expect(sql`INSERT INTO webhook_outbox (team_id, type, created_at) VALUES ('team_a', 'call.ended', 1)`.execute(db)).rejects.toThrow(/webhook_outbox_check/);
    await sql`INSERT INTO webhook_outbox (team_id, type, call_id, created_at) VALUES ('team_a', 'call.ended', 'call1', 1)`.execute(db);
    await sql`INSERT INTO webhook_events (id, team_id, type, body, created_at) VALUES ('msg_1', 'team_a', 'call.ended', '{}', 1)`.execute(db);
    const [{ seq }] = await rows<{ seq: number }>(db, sql`SELECT seq FROM webhook_events`);
    await sql`INSERT INTO webhook_deliveries (id, event_seq, endpoint_id, next_attempt_at, created_at, updated_at) VALUES ('whd_1', ${seq}, 'wh1', 1, 1, 1)`.execute(db);
    expect(await rows(db, sql`SELECT status, attempts FROM webhook_deliveries`)).toEqual([{ status: 'pending', attempts: 0 }]);
    await db.deleteFrom('webhookEndpoints').where('id', '=', 'wh1').execute();
    expect(await rows(db, sql`SELECT 1 FROM webhook_deliveries`)).toEqual([]);
    expect((await applied(db)).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('9 (jobs-and-leases) adds import jobs with their row errors, gone with their company, and dialer leases', async () => {
    const url = await freshPostgresDatabase();
    await withCampaign(await openWith(url, 8));
    const db = await openWith(url, 9);
    expect(await shape(db, 'import_jobs')).toEqual([
      'id text!', 'team_id text!', 'company_id text!', 'file_hash text!', 'status text!', 'rows_done integer!', 'created_at bigint!', 'updated_at bigint!',
    ]);
    expect(await shape(db, 'dialer_leases')).toEqual(['id text!', 'holder text!', 'acquired_at bigint!', 'renewed_at bigint!', 'expires_at bigint!']);
    expect(await indexes(db, 'import_job_errors')).toEqual(['import_job_errors_job']);
    await sql`INSERT INTO import_jobs (id, team_id, company_id, file_hash, status, created_at, updated_at) VALUES ('job1', 'team_a', 'co1', 'h', 'running', 1, 1)`.execute(db);
    await expect(sql`INSERT INTO import_jobs (id, team_id, company_id, file_hash, status, created_at, updated_at) VALUES ('job2', 'team_a', 'co1', 'h', 'paused', 1, 1)`.execute(db)).rejects.toThrow(/import_jobs_status_check/);
    await sql`INSERT INTO import_job_errors (job_id, row, field, reason, kind) VALUES ('job1', 3, 'phone', 'bad', 'invalid')`.execute(db);
    await expect(sql`INSERT INTO import_job_errors (job_id, row, field, reason, kind) VALUES ('job1', 4, 'phone', 'bad', 'other')`.execute(db)).rejects.toThrow(/import_job_errors_kind_check/);
    expect(await rows(db, sql`SELECT rows_done FROM import_jobs`)).toEqual([{ rowsDone: 1 }]);
    const at = Date.parse('2026-03-02T10:00:00Z');
    await sql`INSERT INTO dialer_leases (id, holder, acquired_at, renewed_at, expires_at) VALUES ('lease1', 'host/1', ${at}, ${at}, ${at + 30_000})`.execute(db);
    expect(await rows(db, sql`SELECT expires_at FROM dialer_leases`)).toEqual([{ expiresAt: at + 30_000 }]);
    await db.deleteFrom('campaigns').execute();
    await db.deleteFrom('companies').where('id', '=', 'co1').execute();
    expect(await rows(db, sql`SELECT 1 FROM import_job_errors`)).toEqual([]);
    expect((await applied(db)).map((m) => m.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('applying the list again is a no-op: nothing re-runs and the rows stay', async () => {
    const url = await freshPostgresDatabase();
    const first = await openWith(url, postgresMigrations.length);
    await first.insertInto('teams').values({ id: 'team_a', name: 'A', createdAt: 1 }).execute();
    const before = await applied(first);
    const again = await openWith(url, postgresMigrations.length);
    expect(await applied(again)).toEqual(before);
    expect(await again.selectFrom('teams').select('id').execute()).toEqual([{ id: 'team_a' }]);
  });

  it('refuses a database whose schema is newer than the list it knows', async () => {
    const url = await freshPostgresDatabase();
    await openWith(url, 2);
    await expect(openPostgres(url, postgresMigrations.slice(0, 1))).rejects.toThrow(/version 2; this version of Dialwell knows up to 1/);
  });
});
