import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../main/core';
import { migrations } from '../../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../../main/db/migrations/001-crm';
import { openStore, schemaVersion, type Store } from '../../../main/db/open';
import type { Logger } from '../../../main/platform/log';
import { tone, wavBytes } from '../../media/audio';
import { tempDbFile } from '../../support/tempDb';
import { tempFile } from '../../support/tempFiles';
import { insertRow } from './rows';

const AT = migrations.findIndex((m) => m.name === 'sealed-secrets-and-media');
const VERSION = AT + 1;

let store: Store | undefined;
let core: Core | undefined;
afterEach(async () => {
  await store?.close();
  await core?.close();
  store = core = undefined;
});

const columnsOf = (db: Store['sqlite'], table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const assistant = (db: Store['sqlite'], id: string, values: Record<string, unknown> = {}) =>
  insertRow(db, 'assistants', { id, team_id: DEFAULT_TEAM_ID, name: id, created_at: 1, updated_at: 1, ...values });

describe('migration 013 (sealed secrets and media)', () => {
  it('adds media, moves the audio paths to legacy columns beside the media ids, and refuses plain secrets from now on', async () => {
    store = await openStore(tempDbFile(), { migrations: migrations.slice(0, VERSION) });
    const db = store.sqlite;
    expect(migrations[AT]).toMatchObject({ version: VERSION, name: 'sealed-secrets-and-media' });
    expect(schemaVersion(db)).toBe(VERSION);
    expect(columnsOf(db, 'media')).toEqual(['id', 'team_id', 'name', 'duration_ms', 'bytes', 'created_at']);
    expect(columnsOf(db, 'assistants')).toEqual(expect.arrayContaining(['legacy_greeting_path', 'legacy_voicemail_path', 'greeting_media_id', 'voicemail_media_id']));
    expect(columnsOf(db, 'assistants')).not.toContain('greeting_audio');

    insertRow(db, 'media', { id: 'med_1', team_id: DEFAULT_TEAM_ID, name: 'hi.wav', duration_ms: 1500, bytes: 12044, created_at: 1 });
    assistant(db, 'a1', { greeting_media_id: 'med_1' });
    expect(() => assistant(db, 'a2', { voicemail_media_id: 'med_nope' })).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("DELETE FROM media WHERE id = 'med_1'").run()).toThrow(/FOREIGN KEY/);
    expect(() => insertRow(db, 'media', { id: 'med_2', team_id: DEFAULT_TEAM_ID, name: '', duration_ms: 1, bytes: 1, created_at: 1 })).toThrow(/CHECK/);

    const trunk = (id: string, password: string | null) => insertRow(db, 'sip_trunks', { id, team_id: DEFAULT_TEAM_ID, name: id, host: 'sip.example.com', password, created_at: 1, updated_at: 1 });
    expect(() => trunk('t1', 'plain-password')).toThrow(/sip_trunks.password must be sealed/);
    trunk('t2', null);
    trunk('t3', 'sealed:aes-256-gcm:AAAA');
    expect(() => db.prepare("UPDATE sip_trunks SET password = 'plain' WHERE id = 't3'").run()).toThrow(/must be sealed/);
    db.prepare("UPDATE sip_trunks SET name = 'renamed' WHERE id = 't3'").run();

    const number = (id: string, config?: string) =>
      insertRow(db, 'phone_numbers', { id, team_id: DEFAULT_TEAM_ID, number: `+1202555010${id.slice(-1)}`, ...(config === undefined ? {} : { provider_config: config }), created_at: 1, updated_at: 1 });
    number('n1');
    number('n2', 'sealed:aes-256-gcm:AAAA');
    expect(() => number('n3', '{"password":"x"}')).toThrow(/phone_numbers.provider_config must be sealed/);
  });

  it('applies on top of the version before it: trunk passwords stay as they were (the key is not in the database), audio paths move', async () => {
    const file = tempDbFile();
    const before = await openStore(file, { migrations: migrations.slice(0, AT) });
    insertRow(before.sqlite, 'sip_trunks', { id: 't1', team_id: DEFAULT_TEAM_ID, name: 'Old', host: 'sip.example.com', password: 'plain', created_at: 1, updated_at: 1 });
    assistant(before.sqlite, 'a1', { greeting_audio: '/srv/hello.wav', voicemail_audio: 'C:\\vm.wav' });
    await before.close();
    store = await openStore(file, { migrations: migrations.slice(0, VERSION) });
    expect(store.sqlite.prepare("SELECT password FROM sip_trunks WHERE id = 't1'").pluck().get()).toBe('plain');
    expect(store.sqlite.prepare("SELECT legacy_greeting_path, legacy_voicemail_path, greeting_media_id, voicemail_media_id FROM assistants WHERE id = 'a1'").get()).toEqual({
      legacy_greeting_path: '/srv/hello.wav',
      legacy_voicemail_path: 'C:\\vm.wav',
      greeting_media_id: null,
      voicemail_media_id: null,
    });
  });
});

