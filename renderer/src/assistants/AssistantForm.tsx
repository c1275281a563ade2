import { Badge, Checkbox, Group, Stack, Switch, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useState } from 'react';
import type { Assistant, PhoneNumber } from '../../../shared/crm/types';
import type { MediaInfo } from '../../../shared/telephony/media';
import { api } from '../api/api';
import { useSave } from '../common/useSave';
import { AudioUploadField } from './AudioUploadField';

const TEXT_FIELDS = [
  ['greeting', 'Greeting'],
  ['prompt', 'Prompt'],
  ['voicemailMessage', 'Voicemail message'],
] as const;
const MAX_VOICE_TEXT = 2000;

/** The Telephony tab's audio: uploaded WAVs, what a call hears when no agent takes it. */
const AUDIO_FIELDS = [
  ['greetingAudio', 'Greeting audio', 'A .wav file played when the call is answered (when there is no agent endpoint)'],
  ['voicemailAudio', 'Voicemail audio', 'A .wav file left on voicemail'],
] as const;
const TELEPHONY_FIELDS = ['outboundEnabled', 'recordCalls', 'agentUrl', 'greetingAudioId', 'voicemailAudioId'];

interface Draft {
  name: string;
  greeting: string;
  prompt: string;
  voicemailMessage: string;
  outboundEnabled: boolean;
  agentUrl: string;
  greetingAudio: MediaInfo | null;
  voicemailAudio: MediaInfo | null;
  recordCalls: boolean;
}

function draftOf(assistant?: Assistant): Draft {
  return {
    name: assistant?.name ?? '',
    greeting: assistant?.greeting ?? '',
    prompt: assistant?.prompt ?? '',
    voicemailMessage: assistant?.voicemailMessage ?? '',
    outboundEnabled: assistant?.outboundEnabled ?? false,
    agentUrl: assistant?.agentUrl ?? '',
    greetingAudio: assistant?.greetingAudio ?? null,
    voicemailAudio: assistant?.voicemailAudio ?? null,
    recordCalls: assistant?.recordCalls ?? false,
  };
}

interface Props {
  assistant?: Assistant;
  numbers: PhoneNumber[];
  assistantName: Map<string, string>;
  onClose(): void;
}

export function AssistantForm({ assistant, numbers, assistantName, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(assistant));
  const [tab, setTab] = useState<string | null>('general');
  const initiallyAssigned = numbers.filter((n) => assistant && n.assistantId === assistant.id).map((n) => n.id);
  const [assigned, setAssigned] = useState<string[]>(initiallyAssigned);

  const { errors, saving, submit } = useSave(async () => {
    const { greetingAudio, voicemailAudio, ...fields } = draft;
    const request = { ...fields, greetingAudioId: greetingAudio?.id ?? null, voicemailAudioId: voicemailAudio?.id ?? null };
    const saved = assistant ? await api.invoke('assistants.update', { id: assistant.id, ...request }) : await api.invoke('assistants.create', request);
    for (const n of numbers) {
      const want = assigned.includes(n.id);
      const has = n.assistantId === saved.id;
      if (want && !has) await api.invoke('phoneNumbers.update', { id: n.id, assistantId: saved.id });
      if (!want && has) await api.invoke('phoneNumbers.update', { id: n.id, assistantId: null });
    }
    return saved;
  }, onClose);

  const generalHasError = ['name', ...TEXT_FIELDS.map(([key]) => key)].some((key) => errors[key]);
  const activeAssigned = numbers.filter((n) => assigned.includes(n.id) && n.status === 'active').length;

  return (
    <FormModal title={assistant ? `Edit ${assistant.name}` : 'New assistant'} submitLabel={assistant ? 'Save assistant' : 'Create assistant'} onClose={onClose} onSubmit={() => void submit()} saving={saving}>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="general" color={generalHasError ? 'red' : undefined}>
            General
          </Tabs.Tab>
          <Tabs.Tab value="telephony" color={TELEPHONY_FIELDS.some((key) => errors[key]) ? 'red' : undefined}>
            Telephony
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <Stack>
            <TextInput
              label="Assistant name"
              required
              value={draft.name}
              error={errors.name}
              onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
            />
            {TEXT_FIELDS.map(([key, label]) => (
              <Textarea
                key={key}
                label={label}
                autosize
                minRows={2}
                maxRows={6}
                value={draft[key]}
                error={errors[key]}
                description={`${draft[key].length} / ${MAX_VOICE_TEXT}`}
                onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
              />
            ))}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="telephony" pt="md">
          <Stack>
            <Switch
              label="Outbound calling"
              description="Lets this assistant place calls for campaigns"
              checked={draft.outboundEnabled}
              error={errors.outboundEnabled}
              onChange={(e) => setDraft({ ...draft, outboundEnabled: e.currentTarget.checked })}
            />
            <TextInput
              label="Agent endpoint"
              description="WebSocket URL (ws:// or wss://) the call’s audio is streamed to, both ways. Credentials in it show as ****; they are kept unless you type new ones."
              placeholder="wss://agent.example.com/media"
              value={draft.agentUrl}
              error={errors.agentUrl}
              onChange={(e) => setDraft({ ...draft, agentUrl: e.currentTarget.value })}
            />
            {AUDIO_FIELDS.map(([key, label, description]) => (
              <AudioUploadField
                key={key}
                label={label}
                description={description}
                value={draft[key]}
                error={errors[`${key}Id`]}
                onChange={(media) => setDraft((current) => ({ ...current, [key]: media }))}
              />
            ))}
            <Switch
              label="Record calls"
              description="Keep a WAV recording of both sides of every call"
              checked={draft.recordCalls}
              error={errors.recordCalls}
              onChange={(e) => setDraft({ ...draft, recordCalls: e.currentTarget.checked })}
            />
            <Checkbox.Group
              label="Phone numbers for this assistant"
              description="A number belongs to one assistant; choosing one here moves it from its current assistant."
              value={assigned}
              onChange={setAssigned}
            >
              <Stack gap="xs" mt="xs">
                {numbers.length === 0 && <Text c="dimmed">No phone numbers yet: add one on the Phone Numbers page.</Text>}
                {numbers.map((n) => {
                  const owner = n.assistantId && n.assistantId !== assistant?.id ? assistantName.get(n.assistantId) : undefined;
                  return (
                    <Group key={n.id} gap="xs">
                      <Checkbox value={n.id} label={`${n.number}${n.label ? ` (${n.label})` : ''}`} />
                      {n.status !== 'active' && <Badge color={n.status === 'error' ? 'red' : 'yellow'}>{n.status}</Badge>}
                      {owner && (
                        <Text size="xs" c="dimmed">
                          now with {owner}
                        </Text>
                      )}
                    </Group>
                  );
                })}
              </Stack>
            </Checkbox.Group>
            {draft.outboundEnabled && activeAssigned === 0 && (
              <Text size="sm" c="orange">
                Assign at least one active number so this assistant can run campaigns.
              </Text>
            )}
          </Stack>
        </Tabs.Panel>
      </Tabs>
    </FormModal>
  );
}
