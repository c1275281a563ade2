import { describe, expect, it, vi } from 'vitest';
import { defaultSettings, migrateSettings, settingsSchema, type Settings } from '../../main/settings/schema';
import { DEFAULT_API_PORT, SETTINGS_VERSION } from '../../shared/settings/schema';
import { createMemorySettingsStore } from '../../main/settings/store';
import { AppError } from '../../shared/errors';

const DEFAULTS: Settings = {
  version: SETTINGS_VERSION,
  windowBounds: { width: 1280, height: 800 },
  apiPort: 7431,
  theme: 'system',
  closeToTray: true,
  closeToTrayNoticeShown: false,
  startAtLogin: false,
  telephony: { simulatorTimeScale: 1 },
  dialer: { leaseExpirySeconds: 30 },
  backups: { keep: 7 },
  voice: { openaiApiKeySealed: null, openaiBaseUrl: null },
};

function validationFields(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('validation');
    return { ...(error as AppError).fields };
  }
  throw new Error('expected a validation error');
}

describe('settings schema', () => {
  it('fills every default from nothing', () => {
    expect(settingsSchema.parse({})).toEqual(DEFAULTS);
    expect(defaultSettings()).toEqual(DEFAULTS);
  });

  it('defaults the API port to the local API default', () => {
    expect(defaultSettings().apiPort).toBe(DEFAULT_API_PORT);
  });

  it('returns fresh objects, not a shared default', () => {
    const a = defaultSettings();
    a.windowBounds.width = 2000;
    a.telephony.simulatorTimeScale = 50;
    expect(defaultSettings()).toEqual(DEFAULTS);
  });

  it('keeps window position when given, including negative coordinates on another monitor', () => {
    expect(settingsSchema.parse({ windowBounds: { x: -1600, y: 40, width: 1400, height: 900 } }).windowBounds).toEqual({ x: -1600, y: 40, width: 1400, height: 900 });
  });

  it('accepts the API port range 1024–65535 and nothing outside it', () => {
    expect(settingsSchema.safeParse({ apiPort: 1024 }).success).toBe(true);
    expect(settingsSchema.safeParse({ apiPort: 65535 }).success).toBe(true);
    for (const apiPort of [1023, 65536, 0, 80, 8080.5, '8080', null]) {
      expect(settingsSchema.safeParse({ apiPort }).success, String(apiPort)).toBe(false);
    }
  });

  it('accepts only the three themes', () => {
    for (const theme of ['light', 'dark', 'system']) expect(settingsSchema.parse({ theme }).theme).toBe(theme);
    expect(settingsSchema.safeParse({ theme: 'blue' }).success).toBe(false);
  });

  it('refuses unknown keys', () => {
    expect(settingsSchema.safeParse({ minimizeToTray: true }).success).toBe(false);
    expect(settingsSchema.safeParse({ windowBounds: { width: 1280, height: 800, maximized: true } }).success).toBe(false);
  });
});

