import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { redact } from '../../main/platform/logRedaction';
import { aesGcmSealer, KEY_BYTES } from '../../main/platform/secrets';
import { migrateSettings } from '../../main/settings/schema';
import { createMemorySettingsStore } from '../../main/settings/store';
import { createVoiceSettings } from '../../main/voice/voiceSettings';
import { AppError } from '../../shared/errors';
import { FAKE_API_KEY, FakeRealtime } from '../support/fakeRealtime';

const KEY = 'sk-proj-Abc123Def456Ghi789Jkl012';

function voiceSettings(environment: Record<string, string | undefined> = {}) {
  const settings = createMemorySettingsStore();
  const sealer = aesGcmSealer(randomBytes(KEY_BYTES));
  return { settings, sealer, voice: createVoiceSettings({ settings, sealer, environment }) };
}

function validationFields(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return { ...(error as AppError).fields };
  }
  throw new Error('expected a validation error');
}

let fake: FakeRealtime | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('voice settings', () => {
  it('keeps the API key sealed, says only whether one is set, and removes it on null', () => {
    const { settings, sealer, voice } = voiceSettings();
    expect(voice.view()).toEqual({ openaiApiKeySet: false, openaiApiKeyFromEnvironment: false, openaiBaseUrl: 'https://api.openai.com/v1', openaiBaseUrlSource: 'default' });

    const view = voice.update({ openaiApiKey: ` ${KEY} ` });
    expect(view).toEqual({ openaiApiKeySet: true, openaiApiKeyFromEnvironment: false, openaiBaseUrl: 'https://api.openai.com/v1', openaiBaseUrlSource: 'default' });
    const stored = settings.get().voice.openaiApiKeySealed!;
    expect(stored).toMatch(/^sealed:aes-256-gcm:/);
    expect(JSON.stringify(settings.get())).not.toContain(KEY.slice(8));
    expect(sealer.open(stored)).toBe(KEY);
    expect(voice.connection()).toEqual({ apiKey: KEY, baseUrl: 'https://api.openai.com/v1' });

    voice.update({ openaiBaseUrl: 'https://api.openai.com/v2' });
    expect(sealer.open(settings.get().voice.openaiApiKeySealed!)).toBe(KEY);
    expect(voice.update({ openaiApiKey: null }).openaiApiKeySet).toBe(false);
    expect(settings.get().voice.openaiApiKeySealed).toBeNull();
  });

  it('uses OPENAI_API_KEY and OPENAI_BASE_URL while nothing is saved; what is saved wins', () => {
    const { voice } = voiceSettings({ OPENAI_API_KEY: 'sk-from-the-environment-0123', OPENAI_BASE_URL: 'http://gateway.local:4000/v1' });
    expect(voice.view()).toEqual({ openaiApiKeySet: false, openaiApiKeyFromEnvironment: true, openaiBaseUrl: 'http://gateway.local:4000/v1', openaiBaseUrlSource: 'environment' });
    expect(voice.connection()).toEqual({ apiKey: 'sk-from-the-environment-0123', baseUrl: 'http://gateway.local:4000/v1' });

    voice.update({ openaiApiKey: KEY, openaiBaseUrl: 'https://api.openai.com/v1' });
    expect(voice.view()).toMatchObject({ openaiApiKeySet: true, openaiApiKeyFromEnvironment: false, openaiBaseUrlSource: 'saved' });
    expect(voice.connection()).toEqual({ apiKey: KEY, baseUrl: 'https://api.openai.com/v1' });

    // an OPENAI_BASE_URL that is no http(s) URL is not used
    expect(voiceSettings({ OPENAI_BASE_URL: 'api.openai.com' }).voice.view()).toMatchObject({ openaiBaseUrl: 'https://api.openai.com/v1', openaiBaseUrlSource: 'default' });
  });

  it('does not let a key in use follow the base URL to another address unless it is typed again', () => {
    const { voice } = voiceSettings();
    voice.update({ openaiApiKey: KEY });
    expect(validationFields(() => voice.update({ openaiBaseUrl: 'https://collector.example/v1' }))).toEqual({ openaiApiKey: expect.stringContaining('Type the API key again') });
    expect(voice.view().openaiBaseUrl).toBe('https://api.openai.com/v1');
    expect(voice.update({ openaiBaseUrl: 'https://api.openai.com/v1/' }).openaiBaseUrlSource).toBe('saved');
    expect(voice.update({ openaiBaseUrl: 'https://gateway.example/v1', openaiApiKey: 'sk-gateway-key-0123456789' }).openaiBaseUrl).toBe('https://gateway.example/v1');
  });

  it('names every bad field of a patch and changes nothing', () => {
    const { settings, voice } = voiceSettings();
    expect(validationFields(() => voice.update({ openaiApiKey: 'sk two words', openaiBaseUrl: 'ftp://files.example', model: 'gpt-realtime' }))).toEqual({
      openaiApiKey: 'An API key has no spaces',
      openaiBaseUrl: expect.stringContaining('http:// or https://'),
      model: 'Unknown field',
    });
    expect(validationFields(() => voice.update({ openaiApiKey: '', openaiBaseUrl: 'https://user:pw@gateway.example/v1' }))).toEqual({
      openaiApiKey: expect.stringContaining('Enter the API key'),
      openaiBaseUrl: 'Put the API key in its own field, not in the URL',
    });
    expect(validationFields(() => voice.update([KEY]))).toEqual({ body: expect.any(String) });
    expect(settings.get().voice).toEqual({ openaiApiKeySealed: null, openaiBaseUrl: null });
  });

  it('reads a stored key that is not sealed, or a base URL that is not one, as nothing saved', () => {
    expect(migrateSettings({ version: 1, voice: { openaiApiKeySealed: KEY, openaiBaseUrl: 'ftp://files.example' } }).voice).toEqual({ openaiApiKeySealed: null, openaiBaseUrl: null });
  });

  it('says in words when the saved key cannot be opened (sealed on another machine)', async () => {
    const { settings, voice } = voiceSettings();
    settings.set({ voice: { openaiApiKeySealed: aesGcmSealer(randomBytes(KEY_BYTES)).seal(KEY), openaiBaseUrl: null } });
    expect(() => voice.connection()).toThrow(/saved OpenAI API key cannot be opened on this machine .*save it again/);
    expect(await voice.testConnection()).toEqual({ ok: false, reason: expect.stringMatching(/cannot be opened on this machine/) });
  });

  it('tests the connection with the values given, each one left out being the one in force', async () => {
    fake = await FakeRealtime.start();
    const { voice } = voiceSettings();
    voice.update({ openaiApiKey: FAKE_API_KEY, openaiBaseUrl: fake.baseUrl });
    expect(await voice.testConnection()).toEqual({ ok: true });
    expect(await voice.testConnection({ openaiApiKey: 'sk-typed-but-wrong-0123456789' })).toEqual({ ok: false, reason: 'OpenAI rejected the API key' });
    expect(fake.authorizations).toEqual([`Bearer ${FAKE_API_KEY}`, 'Bearer sk-typed-but-wrong-0123456789']);
    // the saved key is not sent to an address typed for the test alone
    await expect(voice.testConnection({ openaiBaseUrl: 'https://collector.example/v1' })).rejects.toMatchObject({ code: 'validation', fields: { openaiApiKey: expect.any(String) } });
    expect(fake.authorizations).toHaveLength(2);
  });
});

describe('log redaction of OpenAI keys', () => {
  it('hides an OpenAI key in a field named for it and in text that quotes one', () => {
    const entry = redact({ openaiApiKey: KEY, request: `PATCH /api/settings/voice {"openaiApiKey":"${KEY}"}`, header: `Bearer ${KEY}`, said: `the key ${KEY} failed` }, true);
    expect(JSON.stringify(entry)).not.toContain(KEY.slice(8));
    expect(entry).toMatchObject({ openaiApiKey: '[redacted]', said: 'the key sk-[redacted] failed' });
  });
});
