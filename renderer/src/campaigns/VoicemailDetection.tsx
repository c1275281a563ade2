import { Button, Group, NumberInput, SimpleGrid, Switch, Text } from '@mantine/core';
import { useState } from 'react';
import type { AmdThresholds } from '../../../shared/campaigns/reachSettings';
import { CollapsibleSection } from './CollapsibleSection';
import { DEFAULT_DETECTION, detectionErrors } from './detectionRules';
import type { DraftSectionProps } from './draftForm';
import type { CampaignDraft } from './wizardRules';

interface Props extends DraftSectionProps {
  opened: boolean;
  onToggle(): void;
}

/** Each threshold's label and what it does, in the order a call goes through them. */
const THRESHOLDS: [key: keyof AmdThresholds, label: string, description: string][] = [
  ['initialSilenceMs', 'Silence before the first word (ms)', 'No word by then: undecided, and the assistant speaks first'],
  ['greetingMs', 'Machine greeting length (ms)', 'A first utterance this long is a recorded greeting'],
  ['afterGreetingSilenceMs', 'Silence after a word (ms)', 'A pause this long after speaking is a person waiting for an answer'],
  ['maxWords', 'Words in a machine greeting', 'This many words without that pause make it a recording'],
  ['minWordMs', 'Shortest word (ms)', 'Shorter sounds are clicks or breaths'],
  ['betweenWordsSilenceMs', 'Gap inside a word (ms)', 'A shorter pause does not end a word'],
  ['messageSilenceMs', 'Silence that ends the greeting (ms)', 'With no beep, the message starts after this much silence'],
  ['messageWaitMaxMs', 'Longest wait for the beep (ms)', 'The message starts by then in any case'],
];

/** The section's settings in a line, for when it is folded. */
function detectionSummary({ voicemailDetection, amdMaxMs }: CampaignDraft): string {
  return voicemailDetection ? `Answering machines detected within ${amdMaxMs} ms` : 'Answering machines not detected';
}

/**
 * Answering-machine detection on the campaign's calls: on or off and how long it may take, with its thresholds
 * folded under Advanced (the defaults suit most lines), checked as they are typed with main's own rules. A
 * threshold that could never be reached in time is named at once, and unfolds the thresholds to show it.
 */
export function VoicemailDetection({ draft, patch, errorFor, opened, onToggle }: Props) {
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const typing = detectionErrors(draft);
  const off = !draft.voicemailDetection;
  const thresholdWrong = THRESHOLDS.some(([key]) => Boolean(typing[`amdThresholds.${key}`] ?? errorFor(`amdThresholds.${key}`)));
  const input = (path: string, label: string, description: string, value: number | string, onChange: (value: number | string) => void) => (
    // no clamping: a value out of range stays as typed, with its message beside it
    <NumberInput
      key={path}
      label={label}
      description={description}
      min={0}
      clampBehavior="none"
      allowDecimal={false}
      disabled={off}
      value={value}
      onChange={onChange}
      error={typing[path] ?? errorFor(path)}
    />
  );
  return (
    <CollapsibleSection title="Voicemail detection" summary={detectionSummary(draft)} opened={opened} onToggle={onToggle}>
      <Switch
        label="Detect answering machines"
        description="Listens to the first seconds of each answered call: on a machine, leaves the voicemail message after the beep (or hangs up, as the voicemail action says)"
        checked={draft.voicemailDetection}
        onChange={(e) => patch({ voicemailDetection: e.currentTarget.checked })}
        error={errorFor('voicemailDetection')}
      />
      {input('amdMaxMs', 'Decide within (ms)', 'Still undecided by then: treated as a person, and the assistant talks', draft.amdMaxMs, (amdMaxMs) => patch({ amdMaxMs }))}
      <CollapsibleSection title="Advanced thresholds" opened={advancedOpen || thresholdWrong} onToggle={() => setAdvancedOpen((o) => !o)}>
        <SimpleGrid cols={2}>
          {THRESHOLDS.map(([key, label, description]) =>
            input(`amdThresholds.${key}`, label, description, draft.amdThresholds[key], (value) => patch({ amdThresholds: { ...draft.amdThresholds, [key]: value } })),
          )}
        </SimpleGrid>
      </CollapsibleSection>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          When unsure, detection takes the caller for a person: hanging up on one is worse than talking to a machine.
        </Text>
        <Button variant="subtle" size="compact-sm" disabled={off} onClick={() => patch(DEFAULT_DETECTION)}>
          Reset to defaults
        </Button>
      </Group>
    </CollapsibleSection>
  );
}
