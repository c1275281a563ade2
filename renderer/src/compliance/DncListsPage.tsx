import { Alert, Button, FileInput, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DncImportResult, DncList } from '../../../shared/compliance/types';
import { api } from '../api/api';
import { confirm } from '../common/confirm';
import { fieldErrorsOrToast, showError } from '../common/errors';
import { downloadText } from '../common/download';
import { errorReportCsv } from '../contacts/errorReport';
import { countOf, NOUNS } from '../common/words';
import { DncListNumbers } from './DncListNumbers';

/** Team do-not-call lists: import a file of numbers, see what each list blocks and its numbers, add or remove one, delete a list. */
export function DncListsPage() {
  const [lists, setLists] = useState<DncList[] | null>(null);
  const [name, setName] = useState('Do not call');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<DncImportResult | null>(null);
  const [opened, setOpened] = useState<DncList | null>(null);

  const load = useCallback(() => api.invoke('dnc.lists', {}).then(setLists, showError), []);
  useEffect(() => void load(), [load]);

  async function runImport() {
    if (!file) return;
    setBusy(true);
    setErrors({});
    try {
      setResult(await api.invoke('dnc.import', { name, text: await file.text() }));
      await load();
    } catch (error) {
      setErrors(fieldErrorsOrToast(error));
    } finally {
      setBusy(false);
    }
  }

  async function remove(list: DncList) {
    const yes = await confirm({
      title: 'Delete DNC list',
      message: `Delete "${list.name}" and its ${countOf(list.numbers, NOUNS.number)}? Its numbers can be called again.`,
      confirmLabel: 'Delete list',
      danger: true,
    });
    if (!yes) return;
    await api.invoke('dnc.delete', { id: list.id }).catch(showError);
    await load();
  }

  return (
    <Stack>
      <Title order={2}>DNC Lists</Title>
      <Text c="dimmed" size="sm">
        Numbers on a list are never called by any campaign of the team: they are skipped at enrolment and checked again at the moment of dialing.
      </Text>
      <Group align="flex-end">
        <TextInput label="List name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <FileInput
          label="File of numbers"
          description="One number per line, or a CSV with a phone column"
          accept=".csv,.txt,text/csv,text/plain"
          placeholder="Choose a file"
          value={file}
          onChange={setFile}
          error={errors.text}
          w={280}
        />
        <Button disabled={!file} loading={busy} onClick={() => void runImport()}>
          Import numbers
        </Button>
      </Group>
      {result && (
        <Alert color={result.failed ? 'yellow' : 'green'} title={`Imported into "${result.list.name}"`}>
          <Text>
            {result.added.toLocaleString()} added, {result.alreadyListed.toLocaleString()} already listed, {result.duplicates.toLocaleString()} repeated in the file,{' '}
            {countOf(result.failed, NOUNS.row)} with errors.
          </Text>
          {result.errors.length > 0 && (
            <Button mt="sm" size="xs" variant="light" onClick={() => downloadText('dnc-import-errors.csv', errorReportCsv(result.errors))}>
              Download error report
            </Button>
          )}
        </Alert>
      )}
      {lists === null && <Text c="dimmed">Loading DNC lists…</Text>}
      {lists?.length === 0 && <Text c="dimmed">No DNC lists yet. Import a file of numbers to make one.</Text>}
      {lists && lists.length > 0 && (
        <Table striped aria-label="DNC lists">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Numbers</Table.Th>
              <Table.Th>Contacts blocked</Table.Th>
              <Table.Th>Campaign contacts skipped</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lists.map((list) => (
              <Table.Tr key={list.id}>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" onClick={() => setOpened(list)} aria-label={`Numbers on ${list.name}`}>
                    {list.name}
                  </Button>
                </Table.Td>
                <Table.Td>{list.numbers.toLocaleString()}</Table.Td>
                <Table.Td>{list.blockedContacts.toLocaleString()}</Table.Td>
                <Table.Td>{list.blockedEnrolments.toLocaleString()}</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" color="red" aria-label={`Delete ${list.name}`} onClick={() => void remove(list)}>
                    Delete
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {opened && <DncListNumbers list={opened} onChanged={() => void load()} onClose={() => setOpened(null)} />}
    </Stack>
  );
}
