import { Alert, Button, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import { LEGAL_CAUTION } from '../campaigns/ComplianceFields';
import { formatTime } from './format';

/** A part of the monitor's Edit settings form that a link can open it at. */
export type SettingsSection = 'window' | 'compliance';

type HeldBy = NonNullable<CampaignDashboard['heldBy']>;

const TITLE: Record<HeldBy, string> = {
  call_window: 'Dialing is held: outside the call window',
  legal_hours: 'Dialing is held: outside legal calling hours where the contacts are',
  retry: 'Waiting for retries',
};
const RESUME: Record<HeldBy, string> = { call_window: 'The window reopens', legal_hours: 'Legal calling hours open', retry: 'The next attempt is due' };

/** The setting behind a hold, and where in the form it is changed; a retry wait is no rule to change. */
const RULE: Partial<Record<HeldBy, { name: (c: Campaign) => ReactNode; section: SettingsSection }>> = {
  call_window: {
    name: (c) => (
      <>
        the call window, <strong>{`${c.callWindowStart}–${c.callWindowEnd}`}</strong> in {c.callWindowTimezone}
      </>
    ),
    section: 'window',
  },
  legal_hours: {
    name: () => (
      <>
        <strong>Legal calling hours</strong>, in the campaign’s Compliance settings
      </>
    ),
    section: 'compliance',
  },
};

interface Props {
  dashboard: CampaignDashboard;
  campaign: Campaign;
  /** Settings change only while paused: pauses the campaign and opens its settings at the rule. */
  onPauseToChange(section: SettingsSection): void;
}

/** Why a running campaign is not calling anyone right now, which rule holds it, and when it resumes (viewer's and campaign's time). */
export function HoldBanner({ dashboard, campaign, onPauseToChange }: Props) {
  if (!dashboard.heldBy) return null;
  const when = dashboard.heldUntil;
  const zone = campaign.callWindowTimezone;
  const resume = RESUME[dashboard.heldBy];
  const rule = RULE[dashboard.heldBy];
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
      {rule && (
        <Group gap="xs" mt={6}>
          <Text size="sm">Rule: {rule.name(campaign)}.</Text>
          <Button size="compact-xs" variant="white" color="dark" onClick={() => onPauseToChange(rule.section)}>
            Pause to change it
          </Button>
        </Group>
      )}
      {dashboard.heldBy === 'legal_hours' && (
        <Text size="xs" c="dimmed" mt={4}>
          {LEGAL_CAUTION}
        </Text>
      )}
    </Alert>
  );
}
