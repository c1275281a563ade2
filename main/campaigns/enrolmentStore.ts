import type { z } from 'zod';
import type { audienceInput } from '../../shared/campaigns/schemas';
import type { CampaignAudience, CampaignContact, EnrolmentStatus } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';

/** An all_eligible audience: the company's contacts, narrowed as it says. */
export type Audience = z.output<typeof audienceInput>;

/** The campaign contacts are enrolled in. */
export interface EnrollingCampaign {
  id: string;
  teamId: string;
}

/** How many of the chosen contacts were enrolled callable (pending) and how many skipped with their reason. */
export interface EnrolmentCounts {
  enrolled: number;
  skipped: number;
}

/** A contact in a campaign's queue, as kept: instants in UTC ms (nextAttemptAt 0: due now), with its zone key. */
export interface QueuedContact extends Omit<CampaignContact, 'nextAttemptAt' | 'enrolledAt' | 'lastDecision' | 'hold'> {
  nextAttemptAt: number;
  enrolledAt: number;
  /** The contact's own zone or its number's zones ('|'-joined); null: the campaign's zone. */
  zoneKey: string | null;
}

/**
 * The enrolment writes, alone or inside a transaction with their campaign. Each enrols the chosen contacts
 * that are not in the campaign yet: callable ones as pending, the rest as skipped with their reason.
 */
export interface EnrolmentWrites {
  enrolContacts(campaign: EnrollingCampaign, contactIds: readonly string[], priority: number, at: number): Promise<EnrolmentCounts>;
  /** Also how many contacts the audience matches, enrolled before or not. */
  enrolAudience(campaign: EnrollingCampaign, audience: Audience, priority: number, at: number): Promise<EnrolmentCounts & { matching: number }>;
  /** The campaign keeps `audience`: contacts that join it later are enrolled as they come. */
  keepAudience(campaignId: string, audience: CampaignAudience, at: number): Promise<void>;
}

/** Where a campaign's enrolled contacts persist; every engine implements it. */
export interface EnrolmentStore {
  /** Those of `contactIds` that are contacts of the team's company. */
  contactsOfCompany(teamId: string, companyId: string, contactIds: readonly string[]): Promise<Set<string>>;
  /** Enrols the contacts of campaign `fromId` in `to` afresh, at priority 0. */
  copyContacts(fromId: string, to: EnrollingCampaign, at: number): Promise<EnrolmentCounts>;
  /** The campaign's queue: priority first, then enrolment order. */
  queue(campaignId: string, query: { status?: EnrolmentStatus; limit: number; offset: number }): Promise<Page<QueuedContact>>;
  /** Runs `work` in one write transaction. */
  transaction<T>(work: (tx: EnrolmentWrites) => Promise<T>): Promise<T>;
}
