import type { DecisionKind, DecisionRule } from '../../shared/compliance/types';

/** One skip, hold or setting change of a campaign's audit trail, as kept. Instants are UTC ms. */
export interface StoredDecision {
  campaignId: string;
  /** Null for a campaign-wide decision (a zone group held, the guard turned off or on). */
  contactId: string | null;
  at: number;
  kind: DecisionKind;
  rule: DecisionRule;
  reason: string;
  /** A hold's end; null: until something changes. */
  until: number | null;
}

/** Who a decision was about, as the contact is now. */
export interface DecisionContact {
  firstName: string;
  lastName: string;
  phone: string | null;
}

/** A decision beside its contact: null for a campaign-wide one or a contact since deleted. */
export interface TrailEntry {
  decision: StoredDecision;
  contact: DecisionContact | null;
}

/** Which decisions of a campaign to read: one contact's, or all; one page; counted up to `countUpTo`. */
export interface DecisionPage {
  contactId?: string;
  limit: number;
  offset: number;
  countUpTo: number;
}

/**
 * Where the compliance audit trail is read from; every engine implements it. The dial-time checks write it, inside
 * the dialer's own transaction, so this side only reads. Newest first means latest instant first, and of one
 * instant the one recorded last first.
 */
export interface DecisionStore {
  /** Whether the team has this campaign, not deleted. */
  hasCampaign(teamId: string, campaignId: string): Promise<boolean>;
  /** A page of a campaign's decisions, newest first, with how many there are counted up to `countUpTo` (at most that). */
  page(campaignId: string, page: DecisionPage): Promise<{ items: StoredDecision[]; total: number }>;
  /** Each given contact's latest decision in the campaign, by contact id; a contact without one is left out. */
  latestOf(campaignId: string, contactIds: readonly string[]): Promise<Map<string, StoredDecision>>;
  /** Every decision of a campaign, oldest first, read a batch at a time so a long trail is never all in memory. */
  trail(campaignId: string): AsyncIterable<TrailEntry>;
}
