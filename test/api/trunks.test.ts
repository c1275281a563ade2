import { describe, expect, it } from 'vitest';
import { openStored } from '../support/secrets';
import { hostForEachTest, send, startApiServer, type Reply } from './http';

const SECRET = 'tRunk-SECRET-9';

const host = hostForEachTest();
const { call } = host;

function json(reply: Reply, status: number) {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.text).not.toContain(SECRET);
  // an error may name the password field; a success never carries it
  if (status < 400) expect(reply.text).not.toMatch(/"password"/);
  return reply.json;
}

describe('/api/telephony/trunks over real HTTP', () => {
  it('creates, lists, patches and deletes a trunk; the password never comes back', async () => {
    const created = json(await call('POST', '/api/telephony/trunks', { name: 'Carrier', host: 'sip.carrier.example', transport: 'tcp', username: 'acme', password: SECRET }), 201);
    expect(created.success).toBe(true);
    const trunk = created.trunk;
    expect(trunk).toMatchObject({ name: 'Carrier', host: 'sip.carrier.example', port: 5060, transport: 'tcp', username: 'acme', passwordSet: true });

    expect(json(await call('GET', '/api/telephony/trunks'), 200).trunks).toEqual([trunk]);
    const patched = json(await call('PATCH', `/api/telephony/trunks/${trunk.id}`, { ringTimeoutSeconds: 45 }), 200).trunk;
    expect(patched).toMatchObject({ ringTimeoutSeconds: 45, passwordSet: true });
    // stored sealed: what the SIP provider opens to dial
    expect(openStored(host.core, host.core.services.store.sqlite.prepare('SELECT password FROM sip_trunks WHERE id = ?').pluck().get(trunk.id) as string)).toBe(SECRET);
    expect(json(await call('PATCH', `/api/telephony/trunks/${trunk.id}`, { password: null }), 200).trunk.passwordSet).toBe(false);

    expect(json(await call('DELETE', `/api/telephony/trunks/${trunk.id}`), 200)).toEqual({ success: true, deleted: { id: trunk.id } });
    expect(json(await call('GET', '/api/telephony/trunks'), 200).trunks).toEqual([]);
  });

  it('400 names every bad field; 404 for an unknown trunk; 409 deleting a trunk a SIP number uses', async () => {
    const bad = json(await call('POST', '/api/telephony/trunks', { name: '', host: 'sip:x', port: '5060', password: 42, extra: true }), 400);
    expect(Object.keys(bad.error.fields).sort()).toEqual(['extra', 'host', 'name', 'password', 'port']);
    expect(json(await call('PATCH', '/api/telephony/trunks/trk_nope', { name: 'X' }), 404).error.code).toBe('not_found');
    expect(json(await call('DELETE', '/api/telephony/trunks/trk_nope'), 404).error.code).toBe('not_found');

    const trunk = json(await call('POST', '/api/telephony/trunks', { name: 'Carrier', host: 'sip.carrier.example', password: SECRET }), 201).trunk;
    const noTrunk = json(await call('POST', '/api/phone-numbers', { number: '2025550100', provider: 'sip' }), 400);
    expect(noTrunk.error.fields).toEqual({ trunkId: 'A SIP number needs a trunk' });
    const number = json(await call('POST', '/api/phone-numbers', { number: '2025550100', provider: 'sip', trunkId: trunk.id }), 201).phoneNumber;
    expect(number).toMatchObject({ provider: 'sip', trunkId: trunk.id });
    const inUse = json(await call('DELETE', `/api/telephony/trunks/${trunk.id}`), 409);
    expect(inUse.error.message).toContain('+12025550100');
  });

  it('refuses CR, LF and other control characters in every SIP field with a 400 naming each; a PBX on the LAN is a fine host', async () => {
    const injected = {
      name: 'Carrier\r\nX-Name: 1',
      host: 'sip.carrier.example\r\nVia: evil',
      username: 'acme\r\nX-Injected: 1',
      password: 'pa\u0000ss',
      fromUser: 'sales\u0007',
      fromDomain: 'pbx.example\nX: y',
    };
    const bad = json(await call('POST', '/api/telephony/trunks', injected), 400);
    expect(Object.keys(bad.error.fields).sort()).toEqual(['fromDomain', 'fromUser', 'host', 'name', 'password', 'username']);
    expect(bad.error.fields.username).toContain('control characters');

    const trunk = json(await call('POST', '/api/telephony/trunks', { name: 'PBX', host: '192.168.1.20', username: 'pbx', password: SECRET }), 201).trunk;
    for (const [field, value] of Object.entries(injected)) {
      const reply = json(await call('PATCH', `/api/telephony/trunks/${trunk.id}`, { [field]: value }), 400);
      expect(reply.error.fields).toEqual({ [field]: expect.stringContaining('control characters') });
    }
    expect(json(await call('GET', '/api/telephony/trunks'), 200).trunks).toEqual([trunk]);
    for (const host of ['10.0.0.5', '172.16.4.2', 'fd00::15', 'pbx.local', '127.0.0.1']) {
      expect(json(await call('PATCH', `/api/telephony/trunks/${trunk.id}`, { host, fromDomain: host }), 200).trunk).toMatchObject({ host, fromDomain: host });
    }
  });

  it('takes the assistant media settings on /api/assistants', async () => {
    const a = json(await call('POST', '/api/assistants', { name: 'Agent', agentUrl: 'wss://agent.example/ws', recordCalls: true }), 201).assistant;
    expect(a).toMatchObject({ agentUrl: 'wss://agent.example/ws', greetingAudio: null, voicemailAudio: null, recordCalls: true });
    const bad = json(await call('PATCH', `/api/assistants/${a.id}`, { agentUrl: 'http://agent.example', voicemailAudioId: 'vm.mp3' }), 400);
    expect(Object.keys(bad.error.fields).sort()).toEqual(['agentUrl', 'voicemailAudioId']);
  });

  it('is served by the desktop API server too, and described in openapi.json', async () => {
    const { port } = await startApiServer(host.core);
    const created = await send(port, '/api/telephony/trunks', { method: 'POST', key: host.key, body: { name: 'Carrier', host: 'sip.carrier.example', password: SECRET } });
    expect(json(created, 201).trunk.passwordSet).toBe(true);
    const doc = (await send(port, '/api/openapi.json')).json;
    expect(Object.keys(doc.paths['/api/telephony/trunks']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/telephony/trunks/{id}']).sort()).toEqual(['delete', 'patch']);
    const body = doc.paths['/api/telephony/trunks'].post.requestBody.content['application/json'].schema;
    expect(body.required.sort()).toEqual(['host', 'name']);
    expect(body.properties.transport.enum).toEqual(['udp', 'tcp']);
    expect(body.additionalProperties).toBe(false);
  });
});
