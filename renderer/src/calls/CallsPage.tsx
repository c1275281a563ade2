import { Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { CallOutcome } from '../../../shared/campaigns/types';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { usePagedRows } from '../common/usePagedRows';
import { countOf, NOUNS } from '../common/words';
import { callsQueryOf, NO_FILTERS, OUTCOME_OPTIONS, SUCCESS_OPTIONS, type CallFilters } from './callFilters';
import { CallsList } from './CallsList';
import { ExportCallsMenu } from '../exports/ExportButtons';

/** The campaigns as select options (the newest 500; a list for picking, not for paging). */
function useCampaignOptions(): { value: string; label: string }[] {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  useEffect(() => {
    api.invoke('campaigns.list', { limit: 500 }).then((page) => setOptions(page.items.map((c) => ({ value: c.id, label: c.name }))), showError);
  }, []);
  return options;
}

/** A filter's clear button, named for what clearing it means and reachable from the keyboard (Mantine hides it from both). */
const clearButton = (label: string) => ({ 'aria-label': label, 'aria-hidden': false, tabIndex: 0 });

/** Every call of the workspace, filtered by campaign, outcome and day, each opening its detail. */
export function CallsPage() {
  const [filters, setFilters] = useState<CallFilters>(NO_FILTERS);
  const set = (patch: Partial<CallFilters>) => setFilters((current) => ({ ...current, ...patch }));
  const { query, errors } = useMemo(() => callsQueryOf(filters), [filters]);
  const rows = usePagedRows('calls.list', query);
  const campaigns = useCampaignOptions();

  return (
    <Stack gap="sm">
      <Title order={2}>Calls</Title>
      <Group align="flex-start" grow preventGrowOverflow={false}>
        <Select label="Campaign" placeholder="All campaigns" clearable clearButtonProps={clearButton('Any campaign')} searchable data={campaigns} value={filters.campaignId} onChange={(campaignId) => set({ campaignId })} />
        <Select label="Outcome" placeholder="Any outcome" clearable clearButtonProps={clearButton('Any outcome')} data={OUTCOME_OPTIONS} value={filters.outcome} onChange={(outcome) => set({ outcome: outcome as CallOutcome | null })} />
        <TextInput type="date" label="From" value={filters.fromDate} onChange={(e) => set({ fromDate: e.currentTarget.value })} />
        <TextInput type="date" label="To" value={filters.toDate} error={errors.toDate} onChange={(e) => set({ toDate: e.currentTarget.value })} />
      </Group>
      <Group align="flex-start" grow preventGrowOverflow={false}>
        <Select label="Analysis" placeholder="Any result" clearable clearButtonProps={clearButton('Any result')} data={SUCCESS_OPTIONS} value={filters.success} onChange={(success) => set({ success: success as CallFilters['success'] })} />
        <TextInput label="Field" placeholder="interest" value={filters.field} error={errors.field} onChange={(e) => set({ field: e.currentTarget.value })} />
        <TextInput label="Value" placeholder="qualified" value={filters.value} error={errors.value} onChange={(e) => set({ value: e.currentTarget.value })} />
      </Group>
      <ExportCallsMenu filters={query} />
      <Text size="sm" c="dimmed" aria-live="polite">
        {!query ? 'Fix the filters to see calls' : rows.ready ? `${countOf(rows.count, NOUNS.call, rows.capped)}, newest first` : 'Loading calls…'}
      </Text>
      <CallsList rows={rows} resetKey={JSON.stringify(query)} />
    </Stack>
  );
}
