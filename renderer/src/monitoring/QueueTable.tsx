import { Table, Text } from '@mantine/core';
import type { CampaignContact, EnrolmentStatus } from '../../../shared/campaigns/types';
import { formatTime, OUTCOME_LABEL, SKIP_LABEL } from './format';
import { queueWhy } from './queueWhy';

const ENROLMENT_LABEL: Record<EnrolmentStatus, string> = {
  pending: 'Pending',
  calling: 'Calling',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
};

function statusText(c: CampaignContact): string {
  const status = ENROLMENT_LABEL[c.status];
  if (c.status === 'skipped' && c.skipReason) return `${status} · ${c.skipReason === 'dnc_list' && c.dncList ? `on DNC list "${c.dncList}"` : SKIP_LABEL[c.skipReason]}`;
  return c.lastOutcome ? `${status} · ${OUTCOME_LABEL[c.lastOutcome]}` : status;
}

function QueueRow({ c }: { c: CampaignContact }) {
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{`${c.firstName} ${c.lastName}`.trim()}</Table.Td>
      <Table.Td>{c.phone ?? '—'}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.timezone ?? '—'}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{statusText(c)}</Table.Td>
      <Table.Td>{c.attempts}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{queueWhy(c) ?? '—'}</Table.Td>
      <Table.Td>
        {c.nextAttemptAt ? (
          <>
            <Text size="sm">{formatTime(c.nextAttemptAt)}</Text>
            {c.timezone && (
              <Text size="xs" c="dimmed">
                {formatTime(c.nextAttemptAt, c.timezone)}
              </Text>
            )}
          </>
        ) : (
          '—'
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** A page of the campaign's queue: each contact's state, attempts, why it waits or failed, and its next attempt. */
export function QueueTable({ items }: { items: CampaignContact[] }) {
  return (
    <Table striped aria-label="Queue" fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Phone</Table.Th>
          <Table.Th>Local time zone</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th w={80}>Attempts</Table.Th>
          <Table.Th>Why</Table.Th>
          <Table.Th>Next attempt</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((c) => (
          <QueueRow key={c.contactId} c={c} />
        ))}
      </Table.Tbody>
    </Table>
  );
}
