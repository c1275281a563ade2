import { REACH_DEFAULTS, type AmdThresholds } from '../../shared/campaigns/reachSettings';
import type { Campaign } from '../../shared/campaigns/types';
import { isoOrNull, stamps } from '../db/instants';
import { readJson } from '../crm/json';
import type { StoredCampaign } from './campaignStore';

/** A campaign's stored detection thresholds (JSON), each one missing read as its default. */
export function readAmdThresholds(json: string): AmdThresholds {
  return { ...REACH_DEFAULTS.amdThresholds, ...readJson<Partial<AmdThresholds>>(json, {}) };
}

/** A stored campaign as the app answers with it: instants as ISO strings. */
export function toCampaign(stored: StoredCampaign): Campaign {
  const { fromNumberWeights: _weights, scheduledStartAt, ...settings } = stored.settings;
  return {
    id: stored.id,
    teamId: stored.teamId,
    status: stored.status,
    ...settings,
    fromNumbers: stored.fromNumbers,
    scheduledStartAt: isoOrNull(scheduledStartAt),
    audience: stored.audience,
    startedAt: isoOrNull(stored.startedAt),
    completedAt: isoOrNull(stored.completedAt),
    cancelledAt: isoOrNull(stored.cancelledAt),
    ...stamps(stored),
  };
}
