import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { AnalysisResults as Results } from '../../../shared/analysis/results';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { Section } from '../common/Section';
import { wholeTicks } from './axisTicks';
import { formatRate } from './format';

/** The campaign's results, loaded again as its calls are analysed. */
function useResults(campaignId: string): Results | null {
  const [results, setResults] = useState<Results | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => api.invoke('campaigns.results', { id: campaignId }).then((r) => live && setResults(r), showError);
    void load();
    const off = api.on('calls.analyzed', (event) => {
      if (event.campaignId === campaignId) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [campaignId]);
  return results;
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder p="xs" radius="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

/** One enum field's values, counted over the analysed calls: a list for reading and a bar chart for seeing. */
function FieldCounts({ field }: { field: Results['fields'][number] }) {
  const ticks = wholeTicks(Math.max(0, ...field.values.map((v) => v.count)));
  return (
    <Stack gap={4} role="group" aria-label={`Results for ${field.key}`}>
      <Text size="sm" fw={600}>
        {field.key}
        {field.description && (
          <Text span size="xs" c="dimmed">
            {' '}
            — {field.description}
          </Text>
        )}
      </Text>
      <Group gap="md" role="list" aria-label={`${field.key} by value`}>
        {field.values.map((v) => (
          <Text key={v.value} size="sm" role="listitem" aria-label={`${v.value}: ${v.count}`}>
            {v.value}{' '}
            <Text span fw={700}>
              {v.count.toLocaleString()}
            </Text>
          </Text>
        ))}
      </Group>
      <BarChart
        h={160}
        data={field.values}
        dataKey="value"
        series={[{ name: 'count', label: 'Calls', color: 'teal.7' }]}
        tickLine="y"
        gridAxis="y"
        maxBarWidth={32}
        yAxisProps={{ allowDecimals: false, domain: [0, ticks[ticks.length - 1]], ticks, interval: 0 }}
        aria-label={`Calls by ${field.key}`}
        role="img"
      />
    </Stack>
  );
}

/** What the post-call analysis found across the campaign: how many calls were analysed, the success rate, each enum's values. */
export function AnalysisResults({ campaignId }: { campaignId: string }) {
  const results = useResults(campaignId);
  return (
    <Section title="Results">
      {!results ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : (
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs" maw={720}>
            <Figure label="Calls analysed" value={results.analysed.toLocaleString()} />
            <Figure label="Success rate" value={formatRate(results.successRate)} />
            <Figure label="Being analysed" value={results.pending.toLocaleString()} />
            <Figure label="Analysis failed" value={results.failed.toLocaleString()} />
          </SimpleGrid>
          {results.analysed === 0 && (
            <Text size="sm" c="dimmed">
              No call has been analysed yet: results appear as calls with a conversation end.
            </Text>
          )}
          {results.analysed > 0 && results.fields.map((field) => <FieldCounts key={field.key} field={field} />)}
        </Stack>
      )}
    </Section>
  );
}
