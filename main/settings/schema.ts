// The desktop settings: one zod schema with defaults, and a migration from every older stored shape.
// Pure: no electron, no electron-store (the file and memory stores live next to this file, electron-store's in main/electron/).
import { z } from 'zod';
import { isSealed } from '../platform/secrets';
import {
  apiPort,
  backupsKept,
  coordinate,
  leaseExpirySeconds,
  publicSettingsSchema,
  simulatorTimeScale,
  theme,
  windowHeight,
  windowWidth,
  type PublicSettings,
} from '../../shared/settings/schema';
import { openaiBaseUrl } from '../../shared/voice/settings';
import { isRecord } from '../../shared/validation';

const sealedSecret = z.string().refine(isSealed, 'A secret is stored sealed, never as plain text');

/** The voice engine's connection as the user saved it; what is null falls back to the environment, then the default. */
export const voiceSettingsSchema = z.strictObject({
  /** The OpenAI API key as the SecretSealer sealed it. */
  openaiApiKeySealed: sealedSecret.nullable().default(null),
  openaiBaseUrl: openaiBaseUrl.nullable().default(null),
});

export const settingsSchema = publicSettingsSchema.extend({
  voice: voiceSettingsSchema.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type WindowBounds = Settings['windowBounds'];
export type Theme = Settings['theme'];

export function publicSettings({ voice: _voice, ...rest }: Settings): PublicSettings {
  return rest;
}

/** A fresh settings object with every default. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

type Fields = Record<string, unknown>;

/** The value if the schema accepts it, else undefined (so the field's default applies). */
function keep<T>(schema: z.ZodType<T>, value: unknown): T | undefined {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Drops undefined entries, so defaults apply and optional fields stay absent. */
function defined(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** Version 0 (no `version` key) stored `minimizeToTray` and `port`; a current key wins over its old name. */
function fromVersion0(raw: Fields): Fields {
  const { minimizeToTray, port, ...rest } = raw;
  return {
    ...rest,
    closeToTray: 'closeToTray' in raw ? raw.closeToTray : minimizeToTray,
    apiPort: 'apiPort' in raw ? raw.apiPort : port,
  };
}

/**
 * Whatever was stored (any older version, hand-edited, truncated, or not an object at all) as valid
 * current settings. Every field that does not validate falls back to its default, field by field;
 * unknown keys are dropped. Never throws.
 */
export function migrateSettings(raw: unknown): Settings {
  if (!isRecord(raw)) return defaultSettings();
  const version = typeof raw.version === 'number' && Number.isInteger(raw.version) ? raw.version : 0;
  const current = version < 1 ? fromVersion0(raw) : raw;
  const bounds = isRecord(current.windowBounds) ? current.windowBounds : {};
  const telephony = isRecord(current.telephony) ? current.telephony : {};
  const dialer = isRecord(current.dialer) ? current.dialer : {};
  const backups = isRecord(current.backups) ? current.backups : {};
  const voice = isRecord(current.voice) ? current.voice : {};
  const salvaged = {
    windowBounds: defined({
      x: keep(coordinate, bounds.x),
      y: keep(coordinate, bounds.y),
      width: keep(windowWidth, bounds.width),
      height: keep(windowHeight, bounds.height),
    }),
    apiPort: keep(apiPort, current.apiPort),
    theme: keep(theme, current.theme),
    closeToTray: keep(z.boolean(), current.closeToTray),
    closeToTrayNoticeShown: keep(z.boolean(), current.closeToTrayNoticeShown),
    startAtLogin: keep(z.boolean(), current.startAtLogin),
    telephony: defined({ simulatorTimeScale: keep(simulatorTimeScale, telephony.simulatorTimeScale) }),
    dialer: defined({ leaseExpirySeconds: keep(leaseExpirySeconds, dialer.leaseExpirySeconds) }),
    backups: defined({ keep: keep(backupsKept, backups.keep) }),
    voice: defined({ openaiApiKeySealed: keep(sealedSecret, voice.openaiApiKeySealed), openaiBaseUrl: keep(openaiBaseUrl, voice.openaiBaseUrl) }),
  };
  const parsed = settingsSchema.safeParse(defined(salvaged));
  return parsed.success ? parsed.data : defaultSettings();
}
