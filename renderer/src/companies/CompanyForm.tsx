import { Button, SimpleGrid, TextInput } from '@mantine/core';
import { FormModal } from '../common/FormModal';
import { useEffect, useState } from 'react';
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
  /** Switches the dialog to another company: the one whose name was typed again. */
  onOpen(company: Company): void;
}

/** The company that already has the name main refused, found by that name, so the person can open it instead. */
function useNamesake(name: string, refused: boolean): Company | null {
  const [namesake, setNamesake] = useState<Company | null>(null);
  useEffect(() => {
    setNamesake(null);
    if (!refused) return;
    void api.invoke('companies.list', { search: name.trim(), limit: 10, offset: 0 }).then((page) => {
      setNamesake(page.items.find((c) => c.name.toLowerCase() === name.trim().toLowerCase()) ?? null);
    });
  }, [name, refused]);
  return namesake;
}

export function CompanyForm({ company, onClose, onOpen }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(company));
  const { errors, saving, submit } = useSave(
    () => (company ? api.invoke('companies.update', { id: company.id, ...draft }) : api.invoke('companies.create', draft)),
    onClose,
  );
  const namesake = useNamesake(draft.name, Boolean(errors.name?.includes('already exists')));
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
      {namesake && namesake.id !== company?.id && (
        <Button variant="light" onClick={() => onOpen(namesake)} style={{ alignSelf: 'flex-start' }}>
          Open {namesake.name}
        </Button>
      )}
    </FormModal>
  );
}
