import { Alert, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ApiKeyInfo } from '../../../shared/contract/apiKeyInfo';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { useSave } from '../common/useSave';
import { BackupsPanel } from './BackupsPanel';
import { PreferencesPanels } from './PreferencesPanels';
import { VoiceEnginePanel } from './VoiceEnginePanel';
import { WebhooksPanel } from './WebhooksPanel';

const formatTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : 'Never');

export function SettingsPage() {
  const [keys, setKeys] = useState<ApiKeyInfo[] | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ key: string; apiKey: ApiKeyInfo } | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyInfo | null>(null);

  const load = useCallback(() => api.invoke('apiKeys.list', {}).then(setKeys, showError), []);
  useEffect(() => void load(), [load]);

  const { errors, saving, submit } = useSave(
    () => api.invoke('apiKeys.create', { name }),
    (result) => {
      setCreated(result);
      setName('');
      void load();
    },
  );

  async function revoke(key: ApiKeyInfo) {
    try {
      await api.invoke('apiKeys.revoke', { id: key.id });
      setRevoking(null);
      await load();
    } catch (error) {
      showError(error);
    }
  }

  return (
    <Stack>
      <Title order={2}>Settings</Title>

      <PreferencesPanels />
      <VoiceEnginePanel />
      <WebhooksPanel />
      <BackupsPanel />

      <Paper withBorder p="md">
        <Stack>
          <Title order={3}>API keys</Title>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Group align="flex-start">
              <TextInput
                label="Key name"
                placeholder="e.g. CRM sync"
                w={320}
                value={name}
                error={errors.name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
              <Button type="submit" loading={saving} mt={25}>
                Create API key
              </Button>
            </Group>
          </form>
          {keys === null && <Text c="dimmed">Loading API keys…</Text>}
          {keys?.length === 0 && <Text c="dimmed">No API keys yet. Create one to let other tools use the local API.</Text>}
          {keys && keys.length > 0 && (
            <Table striped aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Key</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.map((k) => (
                  <Table.Tr key={k.id}>
                    <Table.Td>{k.name}</Table.Td>
                    <Table.Td>
                      <Code>{k.prefix}…</Code>
                    </Table.Td>
                    <Table.Td>{formatTime(k.createdAt)}</Table.Td>
                    <Table.Td>{formatTime(k.lastUsedAt)}</Table.Td>
                    <Table.Td>{k.revokedAt ? <Badge color="gray">Revoked</Badge> : <Badge color="green">Active</Badge>}</Table.Td>
                    <Table.Td>
                      {!k.revokedAt && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRevoking(k)}>
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Paper>

      {created && (
        <Modal opened onClose={() => setCreated(null)} title="API key created" size="lg" closeOnClickOutside={false}>
          <Stack>
            <Alert color="yellow" title="Copy it now">
              This key will not be shown again. Store it somewhere safe; if it is lost, revoke it and create a new one.
            </Alert>
            <Group gap="xs" wrap="nowrap" align="flex-end">
              <TextInput label="API key" description={`For “${created.apiKey.name}”`} readOnly value={created.key} style={{ flex: 1 }} styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} onFocus={(e) => e.currentTarget.select()} />
              <CopyButton value={created.key}>
                {({ copied, copy }) => (
                  <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
                    <Button color={copied ? 'teal' : undefined} onClick={copy}>
                      {copied ? 'Copied' : 'Copy key'}
                    </Button>
                  </Tooltip>
                )}
              </CopyButton>
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setCreated(null)}>
                Done
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}

      {revoking && (
        <Modal opened onClose={() => setRevoking(null)} title="Revoke API key">
          <Stack>
            <Text>
              Revoke “{revoking.name}”? Anything using it stops working at once. This cannot be undone.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevoking(null)}>
                Cancel
              </Button>
              <Button color="red" onClick={() => void revoke(revoking)}>
                Revoke key
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}
