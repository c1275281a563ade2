import { Alert, Badge, Button, Group, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'wouter';
import type { Campaign, CampaignStatus } from '../../../shared/campaigns/types';
import { PAGE_PATH } from '../app/navigation';
import { CampaignDialog } from '../campaigns/CampaignDialog';
import { CAMPAIGN_STATUS } from '../campaigns/campaignStatus';
import { RunButtons } from '../campaigns/RunButtons';
import { ScheduledStart } from '../campaigns/ScheduledStart';

// A paused campaign's settings are edited in place, under the header; these open the whole Edit Campaign dialog.
const DIALOG_EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled'];

export function BackToCampaigns() {
  return (
    <Button component={Link} href={PAGE_PATH.Campaigns} variant="subtle" size="compact-sm" leftSection={<span aria-hidden>←</span>}>
      Back to campaigns
    </Button>
  );
}

/** The monitor's title row: the way back, the name and status, and what can be done with the campaign now. */
export function MonitorHeader({ campaign, status, onChanged }: { campaign: Campaign | null; status: CampaignStatus | undefined; onChanged(): void }) {
  const [editing, setEditing] = useState(false);
  const badge = status ? CAMPAIGN_STATUS[status] : null;
  return (
    <>
      <Group justify="space-between" wrap="nowrap">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          <BackToCampaigns />
          <Title order={2} style={{ overflowWrap: 'anywhere' }}>
            {campaign?.name ?? '…'}
          </Title>
          {badge && (
            <Badge color={badge.color} styles={{ root: { overflow: 'visible' }, label: { overflow: 'visible' } }}>
              {badge.label}
            </Badge>
          )}
        </Group>
        {campaign && status && (
          <Group gap={4} wrap="nowrap">
            {DIALOG_EDITABLE.includes(status) && (
              <Button size="compact-sm" variant="light" onClick={() => setEditing(true)}>
                Edit
              </Button>
            )}
            <RunButtons campaignId={campaign.id} campaignName={campaign.name} status={status} onDone={onChanged} />
          </Group>
        )}
      </Group>
      {campaign?.status === 'scheduled' && (
        <Alert color="blue" variant="light" title="Scheduled: it starts by itself" role="status">
          <ScheduledStart campaign={campaign} size="sm" />
          <Text size="xs" c="dimmed">
            Start now to begin dialing at once, or Edit to change the time.
          </Text>
        </Alert>
      )}
      {editing && campaign && (
        <CampaignDialog
          campaign={campaign}
          onClose={() => {
            setEditing(false);
            onChanged();
          }}
        />
      )}
    </>
  );
}
