import { Group, Paper, Progress, Stack, Text } from '@mantine/core';
import type { AmdDecisionKind } from '../../../shared/campaigns/amdSettings';
import type { CampaignDashboard } from '../../../shared/campaigns/types';
import { formatRate } from './format';

const PARTS: [decision: AmdDecisionKind, label: string, color: string][] = [
  ['human', 'People', 'teal.9'],
  ['machine', 'Machines', 'grape.9'],
  ['unknown', 'Unknown', 'gray.7'],
];

/** Answered calls by what answering-machine detection decided: counts, shares, and a bar of the split. */
export function MachinesVsPeople({ amd }: Pick<CampaignDashboard, 'amd'>) {
  const checked = amd.human + amd.machine + amd.unknown;
  const share = (n: number) => (checked ? n / checked : null);
  return (
    <Paper withBorder p="xs" radius="md" role="group" aria-label="Machines vs people" maw={420}>
      <Text size="xs" c="dimmed" fw={600}>
        Machines vs people
      </Text>
      <Stack gap={6}>
        <Progress.Root size="md" aria-hidden>
          {PARTS.map(([decision, label, color]) => (
            <Progress.Section key={decision} value={(share(amd[decision]) ?? 0) * 100} color={color} title={label} />
          ))}
        </Progress.Root>
        <Group gap="md" role="list" aria-label="Answered calls by detection">
          {PARTS.map(([decision, label]) => (
            <Text key={decision} size="sm" role="listitem" aria-label={`${label}: ${amd[decision]}`}>
              {label}{' '}
              <Text span fw={700}>
                {amd[decision].toLocaleString()}
              </Text>{' '}
              <Text span c="dimmed">
                ({formatRate(share(amd[decision]))})
              </Text>
            </Text>
          ))}
        </Group>
        <Text size="xs" c="dimmed">
          {checked ? `${checked.toLocaleString()} answered calls checked for an answering machine` : 'No answered call has been checked yet'}
        </Text>
      </Stack>
    </Paper>
  );
}
