import { Button, Code, Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { showError } from '../common/errors';
import { useSave } from '../common/useSave';
import type { RunningApp } from '../../../shared/contract/channels';
import { Panel } from './Panel';
import { type AppSettings, useAppSettings } from './settingsStore';

const NEXT_START = 'Applies the next time Dialwell starts.';

/** One saved number with its own Save button; main's field error (at `field`) shows under it. */
function NumberSetting(props: { label: string; saveLabel: string; description: string; field: string; value: number; min: number; max: number; step?: number; save(value: number | string): Promise<unknown> }) {
  const [value, setValue] = useState<number | string>(props.value);
  const [saved, setSaved] = useState(false);
  useEffect(() => setValue(props.value), [props.value]);
  const { errors, saving, submit } = useSave(() => props.save(value), () => setSaved(true));
  return (
    <form onSubmit={(e) => (e.preventDefault(), void submit())}>
      <Group align="flex-start" gap="sm">
        <NumberInput
          label={props.label}
          description={props.description}
          w={360}
          min={props.min}
          max={props.max}
          step={props.step}
          allowDecimal={false}
          clampBehavior="none"
          value={value}
          error={errors[props.field]}
          onChange={(v) => (setValue(v), setSaved(false))}
        />
        <Button type="submit" variant="light" loading={saving} mt={46}>
          {props.saveLabel}
        </Button>
        {saved && (
          <Text size="sm" c="teal" mt={52} role="status">
            Saved. {NEXT_START}
          </Text>
        )}
      </Group>
    </form>
  );
}

const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

function ThemePanel({ settings }: { settings: AppSettings }) {
  const update = useAppSettings((s) => s.update);
  return (
    <Panel title="Appearance">
      <Stack gap={2}>
        <Text size="sm" fw={500} id="theme-label">
          Theme
        </Text>
        <Text size="xs" c="dimmed">
          Applies at once. System follows your computer’s light or dark mode.
        </Text>
      </Stack>
      <SegmentedControl
        aria-labelledby="theme-label"
        w={360}
        data={THEMES}
        value={settings.theme}
        onChange={(theme) => void update({ theme }).catch(showError)}
      />
    </Panel>
  );
}

/** The desktop app serves the REST API on the port it started with; the headless host on this page's own origin. */
function localApiAddress(running: RunningApp): string {
  return running.apiPort === null ? `${window.location.origin}/api/` : `http://127.0.0.1:${running.apiPort}`;
}

/** "In force now: 60, set by --time-scale on the command line", when the value in force is not the saved one. */
function InForce({ value, saved, flag }: { value: number; saved: number; /** The command-line flag that set it, if one did. */ flag?: string }) {
  if (!flag && value === saved) return null;
  return (
    <Text size="sm" role="note">
      In force now: <b>{value.toLocaleString()}</b>
      {flag ? `, set by ${flag} on the command line. The saved value applies when the host starts without it.` : '. The saved value applies the next time Dialwell starts.'}
    </Text>
  );
}

/** Theme (applied at once), the desktop API port and the telephony defaults (applied on the next start), and what is in force now. */
export function PreferencesPanels() {
  const { settings, running, update } = useAppSettings();
  if (!settings || !running) return <Text c="dimmed">Loading settings…</Text>;
  return (
    <>
      <ThemePanel settings={settings} />
      <Panel title="Local API">
        <Text>
          The REST API listens at <Code>{localApiAddress(running)}</Code>. Send an API key as <Code>Authorization: Bearer &lt;key&gt;</Code>.
        </Text>
        {running.apiPort === null ? (
          <Text size="sm" c="dimmed">
            This headless host serves the API on its own address; its port is the one given with --port when it starts.
          </Text>
        ) : (
          <>
            <NumberSetting
          label="API port"
          saveLabel="Save API port"
          field="apiPort"
          description={`The desktop app’s API port on 127.0.0.1 (1024–65535). ${NEXT_START}`}
          min={1024}
          max={65535}
          value={settings.apiPort}
          save={(apiPort) => update({ apiPort })}
        />
            <InForce value={running.apiPort} saved={settings.apiPort} />
          </>
        )}
      </Panel>
      <Panel title="Telephony defaults">
        <NumberSetting
          label="Simulator time scale"
          saveLabel="Save time scale"
          field="telephony.simulatorTimeScale"
          description={`How many times faster than real time the built-in simulator’s calls run (1–10000; 1 is real time). ${NEXT_START}`}
          min={1}
          max={10_000}
          value={settings.telephony.simulatorTimeScale}
          save={(simulatorTimeScale) => update({ telephony: { simulatorTimeScale } })}
        />
        <InForce
          value={running.simulatorTimeScale}
          saved={settings.telephony.simulatorTimeScale}
          flag={running.fromCommandLine.includes('simulatorTimeScale') ? '--time-scale' : undefined}
        />
      </Panel>
    </>
  );
}
