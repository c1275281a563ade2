import {
  DEFAULT_OPENAI_BASE_URL,
  openaiBaseUrl,
  voiceConnectionTest,
  voiceSettingsPatch,
  type ConnectionTestResult,
  type VoiceSettingsView,
} from '../../shared/voice/settings';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import type { SecretSealer } from '../platform/secrets';
import type { SettingsStore } from '../settings/store';
import { testRealtimeConnection } from './connectionTest';

export interface VoiceSettingsDeps {
  settings: SettingsStore;
  sealer: SecretSealer;
  /** The process's environment: OPENAI_API_KEY and OPENAI_BASE_URL stand in for what is not saved. */
  environment: Record<string, string | undefined>;
}

/** What a realtime session connects with; no apiKey when none is saved or in the environment. */
export interface OpenAiConnection {
  apiKey?: string;
  baseUrl: string;
}

/**
 * The voice engine's connection settings: the API key is sealed on its way in and never read back (reads
 * say whether one is set); what is not saved comes from the environment, the base URL else from the default.
 */
export function createVoiceSettings({ settings, sealer, environment }: VoiceSettingsDeps) {
  const environmentKey = () => environment.OPENAI_API_KEY?.trim() || undefined;
  // an OPENAI_BASE_URL that is not an http(s) URL is not used: the default applies, as the read shows
  const environmentBaseUrl = () => {
    const parsed = openaiBaseUrl.safeParse(environment.OPENAI_BASE_URL);
    return parsed.success ? parsed.data : undefined;
  };
  const saved = () => settings.get().voice;
  const keyInForce = () => saved().openaiApiKeySealed !== null || environmentKey() !== undefined;
  const sameOrigin = (a: string, b: string) => new URL(a).origin === new URL(b).origin;

  /** A key never follows the base URL to another address unless it is typed again: that would hand it to whoever runs it. */
  function checkKeyGoesWith(baseUrl: string, keyGiven: boolean): void {
    if (!keyGiven && keyInForce() && !sameOrigin(baseUrl, view().openaiBaseUrl)) {
      throw AppError.validation({ openaiApiKey: 'Type the API key again for this base URL: a key in use does not follow it to another address' });
    }
  }

  function view(): VoiceSettingsView {
    const { openaiApiKeySealed, openaiBaseUrl: savedBaseUrl } = saved();
    const fromEnvironment = environmentBaseUrl();
    return {
      openaiApiKeySet: openaiApiKeySealed !== null,
      openaiApiKeyFromEnvironment: openaiApiKeySealed === null && environmentKey() !== undefined,
      openaiBaseUrl: savedBaseUrl ?? fromEnvironment ?? DEFAULT_OPENAI_BASE_URL,
      openaiBaseUrlSource: savedBaseUrl ? 'saved' : fromEnvironment ? 'environment' : 'default',
    };
  }

  function savedKey(): string | undefined {
    const sealed = saved().openaiApiKeySealed;
    if (sealed === null) return environmentKey();
    try {
      return sealer.open(sealed);
    } catch (error) {
      throw new Error(`the saved OpenAI API key cannot be opened on this machine (${(error as Error).message}); save it again`);
    }
  }

  return {
    view,

    /** Applies a patch (see voiceSettingsPatch); a bad one is a validation error naming every bad field. */
    update(patch: unknown): VoiceSettingsView {
      const changes = parseInput(voiceSettingsPatch, patch);
      const current = saved();
      const key = changes.openaiApiKey;
      if (changes.openaiBaseUrl !== undefined) {
        checkKeyGoesWith(changes.openaiBaseUrl ?? environmentBaseUrl() ?? DEFAULT_OPENAI_BASE_URL, key !== undefined);
      }
      settings.set({
        voice: {
          openaiApiKeySealed: key === undefined ? current.openaiApiKeySealed : key === null ? null : sealer.seal(key),
          openaiBaseUrl: changes.openaiBaseUrl === undefined ? current.openaiBaseUrl : changes.openaiBaseUrl,
        },
      });
      return view();
    },

    /** What the engine connects with now; throws when the saved key cannot be opened (sealed on another machine). */
    connection(): OpenAiConnection {
      return { apiKey: savedKey(), baseUrl: view().openaiBaseUrl };
    },

    /** Opens a realtime session with the values given, each one left out being the one in force; bad values are a validation error. */
    async testConnection(values: unknown = {}): Promise<ConnectionTestResult> {
      const { openaiApiKey, openaiBaseUrl: baseUrl } = parseInput(voiceConnectionTest, values);
      if (baseUrl !== undefined) checkKeyGoesWith(baseUrl, openaiApiKey !== undefined);
      try {
        return await testRealtimeConnection({ apiKey: openaiApiKey ?? savedKey(), baseUrl: baseUrl ?? view().openaiBaseUrl });
      } catch (error) {
        return { ok: false, reason: (error as Error).message };
      }
    },
  };
}

export type VoiceSettings = ReturnType<typeof createVoiceSettings>;
