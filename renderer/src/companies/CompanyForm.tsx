import { SimpleGrid, TextInput } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useState } from 'react';
import type { Company } from '../../../shared/crm/types';
import { api } from '../api/api';
import { useSave } from '../common/useSave';

const FIELDS = [
  ['name', 'Company name'],
  ['website', 'Website'],
  ['industry', 'Industry'],
  ['phone', 'Phone'],
  ['city', 'City'],
  ['state', 'State'],
  ['country', 'Country'],
] as const;
type Draft = Record<(typeof FIELDS)[number][0], string>;

function draftOf(company?: Company): Draft {
  return Object.fromEntries(FIELDS.map(([key]) => [key, company?.[key] ?? ''])) as Draft;
}

interface Props {
  company?: Company;
  onClose(): void;
}

export function CompanyForm({ company, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(company));
  const { errors, saving, submit } = useSave(
    () => (company ? api.invoke('companies.update', { id: company.id, ...draft }) : api.invoke('companies.create', draft)),
    onClose,
  );
  return (
    <FormModal title={company ? `Edit ${company.name}` : 'New company'} submitLabel={company ? 'Save company' : 'Create company'} onClose={onClose} onSubmit={() => void submit()} saving={saving}>
      <SimpleGrid cols={2}>
        {FIELDS.map(([key, label]) => (
          <TextInput
            key={key}
            label={label}
            required={key === 'name'}
            value={draft[key]}
            error={errors[key]}
            onChange={(e) => setDraft({ ...draft, [key]: e.currentTarget.value })}
          />
        ))}
      </SimpleGrid>
    </FormModal>
  );
}
