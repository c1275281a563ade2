import { Alert, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { previewContext, type PreviewContact } from '../../../shared/assistants/preview';
import { compileTemplate, missingVariables, renderTemplate } from '../../../shared/assistants/templates';
import type { Contact } from '../../../shared/crm/types';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { TEMPLATE_FIELDS, type AssistantDraft } from './assistantDraft';

const PICKER_SIZE = 20;

function contactLabel(c: Contact): string {
  return `${`${c.firstName} ${c.lastName}`.trim() || '(no name)'} · ${c.phone ?? c.email ?? 'no phone'}`;
}

/** Contacts matching what is typed, for the picker (the first page of the CRM's own search). */
function useContactSearch(search: string): Contact[] {
  const [found, setFound] = useState<Contact[]>([]);
  const [debounced] = useDebouncedValue(search.trim(), 200);
  useEffect(() => {
    let live = true;
    api
      .invoke('contacts.list', { ...(debounced ? { search: debounced } : {}), limit: PICKER_SIZE, offset: 0 })
      .then((page) => live && setFound(page.items), showError);
    return () => {
      live = false;
    };
  }, [debounced]);
  return found;
}

/** The greeting, prompt and voicemail message as one contact of the CRM would get them now, with the variables they lack. */
export function TemplatePreview({ draft }: { draft: AssistantDraft }) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ id: string; label: string } | null>(null);
  const contactId = chosen?.id ?? null;
  const [preview, setPreview] = useState<PreviewContact | null>(null);
  const found = useContactSearch(search);

  useEffect(() => {
    if (!contactId) return setPreview(null);
    let live = true;
    api.invoke('assistants.previewContact', { contactId }).then((p) => live && setPreview(p), showError);
    return () => {
      live = false;
    };
  }, [contactId]);

  const options = useMemo(() => {
    const listed = found.map((c) => ({ value: c.id, label: contactLabel(c) }));
    // the chosen contact stays an option while another search is typed
    return chosen && !listed.some((o) => o.value === chosen.id) ? [{ value: chosen.id, label: chosen.label }, ...listed] : listed;
  }, [found, chosen]);

  const rendered = useMemo(() => {
    if (!preview) return null;
    const context = previewContext(preview, draft.name, Date.now());
    return TEMPLATE_FIELDS.map(([field, label]) => {
      const template = compileTemplate(draft[field]);
      return { field, label, text: renderTemplate(template, context), missing: missingVariables(template, context) };
    });
  }, [preview, draft]);
  const missing = [...new Set(rendered?.flatMap((r) => r.missing) ?? [])];

  return (
    <Stack gap="xs" component="section" aria-label="Preview">
      <Select
        label="Preview for a contact"
        description="What this contact would hear: the templates with their values, their local time now"
        placeholder="Search contacts by name, email or phone"
        searchable
        clearable
        filter={({ options: all }) => all}
        data={options}
        value={contactId}
        searchValue={search}
        onSearchChange={setSearch}
        onChange={(id, option) => setChosen(id ? { id, label: option.label } : null)}
        nothingFoundMessage="No contact matches"
      />
      {rendered?.map(({ field, label, text }) => (
        <div key={field} role="group" aria-label={`${label} preview`}>
          <Text size="sm" fw={500}>
            {label}
          </Text>
          <Text size="sm" c={text ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {text || '(empty)'}
          </Text>
        </div>
      ))}
      {missing.length > 0 && (
        <Alert color="yellow" title="No value for this contact">
          {missing.map((name) => `{{${name}}}`).join(', ')} {missing.length === 1 ? 'is' : 'are'} left empty: give {missing.length === 1 ? 'it' : 'them'} a fallback, such as {`{{${missing[0]}|…}}`}.
        </Alert>
      )}
    </Stack>
  );
}
