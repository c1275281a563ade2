import { amdFields } from '../../../shared/campaigns/amdSettings';
import { AMD_THRESHOLD_KEYS, REACH_DEFAULTS, reachSettingsErrors } from '../../../shared/campaigns/reachSettings';
import { typedNumber, type CampaignDraft, type Typed } from './wizardRules';

type DetectionDraft = Pick<CampaignDraft, 'amdMaxMs' | 'amdThresholds'>;

/**
 * The detection fields' errors while they are typed, by campaign field path (amdMaxMs, amdThresholds.<key>),
 * with main's own checks: each field by itself, then the set as a whole from the fields that are valid (a field
 * left empty is not sent, so the default stands in for it).
 */
export function detectionErrors({ amdMaxMs, amdThresholds }: DetectionDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const valid = (path: string, key: keyof typeof amdFields, typed: Typed): number | undefined => {
    if (typed === '') return undefined;
    const parsed = amdFields[key].safeParse(typedNumber(typed));
    if (parsed.success) return parsed.data;
    errors[path] = parsed.error.issues[0].message;
    return undefined;
  };
  const whole = { ...REACH_DEFAULTS, amdThresholds: { ...REACH_DEFAULTS.amdThresholds } };
  whole.amdMaxMs = valid('amdMaxMs', 'totalAnalysisMs', amdMaxMs) ?? whole.amdMaxMs;
  for (const key of AMD_THRESHOLD_KEYS) whole.amdThresholds[key] = valid(`amdThresholds.${key}`, key, amdThresholds[key]) ?? whole.amdThresholds[key];
  for (const [path, message] of Object.entries(reachSettingsErrors(whole))) errors[path] ??= message;
  return errors;
}

/** The thresholds as they are by default, for "Reset to defaults". */
export const DEFAULT_DETECTION: DetectionDraft = { amdMaxMs: REACH_DEFAULTS.amdMaxMs, amdThresholds: REACH_DEFAULTS.amdThresholds };
