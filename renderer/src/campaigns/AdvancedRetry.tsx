import { Button, Checkbox, Collapse, NumberInput, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
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

/** SPEC §3's retry and dialing settings beyond the seed's two numbers, collapsed until asked for. */
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
  return (
    <Stack gap="xs">
      <Button variant="subtle" size="compact-sm" onClick={onToggle} aria-expanded={opened} aria-controls="advanced-retry" style={{ alignSelf: 'flex-start' }}>
        {opened ? '▾' : '▸'} Advanced retry
      </Button>
      <Collapse in={opened}>
        <Stack gap="sm" id="advanced-retry" role="group" aria-label="Advanced retry">
          <Text size="sm" c="dimmed">
            How long to wait before calling a contact again, and how often to try after each kind of result.
          </Text>
          <SimpleGrid cols={2}>
            {number('retryDelayMinutesNoAnswer', 'Retry delay after no answer (minutes)')}
            {number('retryDelayMinutesBusy', 'Retry delay after busy (minutes)')}
            {number('retryDelayMinutesError', 'Retry delay after an error (minutes)')}
            {number('retryDelayMinutes', 'Retry delay after other results (minutes)')}
          </SimpleGrid>
          <SegmentedControl
            aria-label="Backoff"
            value={draft.retryBackoff}
            onChange={(value) => patch({ retryBackoff: value as CampaignDraft['retryBackoff'] })}
            data={[
              { value: 'fixed', label: 'Same delay every time' },
              { value: 'exponential', label: 'Longer delay each time' },
            ]}
          />
          {errorFor('retryBackoff') && <Text size="sm" c="red">{errorFor('retryBackoff')}</Text>}
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
          <Checkbox
            label="Retry on error"
            description="Call again after a technical failure (otherwise the contact is marked failed)"
            checked={draft.retryOnError}
            onChange={(e) => patch({ retryOnError: e.currentTarget.checked })}
            error={errorFor('retryOnError')}
          />
          <SegmentedControl
            aria-label="Voicemail action"
            value={draft.voicemailAction}
            onChange={(value) => patch({ voicemailAction: value as CampaignDraft['voicemailAction'] })}
            data={[
              { value: 'leave_message', label: 'Leave a voicemail message' },
              { value: 'hangup', label: 'Hang up on voicemail' },
            ]}
          />
          {errorFor('voicemailAction') && <Text size="sm" c="red">{errorFor('voicemailAction')}</Text>}
          <Checkbox
            label="Call again after reaching voicemail"
            checked={draft.retryOnVoicemail}
            onChange={(e) => patch({ retryOnVoicemail: e.currentTarget.checked })}
            error={errorFor('retryOnVoicemail')}
          />
          <Checkbox
            label="Use each contact's time zone"
            description="Apply the call window in the contact's local time when it is known"
            checked={draft.useContactTimezone}
            onChange={(e) => patch({ useContactTimezone: e.currentTarget.checked })}
            error={errorFor('useContactTimezone')}
          />
        </Stack>
      </Collapse>
    </Stack>
  );
}
