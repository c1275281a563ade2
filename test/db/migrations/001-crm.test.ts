import type BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';

let store: Store;
let db: BetterSqlite3.Database;

beforeEach(async () => {
  store = await openStore(tempDbFile(), { migrations: migrations.slice(0, 1) });
  db = store.sqlite;
});
afterEach(async () => {
  await store.close();
});

function objects(type: 'table' | 'index' | 'trigger'): string[] {
  return (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = ? AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all(type) as string[]
  );
}

function company(id: string, teamId = DEFAULT_TEAM_ID, name = `Company ${id}`): void {
  db.prepare('INSERT INTO companies (id, team_id, name, created_at, updated_at) VALUES (?, ?, ?, 1, 1)').run(id, teamId, name);
}

function contact(id: string, companyId: string, values: Record<string, unknown> = {}): void {
  const row: Record<string, unknown> = {
    id,
    team_id: DEFAULT_TEAM_ID,
    company_id: companyId,
    created_at: 1,
    updated_at: 1,
    ...values,
  };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO contacts (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

function assistant(id: string, values: Record<string, unknown> = {}): void {
  const row: Record<string, unknown> = { id, team_id: DEFAULT_TEAM_ID, name: `Assistant ${id}`, created_at: 1, updated_at: 1, ...values };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO assistants (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

function phoneNumber(id: string, values: Record<string, unknown> = {}): void {
  const row: Record<string, unknown> = { id, team_id: DEFAULT_TEAM_ID, number: '+12025550100', created_at: 1, updated_at: 1, ...values };
  const columns = Object.keys(row);
  db.prepare(`INSERT INTO phone_numbers (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(row);
}

describe('migration 001 (crm)', () => {
  it('is version 1 and creates the CRM tables and their indexes, nothing of later migrations', () => {
    expect(migrations[0].version).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(objects('table')).toEqual(['assistants', 'companies', 'contacts', 'phone_numbers', 'teams']);
    expect(objects('index')).toEqual([
      'companies_team_name',
      'contacts_company_phone',
      'contacts_company_seq',
      'contacts_phone',
      'contacts_team_seq',
      'phone_numbers_assistant',
    ]);
    expect(objects('trigger')).toEqual([]);
  });

  it('inserts the default team', () => {
    const teams = db.prepare('SELECT id, name, created_at FROM teams').all() as { id: string; name: string; created_at: number }[];
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({ id: DEFAULT_TEAM_ID, name: 'My team' });
    expect(teams[0].created_at).toBeGreaterThan(Date.UTC(2020, 0, 1));
  });

  it('gives contacts their defaults', () => {
    company('c1');
    contact('p1', 'c1');
    const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get('p1') as Record<string, unknown>;
    expect(row).toMatchObject({
      first_name: '',
      last_name: '',
      phone: null,
      lead_status: 'new',
      do_not_call: 0,
      tags: '[]',
      custom_fields: '{}',
    });
    expect(typeof row.seq).toBe('number');
  });

  it('rejects a lead status outside the list', () => {
    company('c1');
    expect(() => contact('p1', 'c1', { lead_status: 'hot' })).toThrow(/CHECK constraint failed/);
    for (const status of ['new', 'contacted', 'qualified', 'unqualified', 'customer', 'churned', 'do_not_contact']) {
      expect(() => contact(`ok_${status}`, 'c1', { lead_status: status })).not.toThrow();
    }
  });

  it('rejects a contact phone that is not E.164-shaped', () => {
    company('c1');
    expect(() => contact('p1', 'c1', { phone: '2025550123' })).toThrow(/CHECK constraint failed/);
    expect(() => contact('p2', 'c1', { phone: '+02025550123' })).toThrow(/CHECK constraint failed/);
    expect(() => contact('p3', 'c1', { phone: '' })).toThrow(/CHECK constraint failed/);
    expect(() => contact('p4', 'c1', { phone: '+12025550123' })).not.toThrow();
  });

  it('rejects do_not_call other than 0/1 and a company without a name', () => {
    company('c1');
    expect(() => contact('p1', 'c1', { do_not_call: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => company('c2', DEFAULT_TEAM_ID, '')).toThrow(/CHECK constraint failed/);
  });

  it('allows one contact per phone within a company (the message the services match on), any number without a phone', () => {
    company('c1');
    company('c2');
    contact('p1', 'c1', { phone: '+12025550123' });
    expect(() => contact('p2', 'c1', { phone: '+12025550123' })).toThrow(
      /UNIQUE constraint failed: contacts\.company_id, contacts\.phone/,
    );
    expect(() => contact('p3', 'c2', { phone: '+12025550123' })).not.toThrow();
    expect(() => contact('p4', 'c1')).not.toThrow();
    expect(() => contact('p5', 'c1')).not.toThrow();
    const index = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'contacts_company_phone'").pluck().get() as string;
    expect(index).toMatch(/UNIQUE INDEX/);
    expect(index).toMatch(/WHERE phone IS NOT NULL/);
  });

  it('enforces foreign keys to teams and companies', () => {
    expect(() => company('c1', 'team_nobody')).toThrow(/FOREIGN KEY constraint failed/);
    company('c1');
    expect(() => contact('p1', 'cmp_nobody')).toThrow(/FOREIGN KEY constraint failed/);
    expect(() => contact('p2', 'c1', { team_id: 'team_nobody' })).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('deletes a company’s contacts with it, and only those', () => {
    company('c1');
    company('c2');
    contact('p1', 'c1', { phone: '+12025550123' });
    contact('p2', 'c1');
    contact('p3', 'c2', { phone: '+12025550123' });
    db.prepare("DELETE FROM companies WHERE id = 'c1'").run();
    expect(db.prepare('SELECT id FROM contacts ORDER BY id').pluck().all()).toEqual(['p3']);
  });

  it('checks assistants and phone numbers', () => {
    expect(() => assistant('a0', { name: '' })).toThrow(/CHECK constraint failed/);
    expect(() => assistant('a1', { outbound_enabled: 2 })).toThrow(/CHECK constraint failed/);
    assistant('a2');
    expect(db.prepare("SELECT outbound_enabled, provider FROM assistants WHERE id = 'a2'").get()).toEqual({
      outbound_enabled: 0,
      provider: 'simulator',
    });

    expect(() => phoneNumber('n0', { number: '2025550100' })).toThrow(/CHECK constraint failed/);
    expect(() => phoneNumber('n1', { status: 'broken' })).toThrow(/CHECK constraint failed/);
    expect(() => phoneNumber('n2', { assistant_id: 'nobody' })).toThrow(/FOREIGN KEY constraint failed/);
    phoneNumber('n3', { assistant_id: 'a2' });
    expect(db.prepare("SELECT status, provider, provider_config FROM phone_numbers WHERE id = 'n3'").get()).toEqual({
      status: 'active',
      provider: 'simulator',
      provider_config: '{}',
    });
    expect(() => phoneNumber('n4')).toThrow(/UNIQUE constraint failed: phone_numbers\.team_id, phone_numbers\.number/);

    db.prepare("INSERT INTO teams (id, name, created_at) VALUES ('t2', 'Two', 1)").run();
    expect(() => phoneNumber('n5', { team_id: 't2' })).not.toThrow();
  });

  it('unassigns a phone number when its assistant is deleted', () => {
    assistant('a1');
    phoneNumber('n1', { assistant_id: 'a1' });
    db.prepare("DELETE FROM assistants WHERE id = 'a1'").run();
    expect(db.prepare("SELECT assistant_id FROM phone_numbers WHERE id = 'n1'").pluck().get()).toBeNull();
  });
});
