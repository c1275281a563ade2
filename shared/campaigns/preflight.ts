import { z } from 'zod';
import { campaignFields, enrolRequest } from './schemas';
import { SKIP_REASONS } from './types';

/**
 * The launch check of a campaign: what its contacts will hear and whether they can be reached. Warnings, never
 * a block. `skipped` and `neverLegal` are disjoint; `missingVariables` counts only the contacts that will be called.
 */
export const preflightShape = z.object({
  /** Every contact the campaign holds (or, for a draft not yet created, would enrol). */
  enrolled: z.number().int(),
  /** By variable its templates use: how many contacts to be called have no value for it (they hear its fallback, or nothing). */
  missingVariables: z.record(z.string(), z.number().int()),
  /** By skip reason: contacts that will never be called (not callable, their zones' windows never overlap, on a DNC list). */
  skipped: z.partialRecord(z.enum(SKIP_REASONS), z.number().int()),
  /** Contacts whose call window never meets legal calling hours where they are. */
  neverLegal: z.number().int(),
  /**
   * Could the assistant's engine be reached just now; null when it has nothing to reach (audio: it plays its upload, or
   * speaks its greeting text with an OpenAI key set). For audio, false: it has nothing to say (no upload, no greeting
   * text), or no key to speak its text with.
   */
  engineReachable: z.boolean().nullable(),
});
export type Preflight = z.output<typeof preflightShape>;

/** The settings that decide who is never called, and when. */
const WINDOW_SETTINGS = { callWindowStart: true, callWindowEnd: true, callWindowTimezone: true, useContactTimezone: true, callDays: true, legalHoursGuard: true } as const;

/**
 * A campaign not yet created, as the New Campaign dialog holds it: its assistant, company and audience (what
 * campaigns.enrol would be sent: the audience when given, else the contact ids), and its window; a setting left
 * out is the campaign default.
 */
export const preflightDraft = campaignFields.pick(WINDOW_SETTINGS).partial().extend({
  assistantId: campaignFields.shape.assistantId,
  companyId: campaignFields.shape.companyId,
  contactIds: enrolRequest.shape.contactIds,
  audience: enrolRequest.shape.audience,
  /** The caller-ID numbers chosen so far: when all are simulated, there is no engine to reach. */
  fromNumberIds: z.array(z.string().min(1)).max(100).optional(),
});
export type PreflightDraft = z.output<typeof preflightDraft>;
