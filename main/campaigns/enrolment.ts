import { sql, type Kysely } from 'kysely';
import type { ContactSelection, EnrolRequest } from '../../shared/campaigns/schemas';
import { HOLDS_CONTACTS } from '../../shared/campaigns/lifecycle';
import type { Campaign, CampaignContact, EnrolmentResult, QueueHold } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { iso, isoOrNull } from '../db/instants';
import type { Database } from '../db/schema';
import { inWriteTransaction } from '../db/writeTransaction';
import type { TeamScope } from '../crm/context';
import { dncListColumn, eligibleToCallSql, skipReasonSql } from '../crm/eligibility';
import { page } from '../crm/paging';
import type { ComplianceStore } from '../compliance/complianceStore';
import type { DecisionReader } from '../compliance/decisions';
import { groupHold } from '../compliance/groupHours';
import type { EventBus } from '../platform/events';
import { contactZoneKeySql, inAudience } from './audience';
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

/**
 * Why the contact's latest call failed, read for failed outcomes only: through its number's calls, which are few
 * (calls_to_number_team_started), not the campaign's, which may be many and would also serve the order.
 */
const lastCallError = sql<string | null>`CASE WHEN campaign_contacts.last_outcome = 'failed' THEN (
  SELECT calls.error FROM calls INDEXED BY calls_to_number_team_started
  WHERE calls.to_number = contacts.phone AND calls.team_id = contacts.team_id
    AND calls.campaign_id = campaign_contacts.campaign_id AND calls.contact_id = campaign_contacts.contact_id
  ORDER BY calls.started_at DESC LIMIT 1) END`;

