import { Button, Checkbox, Group, NumberInput, PasswordInput, Select, SimpleGrid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { SIP_TRANSPORTS, type SipTrunkInfo } from '../../../shared/telephony/trunk';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { FormModal } from '../common/FormModal';
import { useSave } from '../common/useSave';

const TEXT_FIELDS = [
  ['name', 'Trunk name', 'Carrier'],
  ['host', 'Host', 'sip.carrier.example'],
  ['username', 'Username', ''],
  ['fromUser', 'From user', 'The calling number'],
  ['fromDomain', 'From domain', 'The host'],
] as const;
const NUMBER_FIELDS = [
  ['port', 'Port'],
  ['maxCallSeconds', 'Longest call (seconds)'],
  ['ringTimeoutSeconds', 'Ring timeout (seconds)'],
] as const;
const transportOptions = SIP_TRANSPORTS.map((value) => ({ value, label: value.toUpperCase() }));

type TextField = (typeof TEXT_FIELDS)[number][0];
type NumberField = (typeof NUMBER_FIELDS)[number][0];
type Draft = Record<TextField, string> & Record<NumberField, number | string> & { transport: SipTrunkInfo['transport']; password: string; clearPassword: boolean };

function draftOf(trunk?: SipTrunkInfo): Draft {
  return {
    name: trunk?.name ?? '',
    host: trunk?.host ?? '',
    username: trunk?.username ?? '',
    fromUser: trunk?.fromUser ?? '',
    fromDomain: trunk?.fromDomain ?? '',
    port: trunk?.port ?? 5060,
    maxCallSeconds: trunk?.maxCallSeconds ?? 3600,
    ringTimeoutSeconds: trunk?.ringTimeoutSeconds ?? 30,
    transport: trunk?.transport ?? 'udp',
    password: '',
    clearPassword: false,
  };
}

/** An emptied number box is sent as NaN, so main names the field rather than quietly keeping a value. */
const asNumber = (typed: number | string) => (typed === '' ? NaN : Number(typed));

/** The password is write-only: sent when typed, `null` to remove the stored one, left out to keep it. */
function passwordChange(draft: Draft): { password?: string | null } {
  if (draft.clearPassword) return { password: null };
  return draft.password ? { password: draft.password } : {};
}

interface Props {
  trunk?: SipTrunkInfo;
  onClose(): void;
}

export function TrunkForm({ trunk, onClose }: Props) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(trunk));
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const { errors, saving, submit } = useSave(() => {
    const { password: _typed, clearPassword: _clear, port, maxCallSeconds, ringTimeoutSeconds, ...text } = draft;
    const body = {
      ...text,
      port: asNumber(port),
      maxCallSeconds: asNumber(maxCallSeconds),
      ringTimeoutSeconds: asNumber(ringTimeoutSeconds),
      ...passwordChange(draft),
    };
    return trunk ? api.invoke('trunks.update', { id: trunk.id, ...body }) : api.invoke('trunks.create', body);
  }, onClose);

  async function remove() {
    if (!trunk || !window.confirm(`Delete the SIP trunk "${trunk.name}"?`)) return;
    await api.invoke('trunks.remove', { id: trunk.id }).then(onClose, showError);
  }

  return (
    <FormModal
      title={trunk ? `Edit ${trunk.name}` : 'Add SIP trunk'}
      submitLabel={trunk ? 'Save trunk' : 'Add trunk'}
      extraAction={
        trunk && (
          <Button color="red" variant="subtle" onClick={() => void remove()}>
            Delete trunk
          </Button>
        )
      }
      onClose={onClose}
      onSubmit={() => void submit()}
      saving={saving}
    >
      <SimpleGrid cols={2}>
        {TEXT_FIELDS.map(([key, label, placeholder]) => (
          <TextInput
            key={key}
            label={label}
            required={key === 'name' || key === 'host'}
            placeholder={placeholder}
            value={draft[key]}
            error={errors[key]}
            onChange={(e) => set({ [key]: e.currentTarget.value })}
          />
        ))}
        <Select
          label="Transport"
          data={transportOptions}
          allowDeselect={false}
          value={draft.transport}
          error={errors.transport}
          onChange={(value) => value && set({ transport: value as Draft['transport'] })}
        />
        {NUMBER_FIELDS.map(([key, label]) => (
          <NumberInput key={key} label={label} min={1} allowDecimal={false} value={draft[key]} error={errors[key]} onChange={(value) => set({ [key]: value })} />
        ))}
      </SimpleGrid>
      <Group align="flex-end" grow>
        {trunk?.passwordSet && (
          <div>
            <Text size="sm" fw={500}>
              Password
            </Text>
            <Text size="sm" c="dimmed">
              •••• stored
            </Text>
            <Checkbox mt="xs" label="Remove the stored password" checked={draft.clearPassword} onChange={(e) => set({ clearPassword: e.currentTarget.checked })} />
          </div>
        )}
        <PasswordInput
          label={trunk?.passwordSet ? 'Change password' : 'Password'}
          description={trunk?.passwordSet ? 'Leave empty to keep the stored one' : 'Stored on this machine and never shown again'}
          disabled={draft.clearPassword}
          value={draft.password}
          error={errors.password}
          onChange={(e) => set({ password: e.currentTarget.value })}
        />
      </Group>
    </FormModal>
  );
}
