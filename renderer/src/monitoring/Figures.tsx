import { Badge, Box, Group, Paper, Text } from '@mantine/core';
import type { CampaignDashboard } from '../../../shared/campaigns/types';
import { formatRate } from './format';

function Tile({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <Paper withBorder p="xs" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={600} lineClamp={1} title={label}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {detail && (
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      )}
    </Paper>
  );
}

/** The campaign's figures (shared/campaigns/kpis.ts); each rate names what it is a share of. */
export function Kpis({ d }: { d: CampaignDashboard }) {
  const count = (n: number) => n.toLocaleString();
  return (
    // seven counts, then the two rates, wider: each says what it is a share of
    <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr)) repeat(2, minmax(0, 1.45fr))', gap: 'var(--mantine-spacing-xs)' }}>
      <Tile label="Total" value={count(d.total)} />
      <Tile label="Pending" value={count(d.pending)} />
      <Tile label="Calling" value={count(d.calling)} />
      <Tile label="Completed" value={count(d.completed)} />
      <Tile label="Failed" value={count(d.failed)} />
      <Tile label="Skipped" value={count(d.skipped)} />
      <Tile label="Answered" value={count(d.answered)} />
      <Tile label="Answer rate" value={formatRate(d.answerRate)} detail={d.callsEnded ? `${count(d.answered)} of ${count(d.callsEnded)} ended calls` : 'no call has ended'} />
      <Tile
        label="Completion rate"
        value={formatRate(d.completionRate)}
        detail={d.total ? `${count(d.finished)} of ${count(d.total)} contacts done` : 'no contacts enrolled'}
      />
    </Box>
  );
}

/** Ended calls by outcome, and the contacts skipped because a do-not-call rule forbids calling them. */
export function Outcomes({ d }: { d: CampaignDashboard }) {
  const listed = d.skips.dnc_list;
  const items: [label: string, value: string, title?: string][] = [
    ['Answered', d.outcomes.answered.toLocaleString()],
    ['Transferred', d.outcomes.transferred.toLocaleString()],
    ['Voicemail', d.outcomes.voicemail.toLocaleString()],
    ['No answer', d.outcomes.no_answer.toLocaleString()],
    ['Busy', d.outcomes.busy.toLocaleString()],
    ['Invalid number', d.outcomes.invalid_number.toLocaleString()],
    ['Declined', d.outcomes.declined.toLocaleString()],
    [
      'Do-not-call skips',
      `${d.doNotCallSkips.toLocaleString()}${listed ? ` (${listed.toLocaleString()} on DNC lists)` : ''}`,
      'Contacts skipped for the do-not-call flag, the lead status "do not contact" or a team DNC list',
    ],
    ['Error', d.outcomes.failed.toLocaleString()],
  ];
  // calls we hung up before an answer (a cancel, a quit): listed when there are any, so the counts add up to the ended calls
  if (d.outcomes.cancelled) items.push(['Cancelled', d.outcomes.cancelled.toLocaleString()]);
  return (
    <Group gap="xs" role="list" aria-label="Outcomes">
      {items.map(([label, n, title]) => (
        <Badge key={label} role="listitem" variant="light" color="gray" size="lg" tt="none" aria-label={`${label}: ${n}`} title={title}>
          {label}: {n}
        </Badge>
      ))}
    </Group>
  );
}
