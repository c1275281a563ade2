import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PhoneNumber } from '../../../shared/crm/types';
import type { SipTrunkInfo } from '../../../shared/telephony/trunk';
import { TrunkForm } from './TrunkForm';

interface Props {
  trunks: SipTrunkInfo[] | null;
  numbers: PhoneNumber[];
}

/** The SIP trunks numbers can call through: list, add, edit (and delete from the edit dialog). */
export function TrunksSection({ trunks, numbers }: Props) {
  const [editing, setEditing] = useState<SipTrunkInfo | 'new' | null>(null);
  const numberCount = new Map<string, number>();
  for (const n of numbers) if (n.trunkId) numberCount.set(n.trunkId, (numberCount.get(n.trunkId) ?? 0) + 1);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>SIP Trunks</Title>
        <Button variant="light" onClick={() => setEditing('new')}>
          Add SIP trunk
        </Button>
      </Group>
      {trunks === null && <Text c="dimmed">Loading SIP trunks…</Text>}
      {trunks?.length === 0 && <Text c="dimmed">No SIP trunks yet. Add your carrier’s trunk to place real calls from your numbers.</Text>}
      {trunks && trunks.length > 0 && (
        <Table striped aria-label="SIP trunks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Host</Table.Th>
              <Table.Th>Username</Table.Th>
              <Table.Th>Password</Table.Th>
              <Table.Th>Numbers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {trunks.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setEditing(t)}>
                    {t.name}
                  </Button>
                </Table.Td>
                <Table.Td>{`${t.host}:${t.port} (${t.transport.toUpperCase()})`}</Table.Td>
                <Table.Td>{t.username}</Table.Td>
                <Table.Td>{t.passwordSet ? '•••• stored' : 'None'}</Table.Td>
                <Table.Td>{numberCount.get(t.id) ?? 0}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {editing && <TrunkForm trunk={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
