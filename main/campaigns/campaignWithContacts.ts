import type { ContactSelection } from '../../shared/campaigns/schemas';
import type { Campaign } from '../../shared/campaigns/types';
import { AppError } from '../../shared/errors';
import { isRecord } from '../../shared/validation';
import type { TeamScope } from '../crm/context';
import type { EventBus } from '../platform/events';
import type { CampaignService } from './campaignService';
import type { CampaignStore } from './campaignStore';
import type { EnrolmentService } from './enrolment';
import type { EnrolmentWrites } from './enrolmentStore';

export interface CampaignWithContactsDeps {
  store: Pick<CampaignStore, 'transaction'>;
  events: EventBus;
  campaigns: CampaignService;
  enrolment: EnrolmentService;
}

/** Where the errors of the contacts saved with a campaign are named: under the request's `enrol`. */
const SELECTION_PREFIX = 'enrol.';

/**
 * A campaign saved with the contacts it enrols, as the New Campaign dialog saves it: checked whole first, then
 * written in one transaction, so a failed enrolment never leaves a campaign without its contacts behind.
 */
export function createCampaignWithContacts({ store, events, campaigns, enrolment }: CampaignWithContactsDeps) {
  /** How many of the selection (if any) became callable, enrolled inside the transaction `on`. */
  async function enrolledBy(on: EnrolmentWrites, campaign: Pick<Campaign, 'id' | 'teamId'>, selection: ContactSelection | undefined) {
    return selection ? (await enrolment.enrolIn(on, campaign, selection)).enrolled : 0;
  }

  function announce(campaignId: string, enrolled: number): void {
    events.emit('campaigns.changed', { campaignId });
    if (enrolled) events.emit('campaigns.enrolled', { campaignId });
  }

  return {
    async create(team: TeamScope, raw: unknown, selection?: ContactSelection): Promise<Campaign> {
      const companyId = isRecord(raw) && typeof raw.companyId === 'string' ? raw.companyId : null;
      const selectionFields = selection && companyId ? await enrolment.checkSelection(team, companyId, selection, SELECTION_PREFIX) : {};
      // the campaign's and the selection's problems are named together
      const settings = await campaigns.planCreate(team, raw).catch((error: unknown) => {
        if (error instanceof AppError && error.fields) throw AppError.validation({ ...error.fields, ...selectionFields });
        throw error;
      });
      AppError.throwIfInvalid(selectionFields);
      const { id, enrolled } = await store.transaction(async (tx) => {
        const id = await campaigns.insert(tx.campaigns, team, settings);
        return { id, enrolled: await enrolledBy(tx.enrolment, { id, teamId: team.teamId }, selection) };
      });
      announce(id, enrolled);
      return campaigns.get(team, id);
    },

    async update(team: TeamScope, id: string, changes: Record<string, unknown>, selection?: ContactSelection): Promise<Campaign> {
      const plan = await campaigns.planUpdate(team, id, changes);
      if (selection) {
        await campaigns.enrollable(team, id);
        AppError.throwIfInvalid(await enrolment.checkSelection(team, plan.settings.companyId, selection, SELECTION_PREFIX));
      }
      const enrolled = await store.transaction(async (tx) => {
        await campaigns.applyUpdate(tx.campaigns, plan);
        return enrolledBy(tx.enrolment, { id, teamId: team.teamId }, selection);
      });
      announce(id, enrolled);
      return campaigns.get(team, id);
    },
  };
}

export type CampaignWithContacts = ReturnType<typeof createCampaignWithContacts>;
