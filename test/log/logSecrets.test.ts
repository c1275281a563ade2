import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../main/core';
import { digestAuthorization, parseDigestChallenge } from '../../main/telephony/sip/digest';
import { dispatch } from '../../main/ipc/dispatch';
import type { HandlerTable } from '../../main/operations';
import { silentLogger } from '../../main/platform/log';
import { logFileFor, workspaceLogger } from '../../main/platform/logFile';
import { send } from '../api/http';
import { startHostProcess, type HostProcess } from '../support/hostProcess';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempDbFile } from '../support/tempDb';

const TRUNK_PASSWORD = 'Trunk-Pa55-Secret-7731';
const AGENT_PASSWORD = 'agent-Pa55-0042';

const open: Core[] = [];
let host: HostProcess | undefined;
afterEach(async () => {
  await host?.stop();
  host = undefined;
  while (open.length) await open.pop()!.close();
});

/** A workspace with a SIP trunk (a password), a number on it and an API key; returns the key. */
async function workspaceWithSecrets(core: Core): Promise<string> {
  const api = inMemoryApi(core);
  const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example', username: 'acme', password: TRUNK_PASSWORD });
  await api.invoke('phoneNumbers.create', { number: '+12125550142', provider: 'sip', trunkId: trunk.id });
  return (await api.invoke('apiKeys.create', { name: 'CRM sync' })).key;
}

describe('secrets never reach the log file', () => {
  it('whatever main logs: a trunk with its password, an error quoting a request, a SIP answer, an agent URL, a failing handler', async () => {
    const dbFile = tempDbFile();
    const core = await openCore({ dbFile, log: workspaceLogger(dbFile), dial: false });
    open.push(core);
    const key = await workspaceWithSecrets(core);
    const credentials = await core.services.trunks.trunkCredentialsForNumber('+12125550142');
    expect(credentials?.password).toBe(TRUNK_PASSWORD);
    const challenge = parseDigestChallenge('Digest realm="carrier", nonce="abc123", qop="auth"')!;
    const answer = digestAuthorization(challenge, { method: 'INVITE', uri: 'sip:+12125550142@sip.carrier.example', username: 'acme', password: TRUNK_PASSWORD, nonceCount: 1, cnonce: 'c0ffee' });
    const response = answer.match(/response="(\w+)"/)![1];

    core.log.error('sip call failed', { trunk: credentials });
    core.log.error('api request failed', { error: new Error(`the CRM sent Authorization: Bearer ${key} and {"password":"${TRUNK_PASSWORD}"}`) });
    core.log.warn('agent unreachable', { agentUrl: `wss://bot:${AGENT_PASSWORD}@agent.example/media`, note: `retrying wss://bot:${AGENT_PASSWORD}@agent.example/media` });
    core.log.info('INVITE answered', { sip: `INVITE sip:+12125550142@sip.carrier.example SIP/2.0\r\nProxy-Authorization: ${answer}\r\n`, header: answer });
    core.log.error('host request failed', { url: `/?token=${key}`, cookie: `dw_session_4123=${key}` });
    const failing = { ...core.handlers, 'trunks.list': async () => { throw new Error(`could not reach sip:acme:${TRUNK_PASSWORD}@sip.carrier.example with key ${key}`); } } as HandlerTable;
    expect(await dispatch(failing, 'trunks.list', {}, core.localTeam, core.log)).toMatchObject({ ok: false });

    const text = readFileSync(logFileFor(dbFile), 'utf8');
    expect(text.split('\n').filter(Boolean).map((line) => JSON.parse(line).message)).toEqual(
      expect.arrayContaining(['sip call failed', 'api request failed', 'agent unreachable', 'INVITE answered', 'host request failed', 'handler failed']),
    );
    for (const secret of [TRUNK_PASSWORD, key, key.slice('dw_live_'.length), AGENT_PASSWORD, response]) expect(text).not.toContain(secret);
    // what the entries still say is enough to follow them
    expect(text).toContain('sip.carrier.example');
    expect(text).toContain('+1212•••0142');
  });

  it('in the log the built host writes beside its workspace: neither its token, nor an API key, nor a trunk password', async () => {
    const dbFile = tempDbFile();
    const core = await openCore({ dbFile, log: silentLogger, dial: false });
    const key = await workspaceWithSecrets(core);
    await core.close();

    host = await startHostProcess(['--db', dbFile, '--port', '0']);
    const token = new URL(host.url).searchParams.get('token')!;
    const port = Number(new URL(host.url).port);
    expect((await send(port, '/api/telephony/trunks', { key })).status).toBe(200);
    expect((await send(port, '/api/telephony/trunks', { method: 'POST', key, body: { name: 'Second', host: 'pbx.lan', password: `${TRUNK_PASSWORD}-2` } })).status).toBe(201);
    expect((await send(port, '/api/telephony/trunks', { key: `${key}x` })).status).toBe(401);
    await host.stop();
    host = undefined;

    const text = readFileSync(logFileFor(dbFile), 'utf8');
    expect(text).toContain('"message":"host listening"');
    expect(text).toContain('token=[redacted]');
    for (const secret of [token, key, TRUNK_PASSWORD]) expect(text).not.toContain(secret);
  });
});
