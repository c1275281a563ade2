import { describe, expect, it } from 'vitest';
import { createFileSettingsStore } from '../../main/settings/fileSettingsStore';
import { defaultSettings, publicSettings } from '../../main/settings/schema';
import { createMemorySettingsStore } from '../../main/settings/store';
import { testCore } from '../support/core';
import { inMemoryApi } from '../support/inMemoryTransport';
import { tempFile } from '../support/tempFiles';

describe('settings channels, served by the core', () => {
  it('reads and changes settings in memory by default', async () => {
    const api = inMemoryApi(await testCore());
    expect(await api.invoke('settings.get', {})).toEqual(publicSettings(defaultSettings()));
    const updated = await api.invoke('settings.update', { theme: 'dark', telephony: { simulatorTimeScale: 120 } });
    expect(updated).toMatchObject({ theme: 'dark', telephony: { simulatorTimeScale: 120 } });
    expect(await api.invoke('settings.get', {})).toEqual(updated);
  });

  it('uses the store it is given, so changes reach its file', async () => {
    const file = tempFile('settings.json');
    const api = inMemoryApi(await testCore(Date.now, { settings: createFileSettingsStore(file) }));
    await api.invoke('settings.update', { apiPort: 8555 });
    expect(createFileSettingsStore(file).get().apiPort).toBe(8555);
  });

  it('refuses a bad patch with a validation error naming every bad field, changing nothing', async () => {
    const settings = createMemorySettingsStore();
    const api = inMemoryApi(await testCore(Date.now, { settings }));
    const error = await api.invoke('settings.update', { theme: 'neon', apiPort: 22, telephony: { simulatorTimeScale: 0 } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'validation', fields: { theme: expect.any(String), apiPort: expect.any(String), 'telephony.simulatorTimeScale': expect.any(String) } });
    expect(settings.get()).toEqual(defaultSettings());
  });
});
