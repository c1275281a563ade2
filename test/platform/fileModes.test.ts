import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../main/core';
import { migrations } from '../../main/db/migrations';
import { openStore } from '../../main/db/open';
import { writeTelephonyWav } from '../../main/telephony/media/wav';
import { silentLogger } from '../../main/platform/log';
import { createFileSettingsStore } from '../../main/settings/fileSettingsStore';
import { tone, wavBytes } from '../media/audio';
import { tempDbFile } from '../support/tempDb';

const modeOf = (path: string) => statSync(path).mode & 0o777;

// the usual umask, which would leave files 0644 and folders 0755 to everyone else on the machine
let umask: number;
beforeAll(() => void (umask = process.umask(0o022)));
afterAll(() => void process.umask(umask));

describe('files in the data folder are private to their user', () => {
  it('creates the database and its -wal/-shm, settings.json, the key file, recordings and media 0600, their folders 0700', async () => {
    const dbFile = tempDbFile();
    const dataDir = dirname(dbFile);
    const core = await openCore({ dbFile, log: silentLogger, dial: false });
    try {
      await core.services.trunks.create(core.localTeam, { name: 'PBX', host: '192.168.1.20', port: 5060, transport: 'udp', username: 'pbx', password: 'pbx-secret', fromUser: null, fromDomain: null, maxCallSeconds: 3600, ringTimeoutSeconds: 30 });
      const settings = createFileSettingsStore(join(dataDir, 'settings.json'));
      settings.set({ closeToTray: false });
      await writeTelephonyWav(join(dataDir, 'recordings', 'call_1.wav'), [tone(440, 0.2)]);
      const media = await core.services.media.upload(core.localTeam, { name: 'hello.wav', data: wavBytes([tone(440, 0.5)]).toString('base64') });

      for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, join(dataDir, 'settings.json'), join(dataDir, 'dialwell.key'), join(dataDir, 'recordings', 'call_1.wav'), join(dataDir, 'media', `${media.id}.wav`)]) {
        expect(existsSync(file), file).toBe(true);
        expect(modeOf(file).toString(8), file).toBe('600');
      }
      for (const folder of [join(dataDir, 'recordings'), join(dataDir, 'media')]) expect(modeOf(folder).toString(8), folder).toBe('700');
    } finally {
      await core.close();
    }
  });

  it('tightens the files an older version left readable by everyone when it opens them', async () => {
    const dbFile = tempDbFile();
    const dataDir = dirname(dbFile);
    await (await openCore({ dbFile, log: silentLogger, dial: false })).close();
    writeFileSync(join(dataDir, 'settings.json'), '{}\n');
    for (const file of [dbFile, join(dataDir, 'settings.json'), join(dataDir, 'dialwell.key')]) chmodSync(file, 0o644);

    const core = await openCore({ dbFile, log: silentLogger, dial: false });
    createFileSettingsStore(join(dataDir, 'settings.json'));
    try {
      for (const file of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, join(dataDir, 'settings.json'), join(dataDir, 'dialwell.key')]) expect(modeOf(file).toString(8), file).toBe('600');
    } finally {
      await core.close();
    }
  });

  it('keeps the backup taken before a schema upgrade 0600', async () => {
    const dbFile = tempDbFile();
    await (await openStore(dbFile, { migrations: migrations.slice(0, 9) })).close();
    await (await openStore(dbFile)).close();
    const backups = readdirSync(join(dirname(dbFile), 'backups')).filter((name) => name.endsWith('-before-upgrade.db'));
    expect(backups).toHaveLength(1);
    expect(modeOf(join(dirname(dbFile), 'backups', backups[0])).toString(8)).toBe('600');
    expect(modeOf(join(dirname(dbFile), 'backups')).toString(8)).toBe('700');
  });
});
