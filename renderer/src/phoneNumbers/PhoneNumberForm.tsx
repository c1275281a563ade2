import { Select, SimpleGrid, TextInput, Textarea } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useState } from 'react';
import { AppError } from '../../../shared/errors';
import { PHONE_NUMBER_STATUSES, type Assistant, type PhoneNumber, type PhoneNumberStatus } from '../../../shared/crm/types';
import { api } from '../api/api';
import { useSave } from '../common/useSave';

export const STATUS_LABEL: Record<PhoneNumberStatus, string> = { active: 'Active', suspended: 'Suspended', error: 'Error' };
const statusOptions = PHONE_NUMBER_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }));

interface Draft {
  number: string;
  label: string;
  provider: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
  providerConfig: string;
}

interface Props {
  phoneNumber?: PhoneNumber;
  assistants: Assistant[];
  onClose(): void;
}

/** Provider settings are stored but never shown back, so the field starts empty and is sent only when filled in. */
function parseProviderConfig(text: string): Record<string, unknown> | undefined {
  if (!text.trim()) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw AppError.validation({ providerConfig: 'Must be a JSON object, e.g. {"host": "sip.example.com"}' });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw AppError.validation({ providerConfig: 'Must be a JSON object, e.g. {"host": "sip.example.com"}' });
  }
  return value as Record<string, unknown>;
}

export function PhoneNumberForm({ phoneNumber, assistants, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => ({
    number: phoneNumber?.number ?? '',
    label: phoneNumber?.label ?? '',
    provider: phoneNumber?.provider ?? 'simulator',
    status: phoneNumber?.status ?? 'active',
    assistantId: phoneNumber?.assistantId ?? null,
    providerConfig: '',
  }));
  const { errors, saving, submit } = useSave(() => {
    const providerConfig = parseProviderConfig(draft.providerConfig);
    const body = { ...draft, providerConfig };
    return phoneNumber ? api.invoke('phoneNumbers.update', { id: phoneNumber.id, ...body }) : api.invoke('phoneNumbers.create', body);
  }, onClose);
  return (
    <FormModal title={phoneNumber ? `Edit ${phoneNumber.number}` : 'Add number'} submitLabel={phoneNumber ? 'Save number' : 'Add number'} onClose={onClose} onSubmit={() => void submit()} saving={saving}>
      <SimpleGrid cols={2}>
        <TextInput
          label="Number"
          required
          placeholder="+1 202 555 0100"
          value={draft.number}
          error={errors.number}
          onChange={(e) => setDraft({ ...draft, number: e.currentTarget.value })}
        />
        <TextInput label="Label" value={draft.label} error={errors.label} onChange={(e) => setDraft({ ...draft, label: e.currentTarget.value })} />
        <Select
          label="Status"
          data={statusOptions}
          allowDeselect={false}
          value={draft.status}
          error={errors.status}
          onChange={(value) => value && setDraft({ ...draft, status: value as PhoneNumberStatus })}
        />
        <Select
          label="Assistant"
          placeholder="Unassigned"
          clearable
          searchable
          data={assistants.map((a) => ({ value: a.id, label: a.name }))}
          value={draft.assistantId}
          error={errors.assistantId}
          onChange={(value) => setDraft({ ...draft, assistantId: value })}
        />
        <TextInput
          label="Provider"
          value={draft.provider}
          error={errors.provider}
          onChange={(e) => setDraft({ ...draft, provider: e.currentTarget.value })}
        />
      </SimpleGrid>
      <Textarea
        label="Provider settings (JSON)"
        description={phoneNumber ? 'Stored and never shown back; leave empty to keep the current settings.' : 'Trunk host, credentials…; stored and never shown back.'}
        autosize
        minRows={2}
        value={draft.providerConfig}
        error={errors.providerConfig}
        onChange={(e) => setDraft({ ...draft, providerConfig: e.currentTarget.value })}
      />
    </FormModal>
  );
}
