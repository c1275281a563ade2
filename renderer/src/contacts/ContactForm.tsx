import { Button, Select, SimpleGrid, Switch, Textarea, TextInput } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useState } from 'react';
import { NO_IDENTITY } from '../../../shared/crm/schemas';
import type { Contact } from '../../../shared/crm/types';
import type { LeadStatus } from '../../../shared/crm/leadStatus';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { showError } from '../common/errors';
import { leadStatusOptions, timeZoneOptions } from '../common/options';
import { useSave } from '../common/useSave';
import { useCompanyOptions } from '../companies/useCompanyOptions';

const TEXT_FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['phone', 'Phone'],
  ['phoneSecondary', 'Secondary phone'],
  ['email', 'Email'],
  ['jobTitle', 'Job title'],
] as const;

interface Draft {
  companyId: string;
  firstName: string;
  lastName: string;
  phone: string;
  phoneSecondary: string;
  email: string;
  jobTitle: string;
  leadStatus: LeadStatus;
  timezone: string;
  doNotCall: boolean;
  notes: string;
}

function draftOf(contact: Contact | undefined, companyId: string): Draft {
  return {
    companyId: contact?.companyId ?? companyId,
    firstName: contact?.firstName ?? '',
    lastName: contact?.lastName ?? '',
    phone: contact?.phone ?? '',
    phoneSecondary: contact?.phoneSecondary ?? '',
    email: contact?.email ?? '',
    jobTitle: contact?.jobTitle ?? '',
    leadStatus: contact?.leadStatus ?? 'new',
    timezone: contact?.timezone ?? '',
    doNotCall: contact?.doNotCall ?? false,
    notes: contact?.notes ?? '',
  };
}

interface Props {
  contact?: Contact;
  defaultCompanyId?: string;
  onClose(): void;
}

/** main names every field of an empty record (name, phone, email): say it once, under the first, and mark the rest. */
function identityShownOnce(errors: Record<string, string>, key: string): string | boolean | undefined {
  return errors[key] === NO_IDENTITY && key !== 'firstName' ? true : errors[key];
}

export function ContactForm({ contact, defaultCompanyId = '', onClose }: Props) {
  const companies = useCompanyOptions();
  const [draft, setDraft] = useState<Draft>(() => draftOf(contact, defaultCompanyId));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const { errors, saving, submit } = useSave(() => {
    if (!contact) return api.invoke('contacts.create', draft);
    const { companyId: _fixed, ...changes } = draft;
    return api.invoke('contacts.update', { id: contact.id, ...changes });
  }, onClose);

  async function remove() {
    if (!contact || !(await confirm({ title: 'Delete contact', message: 'Delete this contact?', confirmLabel: 'Delete contact', danger: true }))) return;
    await api.invoke('contacts.delete', { id: contact.id }).then(onClose, showError);
  }

  return (
    <FormModal
      title={contact ? 'Edit contact' : 'New contact'}
      submitLabel={contact ? 'Save contact' : 'Create contact'}
      extraAction={
        contact && (
          <Button color="red" variant="subtle" onClick={() => void remove()}>
            Delete contact
          </Button>
        )
      }
      onClose={onClose}
      onSubmit={() => void submit()}
      saving={saving}
    >
      <Select
        label="Company"
        required
        searchable
        disabled={Boolean(contact)}
        data={companies}
        value={draft.companyId || null}
        error={errors.companyId}
        onChange={(value) => set({ companyId: value ?? '' })}
      />
      <SimpleGrid cols={2}>
        {TEXT_FIELDS.map(([key, label]) => (
          <TextInput key={key} label={label} value={draft[key]} error={identityShownOnce(errors, key)} onChange={(e) => set({ [key]: e.currentTarget.value })} />
        ))}
        <Select
          label="Lead Status"
          data={leadStatusOptions}
          value={draft.leadStatus}
          error={errors.leadStatus}
          onChange={(value) => set({ leadStatus: (value ?? 'new') as LeadStatus })}
        />
        <Select
          label="Time zone"
          placeholder="From the phone number"
          searchable
          clearable
          data={timeZoneOptions}
          value={draft.timezone || null}
          error={errors.timezone}
          onChange={(value) => set({ timezone: value ?? '' })}
        />
      </SimpleGrid>
      <Switch
        label="Do not call (DNC)"
        checked={draft.doNotCall}
        onChange={(e) => set({ doNotCall: e.currentTarget.checked })}
        description={contact?.dncList ? `The number is on the DNC list "${contact.dncList}": it is not called while listed, whatever this switch says.` : undefined}
      />
      <Textarea label="Notes" autosize minRows={2} value={draft.notes} error={errors.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
    </FormModal>
  );
}