describe('migrateSettings', () => {
  it('turns nothing usable into the defaults without throwing', () => {
    for (const raw of [undefined, null, 42, 'settings', [], [1, 2], true]) {
      expect(migrateSettings(raw), JSON.stringify(raw)).toEqual(DEFAULTS);
    }
    expect(migrateSettings({})).toEqual(DEFAULTS);
  });

  it('keeps a valid current object as it is', () => {
    const current: Settings = {
      version: SETTINGS_VERSION,
      windowBounds: { x: 10, y: 20, width: 1500, height: 1000 },
      apiPort: 8123,
      theme: 'dark',
      closeToTray: false,
      closeToTrayNoticeShown: true,
      startAtLogin: true,
      telephony: { simulatorTimeScale: 60 },
      dialer: { leaseExpirySeconds: 10 },
      backups: { keep: 30 },
      voice: { openaiApiKeySealed: 'sealed:aes-256-gcm:AAAA', openaiBaseUrl: 'http://127.0.0.1:8080/v1' },
    };
    expect(migrateSettings(current)).toEqual(current);
    expect(migrateSettings(JSON.parse(JSON.stringify(current)))).toEqual(current);
  });

  it('moves version 0 minimizeToTray and port to closeToTray and apiPort', () => {
    const migrated = migrateSettings({ minimizeToTray: false, port: 9000, theme: 'light', windowBounds: { width: 1024, height: 700 } });
    expect(migrated).toEqual({ ...DEFAULTS, closeToTray: false, apiPort: 9000, theme: 'light', windowBounds: { width: 1024, height: 700 } });
    expect(migrated).not.toHaveProperty('minimizeToTray');
    expect(migrated).not.toHaveProperty('port');
  });

  it('treats an explicit version 0 like a missing version', () => {
    expect(migrateSettings({ version: 0, minimizeToTray: false, port: 9001 })).toMatchObject({ version: SETTINGS_VERSION, closeToTray: false, apiPort: 9001 });
  });

  it('drops an invalid version 0 value to the default', () => {
    expect(migrateSettings({ minimizeToTray: 'yes', port: 80 })).toMatchObject({ closeToTray: true, apiPort: DEFAULT_API_PORT });
  });

  it('lets a current key win over its version 0 name', () => {
    expect(migrateSettings({ minimizeToTray: false, closeToTray: true, port: 9000, apiPort: 9100 })).toMatchObject({ closeToTray: true, apiPort: 9100 });
  });

  it('does not read version 0 names from a current object', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION, minimizeToTray: false, port: 9000 })).toEqual(DEFAULTS);
  });

  it('drops each invalid field to its default and keeps the valid ones', () => {
    const migrated = migrateSettings({
      version: SETTINGS_VERSION,
      windowBounds: { x: 'left', y: 30, width: 10, height: 900 },
      apiPort: 70000,
      theme: 'neon',
      closeToTray: 'no',
      closeToTrayNoticeShown: true,
      startAtLogin: 1,
      telephony: { simulatorTimeScale: 0 },
      dialer: { leaseExpirySeconds: 1 },
    });
    expect(migrated).toEqual({
      ...DEFAULTS,
      windowBounds: { y: 30, width: 1280, height: 900 },
      closeToTrayNoticeShown: true,
      telephony: { simulatorTimeScale: 1 },
    });
  });

  it('replaces nested objects that are not objects', () => {
    expect(migrateSettings({ windowBounds: 'big', telephony: [5], dialer: 30 })).toEqual(DEFAULTS);
    expect(migrateSettings({ windowBounds: null, telephony: null })).toEqual(DEFAULTS);
  });

  it('drops unknown keys, at the top and inside nested objects', () => {
    const migrated = migrateSettings({ analytics: true, windowBounds: { width: 1300, height: 820, maximized: true }, telephony: { provider: 'x' } });
    expect(migrated).toEqual({ ...DEFAULTS, windowBounds: { width: 1300, height: 820 } });
  });

  it('reads what it knows from a newer version and stamps the current one', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION + 1, theme: 'dark', futureThing: 1 })).toEqual({ ...DEFAULTS, theme: 'dark' });
  });

  it('ignores a garbage version number instead of throwing', () => {
    for (const version of ['1', 1.5, Number.NaN, null, {}]) {
      expect(() => migrateSettings({ version, theme: 'light' })).not.toThrow();
      expect(migrateSettings({ version, theme: 'light' }).theme).toBe('light');
    }
  });

  it('always returns something the schema accepts', () => {
    const samples: unknown[] = [{ port: '7431' }, { windowBounds: { width: Infinity, height: -5 } }, { telephony: { simulatorTimeScale: 1e9 } }, Object.create(null)];
    for (const raw of samples) expect(settingsSchema.safeParse(migrateSettings(raw)).success).toBe(true);
  });
});

