import { Anchor, Badge, Table, Text } from '@mantine/core';
import type { AmdDecisionKind } from '../../../shared/campaigns/amdSettings';
import type { Call } from '../../../shared/campaigns/types';
import { Link } from 'wouter';
import { callPath } from '../app/navigation';
import { AMD_LABEL, formatDuration, formatTime, OUTCOME_LABEL } from './format';

const AMD_COLOR: Record<AmdDecisionKind, string> = { human: 'teal', machine: 'grape', unknown: 'gray' };

/** What answering-machine detection decided on the call, and when, as a chip beside its outcome. */
export function DetectionChip({ amd }: { amd: NonNullable<Call['amd']> }) {
  const beep = amd.beep === null ? '' : amd.beep ? '; the message followed the beep' : '; no beep, the message followed the silence';
  return (
    <Badge ml={6} size="sm" color={AMD_COLOR[amd.decision]} tt="none" title={`Decided after ${(amd.ms / 1000).toFixed(1)} s of audio${beep}`}>
      {AMD_LABEL[amd.decision]}
    </Badge>
  );
}

/** An ended call's outcome, with what detection decided and the provider's reason when it failed. */
function Outcome({ call }: { call: Call }) {
  if (!call.outcome) return <>—</>;
  if (call.outcome !== 'failed') {
    return (
      <>
        {OUTCOME_LABEL[call.outcome]}
        {call.amd && <DetectionChip amd={call.amd} />}
      </>
    );
  }
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
      <Table.Td>
        {/* an ended call opens its detail: the transcript, the tools called, the recording */}
        {live ? formatTime(call.startedAt, undefined, true) : <Anchor component={Link} href={callPath(call.id)} size="sm">{formatTime(call.startedAt, undefined, true)}</Anchor>}
      </Table.Td>
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
