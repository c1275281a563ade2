import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core';
import type { CallAnalysis, FieldValue } from '../../../shared/analysis/collect';

const STATE_LABEL: Record<CallAnalysis['state'], string> = { pending: 'Analysing…', done: 'Analysed', failed: 'Analysis failed' };

export const fieldText = (value: FieldValue) => (value === null ? '—' : typeof value === 'boolean' ? (value ? 'Yes' : 'No') : String(value));

/** What the post-call analysis made of the call: its state, the summary, whether it succeeded, and each field collected. */
export function CallAnalysisView({ analysis }: { analysis: CallAnalysis | null }) {
  if (!analysis) {
    return (
      <Text size="sm" c="dimmed">
        No analysis: the call has no conversation.
      </Text>
    );
  }
  const fields = Object.entries(analysis.fields);
  return (
    <Paper withBorder p="sm" radius="md">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="light" tt="none" color={analysis.state === 'failed' ? 'red' : analysis.state === 'done' ? 'teal' : 'gray'} aria-label="Analysis state">
            {STATE_LABEL[analysis.state]}
          </Badge>
          {analysis.success !== null && (
            <Badge variant="filled" tt="none" color={analysis.success ? 'teal.9' : 'orange.9'} aria-label="Success">
              {analysis.success ? 'Success' : 'Not a success'}
            </Badge>
          )}
        </Group>
        {analysis.error && (
          <Text size="sm" c="red.9" aria-label="Analysis error">
            {analysis.error}
            {analysis.state === 'failed' && ` (attempt ${analysis.attempts})`}
          </Text>
        )}
        {analysis.summary && (
          <Text size="sm" aria-label="Summary">
            {analysis.summary}
          </Text>
        )}
        {fields.length > 0 && (
          <Table aria-label="Collected fields" fz="sm" maw={520}>
            <Table.Tbody>
              {fields.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th w="40%">{key}</Table.Th>
                  <Table.Td>{fieldText(value)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
