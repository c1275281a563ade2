import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { insertRow } from './rows';

const AT = migrations.findIndex((m) => m.name === 'assistant-engines');
const VERSION = AT + 1;

let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

const assistant = (db: Store['sqlite'], id: string, values: Record<string, unknown> = {}) =>
  insertRow(db, 'assistants', { id, team_id: DEFAULT_TEAM_ID, name: id, created_at: 1, updated_at: 1, ...values });
const engineRow = (db: Store['sqlite'], id: string) =>
  db.prepare('SELECT engine, realtime_model, realtime_voice, transfer_number, max_call_minutes FROM assistants WHERE id = ?').get(id);

describe('migration 016 (assistant engines)', () => {
  it('gives the assistants already there the engine they used: their agent when they have a URL, else their audio', async () => {
    expect(migrations[AT]).toMatchObject({ version: VERSION, name: 'assistant-engines' });
    const file = tempDbFile();
    const before = await openStore(file, { migrations: migrations.slice(0, AT) });
    assistant(before.sqlite, 'agent', { agent_url: 'wss://agent.example/media' });
    assistant(before.sqlite, 'plain');
    await before.close();

    store = await openStore(file, { migrations: migrations.slice(0, VERSION) });
    expect(schemaVersion(store.sqlite)).toBe(VERSION);
    const defaults = { realtime_model: 'gpt-realtime', realtime_voice: 'marin', transfer_number: null, max_call_minutes: 10 };
    expect(engineRow(store.sqlite, 'agent')).toEqual({ engine: 'media-streams', ...defaults });
    expect(engineRow(store.sqlite, 'plain')).toEqual({ engine: 'audio', ...defaults });
  });

  it('takes only the three engines and a longest call of 1 to 120 minutes', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, VERSION) });
    const db = store.sqlite;
    assistant(db, 'rt', { engine: 'realtime', max_call_minutes: 120, transfer_number: '+12125550100' });
    expect(engineRow(db, 'rt')).toMatchObject({ engine: 'realtime', max_call_minutes: 120, transfer_number: '+12125550100' });
    expect(() => assistant(db, 'x1', { engine: 'sip' })).toThrow(/CHECK/);
    expect(() => assistant(db, 'x2', { max_call_minutes: 0 })).toThrow(/CHECK/);
    expect(() => assistant(db, 'x3', { max_call_minutes: 121 })).toThrow(/CHECK/);
  });
});
