import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../main/core';
import { createMemorySettingsStore, type SettingsStore } from '../../main/settings/store';
import { send, startHost } from '../api/http';
import { testCore } from '../support/core';
import { FAKE_API_KEY, FakeRealtime } from '../support/fakeRealtime';
import { failure, inMemoryApi } from '../support/inMemoryTransport';
import { openStored } from '../support/secrets';

const KEY = 'sk-proj-Zyx987Wvu654Tsr321Qpo000';

let core: Core;
let settings: SettingsStore;
let port: number;
let apiKey: string;
let fake: FakeRealtime;

const rest = (method: string, path: string, body?: unknown) => send(port, path, { method, key: apiKey, body });

beforeEach(async () => {
  // what the process was started with must not decide these tests
  vi.stubEnv('OPENAI_API_KEY', undefined);
  vi.stubEnv('OPENAI_BASE_URL', undefined);
  settings = createMemorySettingsStore();
  core = await testCore(Date.now, { settings });
  ({ port } = await startHost(core));
  apiKey = (await core.services.apiKeys.create(core.localTeam, 'Voice key')).key;
  fake = await FakeRealtime.start();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

describe('GET/PATCH /api/settings/voice', () => {
  it('takes the OpenAI API key write-only: every read, REST and IPC, says only that one is set', async () => {
    expect((await rest('GET', '/api/settings/voice')).json).toEqual({
      success: true,
      voice: { openaiApiKeySet: false, openaiApiKeyFromEnvironment: false, openaiBaseUrl: 'https://api.openai.com/v1', openaiBaseUrlSource: 'default' },
    });
    const saved = await rest('PATCH', '/api/settings/voice', { openaiApiKey: KEY });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.json.voice).toMatchObject({ openaiApiKeySet: true, openaiBaseUrl: 'https://api.openai.com/v1' });

    const ipc = inMemoryApi(core);
    const reads = [saved.text, (await rest('GET', '/api/settings/voice')).text, JSON.stringify(await ipc.invoke('voice.getSettings', {})), JSON.stringify(await ipc.invoke('settings.get', {}))];
    for (const read of reads) expect(read).not.toContain(KEY.slice(8));
    expect(await ipc.invoke('voice.getSettings', {})).toMatchObject({ openaiApiKeySet: true });
    // the generic settings channels neither show the voice settings, sealed or not, nor change them
    expect(await ipc.invoke('settings.get', {})).not.toHaveProperty('voice');
    expect((await failure(ipc.invoke('settings.update', { theme: 'dark', voice: { openaiApiKeySealed: null, openaiBaseUrl: null } }))).fields).toEqual({ voice: 'Unknown field' });
    expect(openStored(core, settings.get().voice.openaiApiKeySealed!)).toBe(KEY);
  });

  it('answers 400 naming every bad field, and changes nothing', async () => {
    const bad = await rest('PATCH', '/api/settings/voice', { openaiApiKey: 42, openaiBaseUrl: 'wss://api.openai.com/v1', openaiApiKeySet: true });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({
      success: false,
      error: {
        code: 'validation',
        message: expect.any(String),
        fields: { openaiApiKey: expect.stringContaining('must be text'), openaiBaseUrl: expect.stringContaining('http:// or https://'), openaiApiKeySet: 'Unknown field' },
      },
    });
    expect((await rest('PATCH', '/api/settings/voice', ['sk-in-an-array'])).json.error.fields).toEqual({ body: expect.any(String) });
    expect(settings.get().voice).toEqual({ openaiApiKeySealed: null, openaiBaseUrl: null });
  });

  it('tests the connection with what is saved, or with the values in the body', async () => {
    await rest('PATCH', '/api/settings/voice', { openaiApiKey: FAKE_API_KEY, openaiBaseUrl: fake.baseUrl });
    expect((await rest('POST', '/api/settings/voice/test')).json).toEqual({ success: true, test: { ok: true } });
    expect((await rest('POST', '/api/settings/voice/test', { openaiApiKey: 'sk-wrong-0123456789abcdef' })).json).toEqual({
      success: true,
      test: { ok: false, reason: 'OpenAI rejected the API key' },
    });
    expect(await inMemoryApi(core).invoke('voice.testConnection', {})).toEqual({ ok: true });
    expect((await rest('POST', '/api/settings/voice/test', { openaiBaseUrl: 'ws://x' })).status).toBe(400);
  });
});
