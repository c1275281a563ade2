import type { Insertable, Selectable } from 'kysely';
import type { CampaignSettings } from '../../../shared/campaigns/schemas';
import type { CampaignNumber, Weekday } from '../../../shared/campaigns/types';
import { readAmdThresholds } from '../../campaigns/campaignRows';
import type { StoredCampaign } from '../../campaigns/campaignStore';
import { readJson } from '../../crm/json';
import type { CampaignTable } from '../schema';

type SettingsColumns = Omit<
  Insertable<CampaignTable>,
  'id' | 'teamId' | 'status' | 'createdAt' | 'updatedAt' | 'seq' | 'audienceMode' | 'audienceHasPhoneOnly' | 'audienceExcludeDnc'
>;

const flag = (value: boolean) => (value ? 1 : 0);

/** Resolved settings -> the campaign row's columns (numbers and weights live in campaign_numbers). */
export function settingsToRow(s: CampaignSettings): SettingsColumns {
  const {
    fromNumberIds: _ids,
    fromNumberWeights: _weights,
    callDays,
    keepOpen,
    useContactTimezone,
    retryOnError,
    retryOnVoicemail,
    legalHoursGuard,
    voicemailDetection,
    amdThresholds,
    localPresence,
    ...plain
  } = s;
  return {
    ...plain,
    callDays: callDays ? JSON.stringify(callDays) : null,
    keepOpen: flag(keepOpen),
    useContactTimezone: flag(useContactTimezone),
    retryOnError: flag(retryOnError),
    retryOnVoicemail: flag(retryOnVoicemail),
    legalHoursGuard: flag(legalHoursGuard),
    voicemailDetection: flag(voicemailDetection),
    amdThresholds: JSON.stringify(amdThresholds),
    localPresence: flag(localPresence),
  };
}

function rowToSettings(row: Selectable<CampaignTable>, numbers: CampaignNumber[]): CampaignSettings {
  return {
    name: row.name,
    description: row.description,
    assistantId: row.assistantId,
    companyId: row.companyId,
    fromNumberIds: numbers.map((n) => n.phoneNumberId),
    fromNumberWeights: Object.fromEntries(numbers.map((n) => [n.phoneNumberId, n.weight])),
    scheduledStartAt: row.scheduledStartAt,
    keepOpen: row.keepOpen === 1,
    callWindowStart: row.callWindowStart,
    callWindowEnd: row.callWindowEnd,
    callWindowTimezone: row.callWindowTimezone,
    useContactTimezone: row.useContactTimezone === 1,
    callDays: row.callDays ? readJson<Weekday[]>(row.callDays, []) : null,
    maxConcurrentCalls: row.maxConcurrentCalls,
    maxAttemptsPerContact: row.maxAttemptsPerContact,
    retryDelayMinutes: row.retryDelayMinutes,
    retryDelayMinutesNoAnswer: row.retryDelayMinutesNoAnswer,
    retryDelayMinutesBusy: row.retryDelayMinutesBusy,
    retryDelayMinutesError: row.retryDelayMinutesError,
    retryBackoff: row.retryBackoff,
    retryBackoffMultiplier: row.retryBackoffMultiplier,
    retryBackoffCapMinutes: row.retryBackoffCapMinutes,
    retryOnError: row.retryOnError === 1,
    retryOnVoicemail: row.retryOnVoicemail === 1,
    maxAttemptsNoAnswer: row.maxAttemptsNoAnswer,
    maxAttemptsBusy: row.maxAttemptsBusy,
    maxAttemptsError: row.maxAttemptsError,
    voicemailAction: row.voicemailAction,
    legalHoursGuard: row.legalHoursGuard === 1,
    rollingCapPer24h: row.rollingCapPer24h,
    voicemailDetection: row.voicemailDetection === 1,
    amdMaxMs: row.amdMaxMs,
    amdThresholds: readAmdThresholds(row.amdThresholds),
    localPresence: row.localPresence === 1,
  };
}

/** A campaign row and its numbers as the store hands them out. */
export function toStoredCampaign(row: Selectable<CampaignTable>, numbers: CampaignNumber[]): StoredCampaign {
  return {
    id: row.id,
    teamId: row.teamId,
    status: row.status,
    settings: rowToSettings(row, numbers),
    fromNumbers: numbers,
    audience: row.audienceMode
      ? { mode: row.audienceMode, hasPhoneOnly: row.audienceHasPhoneOnly === 1, excludeDnc: row.audienceExcludeDnc === 1 }
      : null,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    cancelledAt: row.cancelledAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
