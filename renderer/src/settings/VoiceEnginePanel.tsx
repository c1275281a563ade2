import { Alert, Button, Group, PasswordInput, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ConnectionTestResult, VoiceSettingsView } from '../../../shared/voice/settings';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { useSave } from '../common/useSave';
import { Panel } from './Panel';

function KeyState({ view }: { view: VoiceSettingsView }) {
  if (view.openaiApiKeySet) return <Text size="sm">A key is saved. Type a new one to replace it.</Text>;
  if (view.openaiApiKeyFromEnvironment) return <Text size="sm">No key is saved: the one in OPENAI_API_KEY, which Dialwell was started with, is used.</Text>;
  return <Text size="sm">No key is saved yet.</Text>;
}

function TestResult({ result }: { result: ConnectionTestResult }) {
  if (result.ok) {
    return (
      <Text size="sm" c="teal" role="status">
        Connected: the voice engine opened a realtime session.
      </Text>
    );
  }
  return (
    <Alert color="red" title="Could not connect" role="status">
      {result.reason}
    </Alert>
  );
}

/**
 * The built-in realtime engine's connection: the OpenAI API key (typed, saved sealed, never shown again) and
 * the base URL, with a test that opens a realtime session with what is typed, else with what is saved.
 */
export function VoiceEnginePanel() {
  const [view, setView] = useState<VoiceSettingsView | null>(null);
  const [key, setKey] = useState('');
  const [baseUrl, setBaseUrl] = useState('');
  const [saved, setSaved] = useState(false);
  const [result, setResult] = useState<ConnectionTestResult | null>(null);

  const show = (next: VoiceSettingsView) => {
    setView(next);
    setBaseUrl(next.openaiBaseUrl);
  };
  useEffect(() => void api.invoke('voice.getSettings', {}).then(show, showError), []);

  /** Only what was typed or changed: a blank key field keeps the saved key, a cleared base URL goes back to the default. */
  const typed = () => ({
    ...(key.trim() ? { openaiApiKey: key } : {}),
    ...(view && baseUrl !== view.openaiBaseUrl ? { openaiBaseUrl: baseUrl.trim() || null } : {}),
  });

  const save = useSave(
    () => api.invoke('voice.updateSettings', typed()),
    (next) => {
      show(next);
      setKey('');
      setSaved(true);
    },
  );
  const test = useSave(
    () => {
      const { openaiApiKey, openaiBaseUrl } = typed();
      return api.invoke('voice.testConnection', { openaiApiKey, openaiBaseUrl: openaiBaseUrl ?? undefined });
    },
    setResult,
  );
  // the field errors of whichever of the two ran last
  const [lastRun, setLastRun] = useState<'save' | 'test'>('save');
  const { errors } = lastRun === 'test' ? test : save;
  const edited = () => (setSaved(false), setResult(null));

  if (!view) return null;
  return (
    <Panel title="Voice engine">
      <Text size="sm" c="dimmed">
        Assistants with the built-in realtime engine talk through the OpenAI Realtime API.
      </Text>
      <KeyState view={view} />
      <form onSubmit={(e) => (e.preventDefault(), setLastRun('save'), void save.submit())}>
        <Group align="flex-start" gap="sm">
          <PasswordInput
            label="OpenAI API key"
            description="Stored encrypted on this computer and never shown again."
            placeholder={view.openaiApiKeySet ? 'A key is saved' : 'sk-…'}
            autoComplete="off"
            w={360}
            value={key}
            error={errors.openaiApiKey}
            onChange={(e) => (setKey(e.currentTarget.value), edited())}
          />
          <TextInput
            label="Base URL"
            description="Change it for an OpenAI-compatible gateway; empty goes back to the default."
            w={360}
            value={baseUrl}
            error={errors.openaiBaseUrl}
            onChange={(e) => (setBaseUrl(e.currentTarget.value), edited())}
          />
        </Group>
        <Group gap="sm" mt="sm">
          <Button type="submit" variant="light" loading={save.saving}>
            Save voice settings
          </Button>
          <Button variant="default" loading={test.saving} onClick={() => (setLastRun('test'), void test.submit())}>
            Test connection
          </Button>
          {saved && (
            <Text size="sm" c="teal" role="status">
              Saved.
            </Text>
          )}
        </Group>
      </form>
      {result && <TestResult result={result} />}
    </Panel>
  );
}
