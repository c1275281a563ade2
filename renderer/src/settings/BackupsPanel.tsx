import { Button, Code, Group, NumberInput, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo, BackupKind, BackupList } from '../../../shared/contract/backupInfo';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { showError } from '../common/errors';
import { useSave } from '../common/useSave';
import { formatTime } from '../monitoring/format';
import { useAppSettings } from './settingsStore';

const KIND_LABEL: Record<BackupKind, string> = {
  daily: 'Daily',
  manual: 'Backed up by hand',
  'before-upgrade': 'Before an upgrade',
  'before-restore': 'Before a restore',
};

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024)).toLocaleString()} KB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** How many backups are kept; applies from the next backup on. */
function KeepSetting({ keep }: { keep: number }) {
  const update = useAppSettings((s) => s.update);
  const [value, setValue] = useState<number | string>(keep);
  const [saved, setSaved] = useState(false);
  useEffect(() => setValue(keep), [keep]);
  // an empty or fractional entry goes to main as typed, which names what is wrong with it
  const { errors, saving, submit } = useSave(() => update({ backups: { keep: value as number } }), () => setSaved(true));
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Group align="flex-end" gap="sm">
        <NumberInput label="Backups to keep" description="The oldest go when a new one is made (1–365)." w={300} min={1} max={365} allowDecimal={false} clampBehavior="none" value={value} error={errors['backups.keep']} onChange={(v) => (setValue(v), setSaved(false))} />
        <Button type="submit" variant="light" loading={saving}>
          Save number to keep
        </Button>
        {saved && (
          <Text size="sm" c="teal" role="status" pb={8}>
            Saved.
          </Text>
        )}
      </Group>
    </form>
  );
}

/**
 * The workspace's backups: made every day while Dialwell runs, before a database upgrade, and on request;
 * any of them can be put back in the workspace's place.
 */
export function BackupsPanel() {
  const keep = useAppSettings((s) => s.settings?.backups.keep);
  const [list, setList] = useState<BackupList | null>(null);
  const [backingUp, setBackingUp] = useState(false);
  const [restoring, setRestoring] = useState<string | null>(null);

  const load = useCallback(() => api.invoke('backups.list', {}).then(setList, showError), []);
  useEffect(() => void load(), [load]);

  async function backUpNow() {
    setBackingUp(true);
    try {
      await api.invoke('backups.create', {});
      await load();
    } catch (error) {
      showError(error);
    } finally {
      setBackingUp(false);
    }
  }

  async function restore(backup: BackupInfo) {
    const yes = await confirm({
      title: 'Restore this backup?',
      message: `The workspace goes back to how it was on ${formatTime(backup.createdAt)}: everything changed since is replaced, and calls in progress are ended. A backup of the workspace as it is now is made first, so you can go back to it.`,
      confirmLabel: 'Restore backup',
      danger: true,
    });
    if (!yes) return;
    setRestoring(backup.id);
    try {
      await api.invoke('backups.restore', { id: backup.id });
      // every page and list shows the workspace it loaded; start over on the restored one
      window.location.reload();
    } catch (error) {
      showError(error);
      setRestoring(null);
      await load();
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-label="Backups">
      <Stack gap="sm">
        <Title order={3}>Backups</Title>
        {list?.folder === null ? (
          <Text c="dimmed">This workspace is kept in memory only, so it has no backups.</Text>
        ) : (
          <>
            <Text>
              Dialwell backs up this workspace every day while it runs, and before it upgrades the database.
              {list && (
                <>
                  {' '}
                  Backups are kept in <Code>{list.folder}</Code>.
                </>
              )}
            </Text>
            <Group>
              <Button onClick={() => void backUpNow()} loading={backingUp}>
                Back up now
              </Button>
            </Group>
            {keep !== undefined && <KeepSetting keep={keep} />}
            {list === null && <Text c="dimmed">Loading backups…</Text>}
            {list?.backups.length === 0 && <Text c="dimmed">No backups yet.</Text>}
            {list && list.backups.length > 0 && (
              <Table striped aria-label="Backups">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Made</Table.Th>
                    <Table.Th>Why</Table.Th>
                    <Table.Th>Size</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.backups.map((backup) => (
                    <Table.Tr key={backup.id}>
                      <Table.Td title={backup.id}>{formatTime(backup.createdAt)}</Table.Td>
                      <Table.Td>{KIND_LABEL[backup.kind]}</Table.Td>
                      <Table.Td>{formatSize(backup.sizeBytes)}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="subtle" color="red" aria-label={`Restore the backup of ${formatTime(backup.createdAt)}`} loading={restoring === backup.id} disabled={restoring !== null} onClick={() => void restore(backup)}>
                          Restore
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
