import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Company } from '../../../shared/crm/types';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { showError } from '../common/errors';
import { ListPager } from '../common/ListPager';
import { countOf, NOUNS } from '../common/words';
import { CompanyForm } from './CompanyForm';
import { useCompanies } from './companiesStore';

export function CompaniesPage() {
  const { query, result, setQuery, reload } = useCompanies();
  const [editing, setEditing] = useState<Company | 'new' | null>(null);
  useEffect(() => void reload(), [reload]);

  async function remove(company: Company) {
    // asked before asking: a person is not asked to confirm what will then be refused
    const deletion = await api.invoke('companies.deletion', { id: company.id }).catch(showError);
    if (!deletion) return;
    if (deletion.blockedBy) {
      notifications.show({ color: 'yellow', title: `${company.name} cannot be deleted`, message: deletion.blockedBy });
      return;
    }
    const yes = await confirm({
      title: 'Delete company',
      message: `Delete ${company.name} and its ${countOf(deletion.contacts, NOUNS.contact)}?`,
      confirmLabel: 'Delete company',
      danger: true,
    });
    if (!yes) return;
    await api.invoke('companies.delete', { id: company.id }).catch(showError);
  }

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Companies</Title>
        <Button onClick={() => setEditing('new')}>New company</Button>
      </Group>
      <TextInput label="Search" placeholder="Company name" value={query.search ?? ''} onChange={(e) => setQuery({ search: e.currentTarget.value })} maw={360} />
      {result && result.total === 0 ? (
        <Text c="dimmed">{query.search ? 'No company matches that search.' : 'No companies yet. Create one, then add or import its contacts.'}</Text>
      ) : (
        <Table striped highlightOnHover aria-label="Companies">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Industry</Table.Th>
              <Table.Th>City</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th>Contacts</Table.Th>
              <Table.Th aria-label="Actions" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result?.items.map((company) => (
              <Table.Tr key={company.id}>
                <Table.Td>{company.name}</Table.Td>
                <Table.Td>{company.industry}</Table.Td>
                <Table.Td>{company.city}</Table.Td>
                <Table.Td>{company.state}</Table.Td>
                <Table.Td>{company.contactCount.toLocaleString()}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    <Button size="xs" variant="subtle" onClick={() => setEditing(company)} aria-label={`Edit ${company.name}`}>
                      Edit
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void remove(company)} aria-label={`Delete ${company.name}`}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {result && <ListPager {...result} noun={NOUNS.company} onOffset={(offset) => setQuery({ offset })} />}
      {editing && <CompanyForm key={editing === 'new' ? 'new' : editing.id} company={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} onOpen={setEditing} />}
    </Stack>
  );
}
