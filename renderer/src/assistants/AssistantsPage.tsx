import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Assistant } from '../../../shared/crm/types';
import { useLiveList } from '../common/useChannel';
import { AssistantForm } from './AssistantForm';

export function AssistantsPage() {
  const assistants = useLiveList('assistants.list', {}, ['assistant', 'phoneNumber']);
  const numbers = useLiveList('phoneNumbers.list', {}, ['phoneNumber']);
  const [editing, setEditing] = useState<Assistant | 'new' | null>(null);
  const assistantName = new Map(assistants?.map((a) => [a.id, a.name]));
  const numberCount = new Map<string, number>();
  for (const n of numbers ?? []) if (n.assistantId) numberCount.set(n.assistantId, (numberCount.get(n.assistantId) ?? 0) + 1);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Assistants</Title>
        <Button onClick={() => setEditing('new')}>New assistant</Button>
      </Group>
      {assistants === null && <Text c="dimmed">Loading assistants…</Text>}
      {assistants?.length === 0 && <Text c="dimmed">No assistants yet. Create one with “New assistant”, then turn on outbound calling in its Telephony tab.</Text>}
      {assistants && assistants.length > 0 && (
        <Table striped aria-label="Assistants">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Outbound calling</Table.Th>
              <Table.Th>Numbers</Table.Th>
              <Table.Th>Can run campaigns</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assistants.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setEditing(a)}>
                    {a.name}
                  </Button>
                </Table.Td>
                <Table.Td>{a.outboundEnabled ? 'Enabled' : 'Off'}</Table.Td>
                <Table.Td>{numberCount.get(a.id) ?? 0}</Table.Td>
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
      {editing && numbers && (
        <AssistantForm
          assistant={editing === 'new' ? undefined : editing}
          numbers={numbers}
          assistantName={assistantName}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}
