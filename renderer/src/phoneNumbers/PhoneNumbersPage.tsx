import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { PHONE_NUMBER_STATUSES, type PhoneNumber, type PhoneNumberStatus } from '../../../shared/crm/types';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { useLiveList } from '../common/useChannel';
import { PhoneNumberForm, PROVIDER_LABEL, STATUS_LABEL } from './PhoneNumberForm';
import { TrunksSection } from './TrunksSection';

const STATUS_COLOR = { active: 'green', suspended: 'yellow', error: 'red' } as const;
const statusOptions = PHONE_NUMBER_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] }));

export function PhoneNumbersPage() {
  // deleting a trunk can clear a number's trunk
  const numbers = useLiveList('phoneNumbers.list', {}, ['phoneNumber', 'sipTrunk']);
  const trunks = useLiveList('trunks.list', {}, ['sipTrunk']);
  const assistants = useLiveList('assistants.list', {}, ['assistant']);
  const [editing, setEditing] = useState<PhoneNumber | 'new' | null>(null);
  const assistantName = new Map(assistants?.map((a) => [a.id, a.name]));
  const trunkName = new Map(trunks?.map((t) => [t.id, t.name]));
  const setStatus = (n: PhoneNumber, status: PhoneNumberStatus) => {
    if (status !== n.status) api.invoke('phoneNumbers.update', { id: n.id, status }).catch(showError);
  };
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Phone Numbers</Title>
        <Button onClick={() => setEditing('new')}>Add number</Button>
      </Group>
      {numbers === null && <Text c="dimmed">Loading phone numbers…</Text>}
      {numbers?.length === 0 && <Text c="dimmed">No phone numbers yet. Add one with “Add number”, then assign it to an assistant.</Text>}
      {numbers && numbers.length > 0 && (
        <Table striped aria-label="Phone numbers">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Number</Table.Th>
              <Table.Th>Label</Table.Th>
              <Table.Th>Provider</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Assistant</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {numbers.map((n) => (
              <Table.Tr key={n.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setEditing(n)}>
                    {n.number}
                  </Button>
                </Table.Td>
                <Table.Td>{n.label}</Table.Td>
                <Table.Td>{n.trunkId ? `${PROVIDER_LABEL[n.provider] ?? n.provider}: ${trunkName.get(n.trunkId) ?? ''}` : (PROVIDER_LABEL[n.provider] ?? n.provider)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Badge color={STATUS_COLOR[n.status]}>{n.status}</Badge>
                    <Select
                      aria-label={`Status of ${n.number}`}
                      size="xs"
                      w={120}
                      data={statusOptions}
                      allowDeselect={false}
                      value={n.status}
                      onChange={(value) => value && setStatus(n, value as PhoneNumberStatus)}
                    />
                  </Group>
                </Table.Td>
                <Table.Td>{n.assistantId ? assistantName.get(n.assistantId) : 'Unassigned'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && assistants && trunks && (
        <PhoneNumberForm phoneNumber={editing === 'new' ? undefined : editing} assistants={assistants} trunks={trunks} onClose={() => setEditing(null)} />
      )}
      <TrunksSection trunks={trunks} numbers={numbers ?? []} />
    </Stack>
  );
}
