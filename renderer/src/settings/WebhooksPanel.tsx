import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { WebhookEndpoint, WebhookWithSecret } from '../../../shared/webhooks/types';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { showError } from '../common/errors';
import { Panel } from './Panel';
import { SecretShownOnce } from './SecretShownOnce';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookForm, type WebhookFormValues } from './WebhookForm';

/** What is open over the list: one dialog at a time. */
type Dialog =
  | { kind: 'add' }
  | { kind: 'edit' | 'deliveries'; endpoint: WebhookEndpoint }
  | { kind: 'secret'; shown: WebhookWithSecret };

function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.enabled) return <Badge color="green">Enabled</Badge>;
  if (!endpoint.disabledReason) return <Badge color="gray">Disabled</Badge>;
  return (
    <Stack gap={2}>
      <Badge color="red">Turned off</Badge>
      <Text size="xs">{endpoint.disabledReason}</Text>
    </Stack>
  );
}

/**
 * Webhook endpoints: where results leave the app. Each gets the events it subscribed to, signed with its
 * secret, which is shown once when the endpoint is added and once on each rotation.
 */
export function WebhooksPanel() {
  const [endpoints, setEndpoints] = useState<WebhookEndpoint[] | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const load = useCallback(() => api.invoke('webhooks.list', {}).then(setEndpoints, showError), []);
  useEffect(() => void load(), [load]);
  // the app turning an endpoint off changes its status here
  useEffect(() => api.on('webhooks.endpointDisabled', () => void load()), [load]);
  const close = () => setDialog(null);

  async function act<T>(run: () => Promise<T>, then: (value: T) => void = close) {
    try {
      then(await run());
      await load();
    } catch (error) {
      showError(error);
    }
  }
  const showSecret = (shown: WebhookWithSecret) => setDialog({ kind: 'secret', shown });

  const add = async ({ url, events }: WebhookFormValues) => showSecret(await api.invoke('webhooks.create', { url, events }).finally(() => void load()));
  const edit = (id: string) => async (values: WebhookFormValues) => void (await api.invoke('webhooks.update', { id, ...values }).finally(() => void load()));
  async function remove(endpoint: WebhookEndpoint) {
    const message = `Delete the webhook to ${endpoint.url} and its delivery log? Nothing more is sent to it.`;
    if (await confirm({ title: 'Delete webhook', message, confirmLabel: 'Delete webhook', danger: true })) await act(() => api.invoke('webhooks.delete', { id: endpoint.id }));
  }

  return (
    <Panel title="Webhooks">
      <Text size="sm" c="dimmed">
        Dialwell sends call, campaign and opt-out events to these URLs, signed per the Standard Webhooks spec.
      </Text>
      <Group>
        <Button onClick={() => setDialog({ kind: 'add' })}>Add webhook</Button>
      </Group>
      {endpoints?.length === 0 && <Text c="dimmed">No webhooks yet.</Text>}
      {endpoints && endpoints.length > 0 && (
        <Table striped aria-label="Webhooks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>URL</Table.Th>
              <Table.Th>Events</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {endpoints.map((endpoint) => (
              <Table.Tr key={endpoint.id}>
                <Table.Td>{endpoint.url}</Table.Td>
                <Table.Td>
                  <Text size="xs">{endpoint.events.join(', ')}</Text>
                </Table.Td>
                <Table.Td>
                  <EndpointStatus endpoint={endpoint} />
                </Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'deliveries', endpoint })}>
                      Deliveries
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => setDialog({ kind: 'edit', endpoint })}>
                      Edit
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => void act(() => api.invoke('webhooks.update', { id: endpoint.id, enabled: !endpoint.enabled }))}>
                      {endpoint.enabled ? 'Disable' : 'Enable'}
                    </Button>
                    <Button size="xs" variant="subtle" onClick={() => void act(() => api.invoke('webhooks.rotateSecret', { id: endpoint.id }), showSecret)}>
                      Rotate secret
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => void remove(endpoint)}>
                      Delete
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      {dialog?.kind === 'add' && <WebhookForm save={add} onClose={() => setDialog((d) => (d?.kind === 'add' ? null : d))} />}
      {dialog?.kind === 'edit' && <WebhookForm editing={dialog.endpoint} save={edit(dialog.endpoint.id)} onClose={close} />}
      {dialog?.kind === 'deliveries' && <WebhookDeliveries endpoint={dialog.endpoint} onClose={close} />}
      {dialog?.kind === 'secret' && <SecretShownOnce title="Webhook signing secret" label={`Secret for ${dialog.shown.webhook.url}`} secret={dialog.shown.secret} onClose={close} />}
    </Panel>
  );
}