describe('the audio paths an older version stored, when the app opens the workspace', () => {
  /*
   * Note: only a readable, playable WAV inside the data folder (not in recordings/, which holds other calls) is
   * imported as the assistant's media. Every other path is cleared: a file elsewhere on the machine, a network
   * share, a link out of the folder, a missing file or one that is not audio. The assistant then has no greeting
   * or voicemail audio until one is uploaded; the log says how many paths were imported and dropped.
   */
  it('imports a WAV from inside the data folder as media and drops every other path; a second open has nothing left to do', async () => {
    const file = tempDbFile();
    const dataDir = dirname(file);
    const hello = wavBytes([tone(440, 1.5)]);
    const voicemail = wavBytes([tone(440, 2)], 8000, 'mulaw');
    const outside = tempFile('outside.wav');
    writeFileSync(outside, hello);
    mkdirSync(join(dataDir, 'greetings'));
    mkdirSync(join(dataDir, 'recordings'));
    writeFileSync(join(dataDir, 'greetings', 'hello.wav'), hello);
    writeFileSync(join(dataDir, 'vm.wav'), voicemail);
    writeFileSync(join(dataDir, 'recordings', 'call_other.wav'), hello);
    writeFileSync(join(dataDir, 'notes.wav'), 'not audio at all');
    symlinkSync(outside, join(dataDir, 'link.wav'));

    const before = await openStore(file, { migrations: migrations.slice(0, AT) });
    const old = (id: string, greeting: string | null, voicemailPath: string | null) => assistant(before.sqlite, id, { greeting_audio: greeting, voicemail_audio: voicemailPath });
    old('inside', 'greetings/hello.wav', join(dataDir, 'vm.wav'));
    old('recording', 'recordings/call_other.wav', '../' + dirname(outside).split('/').pop() + '/outside.wav');
    old('elsewhere', outside, '\\\\attacker.example\\share\\x.wav');
    old('not-audio', 'notes.wav', 'missing.wav');
    old('link', 'link.wav', null);
    await before.close();

    const logged: [string, Record<string, unknown> | undefined][] = [];
    const log: Logger = { info: (m, f) => logged.push([m, f]), warn() {}, error() {} };
    core = await openCore({ dbFile: file, log, dial: false });
    expect(core.services.store.sqlite.prepare('SELECT count(*) FROM assistants WHERE legacy_greeting_path IS NOT NULL OR legacy_voicemail_path IS NOT NULL').pluck().get()).toBe(0);
    const media = (id: string) => core!.services.store.sqlite.prepare('SELECT greeting_media_id AS greeting, voicemail_media_id AS voicemail FROM assistants WHERE id = ?').get(id) as { greeting: string | null; voicemail: string | null };

    const inside = await core.services.assistants.get(core.localTeam, 'inside');
    expect(inside.greetingAudio).toMatchObject({ name: 'hello.wav', durationMs: 1500, bytes: hello.length });
    expect(inside.voicemailAudio).toMatchObject({ name: 'vm.wav', durationMs: 2000 });
    expect(readFileSync(core.services.media.fileOf(media('inside').greeting!)!)).toEqual(hello);
    expect(readFileSync(core.services.media.fileOf(media('inside').voicemail!)!)).toEqual(voicemail);
    for (const id of ['recording', 'elsewhere', 'not-audio', 'link']) expect(media(id), id).toEqual({ greeting: null, voicemail: null });
    expect(core.services.store.sqlite.prepare('SELECT count(*) FROM media').pluck().get()).toBe(2);
    expect(logged).toEqual([['audio paths of an older version replaced by uploads', { imported: 2, dropped: 7 }]]);

    const imported = media('inside');
    await core.close();
    logged.length = 0;
    core = await openCore({ dbFile: file, log, dial: false });
    expect(logged).toEqual([]);
    expect(media('inside')).toEqual(imported);
  });
});
