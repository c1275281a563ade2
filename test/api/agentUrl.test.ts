import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/contract/createApi';
import { inMemoryApi } from '../support/inMemoryTransport';
import { hostForEachTest } from './http';

const host = hostForEachTest();
const rest = host.call;
let ipc: Api;
/** What the dialer reads to place a call: the stored URL, credentials and all. */
const stored = (id: string) => host.core.services.store.sqlite.prepare('SELECT agent_url FROM assistants WHERE id = ?').pluck().get(id);

beforeEach(() => {
  ipc = inMemoryApi(host.core);
});

const WITH_PASSWORD = 'wss://agent-user:Pa55word-9@agent.example/media?lang=en';
const WITH_TOKEN = 'wss://agent.example/media?token=tok-SECRET-1&lang=en';

describe('agent URL credentials are never read back', () => {
  it('masks the password and secret query values in every read, REST and IPC; the dialer keeps the real URL', async () => {
    const created = await rest('POST', '/api/assistants', { name: 'Agent', agentUrl: WITH_PASSWORD });
    expect(created.status, created.text).toBe(201);
    const id = created.json.assistant.id;
    const viaIpc = await ipc.invoke('assistants.create', { name: 'Token agent', agentUrl: WITH_TOKEN });

    const replies = [
      created.text,
      (await rest('GET', `/api/assistants/${id}`)).text,
      (await rest('GET', '/api/assistants')).text,
      (await rest('PATCH', `/api/assistants/${id}`, { greeting: 'Hi' })).text,
      JSON.stringify(viaIpc),
      JSON.stringify(await ipc.invoke('assistants.list', {})),
      JSON.stringify(await ipc.invoke('assistants.get', { id })),
    ];
    for (const reply of replies) expect(reply).not.toMatch(/Pa55word-9|tok-SECRET-1/);
    expect(created.json.assistant.agentUrl).toBe('wss://agent-user:****@agent.example/media?lang=en');
    expect(viaIpc.agentUrl).toBe('wss://agent.example/media?token=****&lang=en');
    expect(stored(id)).toBe(WITH_PASSWORD);
    expect(stored(viaIpc.id)).toBe(WITH_TOKEN);
  });

  it('masks a user name that stands alone (an API key in the user part); a URL without credentials reads back as typed', async () => {
    const keyOnly = await ipc.invoke('assistants.create', { name: 'Key', agentUrl: 'wss://sk-live-123@agent.example/ws' });
    expect(keyOnly.agentUrl).toBe('wss://****@agent.example/ws');
    const plain = await ipc.invoke('assistants.create', { name: 'Plain', agentUrl: 'ws://127.0.0.1:8080/media?lang=en' });
    expect(plain.agentUrl).toBe('ws://127.0.0.1:8080/media?lang=en');
  });

  it('saving the masked URL back keeps the stored secret; editing its path around the mask keeps it too; a retyped secret replaces it', async () => {
    const a = await ipc.invoke('assistants.create', { name: 'Agent', agentUrl: WITH_PASSWORD });
    // the form sends every field back, the masked URL among them
    await ipc.invoke('assistants.update', { id: a.id, agentUrl: a.agentUrl, greeting: 'Hello' });
    expect(stored(a.id)).toBe(WITH_PASSWORD);

    const moved = await rest('PATCH', `/api/assistants/${a.id}`, { agentUrl: 'wss://agent-user:****@agent.example/v2?lang=fr' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json.assistant.agentUrl).toBe('wss://agent-user:****@agent.example/v2?lang=fr');
    expect(stored(a.id)).toBe('wss://agent-user:Pa55word-9@agent.example/v2?lang=fr');

    await ipc.invoke('assistants.update', { id: a.id, agentUrl: 'wss://agent-user:N3w-pass@agent.example/v2' });
    expect(stored(a.id)).toBe('wss://agent-user:N3w-pass@agent.example/v2');
  });

  it('a stored secret never follows the URL to another host: the mask must be retyped there', async () => {
    const a = await ipc.invoke('assistants.create', { name: 'Agent', agentUrl: WITH_TOKEN });
    for (const elsewhere of ['wss://attacker.example/media?token=****&lang=en', 'wss://agent.example:8443/media?token=****&lang=en', 'ws://agent.example/media?token=****&lang=en']) {
      const reply = await rest('PATCH', `/api/assistants/${a.id}`, { agentUrl: elsewhere });
      expect(reply.status, reply.text).toBe(400);
      expect(Object.keys(reply.json.error.fields)).toEqual(['agentUrl']);
    }
    expect(stored(a.id)).toBe(WITH_TOKEN);
  });

  it('a mask with no stored secret behind it is a field error', async () => {
    const a = await ipc.invoke('assistants.create', { name: 'Agent', agentUrl: 'wss://agent.example/media' });
    const reply = await rest('PATCH', `/api/assistants/${a.id}`, { agentUrl: 'wss://agent.example/media?token=****' });
    expect(reply.status, reply.text).toBe(400);
    expect(Object.keys(reply.json.error.fields)).toEqual(['agentUrl']);
    expect(stored(a.id)).toBe('wss://agent.example/media');
  });
});
