import type { SkipReason } from '../../shared/campaigns/types';
import type { Audience } from './enrolmentStore';
import type { EngineTarget } from './preflightEngine';

/** What the launch check reads of the campaign's assistant: the texts its contacts hear, and its engine. */
export interface PreflightAssistant extends EngineTarget {
  name: string;
  prompt: string | null;
  voicemailMessage: string | null;
}

/** An enrolment that will not be called again: it has had its calls. */
export const FINISHED = 'finished';

/**
 * One group of the counted contacts: a zone key and why it is not called (a skip reason, FINISHED, or null when
 * it may be), how many there are and, per variable asked about (by position), how many of them lack a value for it.
 */
export interface TallyGroup {
  zoneKey: string | null;
  reason: SkipReason | typeof FINISHED | null;
  n: number;
  lacking: number[];
}

/** The contacts a campaign not yet created would enrol: an audience, or ids of the company's contacts. */
export interface DraftContacts {
  companyId: string;
  audience?: Audience;
  contactIds?: readonly string[];
}

/** What the launch check reads; every engine implements it. */
export interface PreflightStore {
  assistant(teamId: string, id: string): Promise<PreflightAssistant | null>;
  companyName(teamId: string, id: string): Promise<string | null>;
  /** Whether every one of the team's numbers `numberIds` names is the embedded simulator's (false for none). */
  onlySimulated(teamId: string, numberIds: readonly string[]): Promise<boolean>;
  /**
   * The campaign's enrolled contacts grouped, each variable of `variables` (those whose value comes from the
   * contact) counted; a contact still waiting is checked as it is now (it may have become do-not-call since).
   */
  tallyEnrolled(campaignId: string, variables: readonly string[]): Promise<TallyGroup[]>;
  /** The same over the team's contacts a draft would enrol, as they are now. */
  tallyDraft(teamId: string, contacts: DraftContacts, variables: readonly string[]): Promise<TallyGroup[]>;
}
