import { Button, Fieldset, Group, NumberInput, Paper, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Campaign, CampaignDashboard } from '../../../shared/campaigns/types';
import { api } from '../api/api';
import { WindowNote } from '../campaigns/WindowNote';
import { ComplianceFields } from '../campaigns/ComplianceFields';
import { showError } from '../common/errors';
import { timeZoneOptions } from '../common/options';
import { useSave } from '../common/useSave';
import { HoldBanner, type SettingsSection } from './HoldBanner';

/** What the form edits; a cleared number field is '' and is sent as typed, for the server to name. */
type Editable = Pick<Campaign, 'callWindowStart' | 'callWindowEnd' | 'callWindowTimezone' | 'legalHoursGuard'> & {
  maxConcurrentCalls: number | string;
  maxAttemptsPerContact: number | string;
  /** '' = no campaign cap */
  rollingCapPer24h: number | string;
};

const editable = (c: Campaign): Editable => ({
  callWindowStart: c.callWindowStart,
  callWindowEnd: c.callWindowEnd,
  callWindowTimezone: c.callWindowTimezone,
  maxConcurrentCalls: c.maxConcurrentCalls,
  maxAttemptsPerContact: c.maxAttemptsPerContact,
  legalHoursGuard: c.legalHoursGuard,
  rollingCapPer24h: c.rollingCapPer24h ?? '',
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

/** The form, opened at `at` (scrolled into view, its first field focused) when a link asked for that part. */
function SettingsForm({ campaign, at, onClose }: { campaign: Campaign; at: SettingsSection | null; onClose(saved: boolean): void }) {
  const [form, setForm] = useState(() => editable(campaign));
  const set = (patch: Partial<Editable>) => setForm((f) => ({ ...f, ...patch }));
  const { errors, saving, submit } = useSave(
    () => api.invoke('campaigns.update', { id: campaign.id, ...form, rollingCapPer24h: form.rollingCapPer24h === '' ? null : form.rollingCapPer24h }),
    () => onClose(true),
  );
  const windowPart = useRef<HTMLInputElement>(null);
  const compliancePart = useRef<HTMLFieldSetElement>(null);
  useEffect(() => {
    const first = at === 'window' ? windowPart.current : at === 'compliance' ? compliancePart.current?.querySelector('input') : null;
    first?.scrollIntoView({ block: 'center' });
    first?.focus();
  }, [at]);
  return (
    <Paper withBorder p="sm" component="form" aria-label="Edit settings" onSubmit={(e) => (e.preventDefault(), void submit())}>
      <SimpleGrid cols={5} spacing="sm">
        <TextInput ref={windowPart} type="time" label="Call Window Start" value={form.callWindowStart} onChange={(e) => set({ callWindowStart: e.currentTarget.value })} error={errors.callWindowStart} />
        <TextInput type="time" label="Call Window End" value={form.callWindowEnd} onChange={(e) => set({ callWindowEnd: e.currentTarget.value })} error={errors.callWindowEnd} />
        <Select label="Call Window Timezone" searchable limit={50} data={timeZoneOptions} value={form.callWindowTimezone} onChange={(v) => set({ callWindowTimezone: v ?? '' })} error={errors.callWindowTimezone} />
        <NumberInput label="Max Concurrent Calls" min={1} max={10} clampBehavior="none" value={form.maxConcurrentCalls} onChange={(v) => set({ maxConcurrentCalls: v })} error={errors.maxConcurrentCalls} />
        <NumberInput label="Max Attempts/Contact" min={1} clampBehavior="none" value={form.maxAttemptsPerContact} onChange={(v) => set({ maxAttemptsPerContact: v })} error={errors.maxAttemptsPerContact} />
      </SimpleGrid>
      <WindowNote start={form.callWindowStart} end={form.callWindowEnd} />
      <Fieldset ref={compliancePart} legend="Compliance" mt="sm" p="sm">
        {/* the caution, when the guard is off, stands beside its checkbox */}
        <SimpleGrid cols={2} spacing="sm">
          <ComplianceFields values={form} onChange={set} errorFor={(field) => errors[field]} />
        </SimpleGrid>
      </Fieldset>
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

/**
 * The campaign's settings, read-only, and why dialing is held; a paused campaign can have them edited here, and
 * the held banner pauses a running one to open the form at the rule that holds it.
 */
export function CampaignSettingsPanel({ campaign, dashboard, onSaved }: { campaign: Campaign; dashboard: CampaignDashboard | null; onSaved(): void }) {
  // null: not editing; otherwise the part of the form asked for (null inside: the form as a whole)
  const [editing, setEditing] = useState<{ at: SettingsSection | null } | null>(null);
  const paused = campaign.status === 'paused';
  const pauseToChange = async (at: SettingsSection) => {
    try {
      await api.invoke('campaigns.run', { id: campaign.id, action: 'pause' });
      setEditing({ at });
      onSaved();
    } catch (error) {
      showError(error);
    }
  };
  return (
    <>
      {editing && paused ? (
        <SettingsForm
          campaign={campaign}
          at={editing.at}
          onClose={(saved) => {
            setEditing(null);
            if (saved) onSaved();
          }}
        />
      ) : (
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
            <Fact label="Legal hours">{campaign.legalHoursGuard ? 'on' : 'off'}</Fact>
            <Fact label="24-hour cap">{campaign.rollingCapPer24h === null ? 'none' : `${campaign.rollingCapPer24h} per number`}</Fact>
            <Fact label="Machine detection">{campaign.voicemailDetection ? `within ${campaign.amdMaxMs} ms` : 'off'}</Fact>
            <Fact label="Local caller ID">{campaign.localPresence ? 'on' : 'off'}</Fact>
          </Group>
          {paused && (
            <Button variant="light" size="compact-sm" onClick={() => setEditing({ at: null })}>
              Edit settings
            </Button>
          )}
        </Group>
      )}
      {dashboard && <HoldBanner dashboard={dashboard} campaign={campaign} onPauseToChange={(at) => void pauseToChange(at)} />}
    </>
  );
}
