export const DECISION_KINDS = ['skip', 'hold', 'setting'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** What decided: the legal-hours guard, the campaign's own window, a rolling cap, a DNC list, the contact's DNC flag, a guard setting. */
export type DecisionRule = 'legal_hours' | 'campaign_window' | 'rolling_cap' | 'dnc_list' | 'do_not_call' | 'guard';

/** The dial-time verdict on one contact: call now, skip for good, or hold until an instant (null: until something changes). */
export type DialDecision = { kind: 'allow' } | { kind: 'skip'; rule: DecisionRule; reason: string } | { kind: 'hold'; rule: DecisionRule; reason: string; until: number | null };

/** One row of the audit trail. */
export interface ComplianceDecision {
  campaignId: string;
  contactId: string | null;
  /** ISO-8601 */
  at: string;
  kind: DecisionKind;
  rule: DecisionRule;
  reason: string;
  /** ISO-8601, or null */
  until: string | null;
}

export interface DncList {
  id: string;
  name: string;
  numbers: number;
  /** Contacts of the team whose phone is on the list. */
  blockedContacts: number;
  /** Campaign enrolments skipped because their number is on the list (at import, enrolment or dial time). */
  blockedEnrolments: number;
  createdAt: string;
  updatedAt: string;
}

/** A number on a DNC list. */
export interface DncNumber {
  number: string;
  addedAt: string;
}

export interface DncRowError {
  /** File row: row 1 is the first line (the header, when there is one). */
  row: number;
  field: string;
  reason: string;
}

export interface DncImportResult {
  list: DncList;
  processedRows: number;
  added: number;
  /** Already on the list before this import. */
  alreadyListed: number;
  /** Repeated within the file. */
  duplicates: number;
  failed: number;
  errors: DncRowError[];
  errorsTruncated: boolean;
}
