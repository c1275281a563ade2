import { Anchor, Badge, Button, Code, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import type { CallDetail as Detail, ToolCall } from '../../../shared/calls/types';
import { monitorPath, PAGE_PATH } from '../app/navigation';
import { Section } from '../common/Section';
import { DetectionChip } from '../monitoring/CallsTable';
import { formatDuration, formatTime, OUTCOME_LABEL } from '../monitoring/format';
import { CallAnalysisView } from './CallAnalysisView';
import { Transcript } from './Transcript';
import { useCallDetail } from './useCallDetail';

function BackToCalls() {
  return (
    <Button component={Link} href={PAGE_PATH.Calls} variant="subtle" size="compact-sm" leftSection={<span aria-hidden>←</span>}>
      Back to calls
    </Button>
  );
}

/** One fact of the call: its name above, its value below. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function Facts({ call }: { call: Detail }) {
  return (
    <Paper withBorder p="sm" radius="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm" verticalSpacing="xs">
        <Fact label="Campaign">
          <Anchor component={Link} href={monitorPath(call.campaignId)} size="sm">
            {call.campaignName}
          </Anchor>
        </Fact>
        <Fact label="Contact">{call.contactName ?? '(deleted contact)'}</Fact>
        <Fact label="From">{call.fromNumber}</Fact>
        <Fact label="To">{call.toNumber}</Fact>
        <Fact label="Placed">{formatTime(call.startedAt, undefined, true)}</Fact>
        <Fact label="Answered">{call.answeredAt ? formatTime(call.answeredAt, undefined, true) : 'Not answered'}</Fact>
        <Fact label="Ended">{call.endedAt ? formatTime(call.endedAt, undefined, true) : 'Still going'}</Fact>
        <Fact label="Duration">{formatDuration(call.durationSeconds)}</Fact>
        <Fact label="Attempt">{call.attempt}</Fact>
        <Fact label="Voicemail detection">
          {call.amd ? (
            <>
              <DetectionChip amd={call.amd} /> after {(call.amd.ms / 1000).toFixed(1)} s
            </>
          ) : (
            'Did not run'
          )}
        </Fact>
        {call.error && <Fact label="Error">{call.error}</Fact>}
      </SimpleGrid>
    </Paper>
  );
}

function Tools({ tools }: { tools: ToolCall[] }) {
  if (tools.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        The assistant called no tools.
      </Text>
    );
  }
  return (
    <Table aria-label="Tools called" fz="sm" layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w="20%">Tool</Table.Th>
          <Table.Th>Arguments</Table.Th>
          <Table.Th w="18%">At</Table.Th>
          <Table.Th w="28%">Result</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {tools.map((tool, i) => (
          <Table.Tr key={i}>
            <Table.Td>{tool.name}</Table.Td>
            <Table.Td>
              <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {JSON.stringify(tool.arguments, null, 1)}
              </Code>
            </Table.Td>
            <Table.Td>{formatTime(tool.at, undefined, true)}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>{tool.result ?? '—'}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Everything kept of one call: what it was, when, what was said and done, and its recording. */
export function CallDetail({ callId }: { callId: string }) {
  const call = useCallDetail(callId);
  if (call === 'missing') {
    return (
      <Stack gap="sm" align="flex-start">
        <BackToCalls />
        <Title order={2}>No such call</Title>
        <Text c="dimmed">There is no call at this address: its campaign may have been deleted.</Text>
      </Stack>
    );
  }
  if (!call) return <BackToCalls />;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <BackToCalls />
        <Title order={2}>Call to {call.contactName ?? call.toNumber}</Title>
        <Badge variant="light" tt="none" size="lg">
          {call.outcome ? OUTCOME_LABEL[call.outcome] : 'In progress'}
        </Badge>
      </Group>
      <Facts call={call} />
      <Section title="Analysis">
        <CallAnalysisView analysis={call.analysis} />
      </Section>
      <Section title="Recording">
        {call.recording ? (
          // the url is a signed link for this window: an <audio> element cannot send the session's header
          <audio controls preload="metadata" src={call.recording.url} aria-label="Call recording" style={{ width: '100%' }} />
        ) : (
          <Text size="sm" c="dimmed">
            This call was not recorded.
          </Text>
        )}
      </Section>
      <Section title="Tools called">
        <Tools tools={call.tools} />
      </Section>
      <Section title="Transcript">
        <Transcript turns={call.transcript} />
      </Section>
    </Stack>
  );
}
