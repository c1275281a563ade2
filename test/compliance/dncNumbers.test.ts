import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { send, startApiServer, type Reply } from '../api/http';
import { T0 } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { addTeam, inMemoryApi } from '../support/inMemoryTransport';

let core: Core;
let port: number;
let key: string;
const call = (method: string, path: string, body?: unknown): Promise<Reply> => send(port, path, { method, key, body });

beforeEach(async () => {
  core = await testCore(() => T0);
  port = (await startApiServer(core)).port;
  key = (await core.services.apiKeys.create(core.localTeam, 'DNC')).key;
});

async function newList(name: string): Promise<string> {
  const imported = await send(port, `/api/dnc-lists/import?name=${encodeURIComponent(name)}`, { method: 'POST', key, raw: '(212) 555-0100\n', headers: { 'content-type': 'text/csv' } });
  return imported.json.import.list.id;
}

describe("a DNC list's numbers, one at a time", () => {
  it('adds a number in any format as E.164, says when it was there already, lists and finds it, and removes it', async () => {
    const id = await newList('Registry');
    const added = await call('POST', `/api/dnc-lists/${id}/numbers`, { number: '(305) 555-0111' });
    expect(added.status, added.text).toBe(201);
    expect(added.json).toMatchObject({ number: '+13055550111', added: true });
    expect((await call('POST', `/api/dnc-lists/${id}/numbers`, { number: '+1 305 555 0111' })).json).toMatchObject({ added: false });

    const all = await call('GET', `/api/dnc-lists/${id}/numbers`);
    expect(all.json).toMatchObject({ total: 2, numbers: [{ number: '+12125550100' }, { number: '+13055550111' }] });
    const found = await call('GET', `/api/dnc-lists/${id}/numbers?search=305`);
    expect(found.json.numbers.map((n: { number: string }) => n.number)).toEqual(['+13055550111']);
    expect((await call('GET', '/api/dnc-lists')).json.dncLists[0].numbers).toBe(2);
    // the dial-time check sees the new number at once
    expect(core.services.compliance.dncListOf(core.localTeam.teamId, '+13055550111')).toBe('Registry');

    expect((await call('DELETE', `/api/dnc-lists/${id}/numbers/${encodeURIComponent('+13055550111')}`)).json).toMatchObject({ removed: { number: '+13055550111' } });
    expect((await call('GET', `/api/dnc-lists/${id}/numbers`)).json.total).toBe(1);
    expect((await call('DELETE', `/api/dnc-lists/${id}/numbers/${encodeURIComponent('+13055550111')}`)).status).toBe(404);
  });

  it('names the bad field, and refuses another team’s list as unknown', async () => {
    const id = await newList('Registry');
    const bad = await call('POST', `/api/dnc-lists/${id}/numbers`, { number: 'call me' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.fields).toEqual({ number: '"call me" is not a valid phone number' });
    expect((await call('POST', `/api/dnc-lists/${id}/numbers`, {})).json.error.fields).toHaveProperty('number');
    // a body that is no object is named as such, not taken for an empty one
    expect((await call('POST', `/api/dnc-lists/${id}/numbers`, ['+13055550111'])).json.error.fields).toHaveProperty('body');

    const theirs = inMemoryApi(core, { ctx: addTeam(core) });
    await expect(theirs.invoke('dnc.addNumber', { listId: id, number: '(305) 555-0112' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(theirs.invoke('dnc.numbers', { listId: id, limit: 10, offset: 0 })).rejects.toMatchObject({ code: 'not_found' });
  });
});
