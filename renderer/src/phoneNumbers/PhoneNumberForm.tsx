import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useState } from 'react';
import { PHONE_NUMBER_STATUSES, type Assistant, type PhoneNumber, type PhoneNumberStatus } from '../../../shared/crm/types';
import { SIP_PROVIDER, type SipTrunkInfo } from '../../../shared/telephony/trunk';
import { api } from '../api/api';
import { useSave } from '../common/useSave';

export const STATUS_LABEL: Record<PhoneNumberStatus, string> = { active: 'Active', suspended: 'Suspended', error: 'Error' };
const statusOptions = PHONE_NUMBER_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }));

export const PROVIDER_LABEL: Record<string, string> = { simulator: 'Simulator', [SIP_PROVIDER]: 'SIP trunk' };

/** The two providers the app ships, plus the number's own when the API set another. */
function providerOptions(current: string) {
  const names = current in PROVIDER_LABEL ? Object.keys(PROVIDER_LABEL) : [...Object.keys(PROVIDER_LABEL), current];
  return names.map((value) => ({ value, label: PROVIDER_LABEL[value] ?? value }));
}

interface Draft {
  number: string;
  label: string;
  provider: string;
  status: PhoneNumberStatus;
  assistantId: string | null;
  trunkId: string | null;
}

interface Props {
  phoneNumber?: PhoneNumber;
  assistants: Assistant[];
  trunks: SipTrunkInfo[];
  onClose(): void;
}

export function PhoneNumberForm({ phoneNumber, assistants, trunks, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => ({
    number: phoneNumber?.number ?? '',
    label: phoneNumber?.label ?? '',
    provider: phoneNumber?.provider ?? 'simulator',
    status: phoneNumber?.status ?? 'active',
    assistantId: phoneNumber?.assistantId ?? null,
    trunkId: phoneNumber?.trunkId ?? null,
  }));
  const onTrunk = draft.provider === SIP_PROVIDER;
  const { errors, saving, submit } = useSave(() => {
    // only a SIP number keeps a trunk
    const body = { ...draft, trunkId: onTrunk ? draft.trunkId : null };
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
        <Select
          label="Provider"
          data={providerOptions(draft.provider)}
          allowDeselect={false}
          value={draft.provider}
          error={errors.provider}
          onChange={(value) => value && setDraft({ ...draft, provider: value })}
        />
        {onTrunk && (
          <Select
            label="Trunk"
            required
            placeholder={trunks.length ? 'Choose a SIP trunk' : 'Add a SIP trunk first'}
            data={trunks.map((t) => ({ value: t.id, label: `${t.name} (${t.host})` }))}
            value={draft.trunkId}
            error={errors.trunkId}
            onChange={(value) => setDraft({ ...draft, trunkId: value })}
          />
        )}
      </SimpleGrid>
    </FormModal>
  );
}
