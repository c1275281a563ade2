import { Badge, Button, Code, Modal, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryStatus, WebhookDelivery, WebhookEndpoint } from '../../../shared/webhooks/types';
import { api } from '../api/api';
import { showError } from '../common/errors';

const STATUS_COLOR: Record<DeliveryStatus, string> = { pending: 'yellow', delivered: 'green', failed: 'red' };

/** An endpoint's delivery log, newest first: each event's status, attempts and last answer, with Resend. */
export function WebhookDeliveries({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const [deliveries, setDeliveries] = useState<WebhookDelivery[] | null>(null);
  const load = useCallback(() => api.invoke('webhooks.deliveries', { id: endpoint.id }).then(setDeliveries, showError), [endpoint.id]);
  useEffect(() => void load(), [load]);

  async function resend(delivery: WebhookDelivery) {
    try {
      await api.invoke('webhooks.resend', { id: endpoint.id, deliveryId: delivery.id });
      await load();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Modal opened onClose={onClose} title={`Deliveries to ${endpoint.url}`} size="xl">
      <Button size="xs" variant="default" mb="sm" onClick={() => void load()}>
        Refresh
      </Button>
      {deliveries?.length === 0 && <Text c="dimmed">Nothing sent yet.</Text>}
      {deliveries && deliveries.length > 0 && (
        <Table striped aria-label="Deliveries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Event</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Attempts</Table.Th>
              <Table.Th>Response</Table.Th>
              <Table.Th>Duration</Table.Th>
              <Table.Th>Error</Table.Th>
              <Table.Th>Updated</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td>
                  <Text size="sm">{d.type}</Text>
                  <Code>{d.eventId}</Code>
                </Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLOR[d.status]}>{d.status}</Badge>
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td>{d.lastStatusCode ?? '—'}</Table.Td>
                <Table.Td>{d.lastDurationMs === null ? '—' : `${d.lastDurationMs} ms`}</Table.Td>
                <Table.Td>
                  <Text size="xs">{d.lastError ?? ''}</Text>
                </Table.Td>
                <Table.Td>{new Date(d.updatedAt).toLocaleString()}</Table.Td>
                <Table.Td>
                  <Button size="xs" variant="subtle" onClick={() => void resend(d)}>
                    Resend
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Modal>
  );
}
