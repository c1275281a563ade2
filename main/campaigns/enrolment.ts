import { sql, type Kysely } from 'kysely';
import type { EnrolRequest } from '../../shared/campaigns/schemas';
import type { Campaign, CampaignContact, EnrolmentResult } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { contactSearchFilter } from '../db/contactSearch';
import { iso } from '../db/instants';
import type { Database } from '../db/schema';
import type { TeamScope } from '../crm/context';
import { eligibleToCallSql, skipReasonSql } from '../crm/eligibility';
import { page } from '../crm/paging';
import type { ComplianceStore } from '../compliance/complianceStore';
import type { DecisionReader } from '../compliance/decisions';
import type { EventBus } from '../events';
import type { CampaignService } from './campaignService';

/** SQLite caps bound parameters per statement; ids go in slices. */
const ID_SLICE = 900;

function slices<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export interface EnrolmentDeps {
  db: Kysely<Database>;
  now: () => number;
  events: EventBus;
  campaigns: CampaignService;
  compliance: ComplianceStore;
  decisions: Pick<DecisionReader, 'latestOf'>;
}

export function createEnrolmentService({ db, now, events, campaigns, compliance, decisions }: EnrolmentDeps) {
  /**
   * One set-based INSERT … SELECT over the chosen contacts: callable ones as pending, the rest as
   * skipped with their reason; contacts already in the campaign are left as they are.
   */
  async function insertFrom(campaignId: string, priority: number, filter: (q: ReturnType<typeof contactsQuery>) => ReturnType<typeof contactsQuery>): Promise<{ enrolled: number; skipped: number }> {
    const at = now();
    const counts = { enrolled: 0, skipped: 0 };
    for (const callable of [true, false]) {
      const select = filter(contactsQuery())
        .where(callable ? eligibleToCallSql() : sql<boolean>`NOT ${eligibleToCallSql()}`)
        .select([
          sql.lit(campaignId).as('campaignId'),
          'contacts.id as contactId',
          'contacts.seq as contactSeq',
          sql.lit(callable ? 'pending' : 'skipped').as('status'),
          (callable ? sql.lit(null) : skipReasonSql()).as('skipReason'),
          sql<string | null>`coalesce(contacts.timezone, contacts.phone_zones)`.as('zoneKey'),
          sql.lit(priority).as('priority'),
          sql.lit(at).as('enrolledAt'),
          sql.lit(at).as('updatedAt'),
        ]);
      const result = await db
        .insertInto('campaignContacts')
        .columns(['campaignId', 'contactId', 'contactSeq', 'status', 'skipReason', 'zoneKey', 'priority', 'enrolledAt', 'updatedAt'])
        .expression(select)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      counts[callable ? 'enrolled' : 'skipped'] = Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return counts;
  }

  const contactsQuery = () => db.selectFrom('contacts');

  return {
    async enrol(team: TeamScope, request: EnrolRequest): Promise<EnrolmentResult> {
      const campaign = await campaigns.enrollable(team, request.id);
      let result: EnrolmentResult;
      if (request.audience) {
        const { companyId, hasPhoneOnly, excludeDnc, search, leadStatus } = request.audience;
        if (companyId !== campaign.companyId) throw AppError.validation({ 'audience.companyId': "Must be the campaign's company" });
        const audience = (q: ReturnType<typeof contactsQuery>) => {
          let filtered = q.where('contacts.companyId', '=', companyId);
          if (hasPhoneOnly) filtered = filtered.where('contacts.phone', 'is not', null);
          if (excludeDnc) filtered = filtered.where('contacts.doNotCall', '=', 0).where('contacts.leadStatus', '!=', 'do_not_contact');
          if (leadStatus) filtered = filtered.where('contacts.leadStatus', '=', leadStatus);
          if (search?.trim()) filtered = filtered.where(contactSearchFilter(search));
          return filtered;
        };
        const { n: matching } = await audience(contactsQuery()).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
        const inserted = await insertFrom(campaign.id, request.priority, audience);
        // A search or lead-status filter is a one-off selection: only the whole company's audience is
        // evergreen (the contact triggers of migration 003 cannot apply a search).
        const narrowed = Boolean(search?.trim() || leadStatus);
        if (!narrowed) await db
          .updateTable('campaigns')
          .set({ audienceMode: 'all_eligible', audienceHasPhoneOnly: hasPhoneOnly ? 1 : 0, audienceExcludeDnc: excludeDnc ? 1 : 0, updatedAt: now() })
          .where('id', '=', campaign.id)
          .execute();
        result = { ...inserted, alreadyEnrolled: matching - inserted.enrolled - inserted.skipped };
      } else {
        const ids = [...new Set(request.contactIds!)];
        const found = new Set<string>();
        for (const slice of slices(ids, ID_SLICE)) {
          const rows = await db.selectFrom('contacts').select('id').where('id', 'in', slice).where('companyId', '=', campaign.companyId).where('teamId', '=', team.teamId).execute();
          rows.forEach((r) => found.add(r.id));
        }
        const fields: Record<string, string> = {};
        request.contactIds!.forEach((id, i) => {
          if (!found.has(id)) fields[`contactIds.${i}`] = `Contact ${id} is not in this campaign's company`;
        });
        if (Object.keys(fields).length) throw AppError.validation(fields);
        const counts = { enrolled: 0, skipped: 0 };
        for (const slice of slices(ids, ID_SLICE)) {
          const inserted = await insertFrom(campaign.id, request.priority, (q) => q.where('contacts.id', 'in', slice));
          counts.enrolled += inserted.enrolled;
          counts.skipped += inserted.skipped;
        }
        result = { ...counts, alreadyEnrolled: ids.length - counts.enrolled - counts.skipped };
      }
      // contacts on a team DNC list are skipped now (and re-checked at dial time), each with its audit row
      // (the scrub also catches earlier enrolees whose number joined a list: counted within this request's figures at most)
      const listed = Math.min(compliance.scrubPending({ teamId: team.teamId, campaignId: campaign.id, at: now() }), result.enrolled);
      const inserted = result.enrolled;
      result = { ...result, enrolled: result.enrolled - listed, skipped: result.skipped + listed };
      if (inserted) events.emit('campaigns.enrolled', { campaignId: campaign.id });
      return result;
    },

    /** A Draft copy of a campaign with the same contacts, enrolled afresh (callable now: pending; else skipped). */
    async duplicate(team: TeamScope, id: string): Promise<Campaign> {
      const copy = await campaigns.duplicate(team, id);
      const enrolled = db.selectFrom('campaignContacts').select('campaignContacts.contactId').where('campaignContacts.campaignId', '=', id);
      const { enrolled: pending } = await insertFrom(copy.id, 0, (q) => q.where('contacts.id', 'in', enrolled));
      if (pending) events.emit('campaigns.enrolled', { campaignId: copy.id });
      return copy;
    },

    /** The campaign's queue: priority first, then enrolment order. */
    async list(team: TeamScope, query: { id: string; status?: CampaignContact['status']; limit: number; offset: number }): Promise<Page<CampaignContact>> {
      await campaigns.get(team, query.id);
      let q = db
        .selectFrom('campaignContacts')
        .innerJoin('contacts', 'contacts.id', 'campaignContacts.contactId')
        .select([
          'campaignContacts.campaignId',
          'campaignContacts.contactId',
          'contacts.firstName',
          'contacts.lastName',
          'contacts.phone',
          'contacts.timezone',
          'campaignContacts.status',
          'campaignContacts.skipReason',
          'campaignContacts.priority',
          'campaignContacts.attempts',
          'campaignContacts.lastOutcome',
          'campaignContacts.nextAttemptAt',
          'campaignContacts.enrolledAt',
        ])
        .where('campaignContacts.campaignId', '=', query.id);
      if (query.status) q = q.where('campaignContacts.status', '=', query.status);
      q = q.orderBy('campaignContacts.priority', 'desc').orderBy('campaignContacts.seq');
      // a pending contact at 0 is due now; others have no next attempt
      const found = await page(db, q, query, (r) => ({
        ...r,
        nextAttemptAt: r.status === 'pending' && r.nextAttemptAt > 0 ? iso(r.nextAttemptAt) : null,
        enrolledAt: iso(r.enrolledAt),
      }));
      const latest = decisions.latestOf(query.id, found.items.map((c) => c.contactId));
      return { ...found, items: found.items.map((c) => ({ ...c, lastDecision: latest[c.contactId] ?? null })) };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
