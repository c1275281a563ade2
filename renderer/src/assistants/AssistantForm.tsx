import { Badge, Checkbox, Group, Stack, Switch, Tabs, Text, TextInput, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import { CUSTOM_PREFIX, TEMPLATE_VARIABLES } from '../../../shared/assistants/templates';
import type { Assistant, PhoneNumber } from '../../../shared/crm/types';
import { api } from '../api/api';
import { FormModal } from '../common/FormModal';
import { useSave } from '../common/useSave';
import { assistantRequest, draftOf, TELEPHONY_FIELDS, TEMPLATE_FIELDS, templateErrors, type AssistantDraft } from './assistantDraft';
import { CollectFields } from './CollectFields';
import { EngineFields } from './EngineFields';
import { TemplatePreview } from './TemplatePreview';

const MAX_VOICE_TEXT = 2000;
const VARIABLES_HELP = `Variables: ${[...TEMPLATE_VARIABLES, `${CUSTOM_PREFIX}<key>`].map((name) => `{{${name}}}`).join(' ')}. A fallback for a contact without a value goes after a bar: {{firstName|there}}.`;

interface Props {
  assistant?: Assistant;
  numbers: PhoneNumber[];
  assistantName: Map<string, string>;
  onClose(): void;
}

export function AssistantForm({ assistant, numbers, assistantName, onClose }: Props) {
  const [draft, setDraft] = useState<AssistantDraft>(() => draftOf(assistant));
  const [tab, setTab] = useState<string | null>('general');
  const initiallyAssigned = numbers.filter((n) => assistant && n.assistantId === assistant.id).map((n) => n.id);
  const [assigned, setAssigned] = useState<string[]>(initiallyAssigned);
  // a field changed since the last failed save no longer shows that save's error
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const set = (changes: Partial<AssistantDraft>) => {
    setDraft((current) => ({ ...current, ...changes }));
    setEdited((fields) => new Set([...fields, ...Object.keys(changes)]));
  };

  const { errors, saving, submit } = useSave(async () => {
    const request = assistantRequest(draft);
    const saved = assistant ? await api.invoke('assistants.update', { id: assistant.id, ...request }) : await api.invoke('assistants.create', request);
    for (const n of numbers) {
      const want = assigned.includes(n.id);
      const has = n.assistantId === saved.id;
      if (want && !has) await api.invoke('phoneNumbers.update', { id: n.id, assistantId: saved.id });
      if (!want && has) await api.invoke('phoneNumbers.update', { id: n.id, assistantId: null });
    }
    return saved;
  }, onClose);
  useEffect(() => setEdited(new Set()), [errors]);
  const errorFor = (field: string) => (edited.has(field.replace(/Id$/, '')) || edited.has(field) ? undefined : errors[field]);
  // unknown variables are shown as they are typed, in the words main refuses them with
  const typed = templateErrors(draft);

  const generalHasError = ['name', ...TEMPLATE_FIELDS.map(([key]) => key)].some((key) => errorFor(key) || typed[key as keyof typeof typed]);
  const activeAssigned = numbers.filter((n) => assigned.includes(n.id) && n.status === 'active').length;

  return (
    <FormModal title={assistant ? `Edit ${assistant.name}` : 'New assistant'} submitLabel={assistant ? 'Save assistant' : 'Create assistant'} onClose={onClose} onSubmit={() => void submit()} saving={saving}>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="general" color={generalHasError ? 'red' : undefined}>
            General
          </Tabs.Tab>
          <Tabs.Tab value="telephony" color={TELEPHONY_FIELDS.some((key) => errorFor(key)) ? 'red' : undefined}>
            Telephony
          </Tabs.Tab>
          <Tabs.Tab value="collect" color={Object.keys(errors).some((key) => /^(collect|successCriterion)/.test(key) && errorFor(key)) ? 'red' : undefined}>
            What to collect
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="general" pt="md">
          <Stack>
            <TextInput label="Assistant name" required value={draft.name} error={errorFor('name')} onChange={(e) => set({ name: e.currentTarget.value })} />
            {TEMPLATE_FIELDS.map(([key, label]) => (
              <Textarea
                key={key}
                label={label}
                autosize
                minRows={2}
                maxRows={6}
                value={draft[key]}
                error={typed[key] ?? errorFor(key)}
                description={`${draft[key].length} / ${MAX_VOICE_TEXT}`}
                onChange={(e) => set({ [key]: e.currentTarget.value })}
              />
            ))}
            <Text size="xs" c="dimmed">
              {VARIABLES_HELP}
            </Text>
            <TemplatePreview draft={draft} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="telephony" pt="md">
          <Stack>
            <Switch
              label="Outbound calling"
              description="Lets this assistant place calls for campaigns"
              checked={draft.outboundEnabled}
              error={errorFor('outboundEnabled')}
              onChange={(e) => set({ outboundEnabled: e.currentTarget.checked })}
            />
            <EngineFields draft={draft} set={set} errorFor={errorFor} />
            <Switch
              label="Record calls"
              description="Keep a WAV recording of both sides of every call"
              checked={draft.recordCalls}
              error={errorFor('recordCalls')}
              onChange={(e) => set({ recordCalls: e.currentTarget.checked })}
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
        <Tabs.Panel value="collect" pt="md">
          <CollectFields draft={draft} set={set} errorFor={errorFor} />
        </Tabs.Panel>
      </Tabs>
    </FormModal>
  );
}
