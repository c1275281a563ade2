// The desktop settings: one zod schema with defaults, and a migration from every older stored shape.
// Pure: no electron, no electron-store (the file and memory stores live next to this file, electron-store's in main/electron/).
import { z } from 'zod';
import { DEFAULT_API_PORT } from '../api/server';
import { DEFAULT_LEASE_EXPIRY_MS } from '../dialer/lease';
import { isSealed } from '../platform/secrets';
import { openaiBaseUrl } from '../../shared/voice/settings';

/** Bump when the stored shape changes, and teach `migrateSettings` the step from the previous one. */
export const SETTINGS_VERSION = 1;

/** The window cannot be made smaller than this (main.ts sets the same minimums). */
export const MIN_WINDOW_WIDTH = 960;
export const MIN_WINDOW_HEIGHT = 600;
const MAX_WINDOW_SIDE = 32_768;
const MAX_WINDOW_COORDINATE = 100_000;

const coordinate = z.number().int().min(-MAX_WINDOW_COORDINATE).max(MAX_WINDOW_COORDINATE);
const windowWidth = z.number().int().min(MIN_WINDOW_WIDTH).max(MAX_WINDOW_SIDE);
const windowHeight = z.number().int().min(MIN_WINDOW_HEIGHT).max(MAX_WINDOW_SIDE);

export const windowBoundsSchema = z.strictObject({
  /** Absent until the user has moved the window: the OS centres it. May be negative on multi-monitor setups. */
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: windowWidth.default(1280),
  height: windowHeight.default(800),
});

const apiPort = z.number().int().min(1024).max(65535);
const theme = z.enum(['light', 'dark', 'system']);
/** Same range the headless host accepts for --time-scale. */
const simulatorTimeScale = z.number().min(1).max(10_000);

export const telephonySettingsSchema = z.strictObject({
  simulatorTimeScale: simulatorTimeScale.default(1),
});

/** Renewed every third of it: long enough for a busy machine's late timer, short enough that a crash's calls settle soon. */
const leaseExpirySeconds = z.number().min(3).max(3600);

export const dialerSettingsSchema = z.strictObject({
  /** How long after a crash (or a machine going away) its calls in progress wait before another dialer settles them. */
  leaseExpirySeconds: leaseExpirySeconds.default(DEFAULT_LEASE_EXPIRY_MS / 1000),
});

/** How many workspace backups are kept: at least one, at most a year of daily ones. */
const backupsKept = z.number().int().min(1).max(365);

export const backupSettingsSchema = z.strictObject({
  keep: backupsKept.default(7),
});

const sealedSecret = z.string().refine(isSealed, 'A secret is stored sealed, never as plain text');

/** The voice engine's connection as the user saved it; what is null falls back to the environment, then the default. */
export const voiceSettingsSchema = z.strictObject({
  /** The OpenAI API key as the SecretSealer sealed it. */
  openaiApiKeySealed: sealedSecret.nullable().default(null),
  openaiBaseUrl: openaiBaseUrl.nullable().default(null),
});

export const settingsSchema = z.strictObject({
  version: z.literal(SETTINGS_VERSION).default(SETTINGS_VERSION),
  windowBounds: windowBoundsSchema.prefault({}),
  apiPort: apiPort.default(DEFAULT_API_PORT),
  theme: theme.default('system'),
  /** Closing the window keeps dialing in the tray. */
  closeToTray: z.boolean().default(true),
  /** The one-time "Dialwell keeps running in the tray" notification has been shown. */
  closeToTrayNoticeShown: z.boolean().default(false),
  /** Start hidden, in the tray, when the user logs in. */
  startAtLogin: z.boolean().default(false),
  telephony: telephonySettingsSchema.prefault({}),
  dialer: dialerSettingsSchema.prefault({}),
  backups: backupSettingsSchema.prefault({}),
  voice: voiceSettingsSchema.prefault({}),
});

export type Settings = z.output<typeof settingsSchema>;
export type SettingsInput = z.input<typeof settingsSchema>;
export type WindowBounds = Settings['windowBounds'];
export type Theme = Settings['theme'];

/**
 * The settings the generic settings channels read and change: all but the voice engine's, whose API key only
 * its own channels take (sealing it) and which no read returns, not even sealed.
 */
export type PublicSettings = Omit<Settings, 'voice'>;

export function publicSettings({ voice: _voice, ...rest }: Settings): PublicSettings {
  return rest;
}

/** A fresh settings object with every default. */
export function defaultSettings(): Settings {
  return settingsSchema.parse({});
}

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

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
