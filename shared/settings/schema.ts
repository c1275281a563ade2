// The settings the renderer reads and changes through the contract, with their defaults. The voice engine's,
// which hold a sealed secret, stay in main/settings/schema.ts, which adds them to these.
import { z } from 'zod';

/** Where the desktop app serves its API unless settings say otherwise. */
export const DEFAULT_API_PORT = 7431;

/** How long a dialer's lease lasts without a renewal; a dialer renews it every third of that. */
export const DEFAULT_LEASE_EXPIRY_MS = 30_000;

/** Bump when the stored shape changes, and teach `migrateSettings` the step from the previous one. */
export const SETTINGS_VERSION = 1;

/** The window cannot be made smaller than this (main.ts sets the same minimums). */
export const MIN_WINDOW_WIDTH = 960;
export const MIN_WINDOW_HEIGHT = 600;
const MAX_WINDOW_SIDE = 32_768;
const MAX_WINDOW_COORDINATE = 100_000;

export const coordinate = z.number().int().min(-MAX_WINDOW_COORDINATE).max(MAX_WINDOW_COORDINATE);
export const windowWidth = z.number().int().min(MIN_WINDOW_WIDTH).max(MAX_WINDOW_SIDE);
export const windowHeight = z.number().int().min(MIN_WINDOW_HEIGHT).max(MAX_WINDOW_SIDE);

export const windowBoundsSchema = z.strictObject({
  /** Absent until the user has moved the window: the OS centres it. May be negative on multi-monitor setups. */
  x: coordinate.optional(),
  y: coordinate.optional(),
  width: windowWidth.default(1280),
  height: windowHeight.default(800),
});

export const apiPort = z.number().int().min(1024).max(65535);
export const theme = z.enum(['light', 'dark', 'system']);
/** Same range the headless host accepts for --time-scale. */
export const simulatorTimeScale = z.number().min(1).max(10_000);

export const telephonySettingsSchema = z.strictObject({
  simulatorTimeScale: simulatorTimeScale.default(1),
});

/** Renewed every third of it: long enough for a busy machine's late timer, short enough that a crash's calls settle soon. */
export const leaseExpirySeconds = z.number().min(3).max(3600);

export const dialerSettingsSchema = z.strictObject({
  /** How long after a crash (or a machine going away) its calls in progress wait before another dialer settles them. */
  leaseExpirySeconds: leaseExpirySeconds.default(DEFAULT_LEASE_EXPIRY_MS / 1000),
});

/** How many workspace backups are kept: at least one, at most a year of daily ones. */
export const backupsKept = z.number().int().min(1).max(365);

export const backupSettingsSchema = z.strictObject({
  keep: backupsKept.default(7),
});

export const publicSettingsSchema = z.strictObject({
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
});

/**
 * The settings the generic settings channels read and change: all but the voice engine's, whose API key only
 * its own channels take (sealing it) and which no read returns, not even sealed.
 */
export type PublicSettings = z.output<typeof publicSettingsSchema>;