describe('memory settings store', () => {
  it('starts from the defaults', () => {
    expect(createMemorySettingsStore().get()).toEqual(DEFAULTS);
  });

  it('migrates its initial value like stored settings', () => {
    expect(createMemorySettingsStore({ minimizeToTray: false, port: 9002 }).get()).toMatchObject({ closeToTray: false, apiPort: 9002 });
    expect(createMemorySettingsStore('garbage').get()).toEqual(DEFAULTS);
  });

  it('applies a patch, keeps the other keys, and returns the new settings', () => {
    const store = createMemorySettingsStore({ theme: 'dark', apiPort: 9000 });
    const next = store.set({ closeToTrayNoticeShown: true });
    expect(next).toEqual({ ...DEFAULTS, theme: 'dark', apiPort: 9000, closeToTrayNoticeShown: true });
    expect(store.get()).toEqual(next);
  });

  it('replaces a nested object whole, filling its defaults', () => {
    const store = createMemorySettingsStore({ windowBounds: { x: 5, y: 5, width: 1500, height: 950 }, telephony: { simulatorTimeScale: 30 } });
    store.set({ windowBounds: { x: 100, y: 50, width: 1300, height: 820 } });
    expect(store.get().windowBounds).toEqual({ x: 100, y: 50, width: 1300, height: 820 });
    expect(store.get().telephony).toEqual({ simulatorTimeScale: 30 });
    store.set({ telephony: {} as Settings['telephony'] });
    expect(store.get().telephony).toEqual({ simulatorTimeScale: 1 });
  });

  it('does not reset keys the patch leaves out or sets to undefined', () => {
    const store = createMemorySettingsStore({ theme: 'light', startAtLogin: true });
    store.set({ theme: undefined, apiPort: 8000 });
    expect(store.get()).toMatchObject({ theme: 'light', startAtLogin: true, apiPort: 8000 });
  });

  it('hands out copies, so callers cannot change the stored settings', () => {
    const store = createMemorySettingsStore();
    const got = store.get();
    got.windowBounds.width = 5000;
    got.theme = 'dark';
    const returned = store.set({ startAtLogin: true });
    returned.telephony.simulatorTimeScale = 99;
    expect(store.get()).toEqual({ ...DEFAULTS, startAtLogin: true });
  });

  it('throws a validation AppError naming each bad key, and changes nothing', () => {
    const store = createMemorySettingsStore();
    const fields = validationFields(() =>
      store.set({ apiPort: 80, theme: 'neon', closeToTray: 'yes', windowBounds: { width: 100, height: 800 } } as unknown as Partial<Settings>),
    );
    expect(Object.keys(fields).sort()).toEqual(['apiPort', 'closeToTray', 'theme', 'windowBounds.width']);
    expect(store.get()).toEqual(DEFAULTS);
  });

  it('names unknown keys in a patch, including version 0 names', () => {
    const store = createMemorySettingsStore();
    const fields = validationFields(() => store.set({ minimizeToTray: false, port: 9000 } as unknown as Partial<Settings>));
    expect(fields).toEqual({ minimizeToTray: 'Unknown field', port: 'Unknown field' });
    expect(store.get()).toEqual(DEFAULTS);
  });

  it('refuses a patch that is not an object', () => {
    const store = createMemorySettingsStore();
    for (const patch of [null, 'theme=dark', [], 5]) {
      expect(validationFields(() => store.set(patch as unknown as Partial<Settings>))).toHaveProperty('body');
    }
  });

  it('refuses a patch that changes the version', () => {
    const store = createMemorySettingsStore();
    expect(validationFields(() => store.set({ version: 0 } as unknown as Partial<Settings>))).toHaveProperty('version');
  });

  it('tells listeners about changes with the new and previous settings', () => {
    const store = createMemorySettingsStore();
    const listener = vi.fn();
    store.onChange(listener);
    store.set({ theme: 'dark' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ ...DEFAULTS, theme: 'dark' }, DEFAULTS);
  });

  it('does not call listeners for a no-op patch or a refused one', () => {
    const store = createMemorySettingsStore();
    const listener = vi.fn();
    store.onChange(listener);
    store.set({ theme: 'system' });
    store.set({});
    expect(() => store.set({ apiPort: 1 })).toThrow(AppError);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops calling a listener after it unsubscribes', () => {
    const store = createMemorySettingsStore();
    const kept = vi.fn();
    const dropped = vi.fn();
    store.onChange(kept);
    const off = store.onChange(dropped);
    off();
    store.set({ startAtLogin: true });
    expect(kept).toHaveBeenCalledTimes(1);
    expect(dropped).not.toHaveBeenCalled();
  });
});
