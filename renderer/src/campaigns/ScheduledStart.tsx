import { Text, type TextProps } from '@mantine/core';
import type { Campaign } from '../../../shared/campaigns/types';
import { formatTime } from '../monitoring/format';

/**
 * When a scheduled campaign starts by itself: in its window's zone, in which Schedule Start was typed, and in the
 * viewer's, which may differ. Nothing for a campaign that is not waiting for its start.
 */
export function ScheduledStart({ campaign, ...text }: { campaign: Pick<Campaign, 'status' | 'scheduledStartAt' | 'callWindowTimezone'> } & TextProps) {
  const at = campaign.scheduledStartAt;
  if (campaign.status !== 'scheduled' || !at) return null;
  const zone = campaign.callWindowTimezone;
  return (
    <Text size="xs" {...text} role="note" aria-label="Scheduled start">
      Starts {formatTime(at, zone)} in {zone}
      <Text span c="dimmed" inherit>
        {' '}
        ({formatTime(at)} your time)
      </Text>
    </Text>
  );
}
