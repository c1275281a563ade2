import { Badge, Button, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { DELETABLE, SETTINGS_EDITABLE } from '../../../shared/campaigns/lifecycle';
import { RUN_ACTIONS } from '../../../shared/campaigns/schemas';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import { confirm } from '../common/confirm';
import { useLiveList } from '../common/useChannel';
import { CampaignMonitor } from '../monitoring/CampaignMonitor';
import { CAMPAIGN_STATUS } from './campaignStatus';
import { CampaignDialog } from './CampaignDialog';
import { campaignsStore, useCampaigns } from './useCampaigns';
import { RunButtons } from './RunButtons';

function ProgressCell({ dashboard }: { dashboard: CampaignDashboard | undefined }) {
  if (!dashboard) return <Text c="dimmed">…</Text>;
  const done = dashboard.completed + dashboard.failed + dashboard.skipped;
  const percent = dashboard.total === 0 ? 0 : (done / dashboard.total) * 100;
  return (
    <Stack gap={2}>
      <Text size="sm">
        {done.toLocaleString()} / {dashboard.total.toLocaleString()}
      </Text>
      <Progress value={percent} size="sm" aria-label={`${Math.round(percent)}% done`} />
    </Stack>
  );
}

// A paused campaign carries on with Resume; the play button would do the same.
const PAUSED_ACTIONS = RUN_ACTIONS.filter((action) => action !== 'start');

interface RowProps {
  campaign: Campaign;
  onEdit(campaign: Campaign): void;
}

function RowActions({ campaign, onEdit }: RowProps) {
  const [busy, setBusy] = useState(false);
  const { duplicate, remove } = campaignsStore.getState();
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
      <RunButtons campaignId={campaign.id} status={campaign.status} actions={campaign.status === 'paused' ? PAUSED_ACTIONS : RUN_ACTIONS} />
      {SETTINGS_EDITABLE.includes(campaign.status) && (
        <Button size="compact-sm" variant="subtle" onClick={() => onEdit(campaign)}>
          Edit
        </Button>
      )}
      <Button size="compact-sm" variant="subtle" disabled={busy} onClick={() => void run(() => duplicate(campaign.id))}>
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
  const [monitoring, setMonitoring] = useState<string | null>(null);
  useEffect(() => void reload(), [reload]);

  if (monitoring) {
    return (
      <CampaignMonitor
        campaignId={monitoring}
        onBack={() => {
          setMonitoring(null);
          void reload();
        }}
      />
    );
  }

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
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      px={4}
                      fw={500}
                      onClick={() => (campaign.status === 'draft' ? setEditing(campaign) : setMonitoring(campaign.id))}
                    >
                      {campaign.name}
                    </Button>
                    {campaign.description && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {campaign.description}
                      </Text>
                    )}
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
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dashboard ? `${Math.round(dashboard.answerRate * 100)}% (${dashboard.answered} answered)` : '…'}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {new Date(campaign.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}
                  </Table.Td>
                  <Table.Td>
                    <RowActions campaign={campaign} onEdit={setEditing} />
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
    </Stack>
  );
}
