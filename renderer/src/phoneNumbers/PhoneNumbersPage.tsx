import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveList } from '../common/useChannel';

const STATUS_COLOR = { active: 'green', suspended: 'yellow', error: 'red' } as const;

export function PhoneNumbersPage() {
  const numbers = useLiveList('phoneNumbers.list', {}, ['phoneNumber']);
  const assistants = useLiveList('assistants.list', {}, ['assistant']);
  const assistantName = new Map(assistants?.map((a) => [a.id, a.name]));
  return (
    <Stack>
      <Title order={2}>Phone Numbers</Title>
      {numbers?.length === 0 && <Text c="dimmed">No phone numbers yet.</Text>}
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
                <Table.Td>{n.number}</Table.Td>
                <Table.Td>{n.label}</Table.Td>
                <Table.Td>{n.provider}</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[n.status]}>{n.status}</Badge>
                </Table.Td>
                <Table.Td>{n.assistantId ? assistantName.get(n.assistantId) : 'Unassigned'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
