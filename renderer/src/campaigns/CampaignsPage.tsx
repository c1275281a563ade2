import { Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { DELETABLE, SETTINGS_EDITABLE } from '../../../shared/campaigns/lifecycle';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import { monitorPath } from '../app/navigation';
import { confirm } from '../common/confirm';
import { useLiveList } from '../common/useChannel';
import { CAMPAIGN_STATUS } from './campaignStatus';
import { CampaignDialog } from './CampaignDialog';
import { DuplicateDialog } from './DuplicateDialog';
import { campaignsStore, useCampaigns } from './useCampaigns';
import { formatRate } from '../monitoring/format';
import { RunButtons } from './RunButtons';
import { ScheduledStart } from './ScheduledStart';

function ProgressCell({ dashboard }: { dashboard: CampaignDashboard | undefined }) {
  if (!dashboard) return <Text c="dimmed">…</Text>;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {dashboard.finished.toLocaleString()} / {dashboard.total.toLocaleString()}
      </Text>
      <Progress value={(dashboard.completionRate ?? 0) * 100} size="sm" aria-label={`${formatRate(dashboard.completionRate)} done`} />
    </Stack>
  );
}

interface RowProps {
  campaign: Campaign;
  onEdit(campaign: Campaign): void;
  onDuplicate(campaign: Campaign): void;
}

function RowActions({ campaign, onEdit, onDuplicate }: RowProps) {
  const [busy, setBusy] = useState(false);
  const { remove } = campaignsStore.getState();
  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  const askAndDelete = async () => {
    const yes = await confirm({
      title: 'Delete campaign',
      message: `Delete the campaign "${campaign.name}"? Its contacts stay in the CRM.`,
      confirmLabel: 'Delete campaign',
      danger: true,
    });
    if (yes) await run(() => remove(campaign.id));
  };
  return (
    <Group gap={4}>
      <RunButtons campaignId={campaign.id} campaignName={campaign.name} status={campaign.status} />
      {SETTINGS_EDITABLE.includes(campaign.status) && (
        <Button size="compact-sm" variant="subtle" onClick={() => onEdit(campaign)}>
          Edit
        </Button>
      )}
      <Button size="compact-sm" variant="subtle" disabled={busy} onClick={() => onDuplicate(campaign)}>
        Duplicate
      </Button>
      {DELETABLE.includes(campaign.status) && (
        <Button size="compact-sm" variant="subtle" color="red" disabled={busy} onClick={() => void askAndDelete()}>
          Delete
        </Button>
      )}
    </Group>
  );
}

export function CampaignsPage() {
  const { result, dashboards, reload } = useCampaigns();
  const assistants = useLiveList('assistants.list', {}, ['assistant']);
  const assistantName = (id: string) => assistants?.find((a) => a.id === id)?.name ?? '…';
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Campaign | null>(null);
  const [duplicating, setDuplicating] = useState<Campaign | null>(null);
  useEffect(() => void reload(), [reload]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Campaigns</Title>
        <Button onClick={() => setCreating(true)}>New Campaign</Button>
      </Group>
      {result && result.total === 0 ? (
        <Text c="dimmed">No campaigns yet. Click New Campaign to choose an assistant, numbers and contacts to call.</Text>
      ) : (
        <Table striped highlightOnHover aria-label="Campaigns">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th w={120}>Status</Table.Th>
              <Table.Th>Assistant</Table.Th>
              <Table.Th w={130}>Progress</Table.Th>
              <Table.Th>Answer rate</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {result?.items.map((campaign) => {
              const dashboard = dashboards[campaign.id];
              const status = CAMPAIGN_STATUS[campaign.status];
              return (
                <Table.Tr key={campaign.id}>
                  <Table.Td>
                    {/* a draft's name opens it for editing; any other campaign's goes to its monitor's address */}
                    {campaign.status === 'draft' ? (
                      <Button variant="subtle" size="compact-sm" px={4} fw={500} onClick={() => setEditing(campaign)}>
                        {campaign.name}
                      </Button>
                    ) : (
                      <Button component={Link} href={monitorPath(campaign.id)} variant="subtle" size="compact-sm" px={4} fw={500}>
                        {campaign.name}
                      </Button>
                    )}
                    {campaign.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {campaign.description}
                      </Text>
                    )}
                    <ScheduledStart campaign={campaign} px={4} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={status.color} styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
                      {status.label}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{assistantName(campaign.assistantId)}</Table.Td>
                  <Table.Td>
                    <ProgressCell dashboard={dashboard} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{!dashboard ? '…' : dashboard.answerRate === null ? '—' : `${formatRate(dashboard.answerRate)} (${dashboard.answered} answered)`}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {new Date(campaign.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
                  </Table.Td>
                  <Table.Td>
                    <RowActions campaign={campaign} onEdit={setEditing} onDuplicate={setDuplicating} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {result && result.totalIsCapped === false && result.total > result.items.length && (
        <Text size="sm" c="dimmed">
          Showing the latest {result.items.length} of {result.total} campaigns.
        </Text>
      )}
      {creating && <CampaignDialog onClose={() => setCreating(false)} />}
      {editing && <CampaignDialog campaign={editing} onClose={() => setEditing(null)} />}
      {duplicating && <DuplicateDialog campaign={duplicating} onClose={() => setDuplicating(null)} />}
    </Stack>
  );
}
