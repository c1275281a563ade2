import { Badge, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Contact } from '../../../shared/crm/types';
import type { LeadStatus } from '../../../shared/crm/leadStatus';
import { ListPager } from '../common/ListPager';
import { NOUNS } from '../common/words';
import { leadStatusLabel, leadStatusOptions } from '../common/options';
import { useCompanyOptions } from '../companies/useCompanyOptions';
import { ContactForm } from './ContactForm';
import { ineligibleLabel } from './callable';
import { CsvImportDialog } from './CsvImportDialog';
import { useContacts } from './contactsStore';

function fullName(contact: Contact): string {
  return `${contact.firstName} ${contact.lastName}`.trim() || '(no name)';
}

/** Whether the contact may be called and, when not, why: the same rule as enrolment and Manual select. */
function CallableBadge({ contact }: { contact: Contact }) {
  const reason = ineligibleLabel(contact);
  if (reason === null) return <Badge color="green">Eligible</Badge>;
  return (
    <Badge color={contact.phone ? 'red' : 'gray'} tt="none" styles={{ root: { maxWidth: '100%' } }} title={reason}>
      {reason}
    </Badge>
  );
}

export function ContactsPage() {
  const { query, result, setQuery, reload } = useContacts();
  const companies = useCompanyOptions();
  const companyName = new Map(companies.map((c) => [c.value, c.label]));
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  useEffect(() => void reload(), [reload]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Contacts</Title>
        <Group>
          <Button variant="default" onClick={() => setImporting(true)}>
            Import CSV
          </Button>
          <Button onClick={() => setEditing('new')}>New contact</Button>
        </Group>
      </Group>
      <Group align="flex-end">
        <TextInput
          label="Search"
          placeholder="Name, email or phone"
          value={query.search ?? ''}
          onChange={(e) => setQuery({ search: e.currentTarget.value })}
          w={260}
        />
        <Select
          label="Company"
          placeholder="All companies"
          clearable
          searchable
          data={companies}
          value={query.companyId ?? null}
          onChange={(value) => setQuery({ companyId: value ?? undefined })}
          w={220}
        />
        <Select
          label="Lead Status"
          placeholder="Any"
          clearable
          data={leadStatusOptions}
          value={query.leadStatus ?? null}
          onChange={(value) => setQuery({ leadStatus: (value ?? undefined) as LeadStatus | undefined })}
          w={170}
        />
        <Checkbox label="Has phone" checked={query.hasPhone ?? false} onChange={(e) => setQuery({ hasPhone: e.currentTarget.checked })} mb={8} />
        <Checkbox label="Exclude DNC" checked={query.excludeDnc ?? false} onChange={(e) => setQuery({ excludeDnc: e.currentTarget.checked })} mb={8} />
      </Group>
      {result && result.total === 0 ? (
        <Text c="dimmed">
          {query.search || query.companyId || query.leadStatus
            ? 'No contact matches these filters.'
            : 'No contacts yet. Create a company, then add contacts or import a CSV file.'}
        </Text>
      ) : (
        <Table striped highlightOnHover aria-label="Contacts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Company</Table.Th>
              <Table.Th>Phone</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Lead Status</Table.Th>
              <Table.Th>Callable</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result?.items.map((contact) => (
              <Table.Tr key={contact.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setEditing(contact)}>
                    {fullName(contact)}
                  </Button>
                </Table.Td>
                <Table.Td>{companyName.get(contact.companyId)}</Table.Td>
                <Table.Td>{contact.phone ?? <Text span c="dimmed">No phone</Text>}</Table.Td>
                <Table.Td>{contact.email}</Table.Td>
                <Table.Td>{leadStatusLabel(contact.leadStatus)}</Table.Td>
                <Table.Td>
                  <CallableBadge contact={contact} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result && <ListPager {...result} noun={NOUNS.contact} onOffset={(offset) => setQuery({ offset })} />}
      {editing && (
        <ContactForm contact={editing === 'new' ? undefined : editing} defaultCompanyId={query.companyId} onClose={() => setEditing(null)} />
      )}
      {importing && <CsvImportDialog defaultCompanyId={query.companyId} onClose={() => setImporting(false)} />}
    </Stack>
  );
}
