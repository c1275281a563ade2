import { Badge, Box, Group, Paper, Stack, Text } from '@mantine/core';
import type { TranscriptTurn } from '../../../shared/calls/types';
import { formatDuration } from '../monitoring/format';

const SPEAKER_LABEL = { agent: 'Assistant', contact: 'Contact' } as const;

/** The conversation as it went: the assistant's turns on the left, the contact's on the right, each with its time from the answer. */
export function Transcript({ turns }: { turns: TranscriptTurn[] }) {
  if (turns.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nothing was said on this call, or it had no conversation.
      </Text>
    );
  }
  return (
    <Stack gap="xs" role="list" aria-label="Transcript">
      {turns.map((turn, i) => {
        const label = `${SPEAKER_LABEL[turn.speaker]} at ${formatDuration(turn.offsetMs / 1000)}${turn.interrupted ? ', interrupted' : ''}`;
        return (
          <Box key={i} role="listitem" aria-label={label} style={{ display: 'flex', justifyContent: turn.speaker === 'agent' ? 'flex-start' : 'flex-end' }}>
            <Paper withBorder p="xs" radius="md" maw="75%" bg={turn.speaker === 'agent' ? 'var(--mantine-color-blue-light)' : undefined}>
              <Group gap={6} mb={2}>
                <Text size="xs" fw={600}>
                  {SPEAKER_LABEL[turn.speaker]}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDuration(turn.offsetMs / 1000)}
                </Text>
                {turn.interrupted && (
                  <Badge size="xs" variant="default" tt="none" title="The other side spoke over this turn, so it was cut short">
                    interrupted
                  </Badge>
                )}
              </Group>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                {turn.text}
              </Text>
            </Paper>
          </Box>
        );
      })}
    </Stack>
  );
}
