import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';
import { openStored } from '../support/secrets';

const SECRET = 'pa55-SECRET-word';
const T0 = 1_700_000_000_000;

let clock = T0;
let core: Core;
let api: Api;

beforeEach(async () => {
  clock = T0;
  core = await testCore(() => clock);
  api = inMemoryApi(core);
});

/** The stored password, opened: it must be stored sealed (openStored throws for plain text). */
const storedPassword = (id: string) => {
  const stored = core.services.store.sqlite.prepare('SELECT password FROM sip_trunks WHERE id = ?').pluck().get(id) as string | null;
  return stored === null ? null : openStored(core, stored);
};
const credentials = (number: string) => core.services.trunks.trunkCredentialsForNumber(number);

describe('SIP trunks: create and validation', () => {
  it('creates a trunk with defaults; the password is stored but only passwordSet comes back', async () => {
    const trunk = await api.invoke('trunks.create', { name: ' Carrier ', host: ' sip.carrier.example ', username: 'acme', password: SECRET });
    expect(trunk).toEqual({
      id: expect.stringMatching(/^trk_[0-9a-z]{14}$/),
      teamId: 'team_default',
      name: 'Carrier',
      host: 'sip.carrier.example',
      port: 5060,
      transport: 'udp',
      username: 'acme',
      fromUser: null,
      fromDomain: null,
      maxCallSeconds: 3600,
      ringTimeoutSeconds: 30,
      passwordSet: true,
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
    });
    expect(storedPassword(trunk.id)).toBe(SECRET);
    expect(await api.invoke('trunks.list', {})).toEqual([trunk]);
  });

  it('accepts every field at its limits: an IP host, tcp, port 65535, from user and domain', async () => {
    const trunk = await api.invoke('trunks.create', {
      name: 'PBX',
      host: '10.0.0.5',
      port: 65535,
      transport: 'tcp',
      fromUser: 'dialwell',
      fromDomain: 'pbx.example',
      maxCallSeconds: 86_400,
      ringTimeoutSeconds: 1,
    });
    expect(trunk).toMatchObject({ host: '10.0.0.5', port: 65535, transport: 'tcp', fromUser: 'dialwell', fromDomain: 'pbx.example', maxCallSeconds: 86_400, ringTimeoutSeconds: 1, passwordSet: false });
    expect(storedPassword(trunk.id)).toBeNull();
  });

  it('names every bad field at once, unknown fields included, and stores nothing', async () => {
    const error = await failure(
      api.invoke('trunks.create', {
        name: ' ',
        host: 'sip:carrier.example:5060',
        port: 0,
        transport: 'tls' as 'udp',
        fromUser: 'a b',
        fromDomain: 'not a host',
        maxCallSeconds: 1.5,
        ringTimeoutSeconds: 601,
        region: 'eu',
      } as never),
    );
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['fromDomain', 'fromUser', 'host', 'maxCallSeconds', 'name', 'port', 'region', 'ringTimeoutSeconds', 'transport']);
    expect(error.fields).toMatchObject({
      name: 'Trunk name is required',
      port: 'Must be 1–65535',
      transport: 'Must be one of udp, tcp',
      maxCallSeconds: 'Must be a whole number',
      ringTimeoutSeconds: 'Must be 1–600',
      region: 'Unknown field',
    });
    expect(error.fields!.host).toContain('host name or IP address');
    const missing = await failure(api.invoke('trunks.create', {} as never));
    expect(Object.keys(missing.fields!).sort()).toEqual(['host', 'name']);
    expect(await api.invoke('trunks.list', {})).toEqual([]);
  });
});

