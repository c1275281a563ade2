import {
  Alert,
  Checkbox,
  Divider,
  NumberInput,
  ScrollArea,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useEffect, useRef, useState } from 'react';
import type { Campaign } from '../../../shared/campaigns/types';
import type { Contact, PhoneNumber } from '../../../shared/crm/types';
import { AppError } from '../../../shared/errors';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { timeZoneOptions } from '../common/options';
import { useLiveList } from '../common/useChannel';
import { useSave } from '../common/useSave';
import { useCompanyOptions } from '../companies/useCompanyOptions';
import { useCampaigns } from './campaignsStore';

type AudienceMode = 'all_eligible' | 'manual';

export interface CampaignDraft {
  name: string;
  description: string;
  assistantId: string | null;
  fromNumberIds: string[];
  companyId: string | null;
  audienceMode: AudienceMode;
  contactIds: string[];
  scheduledStartAt: string;
  keepOpen: boolean;
  callWindowStart: string;
  callWindowEnd: string;
  callWindowTimezone: string;
  maxConcurrentCalls: number | string;
  maxAttemptsPerContact: number | string;
}

export const EMPTY_DRAFT: CampaignDraft = {
  name: '',
  description: '',
  assistantId: null,
  fromNumberIds: [],
  companyId: null,
  audienceMode: 'all_eligible',
  contactIds: [],
  scheduledStartAt: '',
  keepOpen: false,
  callWindowStart: '09:00',
  callWindowEnd: '17:00',
  callWindowTimezone: 'America/New_York',
  maxConcurrentCalls: 1,
  maxAttemptsPerContact: 3,
};

/** The campaigns.create request for a draft: empty choices are sent empty so main names every missing field. */
export function createRequest(draft: CampaignDraft): Record<string, unknown> {
  return {
    name: draft.name,
    description: draft.description,
    assistantId: draft.assistantId ?? '',
    companyId: draft.companyId ?? '',
    fromNumberIds: draft.fromNumberIds,
    // Offset-less: main reads it in callWindowTimezone.
    ...(draft.scheduledStartAt ? { scheduledStartAt: draft.scheduledStartAt } : {}),
    keepOpen: draft.keepOpen,
    callWindowStart: draft.callWindowStart,
    callWindowEnd: draft.callWindowEnd,
    callWindowTimezone: draft.callWindowTimezone,
    maxConcurrentCalls: draft.maxConcurrentCalls === '' ? undefined : Number(draft.maxConcurrentCalls),
    maxAttemptsPerContact: draft.maxAttemptsPerContact === '' ? undefined : Number(draft.maxAttemptsPerContact),
  };
}

