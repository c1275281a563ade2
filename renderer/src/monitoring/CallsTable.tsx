import { Table, Text } from '@mantine/core';
import type { Call } from '../../../shared/campaigns/types';
import { formatTime, OUTCOME_LABEL } from './format';

function formatDuration(seconds: number | null): string {
  if (seconds == null) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

/** An ended call's outcome, with the provider's reason when it failed. */
function Outcome({ call }: { call: Call }) {
  if (!call.outcome) return <>—</>;
  if (call.outcome !== 'failed') return <>{OUTCOME_LABEL[call.outcome]}</>;
  return (
    <>
      {OUTCOME_LABEL.failed}
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {call.error ?? 'no reason given'}
      </Text>
    </>
  );
}

function CallRows({ calls, live }: { calls: Call[]; live: boolean }) {
  return calls.map((call) => (
    <Table.Tr key={call.id}>
      <Table.Td>{call.fromNumber}</Table.Td>
      <Table.Td>{call.toNumber}</Table.Td>
      <Table.Td>{live ? (call.answeredAt ? 'In progress' : 'Dialing') : <Outcome call={call} />}</Table.Td>
      <Table.Td>{formatTime(call.startedAt, undefined, true)}</Table.Td>
      {!live && <Table.Td>{formatTime(call.endedAt, undefined, true)}</Table.Td>}
      <Table.Td>{live ? `attempt ${call.attempt}` : formatDuration(call.durationSeconds)}</Table.Td>
    </Table.Tr>
  ));
}

/** Calls in progress (live) or recently ended. */
export function CallsTable({ label, calls, live }: { label: string; calls: Call[]; live: boolean }) {
  return (
    <Table striped aria-label={label} fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>From</Table.Th>
          <Table.Th>To</Table.Th>
          <Table.Th>Outcome</Table.Th>
          <Table.Th>Start</Table.Th>
          {!live && <Table.Th>End</Table.Th>}
          <Table.Th>{live ? 'Attempt' : 'Duration'}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        <CallRows calls={calls} live={live} />
      </Table.Tbody>
    </Table>
  );
}