export function createEnrolmentService({ db, now, events, campaigns, compliance, decisions }: EnrolmentDeps) {
  /**
   * One set-based INSERT … SELECT over the chosen contacts: callable ones as pending, the rest as
   * skipped with their reason (a DNC-list skip with its audit row); contacts already in the campaign are
   * left as they are.
   */
  async function insertFrom(
    on: Kysely<Database>,
    campaign: Pick<Campaign, 'id' | 'teamId'>,
    priority: number,
    filter: (q: ReturnType<typeof contactsQuery>) => ReturnType<typeof contactsQuery>,
  ): Promise<{ enrolled: number; skipped: number }> {
    const campaignId = campaign.id;
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
          contactZoneKeySql.as('zoneKey'),
          sql.lit(priority).as('priority'),
          sql.lit(at).as('enrolledAt'),
          sql.lit(at).as('updatedAt'),
        ]);
      const result = await on
        .insertInto('campaignContacts')
        .columns(['campaignId', 'contactId', 'contactSeq', 'status', 'skipReason', 'zoneKey', 'priority', 'enrolledAt', 'updatedAt'])
        .expression(select)
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      counts[callable ? 'enrolled' : 'skipped'] = Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    if (counts.skipped) compliance.auditListedEnrolments({ teamId: campaign.teamId, campaignId, at });
    return counts;
  }

  const contactsQuery = () => db.selectFrom('contacts');

  /**
   * What is wrong with a selection of contacts for a campaign of `companyId` (field -> message, under `prefix`):
   * an audience of another company, contact ids not of that company.
   */
  async function checkSelection(team: TeamScope, companyId: string, selection: ContactSelection, prefix = ''): Promise<Record<string, string>> {
    const fields: Record<string, string> = {};
    if (selection.audience) {
      if (selection.audience.companyId !== companyId) fields[`${prefix}audience.companyId`] = "Must be the campaign's company";
      return fields;
    }
    const ids = [...new Set(selection.contactIds!)];
    const found = new Set<string>();
    for (const slice of slices(ids, ID_SLICE)) {
      const rows = await db.selectFrom('contacts').select('id').where('id', 'in', slice).where('companyId', '=', companyId).where('teamId', '=', team.teamId).execute();
      rows.forEach((r) => found.add(r.id));
    }
    selection.contactIds!.forEach((id, i) => {
      if (!found.has(id)) fields[`${prefix}contactIds.${i}`] = `Contact ${id} is not in this campaign's company`;
    });
    return fields;
  }

  /** Enrols a checked selection (inside the caller's transaction `on`). */
  async function enrolIn(on: Kysely<Database>, campaign: Pick<Campaign, 'id' | 'teamId'>, selection: ContactSelection): Promise<EnrolmentResult> {
    if (selection.audience) {
      const chosen = selection.audience;
      const { hasPhoneOnly, excludeDnc, search, leadStatus } = chosen;
      const audience = (q: ReturnType<typeof contactsQuery>) => inAudience(q, chosen);
      const { n: matching } = await audience(on.selectFrom('contacts')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const inserted = await insertFrom(on, campaign, selection.priority, audience);
      // A search or lead-status filter is a one-off selection: only the whole company's audience is
      // evergreen (the contact triggers of migration 003 cannot apply a search).
      const narrowed = Boolean(search?.trim() || leadStatus);
      if (!narrowed) await on
        .updateTable('campaigns')
        .set({ audienceMode: 'all_eligible', audienceHasPhoneOnly: hasPhoneOnly ? 1 : 0, audienceExcludeDnc: excludeDnc ? 1 : 0, updatedAt: now() })
        .where('id', '=', campaign.id)
        .execute();
      return { ...inserted, alreadyEnrolled: matching - inserted.enrolled - inserted.skipped };
    }
    const ids = [...new Set(selection.contactIds!)];
    const counts = { enrolled: 0, skipped: 0 };
    for (const slice of slices(ids, ID_SLICE)) {
      const inserted = await insertFrom(on, campaign, selection.priority, (q) => q.where('contacts.id', 'in', slice));
      counts.enrolled += inserted.enrolled;
      counts.skipped += inserted.skipped;
    }
    return { ...counts, alreadyEnrolled: ids.length - counts.enrolled - counts.skipped };
  }

  return {
    checkSelection,
    enrolIn,

    async enrol(team: TeamScope, request: EnrolRequest): Promise<EnrolmentResult> {
      const { id, ...selection } = request;
      const campaign = await campaigns.enrollable(team, id);
      AppError.throwIfInvalid(await checkSelection(team, campaign.companyId, selection));
      const result = await inWriteTransaction(db, (trx) => enrolIn(trx, campaign, selection));
      if (result.enrolled) events.emit('campaigns.enrolled', { campaignId: campaign.id });
      return result;
    },

    /** A Draft copy of a campaign with the same contacts, enrolled afresh (callable now: pending; else skipped). */
    async duplicate(team: TeamScope, id: string, name?: string): Promise<Campaign> {
      const copy = await campaigns.duplicate(team, id, name);
      const enrolled = db.selectFrom('campaignContacts').select('campaignContacts.contactId').where('campaignContacts.campaignId', '=', id);
      const { enrolled: pending } = await insertFrom(db, copy, 0, (q) => q.where('contacts.id', 'in', enrolled));
      if (pending) events.emit('campaigns.enrolled', { campaignId: copy.id });
      return copy;
    },

    /** The campaign's queue: priority first, then enrolment order; each contact with what keeps it waiting or why it failed. */
    async list(team: TeamScope, query: { id: string; status?: CampaignContact['status']; limit: number; offset: number }): Promise<Page<CampaignContact>> {
      const campaign = await campaigns.get(team, query.id);
      const at = now();
      const dials = HOLDS_CONTACTS.includes(campaign.status);
      // every contact of a zone group is held by the same hours
      const holds = new Map<string | null, QueueHold | null>();
      const holdOf = (zoneKey: string | null): QueueHold | null => {
        if (!holds.has(zoneKey)) {
          const hold = groupHold(campaign, zoneKey, at);
          holds.set(zoneKey, hold && { rule: hold.rule, until: isoOrNull(hold.until), timeZone: hold.timeZone });
        }
        return holds.get(zoneKey)!;
      };
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
          'campaignContacts.zoneKey',
          dncListColumn(),
          lastCallError.as('lastError'),
        ])
        .where('campaignContacts.campaignId', '=', query.id);
      if (query.status) q = q.where('campaignContacts.status', '=', query.status);
      q = q.orderBy('campaignContacts.priority', 'desc').orderBy('campaignContacts.seq');
      // a pending contact at 0 is due now; others have no next attempt
      const found = await page(db, q, query, ({ zoneKey, ...r }) => ({
        ...r,
        nextAttemptAt: r.status === 'pending' && r.nextAttemptAt > 0 ? iso(r.nextAttemptAt) : null,
        enrolledAt: iso(r.enrolledAt),
        // due now (never deferred, or its time has come) in a campaign that dials: only the hours can keep it waiting
        hold: dials && r.status === 'pending' && r.nextAttemptAt <= at ? holdOf(zoneKey) : null,
      }));
      const latest = await decisions.latestOf(query.id, found.items.map((c) => c.contactId));
      return { ...found, items: found.items.map((c) => ({ ...c, lastDecision: latest[c.contactId] ?? null })) };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
