import { Button, Group, NumberInput, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import type { Campaign } from '../../../shared/campaigns/types';
import { api } from '../api/api';
import { timeZoneOptions } from '../common/options';
import { useSave } from '../common/useSave';

/** What the form edits; a cleared number field is '' and is sent as typed, for the server to name. */
type Editable = Pick<Campaign, 'callWindowStart' | 'callWindowEnd' | 'callWindowTimezone'> & { maxConcurrentCalls: number | string; maxAttemptsPerContact: number | string };

const editable = (c: Campaign): Editable => ({
  callWindowStart: c.callWindowStart,
  callWindowEnd: c.callWindowEnd,
  callWindowTimezone: c.callWindowTimezone,
  maxConcurrentCalls: c.maxConcurrentCalls,
  maxAttemptsPerContact: c.maxAttemptsPerContact,
});

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}{' '}
      </Text>
      {children}
    </Text>
  );
}

function SettingsForm({ campaign, onClose }: { campaign: Campaign; onClose(saved: boolean): void }) {
  const [form, setForm] = useState(() => editable(campaign));
  const set = (patch: Partial<Editable>) => setForm((f) => ({ ...f, ...patch }));
  const { errors, saving, submit } = useSave(
    () => api.invoke('campaigns.update', { id: campaign.id, ...form }),
    () => onClose(true),
  );
  return (
    <Paper withBorder p="sm" component="form" aria-label="Edit settings" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <SimpleGrid cols={5} spacing="sm">
        <TextInput type="time" label="Call Window Start" value={form.callWindowStart} onChange={(e) => set({ callWindowStart: e.currentTarget.value })} error={errors.callWindowStart} />
        <TextInput type="time" label="Call Window End" value={form.callWindowEnd} onChange={(e) => set({ callWindowEnd: e.currentTarget.value })} error={errors.callWindowEnd} />
        <Select label="Call Window Timezone" searchable limit={50} data={timeZoneOptions} value={form.callWindowTimezone} onChange={(v) => set({ callWindowTimezone: v ?? '' })} error={errors.callWindowTimezone} />
        <NumberInput label="Max Concurrent Calls" min={1} max={10} clampBehavior="none" value={form.maxConcurrentCalls} onChange={(v) => set({ maxConcurrentCalls: v })} error={errors.maxConcurrentCalls} />
        <NumberInput label="Max Attempts/Contact" min={1} clampBehavior="none" value={form.maxAttemptsPerContact} onChange={(v) => set({ maxAttemptsPerContact: v })} error={errors.maxAttemptsPerContact} />
      </SimpleGrid>
      <Group justify="flex-end" mt="sm" gap="xs">
        <Button variant="default" size="compact-sm" onClick={() => onClose(false)}>
          Discard changes
        </Button>
        <Button type="submit" size="compact-sm" loading={saving}>
          Save settings
        </Button>
      </Group>
    </Paper>
  );
}

/** The campaign's settings, read-only; a paused campaign can have them edited here. */
export function CampaignSettingsPanel({ campaign, onSaved }: { campaign: Campaign; onSaved(): void }) {
  const [editing, setEditing] = useState(false);
  const paused = campaign.status === 'paused';
  if (editing && paused) {
    return (
      <SettingsForm
        campaign={campaign}
        onClose={(saved) => {
          setEditing(false);
          if (saved) onSaved();
        }}
      />
    );
  }
  return (
    <Group gap="lg" justify="space-between" wrap="nowrap">
      <Group gap="lg" role="group" aria-label="Settings">
        <Fact label="Window">
          {campaign.callWindowStart}–{campaign.callWindowEnd}
        </Fact>
        <Fact label="Zone">
          {campaign.callWindowTimezone}
          {campaign.useContactTimezone ? ' (or each contact’s zone)' : ''}
        </Fact>
        <Fact label="Concurrency">{campaign.maxConcurrentCalls}</Fact>
        <Fact label="Attempts">{campaign.maxAttemptsPerContact}</Fact>
      </Group>
      {paused && (
        <Button variant="light" size="compact-sm" onClick={() => setEditing(true)}>
          Edit settings
        </Button>
      )}
    </Group>
  );
}