describe('SIP trunks: update, password handling, remove', () => {
  it('keeps the password when it is left out, replaces it when given, clears it with null', async () => {
    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example', password: SECRET });
    clock += 1000;
    const renamed = await api.invoke('trunks.update', { id: trunk.id, name: 'Carrier B', port: 5080 });
    expect(renamed).toEqual({ ...trunk, name: 'Carrier B', port: 5080, updatedAt: new Date(clock).toISOString() });
    expect(storedPassword(trunk.id)).toBe(SECRET);

    expect((await api.invoke('trunks.update', { id: trunk.id, password: 'n3w-pass' })).passwordSet).toBe(true);
    expect(storedPassword(trunk.id)).toBe('n3w-pass');

    const cleared = await api.invoke('trunks.update', { id: trunk.id, password: null });
    expect(cleared.passwordSet).toBe(false);
    expect(storedPassword(trunk.id)).toBeNull();
  });

  it('never returns the password from create, list, update or remove', async () => {
    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example', password: SECRET });
    const replies = [trunk, await api.invoke('trunks.list', {}), await api.invoke('trunks.update', { id: trunk.id, username: 'u' }), await api.invoke('trunks.remove', { id: trunk.id })];
    for (const reply of replies) {
      expect(JSON.stringify(reply)).not.toContain(SECRET);
      expect(JSON.stringify(reply)).not.toMatch(/"password"/);
    }
  });

  it('names the bad fields of an update and changes nothing', async () => {
    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example' });
    const error = await failure(api.invoke('trunks.update', { id: trunk.id, host: '', port: 70000, secret: 'x' } as never));
    expect(Object.keys(error.fields!).sort()).toEqual(['host', 'port', 'secret']);
    expect(await api.invoke('trunks.list', {})).toEqual([trunk]);
  });

  it('refuses to remove a trunk a SIP number calls through, naming the number; removes it once the number moves', async () => {
    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example' });
    const n = await api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: trunk.id });
    const refused = await failure(api.invoke('trunks.remove', { id: trunk.id }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('+12025550100');
    expect(await api.invoke('trunks.list', {})).toHaveLength(1);

    await api.invoke('phoneNumbers.update', { id: n.id, provider: 'simulator' });
    expect(await api.invoke('trunks.remove', { id: trunk.id })).toEqual({ id: trunk.id });
    expect(await api.invoke('trunks.list', {})).toEqual([]);
    // a simulator number that still named the trunk is left without one
    expect((await api.invoke('phoneNumbers.get', { id: n.id })).trunkId).toBeNull();
  });

  it('reports an unknown trunk as not_found', async () => {
    for (const call of [api.invoke('trunks.update', { id: 'trk_nope', name: 'X' }), api.invoke('trunks.remove', { id: 'trk_nope' })]) {
      const error = await failure(call);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('trk_nope');
    }
  });

  it("keeps each team's trunks to itself", async () => {
    const mine = await api.invoke('trunks.create', { name: 'Mine', host: 'sip.mine.example' });
    const theirApi = inMemoryApi(core, { ctx: addTeam(core) });
    expect(await theirApi.invoke('trunks.list', {})).toEqual([]);
    expect((await failure(theirApi.invoke('trunks.update', { id: mine.id, name: 'Stolen' }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('trunks.remove', { id: mine.id }))).code).toBe('not_found');
    const borrowed = await failure(theirApi.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: mine.id }));
    expect(borrowed.fields).toEqual({ trunkId: `SIP trunk ${mine.id} does not exist` });
    expect(await api.invoke('trunks.list', {})).toEqual([mine]);
  });

  it('lists by name and announces every change as sipTrunk', async () => {
    const seen: unknown[] = [];
    api.on('crm.changed', (e) => seen.push(e));
    const b = await api.invoke('trunks.create', { name: 'b', host: 'b.example' });
    await api.invoke('trunks.create', { name: 'A', host: 'a.example' });
    expect((await api.invoke('trunks.list', {})).map((t) => t.name)).toEqual(['A', 'b']);
    await api.invoke('trunks.update', { id: b.id, port: 5070 });
    await api.invoke('trunks.remove', { id: b.id });
    await failure(api.invoke('trunks.create', { name: '', host: 'x.example' }));
    expect(seen).toEqual(Array(4).fill({ entity: 'sipTrunk' }));
  });
});

describe('trunkCredentialsForNumber (for the SIP provider, main only)', () => {
  it("gives a SIP number's trunk with its password; null for other numbers", async () => {
    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example', transport: 'tcp', username: 'acme', password: SECRET, fromUser: 'sales' });
    await api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: trunk.id });
    await api.invoke('phoneNumbers.create', { number: '2025550101', trunkId: trunk.id });
    await api.invoke('phoneNumbers.create', { number: '2025550102' });

    const { passwordSet: _set, ...info } = trunk;
    expect(await credentials('+12025550100')).toEqual({ ...info, password: SECRET });
    expect(await credentials('+12025550101')).toBeNull(); // a simulator number, whatever trunk it names
    expect(await credentials('+12025550102')).toBeNull();
    expect(await credentials('+19995550100')).toBeNull();
  });

  it('follows the number to another trunk and sees a changed password at once', async () => {
    const first = await api.invoke('trunks.create', { name: 'First', host: 'one.example', password: 'one' });
    const second = await api.invoke('trunks.create', { name: 'Second', host: 'two.example' });
    const n = await api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: first.id });
    expect((await credentials('+12025550100'))?.password).toBe('one');
    await api.invoke('trunks.update', { id: first.id, password: 'uno' });
    expect((await credentials('+12025550100'))?.password).toBe('uno');
    await api.invoke('phoneNumbers.update', { id: n.id, trunkId: second.id });
    expect(await credentials('+12025550100')).toMatchObject({ id: second.id, host: 'two.example', password: null });
  });
});
