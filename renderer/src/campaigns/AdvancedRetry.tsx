import { Checkbox, Input, NumberInput, SegmentedControl, SimpleGrid, Text } from '@mantine/core';
import { CollapsibleSection } from './CollapsibleSection';
import type { DraftSectionProps } from './draftForm';
import type { CampaignDraft } from './wizardRules';

type NumberField =
  | 'retryDelayMinutesNoAnswer'
  | 'retryDelayMinutesBusy'
  | 'retryDelayMinutesError'
  | 'retryDelayMinutes'
  | 'retryBackoffMultiplier'
  | 'retryBackoffCapMinutes'
  | 'maxAttemptsNoAnswer'
  | 'maxAttemptsBusy'
  | 'maxAttemptsError';

interface Props extends DraftSectionProps {
  opened: boolean;
  onToggle(): void;
}

/** The retry and dialing settings beyond Max Concurrent Calls and Max Attempts/Contact, collapsed until asked for. */
export function AdvancedRetry({ draft, patch, errorFor, opened, onToggle }: Props) {
  // No clamping: a value out of range is sent as typed, so main's message shows next to the field.
  const number = (field: NumberField, label: string, extra: { description?: string; placeholder?: string; decimalScale?: number } = {}) => (
    <NumberInput
      label={label}
      min={0}
      clampBehavior="none"
      allowDecimal={extra.decimalScale !== undefined}
      value={draft[field]}
      onChange={(value) => patch({ [field]: value } as Partial<CampaignDraft>)}
      error={errorFor(field)}
      {...extra}
    />
  );
  const choice = <F extends 'retryBackoff' | 'voicemailAction'>(field: F, label: string, data: { value: CampaignDraft[F]; label: string }[]) => (
    <Input.Wrapper label={label} error={errorFor(field)}>
      <SegmentedControl fullWidth aria-label={label} value={draft[field]} onChange={(value) => patch({ [field]: value } as Partial<CampaignDraft>)} data={data} />
    </Input.Wrapper>
  );
  const flag = (field: 'retryOnError' | 'retryOnVoicemail' | 'useContactTimezone', label: string, description?: string) => (
    <Checkbox label={label} description={description} checked={draft[field]} onChange={(e) => patch({ [field]: e.currentTarget.checked })} error={errorFor(field)} />
  );
  return (
    <CollapsibleSection title="Advanced retry" opened={opened} onToggle={onToggle}>
      <Text size="sm" c="dimmed">
        How long to wait before calling a contact again, and how often to try after each kind of result.
      </Text>
      <SimpleGrid cols={2}>
        {number('retryDelayMinutesNoAnswer', 'Retry delay after no answer (minutes)')}
        {number('retryDelayMinutesBusy', 'Retry delay after busy (minutes)')}
        {number('retryDelayMinutesError', 'Retry delay after an error (minutes)')}
        {number('retryDelayMinutes', 'Retry delay after other results (minutes)')}
      </SimpleGrid>
      {choice('retryBackoff', 'Backoff', [
        { value: 'fixed', label: 'Same delay every time' },
        { value: 'exponential', label: 'Longer delay each time' },
      ])}
      <SimpleGrid cols={2}>
        {draft.retryBackoff === 'exponential' && number('retryBackoffMultiplier', 'Delay multiplier', { decimalScale: 2, description: 'Each retry waits this many times longer' })}
        {number('retryBackoffCapMinutes', 'Longest retry delay (minutes)')}
      </SimpleGrid>
      <Text size="sm" c="dimmed">
        Leave a max attempts field empty to use Max Attempts/Contact.
      </Text>
      <SimpleGrid cols={3}>
        {number('maxAttemptsNoAnswer', 'Max attempts after no answer', { placeholder: 'Same as overall' })}
        {number('maxAttemptsBusy', 'Max attempts after busy', { placeholder: 'Same as overall' })}
        {number('maxAttemptsError', 'Max attempts after errors', { placeholder: 'Same as overall' })}
      </SimpleGrid>
      {flag('retryOnError', 'Retry on error', 'Call again after a technical failure (otherwise the contact is marked failed)')}
      {choice('voicemailAction', 'Voicemail action', [
        { value: 'leave_message', label: 'Leave a voicemail message' },
        { value: 'hangup', label: 'Hang up on voicemail' },
      ])}
      {flag('retryOnVoicemail', 'Call again after reaching voicemail')}
      {flag('useContactTimezone', "Use each contact's time zone", "Apply the call window in the contact's local time when it is known")}
    </CollapsibleSection>
  );
}
