import { Alert, Anchor, Checkbox, Divider, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'wouter';
import type { Campaign } from '../../../shared/campaigns/types';
import type { PhoneNumber } from '../../../shared/crm/types';
import { AppError } from '../../../shared/errors';
import { api } from '../api/api';
import { showError } from '../common/errors';
import { FormModal } from '../common/FormModal';
import { timeZoneOptions } from '../common/options';
import { useLiveList } from '../common/useChannel';
import { useSave } from '../common/useSave';
import { useCompanyOptions } from '../companies/useCompanyOptions';
import { PAGE_PATH } from '../app/navigation';
import { WindowNote } from './WindowNote';
import { AdvancedRetry } from './AdvancedRetry';
import { CollapsibleSection } from './CollapsibleSection';
import { ComplianceFields, complianceSummary } from './ComplianceFields';
import { DraftLaunchCheck } from './LaunchCheck';
import { ManualAudience } from './ManualAudience';
import { VoicemailDetection } from './VoicemailDetection';
import { campaignsStore } from './useCampaigns';
import {
  ADVANCED_FIELDS,
  COMPLIANCE_FIELDS,
  clientErrors,
  createRequest,
  draftFromCampaign,
  EMPTY_DRAFT,
  errorsByField,
  fieldOfError,
  preCheckedNumbers,
  STEPS,
  stepsDone,
  updateRequest,
  VOICEMAIL_DETECTION_FIELDS,
  type AudienceMode,
  type CampaignDraft,
} from './wizardRules';

/** An assistant's numbers, tagged with the assistant they belong to (so a late answer is not taken for another's). */
function useAssistantNumbers(assistantId: string | null): { assistantId: string; numbers: PhoneNumber[] } | null {
  const [loaded, setLoaded] = useState<{ assistantId: string; numbers: PhoneNumber[] } | null>(null);
  useEffect(() => {
    if (!assistantId) return setLoaded(null);
    let live = true;
    api
      .invoke('phoneNumbers.list', { assistantId })
      .then((list) => live && setLoaded({ assistantId, numbers: list.filter((n) => n.status === 'active') }))
      .catch(showError);
    return () => {
      live = false;
    };
  }, [assistantId]);
  return loaded && loaded.assistantId === assistantId ? loaded : null;
}

const DRAFT_FIELDS = new Set<string>([...Object.keys(EMPTY_DRAFT), 'audience']);

interface Props {
  /** The campaign to edit (draft, scheduled or paused); a new one when absent. */
  campaign?: Campaign;
  onClose(): void;
}

/** The New Campaign dialog (its steps in order), also used to edit a campaign's settings. */
export function CampaignDialog({ campaign, onClose }: Props) {
  const [draft, setDraft] = useState<CampaignDraft>(() => (campaign ? draftFromCampaign(campaign) : EMPTY_DRAFT));
  const [advancedOpen, setAdvancedOpen] = useState(false);
  const [complianceOpen, setComplianceOpen] = useState(false);
  const [detectionOpen, setDetectionOpen] = useState(false);
  // Fields changed since the last failed save no longer show that save's error.
  const [edited, setEdited] = useState<ReadonlySet<string>>(new Set());
  const patch = (p: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...p }));
    setEdited((s) => new Set([...s, ...Object.keys(p), ...('contactIds' in p || 'selectAllEligible' in p ? ['audience'] : [])]));
  };

  const assistants = useLiveList('assistants.list', { outboundEligibleOnly: true }, ['assistant', 'phoneNumber']);
  const companies = useCompanyOptions();
  const numbers = useAssistantNumbers(draft.assistantId);

  // A newly chosen assistant's active numbers all start checked; an edited campaign keeps its own choice.
  const preCheckedFor = useRef<string | null>(campaign?.assistantId ?? null);
  useEffect(() => {
    if (!numbers || numbers.assistantId === preCheckedFor.current) return;
    preCheckedFor.current = numbers.assistantId;
    setDraft((d) => ({ ...d, fromNumberIds: preCheckedNumbers(numbers.numbers) }));
  }, [numbers]);

  // main saves the campaign and enrols its contacts in one transaction: a failed save leaves nothing to retry around
  const { errors, saving, submit } = useSave(
    async () => {
      AppError.throwIfInvalid(clientErrors(draft));
      return campaign ? api.invoke('campaigns.update', updateRequest(campaign.id, draft)) : api.invoke('campaigns.create', createRequest(draft));
    },
    () => {
      void campaignsStore.getState().reload();
      onClose();
    },
  );
  const byField = useMemo(() => errorsByField(errors), [errors]);
  useEffect(() => {
    setEdited(new Set());
    if (ADVANCED_FIELDS.some((f) => f in byField)) setAdvancedOpen(true);
    if (COMPLIANCE_FIELDS.some((f) => f in byField)) setComplianceOpen(true);
    if (VOICEMAIL_DETECTION_FIELDS.some((f) => f in byField)) setDetectionOpen(true);
  }, [byField]);
  const errorFor = (field: string) => (edited.has(field) ? undefined : byField[field]);
  const otherErrors = Object.entries(errors).filter(([key]) => !DRAFT_FIELDS.has(fieldOfError(key)));
  const audienceError = errorFor('contactIds') ?? errorFor('audience');
  const section = { draft, patch, errorFor };

  return (
    <FormModal
      title={campaign ? 'Edit Campaign' : 'New Campaign'}
      submitLabel={campaign ? 'Save Campaign' : 'Create Campaign'}
      closeLabel="Close"
      modalProps={{ closeOnClickOutside: false }}
      onClose={onClose}
      onSubmit={() => void submit()}
      saving={saving}
      extraAction={
        <Text size="sm" c="dimmed">
          {Object.values(stepsDone(draft)).filter(Boolean).length} of {STEPS.length} steps ready
        </Text>
      }
    >
      <TextInput
        label="Campaign Name"
        placeholder="Q2 Enterprise Outreach"
        value={draft.name}
        onChange={(e) => patch({ name: e.currentTarget.value })}
        error={errorFor('name')}
        data-autofocus
      />
      <Textarea label="Description" autosize minRows={2} value={draft.description} onChange={(e) => patch({ description: e.currentTarget.value })} error={errorFor('description')} />

      <Select
        label="Outbound Assistant"
        placeholder={assistants && assistants.length === 0 ? 'No outbound assistant yet' : 'Choose an assistant'}
        data={(assistants ?? []).map((a) => ({ value: a.id, label: a.name }))}
        value={draft.assistantId}
        onChange={(assistantId) => patch({ assistantId, fromNumberIds: [] })}
        error={errorFor('assistantId')}
      />
      {assistants && assistants.length === 0 && (
        <Alert color="yellow" title="No assistant can make outbound calls">
          Go to{' '}
          <Anchor component={Link} href={PAGE_PATH.Assistants} onClick={onClose}>
            Assistants → Telephony
          </Anchor>{' '}
          on your assistant, enable outbound calling, and assign an active phone number.
        </Alert>
      )}
      {draft.assistantId ? (
        <>
          <Checkbox.Group
            label="Which numbers do you want to use for outbound calling?"
            value={draft.fromNumberIds}
            onChange={(fromNumberIds) => patch({ fromNumberIds })}
            error={errorFor('fromNumberIds')}
          >
            <Stack gap={6} mt={6}>
              {numbers?.numbers.length === 0 && <Text size="sm" c="dimmed">This assistant has no active number.</Text>}
              {numbers?.numbers.map((n) => <Checkbox key={n.id} value={n.id} label={n.label ? `${n.number} (${n.label})` : n.number} />)}
            </Stack>
          </Checkbox.Group>
          {/* outside the group: its boxes are the numbers */}
          <Checkbox
            label="Match the caller ID to the contact's area when possible"
            description="Calls from the chosen number that shares the contact's area code, else its state, else its time zone"
            checked={draft.localPresence}
            onChange={(e) => patch({ localPresence: e.currentTarget.checked })}
            error={errorFor('localPresence')}
          />
        </>
      ) : (
        errorFor('fromNumberIds') && (
          <Text size="sm" c="red">
            {errorFor('fromNumberIds')}
          </Text>
        )
      )}

      <Select
        label="Company"
        placeholder="Choose the company whose contacts to call"
        searchable
        data={companies}
        value={draft.companyId}
        disabled={Boolean(campaign)}
        description={campaign ? 'A campaign keeps its company; duplicate it to call another.' : undefined}
        onChange={(companyId) => patch({ companyId, contactIds: [], selectAllEligible: false })}
        error={errorFor('companyId')}
      />
      {draft.companyId && (
        <Stack gap="xs" role="group" aria-label="Audience">
          <Text fw={500} size="sm">
            {campaign ? 'Audience: add contacts' : 'Audience'}
          </Text>
          <SegmentedControl
            value={draft.audienceMode}
            onChange={(value) => patch({ audienceMode: value as AudienceMode })}
            data={[
              ...(campaign ? [{ value: 'none', label: 'No new contacts' }] : []),
              { value: 'all_eligible', label: 'All eligible contacts' },
              { value: 'manual', label: 'Manual select' },
            ]}
          />
          {draft.audienceMode === 'none' ? (
            <Text size="sm" c="dimmed">
              The contacts already in the campaign stay as they are.
            </Text>
          ) : draft.audienceMode === 'all_eligible' ? (
            <Text size="sm" c="dimmed">
              Every contact in the company with a phone number who is not marked Do Not Call{campaign ? ' (those already in the campaign stay as they are)' : ''}.
            </Text>
          ) : (
            <ManualAudience {...section} companyId={draft.companyId} />
          )}
          {audienceError && (
            <Text size="sm" c="red">
              {audienceError}
            </Text>
          )}
        </Stack>
      )}

      <Divider />
      <TextInput
        type="datetime-local"
        label="Schedule Start"
        description={`Optional; in ${draft.callWindowTimezone}. Leave empty to save as a draft and start it yourself.`}
        value={draft.scheduledStartAt}
        onChange={(e) => patch({ scheduledStartAt: e.currentTarget.value })}
        error={errorFor('scheduledStartAt')}
      />
      <Checkbox label="Keep open for new contacts" checked={draft.keepOpen} onChange={(e) => patch({ keepOpen: e.currentTarget.checked })} error={errorFor('keepOpen')} />
      <SimpleGrid cols={3}>
        <TextInput type="time" label="Call Window Start" value={draft.callWindowStart} onChange={(e) => patch({ callWindowStart: e.currentTarget.value })} error={errorFor('callWindowStart')} />
        <TextInput
          type="time"
          label="Call Window End"
          value={draft.callWindowEnd}
          onChange={(e) => patch({ callWindowEnd: e.currentTarget.value })}
          error={errorFor('callWindowEnd')}
        />
        <Select
          label="Call Window Timezone"
          searchable
          data={timeZoneOptions}
          value={draft.callWindowTimezone}
          onChange={(value) => patch({ callWindowTimezone: value ?? '' })}
          error={errorFor('callWindowTimezone')}
          limit={50}
        />
      </SimpleGrid>
      <WindowNote start={draft.callWindowStart} end={draft.callWindowEnd} />
      <SimpleGrid cols={2}>
        <NumberInput
          label="Max Concurrent Calls"
          min={1}
          max={10}
          value={draft.maxConcurrentCalls}
          onChange={(maxConcurrentCalls) => patch({ maxConcurrentCalls })}
          error={errorFor('maxConcurrentCalls')}
        />
        <NumberInput
          label="Max Attempts/Contact"
          min={1}
          max={100}
          value={draft.maxAttemptsPerContact}
          onChange={(maxAttemptsPerContact) => patch({ maxAttemptsPerContact })}
          error={errorFor('maxAttemptsPerContact')}
        />
      </SimpleGrid>
      <CollapsibleSection title="Compliance" summary={complianceSummary(draft)} opened={complianceOpen} onToggle={() => setComplianceOpen((o) => !o)}>
        <ComplianceFields values={draft} onChange={patch} errorFor={errorFor} />
      </CollapsibleSection>
      <AdvancedRetry {...section} opened={advancedOpen} onToggle={() => setAdvancedOpen((o) => !o)} />
      <VoicemailDetection {...section} opened={detectionOpen} onToggle={() => setDetectionOpen((o) => !o)} />
      {/* last before Create: the warnings it gives are about what Create would launch */}
      {!campaign && <DraftLaunchCheck draft={draft} assistant={assistants?.find((a) => a.id === draft.assistantId)} />}
      {otherErrors.length > 0 && (
        <Alert color="red" title="Please check">
          {otherErrors.map(([key, message]) => (
            <div key={key}>
              {key}: {message}
            </div>
          ))}
        </Alert>
      )}
    </FormModal>
  );
}