/** The first error for a field, including errors on its items (fromNumberIds.0). */
function firstError(errors: Record<string, string>, field: string): string | undefined {
  return errors[field] ?? Object.entries(errors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

const SHOWN_FIELDS = [
  'name',
  'description',
  'assistantId',
  'fromNumberIds',
  'companyId',
  'contactIds',
  'audience',
  'scheduledStartAt',
  'keepOpen',
  'callWindowStart',
  'callWindowEnd',
  'callWindowTimezone',
  'maxConcurrentCalls',
  'maxAttemptsPerContact',
];

function contactName(contact: Contact): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || '(no name)';
}

function useAssistantNumbers(assistantId: string | null): PhoneNumber[] | null {
  const [numbers, setNumbers] = useState<PhoneNumber[] | null>(null);
  useEffect(() => {
    if (!assistantId) return setNumbers(null);
    let live = true;
    api
      .invoke('phoneNumbers.list', { assistantId })
      .then((list) => live && setNumbers(list.filter((n) => n.status === 'active')))
      .catch(showError);
    return () => {
      live = false;
    };
  }, [assistantId]);
  return numbers;
}

function useCompanyContacts(companyId: string | null, search: string, enabled: boolean): Contact[] | null {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  useEffect(() => {
    if (!companyId || !enabled) return setContacts(null);
    let live = true;
    const timer = setTimeout(() => {
      api
        .invoke('contacts.list', { companyId, search: search || undefined, limit: 100 })
        .then((page) => live && setContacts(page.items))
        .catch(showError);
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [companyId, search, enabled]);
  return contacts;
}

export function NewCampaignDialog({ onClose }: { onClose(): void }) {
  const [draft, setDraft] = useState<CampaignDraft>(EMPTY_DRAFT);
  const [search, setSearch] = useState('');
  // Fields changed since the last failed save no longer show that save's error.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const patch = (p: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setEdited((s) => new Set([...s, ...Object.keys(p)]));
  };

  const assistants = useLiveList('assistants.list', { outboundEligibleOnly: true }, ['assistant', 'phoneNumber']);
  const companies = useCompanyOptions();
  const numbers = useAssistantNumbers(draft.assistantId);
  const contacts = useCompanyContacts(draft.companyId, search, draft.audienceMode === 'manual');

  // All of the chosen assistant's numbers start checked.
  useEffect(() => {
    if (numbers) setDraft((d) => ({ ...d, fromNumberIds: numbers.map((n) => n.id) }));
  }, [numbers]);

  // Created but not yet enrolled (enrolment failed): a retry enrols into it instead of creating another.
  const created = useRef<Campaign | null>(null);
  const { errors, saving, submit } = useSave(
    async () => {
      if (draft.audienceMode === 'manual' && draft.companyId && draft.contactIds.length === 0) {
        throw AppError.validation({ contactIds: 'Select at least one contact' });
      }
      const campaign = created.current ?? (await api.invoke('campaigns.create', createRequest(draft)));
      created.current = campaign;
      await api.invoke(
        'campaigns.enrol',
        draft.audienceMode === 'manual'
          ? { id: campaign.id, contactIds: draft.contactIds }
          : { id: campaign.id, audience: { mode: 'all_eligible', companyId: campaign.companyId, hasPhoneOnly: true, excludeDnc: true } },
      );
      return campaign;
    },
    () => {
      void useCampaigns.getState().reload();
      onClose();
    },
  );
  useEffect(() => setEdited(new Set()), [errors]);
  const errorFor = (all: Record<string, string>, field: string) => (edited.has(field) ? undefined : firstError(all, field));
  const otherErrors = Object.entries(errors).filter(([key]) => !SHOWN_FIELDS.some((f) => key === f || key.startsWith(`${f}.`)));

  const toggle = (list: string[], id: string, on: boolean) => (on ? [...list, id] : list.filter((x) => x !== id));

  return (
    <FormModal title="New Campaign" submitLabel="Create Campaign" closeLabel="Close" modalProps={{ closeOnClickOutside: false }} onClose={onClose} onSubmit={() => void submit()} saving={saving}>
      <TextInput
        label="Campaign Name"
        placeholder="Q2 Enterprise Outreach"
        value={draft.name}
        onChange={(e) => patch({ name: e.currentTarget.value })}
        error={errorFor(errors, 'name')}
        data-autofocus
      />
      <Textarea
        label="Description"
        autosize
        minRows={2}
        value={draft.description}
        onChange={(e) => patch({ description: e.currentTarget.value })}
        error={errorFor(errors, 'description')}
      />

      <Select
        label="Outbound Assistant"
        placeholder={assistants && assistants.length === 0 ? 'No outbound assistant yet' : 'Choose an assistant'}
        data={(assistants ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={draft.assistantId}
        onChange={(assistantId) => patch({ assistantId, fromNumberIds: [] })}
        error={errorFor(errors, 'assistantId')}
      />
      {assistants && assistants.length === 0 && (
        <Alert color="yellow" title="No assistant can make outbound calls">
          Go to Assistants → [your assistant] → Telephony, enable outbound calling, and assign an active phone number.
        </Alert>
      )}
      {draft.assistantId && (
        <Checkbox.Group
          label="Which numbers do you want to use for outbound calling?"
          value={draft.fromNumberIds}
          onChange={(fromNumberIds) => patch({ fromNumberIds })}
          error={errorFor(errors, 'fromNumberIds')}
        >
          <Stack gap={6} mt={6}>
            {numbers?.length === 0 && <Text size="sm" c="dimmed">This assistant has no active number.</Text>}
            {numbers?.map((n) => (
              <Checkbox key={n.id} value={n.id} label={n.label ? `${n.number} (${n.label})` : n.number} />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {!draft.assistantId && errorFor(errors, 'fromNumberIds') && (
        <Text size="sm" c="red">
          {errorFor(errors, 'fromNumberIds')}
        </Text>
      )}

      <Select
        label="Company"
        placeholder="Choose the company whose contacts to call"
        searchable
        data={companies}
        value={draft.companyId}
        onChange={(companyId) => patch({ companyId, contactIds: [] })}
        error={errorFor(errors, 'companyId')}
      />
      {draft.companyId && (
        <Stack gap="xs" role="group" aria-label="Audience">
          <Text fw={500} size="sm">
            Audience
          </Text>
          <SegmentedControl
            value={draft.audienceMode}
            onChange={(value) => patch({ audienceMode: value as AudienceMode })}
            data={[
              { value: 'all_eligible', label: 'All eligible contacts' },
              { value: 'manual', label: 'Manual select' },
            ]}
          />
          {draft.audienceMode === 'all_eligible' ? (
            <Text size="sm" c="dimmed">
              Every contact in the company with a phone number who is not marked Do Not Call.
            </Text>
          ) : (
            <>
              <TextInput label="Search" placeholder="Name, email or phone" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
              <Text size="sm" c="dimmed">
                {draft.contactIds.length} selected{contacts && contacts.length === 100 ? ' · showing the first 100 matches' : ''}
              </Text>
              <ScrollArea.Autosize mah={220} type="auto">
                <Stack gap={4} role="group" aria-label="Contacts to call">
                  {contacts?.length === 0 && <Text size="sm" c="dimmed">No contact matches.</Text>}
                  {contacts?.map((c) => (
                    <Checkbox
                      key={c.id}
                      disabled={!c.eligible}
                      checked={draft.contactIds.includes(c.id)}
                      onChange={(e) => patch({ contactIds: toggle(draft.contactIds, c.id, e.currentTarget.checked) })}
                      label={`${contactName(c)} · ${c.phone ?? 'no phone'}${c.doNotCall ? ' · DNC' : ''}`}
                    />
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            </>
          )}
          {(errorFor(errors, 'contactIds') ?? errorFor(errors, 'audience')) && (
            <Text size="sm" c="red">
              {errorFor(errors, 'contactIds') ?? errorFor(errors, 'audience')}
            </Text>
          )}
        </Stack>
      )}

      <Divider />
      <TextInput
        type="datetime-local"
        label="Schedule Start"
        description={`Optional; in ${draft.callWindowTimezone}. Leave empty to save as a draft and start it yourself.`}
        value={draft.scheduledStartAt}
        onChange={(e) => patch({ scheduledStartAt: e.currentTarget.value })}
        error={errorFor(errors, 'scheduledStartAt')}
      />
      <Checkbox
        label="Keep open for new contacts"
        checked={draft.keepOpen}
        onChange={(e) => patch({ keepOpen: e.currentTarget.checked })}
        error={errorFor(errors, 'keepOpen')}
      />
      <SimpleGrid cols={3}>
        <TextInput
          type="time"
          label="Call Window Start"
          value={draft.callWindowStart}
          onChange={(e) => patch({ callWindowStart: e.currentTarget.value })}
          error={errorFor(errors, 'callWindowStart')}
        />
        <TextInput
          type="time"
          label="Call Window End"
          value={draft.callWindowEnd}
          onChange={(e) => patch({ callWindowEnd: e.currentTarget.value })}
          error={errorFor(errors, 'callWindowEnd')}
        />
        <Select
          label="Call Window Timezone"
          searchable
          data={timeZoneOptions}
          value={draft.callWindowTimezone}
          onChange={(value) => patch({ callWindowTimezone: value ?? '' })}
          error={errorFor(errors, 'callWindowTimezone')}
          limit={50}
        />
      </SimpleGrid>
      <SimpleGrid cols={2}>
        <NumberInput
          label="Max Concurrent Calls"
          min={1}
          max={10}
          value={draft.maxConcurrentCalls}
          onChange={(maxConcurrentCalls) => patch({ maxConcurrentCalls })}
          error={errorFor(errors, 'maxConcurrentCalls')}
        />
        <NumberInput
          label="Max Attempts/Contact"
          min={1}
          max={100}
          value={draft.maxAttemptsPerContact}
          onChange={(maxAttemptsPerContact) => patch({ maxAttemptsPerContact })}
          error={errorFor(errors, 'maxAttemptsPerContact')}
        />
      </SimpleGrid>
      {otherErrors.length > 0 && (
        <Alert color="red" title="Please check">
          {otherErrors.map(([key, message]) => (
            <div key={key}>
              {key}: {message}
            </div>
          ))}
        </Alert>
      )}
    </FormModal>
  );
}
