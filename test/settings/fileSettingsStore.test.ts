import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSettingsStore } from '../../main/settings/fileSettingsStore';
import { defaultSettings } from '../../main/settings/schema';
import { removeTempFiles, tempFile } from '../support/tempFiles';

afterAll(removeTempFiles);

describe('settings in a JSON file (headless host)', () => {
  it('starts from the defaults when there is no file, and writes none until something changes', () => {
    const file = tempFile('settings.json');
    const store = createFileSettingsStore(file);
    expect(store.get()).toEqual(defaultSettings());
    expect(existsSync(file)).toBe(false);
  });

  it('round-trips: what one store saves, the next one opened on the file reads', () => {
    const file = tempFile('settings.json');
    const saved = createFileSettingsStore(file).set({ theme: 'dark', apiPort: 8123, telephony: { simulatorTimeScale: 60 } });
    expect(saved).toMatchObject({ theme: 'dark', apiPort: 8123, telephony: { simulatorTimeScale: 60 } });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved);
    expect(createFileSettingsStore(file).get()).toEqual(saved);
    // the temporary file was renamed over the real one, not left beside it
    expect(readdirSync(dirname(file))).toEqual(['settings.json']);
  });

  it('an invalid patch names the bad keys and leaves the file as it was', () => {
    const file = tempFile('settings.json');
    const store = createFileSettingsStore(file);
    store.set({ theme: 'light' });
    const before = readFileSync(file, 'utf8');
    expect(() => store.set({ theme: 'purple', apiPort: 80 } as never)).toThrow(expect.objectContaining({ fields: expect.objectContaining({ theme: expect.any(String), apiPort: expect.any(String) }) }));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(store.get().theme).toBe('light');
  });

  it('tolerates a corrupt or hand-broken file: defaults for what does not validate, and the next save repairs it', () => {
    const truncated = tempFile('settings.json');
    writeFileSync(truncated, '{"version":1,"theme":"da');
    expect(createFileSettingsStore(truncated).get()).toEqual(defaultSettings());

    const edited = tempFile('settings.json');
    writeFileSync(edited, JSON.stringify({ version: 1, theme: 'dark', apiPort: 'seven', telephony: { simulatorTimeScale: -3 } }));
    const store = createFileSettingsStore(edited);
    expect(store.get()).toMatchObject({ theme: 'dark', apiPort: defaultSettings().apiPort, telephony: { simulatorTimeScale: 1 } });
    store.set({ apiPort: 9001 });
    expect(JSON.parse(readFileSync(edited, 'utf8'))).toMatchObject({ theme: 'dark', apiPort: 9001, telephony: { simulatorTimeScale: 1 } });
  });
});
