import { Alert, Text } from '@mantine/core';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import { formatTime } from './format';

const TITLE = {
  call_window: 'Dialing is held: outside the call window',
  legal_hours: 'Dialing is held: outside legal calling hours where the contacts are',
  retry: 'Waiting for retries',
} as const;
const RESUME = { call_window: 'The window reopens', legal_hours: 'Legal calling hours open', retry: 'The next attempt is due' } as const;

/** Why a running campaign is not calling anyone right now, and when it resumes (viewer's and campaign's time). */
export function HoldBanner({ dashboard, campaign }: { dashboard: CampaignDashboard; campaign: Campaign }) {
  if (!dashboard.heldBy) return null;
  const when = dashboard.heldUntil;
  const zone = campaign.callWindowTimezone;
  const resume = RESUME[dashboard.heldBy];
  return (
    <Alert color="yellow" variant="light" title={TITLE[dashboard.heldBy]} role="status">
      {when ? (
        <Text size="sm">
          {resume} at <strong>{formatTime(when)}</strong> your time ({formatTime(when, zone)} in {zone}).
        </Text>
      ) : (
        <Text size="sm">The call window never opens with these settings; pause the campaign and edit them.</Text>
      )}
      {dashboard.heldBy === 'call_window' && campaign.useContactTimezone && (
        <Text size="xs" c="dimmed">
          Contacts with their own time zone are called when the window opens where they are.
        </Text>
      )}
    </Alert>
  );
}
