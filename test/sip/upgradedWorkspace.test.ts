import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { createDialerStore } from '../../main/db/dialerStore';
import { migrations } from '../../main/db/migrations';
import { DEFAULT_TEAM_ID } from '../../main/db/migrations/001-crm';
import { openStore } from '../../main/db/open';
import { silentLogger } from '../../main/platform/log';
import { isSealed } from '../../main/platform/secrets';
import { callRequest, recordEvents } from '../dialer/providerContract';
import { readWav, tone, wavBytes, zeroCrossingsPerSecond } from '../media/audio';
import { tempDbFile } from '../support/tempDb';
import { FROM, waitFor } from './harness';
import { startSippUas, type SippUas } from './sipp';

const USER = 'dialwell';
const PASSWORD = 'Old-plain-s3cret';

let core: Core | undefined;
let sipp: SippUas | undefined;
afterEach(async () => {
  await core?.close();
  await sipp?.stop();
});

it('a workspace from before sealing: its plain trunk password is sealed on open and still answers the digest challenge; its greeting path became media and plays', async () => {
  sipp = await startSippUas('digest_auth.xml', { calls: 1, fill: { user: USER, password: PASSWORD }, rtpEcho: true });
  const dbFile = tempDbFile();
  mkdirSync(join(dirname(dbFile), 'audio'));
  writeFileSync(join(dirname(dbFile), 'audio', 'greeting.wav'), wavBytes([tone(440, 1.5)]));

  // as an older version left it: the password in plain text, the greeting a path
  const old = await openStore(dbFile, { migrations: migrations.slice(0, migrations.findIndex((m) => m.name === 'sealed-secrets-and-media')) });
  const insert = (sql: string, ...values: unknown[]) => old.sqlite.prepare(sql).run(...values);
  insert("INSERT INTO sip_trunks (id, team_id, name, host, port, username, password, ring_timeout_seconds, created_at, updated_at) VALUES ('trk_old', ?, 'SIPp', '127.0.0.1', ?, ?, ?, 5, 1, 1)", DEFAULT_TEAM_ID, sipp.port, USER, PASSWORD);
  insert("INSERT INTO assistants (id, team_id, name, greeting_audio, record_calls, created_at, updated_at) VALUES ('asst_old', ?, 'Old', 'audio/greeting.wav', 1, 1, 1)", DEFAULT_TEAM_ID);
  insert("INSERT INTO phone_numbers (id, team_id, number, provider, trunk_id, assistant_id, created_at, updated_at) VALUES ('num_old', ?, ?, 'sip', 'trk_old', 'asst_old', 1, 1)", DEFAULT_TEAM_ID, FROM);
  await old.close();

  core = await openCore({ dbFile, log: silentLogger, dial: false, sipAddress: '127.0.0.1' });
  const sqlite = core.services.store.sqlite;
  const stored = sqlite.prepare("SELECT password FROM sip_trunks WHERE id = 'trk_old'").pluck().get() as string;
  expect(isSealed(stored)).toBe(true);
  expect(stored).not.toContain(PASSWORD);

  // the call as the dialer places it: the assistant as the dialer reads it, through the core's SIP provider
  const assistant = createDialerStore(sqlite).assistant('asst_old');
  expect(assistant.greetingMediaId).toMatch(/^med_/);
  const request = { ...callRequest('+12125550001', FROM), assistant };
  const sip = core.providers.sip;
  const events = recordEvents(sip);
  await sip.placeCall(request);
  await waitFor(() => events.types(request.callId).includes('answered') || events.ended(request.callId).length > 0, 10_000, 'the answer');
  expect(events.ended(request.callId)).toEqual([]);
  // SIPp answers only the INVITE retried with the right credentials; it echoes our RTP back: let 0.7 s of it flow
  await new Promise((resolve) => setTimeout(resolve, 700));
  await sip.hangup(request.callId);
  const { code, output } = await sipp.exit;
  expect(code, output).toBe(0);
  expect(events.ended(request.callId)[0]).toMatchObject({ outcome: 'answered' });

  const recording = join(dirname(dbFile), 'recordings', `${request.callId}.wav`);
  const written = () => {
    try {
      return readWav(recording).channels[0].length > 3200;
    } catch {
      return false;
    }
  };
  await waitFor(written, 5000, 'the recording');
  const [farEnd] = readWav(recording).channels;
  // the far end (SIPp's echo) carries the uploaded greeting's 440 Hz tone: 880 sign changes a second
  expect(zeroCrossingsPerSecond(farEnd.subarray(800, 3200))).toBeGreaterThan(840);
  expect(zeroCrossingsPerSecond(farEnd.subarray(800, 3200))).toBeLessThan(920);
});
