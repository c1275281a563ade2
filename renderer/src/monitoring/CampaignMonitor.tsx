import { Badge, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import type { Call, CampaignContact, CampaignDashboard, EnrolmentStatus } from '../../../shared/campaigns/types';
import { CAMPAIGN_STATUS } from '../campaigns/campaignStatus';
import { RunButtons } from '../campaigns/RunButtons';
import { api } from '../api/api';
import { downloadText } from '../common/download';
import { showError } from '../common/errors';
import { ListPager } from '../common/ListPager';
import { CallsChart } from './CallsChart';
import { CampaignSettingsPanel } from './CampaignSettingsPanel';
import { formatTime, OUTCOME_LABEL } from './format';
import { HoldBanner } from './HoldBanner';
import { QUEUE_PAGE_SIZE, useMonitor } from './monitorStore';

const ENROLMENT_LABEL: Record<EnrolmentStatus, string> = {
  pending: 'Pending',
  calling: 'Calling',
  completed: 'Completed',
  failed: 'Failed',
  skipped: 'Skipped',
};

const SKIP_LABEL = { no_phone: 'no phone', do_not_call: 'do not call', do_not_contact: 'do not contact', no_common_window: 'call windows never overlap', no_legal_window: 'window outside legal hours', dnc_list: 'on a DNC list' } as const;

const percent = (rate: number) => `${Math.round(rate * 100)}%`;

function formatDuration(seconds: number | null): string {
  if (seconds == null) return '—';
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return `${m}:${String(s).padStart(2, '0')}`;
}

function Tile({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function Kpis({ d }: { d: CampaignDashboard }) {
  return (
    <SimpleGrid cols={7} spacing="xs">
      <Tile label="Total" value={d.total.toLocaleString()} />
      <Tile label="Pending" value={d.pending.toLocaleString()} />
      <Tile label="Calling" value={d.calling.toLocaleString()} />
      <Tile label="Completed" value={d.completed.toLocaleString()} />
      <Tile label="Answered" value={d.answered.toLocaleString()} />
      <Tile label="Answer rate" value={percent(d.answerRate)} />
      <Tile label="Completion rate" value={percent(d.completionRate)} />
    </SimpleGrid>
  );
}

function Outcomes({ d }: { d: CampaignDashboard }) {
  const items: [string, number][] = [
    ['Answered', d.outcomes.answered],
    ['Voicemail', d.outcomes.voicemail],
    ['No answer', d.outcomes.no_answer],
    ['Busy', d.outcomes.busy],
    ['Invalid number', d.outcomes.invalid_number],
    ['Declined', d.outcomes.declined],
    ['Do-not-call skips', d.skips.do_not_call],
    ['Error', d.outcomes.failed],
  ];
  return (
    <Group gap="xs" role="list" aria-label="Outcomes">
      {items.map(([label, n]) => (
        <Badge key={label} role="listitem" variant="light" color="gray" size="lg" tt="none" aria-label={`${label}: ${n}`}>
          {label}: {n.toLocaleString()}
        </Badge>
      ))}
    </Group>
  );
}

function CallRows({ calls, live }: { calls: Call[]; live: boolean }) {
  return calls.map((call) => (
    <Table.Tr key={call.id}>
      <Table.Td>{call.fromNumber}</Table.Td>
      <Table.Td>{call.toNumber}</Table.Td>
      <Table.Td>{call.outcome ? OUTCOME_LABEL[call.outcome] : live ? (call.answeredAt ? 'In progress' : 'Dialing') : '—'}</Table.Td>
      <Table.Td>{formatTime(call.startedAt, undefined, true)}</Table.Td>
      {!live && <Table.Td>{formatTime(call.endedAt, undefined, true)}</Table.Td>}
      <Table.Td>{live ? `attempt ${call.attempt}` : formatDuration(call.durationSeconds)}</Table.Td>
    </Table.Tr>
  ));
}

function CallsTable({ label, calls, live }: { label: string; calls: Call[]; live: boolean }) {
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

/** Why a contact is skipped or waiting, from its latest compliance decision (a hold that has passed says nothing). */
function why(c: CampaignContact): string | null {
  const d = c.lastDecision;
  if (!d || d.kind === 'setting') return null;
  if (d.kind === 'skip') return c.status === 'skipped' ? d.reason : null;
  return c.status === 'pending' && d.until !== null && c.nextAttemptAt === d.until ? d.reason : null;
}

/** Every skip and hold of the campaign with its reason, as a CSV file. */
async function downloadDecisions(campaignId: string): Promise<void> {
  await api.invoke('compliance.decisionsCsv', { id: campaignId }).then(({ csv }) => downloadText(`decisions-${campaignId}.csv`, csv), showError);
}

function QueueRow({ c }: { c: CampaignContact }) {
  const status = ENROLMENT_LABEL[c.status];
  const detail = c.status === 'skipped' && c.skipReason ? SKIP_LABEL[c.skipReason] : c.lastOutcome ? OUTCOME_LABEL[c.lastOutcome] : null;
  return (
    <Table.Tr>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{`${c.firstName} ${c.lastName}`.trim()}</Table.Td>
      <Table.Td>{c.phone ?? '—'}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{c.timezone ?? '—'}</Table.Td>
      <Table.Td>{detail ? `${status} · ${detail}` : status}</Table.Td>
      <Table.Td>{c.attempts}</Table.Td>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{why(c) ?? '—'}</Table.Td>
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

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-label={title}>
      <Title order={4}>{title}</Title>
      {children}
    </Stack>
  );
}

export function CampaignMonitor({ campaignId, onBack }: { campaignId: string; onBack(): void }) {
  const { campaign, dashboard, series, queue, queueOffset, open, close, setQueueOffset, reload } = useMonitor();

  useEffect(() => {
    open(campaignId);
    return () => close();
  }, [campaignId, open, close]);

  const status = dashboard?.status ?? campaign?.status;
  const badge = status ? CAMPAIGN_STATUS[status] : null;
  const endedCalls = dashboard ? Object.values(dashboard.outcomes).reduce((a, b) => a + b, 0) : 0;

  return (
    <Stack gap="md" maw="100%" style={{ minWidth: 0 }}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <Button variant="subtle" size="compact-sm" onClick={onBack} leftSection={<span aria-hidden>←</span>}>
            Back to campaigns
          </Button>
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {campaign?.name ?? '…'}
          </Title>
          {badge && (
            <Badge color={badge.color} styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
              {badge.label}
            </Badge>
          )}
        </Group>
        <Group gap={4} wrap="nowrap">
          {status && <RunButtons campaignId={campaignId} status={status} actions={['pause', 'resume', 'cancel']} onDone={reload} />}
        </Group>
      </Group>

      {campaign && <CampaignSettingsPanel campaign={campaign} onSaved={reload} />}
      {campaign && dashboard && <HoldBanner dashboard={dashboard} campaign={campaign} />}

      {!dashboard ? (
        <Text c="dimmed">Loading…</Text>
      ) : (
        <>
          <Kpis d={dashboard} />
          <Outcomes d={dashboard} />
          <Section title="Calls over time">{series && <CallsChart series={series} />}</Section>
          <Section title="Calls in progress">
            {dashboard.callsInProgress.length === 0 ? (
              <Text size="sm" c="dimmed">
                No calls in progress.
              </Text>
            ) : (
              <CallsTable label="Calls in progress" calls={dashboard.callsInProgress} live />
            )}
          </Section>
          <Section title="Recent calls">
            {dashboard.recentCalls.length === 0 ? (
              <Text size="sm" c="dimmed">
                No calls have ended yet.
              </Text>
            ) : (
              <>
                <Text size="sm" c="dimmed" aria-label="Ended calls">
                  Latest {dashboard.recentCalls.length} of {endedCalls.toLocaleString()} ended calls
                </Text>
                <CallsTable label="Recent calls" calls={dashboard.recentCalls} live={false} />
              </>
            )}
          </Section>
          <Section title="Queue">
            {campaign && (
              <Group justify="flex-end">
                <Button size="xs" variant="light" onClick={() => void downloadDecisions(campaign.id)}>
                  Download compliance decisions (CSV)
                </Button>
              </Group>
            )}
            {queue && queue.total === 0 ? (
              <Text size="sm" c="dimmed">
                No contacts are enrolled in this campaign.
              </Text>
            ) : (
              <>
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
                    {queue?.items.map((c) => (
                      <QueueRow key={c.contactId} c={c} />
                    ))}
                  </Table.Tbody>
                </Table>
                {queue && (
                  <ListPager
                    total={queue.total}
                    totalIsCapped={queue.totalIsCapped}
                    limit={QUEUE_PAGE_SIZE}
                    offset={queueOffset}
                    noun="contacts"
                    onOffset={setQueueOffset}
                  />
                )}
              </>
            )}
          </Section>
        </>
      )}
    </Stack>
  );
}
