import { Button, Group, Modal, Stack, Table, Text, TextInput } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { DncList, DncNumber } from '../../../shared/compliance/types';
import type { Page } from '../../../shared/crm/types';
import { api } from '../api/api';
import { fieldErrorsOrToast, showError } from '../common/errors';
import { ListPager } from '../common/ListPager';
import { NOUNS } from '../common/words';

const PAGE_SIZE = 50;

interface Props {
  list: DncList;
  /** Called after a number was added or removed, so the lists' counts follow. */
  onChanged(): void;
  onClose(): void;
}

/** One DNC list's numbers: find one, add a single number typed in any format, take one off. */
export function DncListNumbers({ list, onChanged, onClose }: Props) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [numbers, setNumbers] = useState<Page<DncNumber> | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [note, setNote] = useState<string | null>(null);

  const load = useCallback(
    () => api.invoke('dnc.numbers', { listId: list.id, search, limit: PAGE_SIZE, offset }).then(setNumbers, showError),
    [list.id, search, offset],
  );
  useEffect(() => void load(), [load]);

  async function add() {
    setNote(null);
    try {
      const { number, added } = await api.invoke('dnc.addNumber', { listId: list.id, number: typed });
      setError(undefined);
      setTyped('');
      setNote(added ? `${number} added.` : `${number} was already on the list.`);
      await load();
      onChanged();
    } catch (failure) {
      setError(fieldErrorsOrToast(failure).number);
    }
  }

  async function remove(number: string) {
    await api.invoke('dnc.removeNumber', { listId: list.id, number }).catch(showError);
    setNote(`${number} removed: it may be called again unless another list or the contact says no.`);
    await load();
    onChanged();
  }

  return (
    <Modal opened onClose={onClose} title={`Numbers on "${list.name}"`} size="lg">
      <Stack>
        <form onSubmit={(e) => (e.preventDefault(), void add())} noValidate>
          <Group align="flex-start">
            <TextInput label="Add a number" placeholder="(212) 555-0142" value={typed} error={error} onChange={(e) => setTyped(e.currentTarget.value)} w={260} />
            <Button type="submit" mt={25}>
              Add number
            </Button>
          </Group>
        </form>
        {note && (
          <Text size="sm" role="status">
            {note}
          </Text>
        )}
        <TextInput label="Find a number" placeholder="Digits" value={search} onChange={(e) => (setSearch(e.currentTarget.value), setOffset(0))} w={260} />
        {numbers?.total === 0 ? (
          <Text c="dimmed" size="sm">
            {search ? 'No number on this list matches.' : 'This list has no numbers yet.'}
          </Text>
        ) : (
          <Table striped aria-label={`Numbers on ${list.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>Added</Table.Th>
                <Table.Th aria-label="Actions" />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {numbers?.items.map((n) => (
                <Table.Tr key={n.number}>
                  <Table.Td>{n.number}</Table.Td>
                  <Table.Td>{new Date(n.addedAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Button size="compact-sm" variant="subtle" color="red" aria-label={`Remove ${n.number}`} onClick={() => void remove(n.number)}>
                      Remove
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {numbers && numbers.total > 0 && <ListPager {...numbers} noun={NOUNS.number} onOffset={setOffset} />}
      </Stack>
    </Modal>
  );
}
