import { randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { migrations } from '../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../main/db/migrations/001-crm';
import { openStore } from '../../main/db/open';
import { silentLogger } from '../../main/platform/log';
import { aesGcmSealer, isSealed, keyFileSealer, KEY_BYTES, taggedSealer } from '../../main/platform/secrets';
import { tempDbFile } from '../support/tempDb';
import { tempFile } from '../support/tempFiles';

const SECRET = 'Trunk-PLAINTEXT-s3cret';
const CONFIG_SECRET = 'provider-PLAINTEXT-key';

/** Whether the text is anywhere in the workspace's files on disk: the database, its WAL and its shared memory. */
function onDisk(dbFile: string, text: string): string[] {
  return [dbFile, `${dbFile}-wal`, `${dbFile}-shm`].filter((file) => {
    try {
      return readFileSync(file).includes(text);
    } catch {
      return false;
    }
  });
}

const open: Core[] = [];
afterEach(async () => {
  while (open.length) await open.pop()!.close();
});
async function core(dbFile: string): Promise<Core> {
  const opened = await openCore({ dbFile, log: silentLogger, dial: false });
  open.push(opened);
  return opened;
}

describe('the key-file sealer (headless host, CLIs, tests)', () => {
  it('makes a random 32-byte key file 0600 once and reuses it; seals with a fresh nonce; opens what it sealed', () => {
    const file = tempFile('dialwell.key');
    const sealer = keyFileSealer(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file)).toHaveLength(32);
    const key = readFileSync(file);

    const a = sealer.seal(SECRET);
    const b = sealer.seal(SECRET);
    expect(a).not.toBe(b);
    expect(isSealed(a)).toBe(true);
    expect(isSealed(SECRET)).toBe(false);
    expect(a).not.toContain(SECRET);
    expect(sealer.open(a)).toBe(SECRET);
    expect(sealer.open(sealer.seal(''))).toBe('');
    expect(sealer.open(sealer.seal('ünïcode ☎'))).toBe('ünïcode ☎');
    // a second process on the same folder reads the same key
    expect(keyFileSealer(file).open(b)).toBe(SECRET);
    expect(readFileSync(file)).toEqual(key);
  });

  it('refuses a value changed on disk, one sealed with another key, one sealed elsewhere, and a damaged key file', () => {
    const sealer = keyFileSealer(tempFile('dialwell.key'));
    const sealed = sealer.seal(SECRET);
    const flipped = sealed.slice(0, -4) + (sealed.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(() => sealer.open(flipped)).toThrow(/cannot be opened/);
    expect(() => keyFileSealer(tempFile('dialwell.key')).open(sealed)).toThrow(/cannot be opened/);
    expect(() => sealer.open('sealed:safe-storage:AAAA')).toThrow(/safe-storage/);
    expect(() => sealer.open(SECRET)).toThrow(/not sealed/);
    const short = tempFile('dialwell.key');
    writeFileSync(short, 'too short');
    expect(() => keyFileSealer(short)).toThrow(/32 bytes/);
  });
});

describe('secrets at rest in the workspace', () => {
  it('stores a trunk password and a number’s provider settings sealed: never in the database, its WAL or its shared memory', async () => {
    const dbFile = tempDbFile();
    const c = await core(dbFile);
    const trunk = await c.services.trunks.create(c.localTeam, { name: 'PBX', host: '10.0.0.2', port: 5060, transport: 'udp', username: 'pbx', password: SECRET, fromUser: null, fromDomain: null, maxCallSeconds: 3600, ringTimeoutSeconds: 30 });
    await c.services.phoneNumbers.create(c.localTeam, { number: '+12025550100', label: null, provider: 'sip', status: 'active', assistantId: null, trunkId: trunk.id, providerConfig: { apiKey: CONFIG_SECRET } });
    const raw = c.services.store.sqlite.prepare('SELECT password FROM sip_trunks').pluck().get() as string;
    expect(isSealed(raw)).toBe(true);
    expect(isSealed(c.services.store.sqlite.prepare('SELECT provider_config FROM phone_numbers').pluck().get() as string)).toBe(true);
    expect(onDisk(dbFile, SECRET)).toEqual([]);
    expect(onDisk(dbFile, CONFIG_SECRET)).toEqual([]);
    // what the SIP provider dials with
    expect((await c.services.trunks.trunkCredentialsForNumber('+12025550100'))?.password).toBe(SECRET);
    // the database refuses a plain password written around the services
    expect(() => c.services.store.sqlite.prepare('UPDATE sip_trunks SET password = ?').run(SECRET)).toThrow(/must be sealed/);
  });

  it('seals the plain secrets an older version stored when it opens the workspace, and wipes them from the files', async () => {
    const dbFile = tempDbFile();
    const before = migrations.findIndex((m) => m.name === 'sealed-secrets-and-media');
    const old = await openStore(dbFile, { migrations: migrations.slice(0, before) });
    old.sqlite.prepare("INSERT INTO sip_trunks (id, team_id, name, host, username, password, created_at, updated_at) VALUES ('trk_old', ?, 'Old', 'sip.example.com', 'old', ?, 1, 1)").run(DEFAULT_TEAM_ID, SECRET);
    old.sqlite.prepare("INSERT INTO phone_numbers (id, team_id, number, provider, provider_config, trunk_id, created_at, updated_at) VALUES ('pn_old', ?, '+12025550100', 'sip', ?, 'trk_old', 1, 1)").run(DEFAULT_TEAM_ID, JSON.stringify({ apiKey: CONFIG_SECRET }));
    old.sqlite.prepare("INSERT INTO phone_numbers (id, team_id, number, created_at, updated_at) VALUES ('pn_sim', ?, '+12025550101', 1, 1)").run(DEFAULT_TEAM_ID);
    await old.close();
    expect(onDisk(dbFile, SECRET)).not.toEqual([]);

    const c = await core(dbFile);
    const sqlite = c.services.store.sqlite;
    const sealedPassword = sqlite.prepare("SELECT password FROM sip_trunks WHERE id = 'trk_old'").pluck().get() as string;
    expect(isSealed(sealedPassword)).toBe(true);
    expect(isSealed(sqlite.prepare("SELECT provider_config FROM phone_numbers WHERE id = 'pn_old'").pluck().get() as string)).toBe(true);
    // nothing to hide in an empty config
    expect(sqlite.prepare("SELECT provider_config FROM phone_numbers WHERE id = 'pn_sim'").pluck().get()).toBe('{}');
    expect(onDisk(dbFile, SECRET)).toEqual([]);
    expect(onDisk(dbFile, CONFIG_SECRET)).toEqual([]);
    expect((await c.services.trunks.trunkCredentialsForNumber('+12025550100'))?.password).toBe(SECRET);
    await c.close();
    open.pop();

    // once sealed, a later open leaves the value as it is
    const again = await core(dbFile);
    expect(again.services.store.sqlite.prepare("SELECT password FROM sip_trunks WHERE id = 'trk_old'").pluck().get()).toBe(sealedPassword);
    expect(readFileSync(join(dirname(dbFile), 'dialwell.key'))).toHaveLength(32);
  });

  it('the desktop app seals with its keychain, and still opens what a CLI sealed with the key file on the same workspace', async () => {
    const dbFile = tempDbFile();
    const cli = await core(dbFile);
    const trunk = { port: 5060, transport: 'udp' as const, username: 'u', fromUser: null, fromDomain: null, maxCallSeconds: 3600, ringTimeoutSeconds: 30 };
    const fromCli = await cli.services.trunks.create(cli.localTeam, { ...trunk, name: 'CLI', host: 'cli.example', password: 'sealed-by-cli' });
    await cli.services.phoneNumbers.create(cli.localTeam, { number: '+12025550100', label: null, provider: 'sip', status: 'active', assistantId: null, trunkId: fromCli.id, providerConfig: {} });
    await cli.close();
    open.pop();

    // safeStorage cannot run here: a real cipher under another kind stands in for the OS keychain
    const aes = aesGcmSealer(randomBytes(KEY_BYTES));
    const keychain = taggedSealer('os-keychain', (plain) => Buffer.from(aes.seal(plain)), (bytes) => aes.open(bytes.toString()));
    const desktop = await openCore({ dbFile, log: silentLogger, dial: false, sealer: keychain });
    open.push(desktop);
    expect((await desktop.services.trunks.trunkCredentialsForNumber('+12025550100'))?.password).toBe('sealed-by-cli');
    const fromDesktop = await desktop.services.trunks.create(desktop.localTeam, { ...trunk, name: 'Desktop', host: 'desktop.example', password: 'sealed-by-desktop' });
    const stored = (id: string) => desktop.services.store.sqlite.prepare('SELECT password FROM sip_trunks WHERE id = ?').pluck().get(id) as string;
    expect(stored(fromCli.id)).toMatch(/^sealed:aes-256-gcm:/);
    expect(stored(fromDesktop.id)).toMatch(/^sealed:os-keychain:/);
  });
});
