import type BetterSqlite3 from 'better-sqlite3';
import type { Insertable } from 'kysely';
import { dncListNameSql } from '../crm/eligibility';
import type { ComplianceDecisionTable } from '../db/schema';
import { webhookOutbox } from '../db/sqlite/webhookOutbox';

/** One audit-trail row as written (instants in UTC ms). */
export type DecisionRow = Required<Omit<Insertable<ComplianceDecisionTable>, 'seq'>>;

interface ScrubArgs {
  teamId: string;
  campaignId: string;
  at: number;
}

export interface ContactPlace {
  phone: string | null;
  timezone: string | null;
  phoneZones: string | null;
  customFields: string;
}

/**
 * The compliance SQL that runs at dial time, synchronous and prepared like the dialer's store: each
 * query is one index probe or a short range (the DNC lookup, the number's calls of the last 24 h).
 */
/** A DNC-list skip's reason in the audit trail, as the dial guard words it. */
const DNC_LIST_REASON = `'on DNC list ''' || ${dncListNameSql('c')} || ''''`;

export function createComplianceStore(sqlite: BetterSqlite3.Database) {
  const q = {
    anyDncNumber: sqlite.prepare<[string]>(`SELECT 1 FROM dnc_numbers WHERE team_id = ? LIMIT 1`),
    isDncNumber: sqlite.prepare<[string, string]>(`SELECT 1 FROM dnc_numbers WHERE team_id = ? AND e164 = ? LIMIT 1`),
    openCampaigns: sqlite.prepare<[string], { id: string }>(
      `SELECT id FROM campaigns WHERE team_id = ? AND status IN ('draft', 'scheduled', 'running', 'paused') AND deleted_at IS NULL`,
    ),
    dncListName: sqlite.prepare<[string, string], { name: string }>(
      `SELECT l.name FROM dnc_numbers d JOIN dnc_lists l ON l.id = d.list_id WHERE d.team_id = ? AND d.e164 = ? ORDER BY l.name LIMIT 1`,
    ),
    attemptsSince: sqlite.prepare<[string, string, number]>(`SELECT count(*) FROM calls WHERE to_number = ? AND team_id = ? AND started_at > ?`).pluck(),
    // `LIMIT ? + 0`: a bare bound limit is prepared again on every run (see the dialer's store)
    recentStarts: sqlite.prepare<[string, string, number, number], { startedAt: number }>(
      `SELECT started_at AS startedAt FROM calls WHERE to_number = ? AND team_id = ? AND started_at > ? ORDER BY started_at DESC LIMIT ? + 0`,
    ),
    contactPlace: sqlite.prepare<[string], ContactPlace>(
      `SELECT phone, timezone, phone_zones AS phoneZones, custom_fields AS customFields FROM contacts WHERE id = ?`,
    ),
    lastDecision: sqlite.prepare<[string, string], Pick<DecisionRow, 'kind' | 'reason' | 'until'>>(
      `SELECT kind, reason, until FROM compliance_decisions WHERE campaign_id = ? AND contact_id = ? ORDER BY at DESC, seq DESC LIMIT 1`,
    ),
    // campaign-wide holds of several zone groups interleave: a repeat is the same hold anywhere in them
    sameCampaignWide: sqlite.prepare<[string, string, string, number | null]>(
      `SELECT 1 FROM compliance_decisions WHERE campaign_id = ? AND contact_id IS NULL AND kind = ? AND reason = ? AND until IS ? LIMIT 1`,
    ),
    insertDecision: sqlite.prepare<DecisionRow>(
      `INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
       VALUES (@teamId, @campaignId, @contactId, @at, @kind, @rule, @reason, @until)`,
    ),
    markDoNotCall: sqlite.prepare<[number, string, string]>(`UPDATE contacts SET do_not_call = 1, updated_at = ? WHERE id = ? AND team_id = ?`),
    skipPendingOf: sqlite.prepare<[number, string]>(
      `UPDATE campaign_contacts SET status = 'skipped', skip_reason = 'do_not_call', updated_at = ? WHERE contact_id = ? AND status = 'pending'`,
    ),
    auditDncScrub: sqlite.prepare<ScrubArgs>(
      `INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
       SELECT c.team_id, cc.campaign_id, cc.contact_id, @at, 'skip', 'dnc_list', ${DNC_LIST_REASON}, NULL
       FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
       WHERE cc.campaign_id = @campaignId AND cc.status = 'pending' AND c.team_id = @teamId
         AND EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.team_id = c.team_id AND d.e164 = c.phone)`,
    ),
    // enrolments skipped as 'dnc_list' when enrolled at @at, each once
    auditListedEnrolments: sqlite.prepare<ScrubArgs>(
      `INSERT INTO compliance_decisions (team_id, campaign_id, contact_id, at, kind, rule, reason, until)
       SELECT c.team_id, cc.campaign_id, cc.contact_id, @at, 'skip', 'dnc_list', ${DNC_LIST_REASON}, NULL
       FROM campaign_contacts cc JOIN contacts c ON c.seq = cc.contact_seq
       WHERE cc.campaign_id = @campaignId AND cc.status = 'skipped' AND cc.skip_reason = 'dnc_list' AND cc.enrolled_at = @at
         AND c.team_id = @teamId AND NOT EXISTS (SELECT 1 FROM compliance_decisions x
           WHERE x.campaign_id = cc.campaign_id AND x.contact_id = cc.contact_id AND x.rule = 'dnc_list')`,
    ),
    skipDncListed: sqlite.prepare<ScrubArgs>(
      `UPDATE campaign_contacts SET status = 'skipped', skip_reason = 'dnc_list', updated_at = @at
       WHERE campaign_id = @campaignId AND status = 'pending' AND EXISTS (
         SELECT 1 FROM contacts c JOIN dnc_numbers d ON d.team_id = c.team_id AND d.e164 = c.phone
         WHERE c.id = campaign_contacts.contact_id AND c.team_id = @teamId)`,
    ),
  };

  return {
    /** The first (by name) team DNC list holding the number, or null. */
    dncListOf(teamId: string, e164: string): string | null {
      // the plain probe first: it runs for every dial, the list's name is needed only for a listed number
      if (!q.isDncNumber.get(teamId, e164)) return null;
      return q.dncListName.get(teamId, e164)?.name ?? null;
    },

    /** Start times of the latest `limit` attempts to a number by the team's campaigns after `since`, oldest first. */
    /** How many attempts the team's campaigns made to a number after `since` (an index count: the usual check). */
    attemptsSince(teamId: string, e164: string, since: number): number {
      return q.attemptsSince.get(e164, teamId, since) as number;
    },

    recentAttempts(teamId: string, e164: string, since: number, limit: number): number[] {
      return q.recentStarts.all(e164, teamId, since, limit).map((r) => r.startedAt).reverse();
    },

    contactPlace(contactId: string): ContactPlace | null {
      return q.contactPlace.get(contactId) ?? null;
    },

    /**
     * Appends a decision unless it repeats the contact's latest one, or (campaign-wide) one already
     * recorded: a hold re-checked while still held.
     */
    record(row: DecisionRow): boolean {
      if (row.contactId === null) {
        if (q.sameCampaignWide.get(row.campaignId, row.kind, row.reason, row.until)) return false;
      } else {
        const last = q.lastDecision.get(row.campaignId, row.contactId);
        if (last && last.kind === row.kind && last.reason === row.reason && last.until === row.until) return false;
      }
      q.insertDecision.run(row);
      return true;
    },

    /** The legal-hours guard of a campaign turned off or back on, in its audit trail. */
    recordGuardChange(args: { teamId: string; campaignId: string; at: number; enabled: boolean }): void {
      const { enabled, ...where } = args;
      const reason = enabled ? 'legal-hours guard turned on' : 'legal-hours guard turned off: calls follow only the campaign window';
      q.insertDecision.run({ ...where, contactId: null, kind: 'setting', rule: 'guard', reason, until: null });
    },

    /**
     * A contact who opted out on a call: DNC from now on, for every campaign of the team (pending
     * enrolments elsewhere are skipped at once), with the decision in the calling campaign's audit trail.
     */
    optOut(args: { teamId: string; campaignId: string; contactId: string; at: number }): void {
      sqlite.transaction(() => {
        q.markDoNotCall.run(args.at, args.contactId, args.teamId);
        q.skipPendingOf.run(args.at, args.contactId);
        q.insertDecision.run({ ...args, kind: 'skip', rule: 'do_not_call', reason: 'opted out on a call: marked do not call', until: null });
        webhookOutbox(sqlite).contactOptedOut(args.contactId, args.campaignId, args.at);
      })();
    },

    /**
     * Enrolment scrub: a campaign's pending contacts whose number is on a team DNC list are skipped
     * ('dnc_list'), each with an audit row. Returns how many; free when the team has no DNC numbers.
     */
    scrubPending(args: ScrubArgs): number {
      if (!q.anyDncNumber.get(args.teamId)) return 0;
      return sqlite.transaction(() => {
        q.auditDncScrub.run(args);
        return q.skipDncListed.run(args).changes;
      })();
    },

    /** The audit rows of the contacts an enrolment at `at` skipped for a team DNC list; free when the team has no DNC numbers. */
    auditListedEnrolments(args: ScrubArgs): void {
      if (q.anyDncNumber.get(args.teamId)) q.auditListedEnrolments.run(args);
    },

    /** A list changed: scrubs every campaign of the team that may still dial; returns the contacts skipped. */
    scrubTeam(teamId: string, at: number): number {
      return q.openCampaigns.all(teamId).reduce((n, { id }) => n + this.scrubPending({ teamId, campaignId: id, at }), 0);
    },
  };
}

export type ComplianceStore = ReturnType<typeof createComplianceStore>;
