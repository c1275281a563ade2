import { z } from 'zod';
import { AMD_DEFAULTS, amdFields, amdSettingsErrors, type AmdSettings } from './amdSettings';

/** The detection thresholds a campaign sets under amdThresholds: all but the decision time, which is its own field (amdMaxMs). */
export type AmdThresholds = Omit<AmdSettings, 'totalAnalysisMs'>;

/** How a campaign reaches people: answering-machine detection on its calls, and caller IDs local to the contact. */
export interface ReachSettings {
  voicemailDetection: boolean;
  /** The detection's decision is due by then (ms of received audio). */
  amdMaxMs: number;
  amdThresholds: AmdThresholds;
  /** Call from the campaign's number that shares the contact's area code, else state, else time zone. */
  localPresence: boolean;
}

const { totalAnalysisMs: _decisionTime, ...thresholdFields } = amdFields;
const { totalAnalysisMs: defaultMaxMs, ...defaultThresholds } = AMD_DEFAULTS;

export const AMD_THRESHOLD_KEYS = Object.keys(thresholdFields) as (keyof AmdThresholds)[];

/** A new campaign's settings (migration 015 gives existing campaigns the same): detection on, local presence off. */
export const REACH_DEFAULTS: ReachSettings = { voicemailDetection: true, amdMaxMs: defaultMaxMs, amdThresholds: defaultThresholds, localPresence: false };

/** The campaign fields, to spread into the campaign schema; amdThresholds is partial, over the defaults or the stored values. */
export const reachFields = {
  voicemailDetection: z.boolean({ error: 'Must be true or false' }),
  amdMaxMs: amdFields.totalAnalysisMs,
  amdThresholds: z.strictObject(thresholdFields, { error: 'Must be an object of thresholds in ms' }).partial(),
  localPresence: z.boolean({ error: 'Must be true or false' }),
};

/** The detector's settings of a campaign, whether or not detection is on. */
export function amdSettingsOf(settings: Pick<ReachSettings, 'amdMaxMs' | 'amdThresholds'>): AmdSettings {
  return { ...settings.amdThresholds, totalAnalysisMs: settings.amdMaxMs };
}

/** What a call is placed with: the detector's settings, or null when the campaign has detection off. */
export function detectionOf(settings: Pick<ReachSettings, 'voicemailDetection' | 'amdMaxMs' | 'amdThresholds'>): AmdSettings | null {
  return settings.voicemailDetection ? amdSettingsOf(settings) : null;
}

/** The words a campaign's messages use for the bounds (its form's labels say the same). */
const BOUND_NAMES: Partial<Record<keyof AmdSettings, string>> = {
  totalAnalysisMs: 'the decision time',
  greetingMs: 'the machine greeting length',
  afterGreetingSilenceMs: 'the silence after a word',
};

/** A whole set's inconsistencies by campaign field path: amdMaxMs, or amdThresholds.<key>. */
export function reachSettingsErrors(settings: Pick<ReachSettings, 'amdMaxMs' | 'amdThresholds'>): Record<string, string> {
  const errors = amdSettingsErrors(amdSettingsOf(settings), (key) => BOUND_NAMES[key] ?? key);
  return Object.fromEntries(Object.entries(errors).map(([key, message]) => [key === 'totalAnalysisMs' ? 'amdMaxMs' : `amdThresholds.${key}`, message]));
}
