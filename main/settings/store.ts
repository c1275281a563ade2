// The settings interface the core and the shell depend on, and an in-memory implementation (the default,
// and for tests). The JSON-file (headless host) and electron-store (main/electron/) implementations
// implement the same interface with the same schema.
import { AppError } from '../../shared/errors';
import { collectFields, issueFields, parseInput } from '../../shared/validation';
import { defaultSettings, migrateSettings, settingsSchema, type Settings } from './schema';
import type { PublicSettings } from '../../shared/settings/schema';

export type SettingsListener = (next: Settings, previous: Settings) => void;

export interface SettingsStore {
  /** A copy of the current settings; mutating it changes nothing. */
  get(): Settings;
  /**
   * Replaces the top-level keys present in the patch (a nested object such as windowBounds is replaced
   * whole, its missing fields taking their defaults) and returns the new settings. An invalid patch
   * throws one validation AppError naming every bad key, and changes nothing.
   */
  set(patch: Partial<Settings>): Settings;
  /** Called after every set() that changed something; returns the unsubscribe function. */
  onChange(listener: SettingsListener): () => void;
}

const patchSchema = settingsSchema.partial();
// the voice settings are an unknown field here: their API key is sealed on its way in, by their own channels
const publicPatchSchema = settingsSchema.omit({ voice: true }).partial();

/** Validates a patch against `schema`; only the keys the caller sent survive (absent or undefined keys get no defaults). */
function parsePatch<S extends typeof patchSchema | typeof publicPatchSchema>(schema: S, patch: unknown): Partial<Settings> {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
    throw AppError.validation({ body: 'Settings patch must be an object' });
  }
  const parsed = schema.safeParse(patch);
  if (!parsed.success) throw AppError.validation(collectFields(issueFields(parsed.error.issues)));
  const sent = patch as Record<string, unknown>;
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    if (Object.hasOwn(sent, key) && sent[key] !== undefined) changes[key] = (parsed.data as Record<string, unknown>)[key];
  }
  return changes as Partial<Settings>;
}

/** A patch of any settings, as the shells and the voice settings make them. */
export function parseSettingsPatch(patch: unknown): Partial<Settings> {
  return parsePatch(patchSchema, patch);
}

/** A patch from the generic settings channels, which change every setting but the voice engine's. */
export function parsePublicSettingsPatch(patch: unknown): Partial<PublicSettings> {
  return parsePatch(publicPatchSchema, patch);
}

/** Applies a patch to settings: the merged result, validated whole. */
export function applySettingsPatch(current: Settings, patch: unknown): Settings {
  return parseInput(settingsSchema, { ...current, ...parseSettingsPatch(patch) });
}

function copy(settings: Settings): Settings {
  return structuredClone(settings);
}

/** Where settings live: memory, a JSON file beside the workspace (headless host), electron-store's file (desktop app). */
export interface SettingsBackend {
  read(): unknown;
  write(settings: Settings): void;
}

/** A settings store over any backend: what it reads is migrated, what it writes is validated. */
export function createSettingsStore(backend: SettingsBackend): SettingsStore {
  let current = migrateSettings(backend.read());
  const listeners = new Set<SettingsListener>();
  return {
    get: () => copy(current),
    set(patch) {
      const next = applySettingsPatch(current, patch);
      const previous = current;
      if (JSON.stringify(next) === JSON.stringify(previous)) return copy(next);
      backend.write(next);
      current = next;
      for (const listener of [...listeners]) listener(copy(next), copy(previous));
      return copy(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/** Settings held in memory; `initial` goes through the same migration stored settings do. */
export function createMemorySettingsStore(initial?: unknown): SettingsStore {
  let stored: unknown = initial === undefined ? defaultSettings() : initial;
  return createSettingsStore({ read: () => stored, write: (settings) => (stored = settings) });
}
