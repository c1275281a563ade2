import { describe, expect, it } from 'vitest';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { schemaVersion, type Store } from '../../../main/db/open';
import { tempDbFile } from '../../support/tempDb';
import { migrationUnderTest } from './migrationUnderTest';
import { insertRow } from './rows';

const under = migrationUnderTest('assistant-engines');
const VERSION = under.version;

const assistant = (db: Store['sqlite'], id: string, values: Record<string, unknown> = {}) =>
  insertRow(db, 'assistants', { id, team_id: DEFAULT_TEAM_ID, name: id, created_at: 1, updated_at: 1, ...values });
const engineRow = (db: Store['sqlite'], id: string) =>
  db.prepare('SELECT engine, realtime_model, realtime_voice, transfer_number, max_call_minutes FROM assistants WHERE id = ?').get(id);

describe('migration 016 (assistant engines)', () => {
  it('gives the assistants already there the engine they used: their agent when they have a URL, else their audio', async () => {
    expect(under.migration).toMatchObject({ version: 16, name: 'assistant-engines' });
    const file = tempDbFile();
    const before = (await under.openAt(VERSION - 1, file)).sqlite;
    assistant(before, 'agent', { agent_url: 'wss://agent.example/media' });
    assistant(before, 'plain');

    const store = await under.openAt(VERSION, file);
    expect(schemaVersion(store.sqlite)).toBe(VERSION);
    const defaults = { realtime_model: 'gpt-realtime', realtime_voice: 'marin', transfer_number: null, max_call_minutes: 10 };
    expect(engineRow(store.sqlite, 'agent')).toEqual({ engine: 'media-streams', ...defaults });
    expect(engineRow(store.sqlite, 'plain')).toEqual({ engine: 'audio', ...defaults });
  });

  it('takes only the three engines and a longest call of 1 to 120 minutes', async () => {
    const db = (await under.openAt(VERSION)).sqlite;
    assistant(db, 'rt', { engine: 'realtime', max_call_minutes: 120, transfer_number: '+12125550100' });
    expect(engineRow(db, 'rt')).toMatchObject({ engine: 'realtime', max_call_minutes: 120, transfer_number: '+12125550100' });
    expect(() => assistant(db, 'x1', { engine: 'sip' })).toThrow(/CHECK/);
    expect(() => assistant(db, 'x2', { max_call_minutes: 0 })).toThrow(/CHECK/);
    expect(() => assistant(db, 'x3', { max_call_minutes: 121 })).toThrow(/CHECK/);
  });
});
