import { Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useLiveList } from '../common/useChannel';

export function AssistantsPage() {
  const assistants = useLiveList('assistants.list', {}, ['assistant', 'phoneNumber']);
  return (
    <Stack>
      <Title order={2}>Assistants</Title>
      {assistants?.length === 0 && <Text c="dimmed">No assistants yet.</Text>}
      {assistants && assistants.length > 0 && (
        <Table striped aria-label="Assistants">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Outbound calling</Table.Th>
              <Table.Th>Can run campaigns</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assistants.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>{a.name}</Table.Td>
                <Table.Td>{a.outboundEnabled ? 'Enabled' : 'Off'}</Table.Td>
                <Table.Td>
                  {a.outboundEligible ? (
                    <Badge color="green">Ready</Badge>
                  ) : (
                    <Badge color="gray">Needs outbound calling and an active number</Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
