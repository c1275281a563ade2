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
