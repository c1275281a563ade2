import type { ContactSelection, EnrolRequest } from '../../shared/campaigns/schemas';
import { HOLDS_CONTACTS } from '../../shared/campaigns/lifecycle';
import type { Campaign, CampaignContact, EnrolmentResult, QueueHold } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { iso, isoOrNull } from '../db/instants';
import type { TeamScope } from '../crm/context';
import type { ComplianceStore } from '../compliance/complianceStore';
import type { DecisionReader } from '../compliance/decisions';
import { groupHold } from '../compliance/groupHours';
import type { EventBus } from '../platform/events';
import type { CampaignService } from './campaignService';
import type { EnrollingCampaign, EnrolmentCounts, EnrolmentStore, EnrolmentWrites } from './enrolmentStore';

export interface EnrolmentDeps {
  store: EnrolmentStore;
  now: () => number;
  events: EventBus;
  campaigns: CampaignService;
  compliance: ComplianceStore;
  decisions: Pick<DecisionReader, 'latestOf'>;
}

export function createEnrolmentService({ store, now, events, campaigns, compliance, decisions }: EnrolmentDeps) {
  /** Enrolled contacts a team's DNC list skipped get their audit rows (inside the enrolment's transaction). */
  function audited<C extends EnrolmentCounts>(campaign: EnrollingCampaign, at: number, counts: C): C {
    if (counts.skipped) compliance.auditListedEnrolments({ teamId: campaign.teamId, campaignId: campaign.id, at });
    return counts;
  }

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
    const found = await store.contactsOfCompany(team.teamId, companyId, selection.contactIds!);
    selection.contactIds!.forEach((id, i) => {
      if (!found.has(id)) fields[`${prefix}contactIds.${i}`] = `Contact ${id} is not in this campaign's company`;
    });
    return fields;
  }

  /** Enrols a checked selection (through the caller's transaction `on`). */
  async function enrolIn(on: EnrolmentWrites, campaign: EnrollingCampaign, selection: ContactSelection): Promise<EnrolmentResult> {
    const at = now();
    if (selection.audience) {
      const chosen = selection.audience;
      const { matching, ...inserted } = audited(campaign, at, await on.enrolAudience(campaign, chosen, selection.priority, at));
      // A search or lead-status filter is a one-off selection: only the whole company's audience is
      // evergreen (the contact triggers of migration 003 cannot apply a search).
      const narrowed = Boolean(chosen.search?.trim() || chosen.leadStatus);
      if (!narrowed) await on.keepAudience(campaign.id, { mode: chosen.mode, hasPhoneOnly: chosen.hasPhoneOnly, excludeDnc: chosen.excludeDnc }, now());
      return { ...inserted, alreadyEnrolled: matching - inserted.enrolled - inserted.skipped };
    }
    const ids = [...new Set(selection.contactIds!)];
    const counts = audited(campaign, at, await on.enrolContacts(campaign, ids, selection.priority, at));
    return { ...counts, alreadyEnrolled: ids.length - counts.enrolled - counts.skipped };
  }

  return {
    checkSelection,
    enrolIn,

    async enrol(team: TeamScope, request: EnrolRequest): Promise<EnrolmentResult> {
      const { id, ...selection } = request;
      const campaign = await campaigns.enrollable(team, id);
      AppError.throwIfInvalid(await checkSelection(team, campaign.settings.companyId, selection));
      const result = await store.transaction((tx) => enrolIn(tx, campaign, selection));
      if (result.enrolled) events.emit('campaigns.enrolled', { campaignId: campaign.id });
      return result;
    },

    /** A Draft copy of a campaign with the same contacts, enrolled afresh (callable now: pending; else skipped). */
    async duplicate(team: TeamScope, id: string, name?: string): Promise<Campaign> {
      const copy = await campaigns.duplicate(team, id, name);
      const at = now();
      const { enrolled: pending } = audited(copy, at, await store.copyContacts(id, copy, at));
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
      const found = await store.queue(query.id, query);
      const latest = await decisions.latestOf(query.id, found.items.map((c) => c.contactId));
      return {
        ...found,
        items: found.items.map(({ zoneKey, ...r }) => ({
          ...r,
          // a pending contact at 0 is due now; others have no next attempt
          nextAttemptAt: r.status === 'pending' && r.nextAttemptAt > 0 ? iso(r.nextAttemptAt) : null,
          enrolledAt: iso(r.enrolledAt),
          // due now (never deferred, or its time has come) in a campaign that dials: only the hours can keep it waiting
          hold: dials && r.status === 'pending' && r.nextAttemptAt <= at ? holdOf(zoneKey) : null,
          lastDecision: latest[r.contactId] ?? null,
        })),
      };
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
