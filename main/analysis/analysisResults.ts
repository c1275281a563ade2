import type { AnalysisResults } from '../../shared/analysis/results';
import type { CampaignService } from '../campaigns/campaignService';
import type { AssistantService } from '../crm/assistants';
import type { TeamScope } from '../crm/context';
import type { AnalysisJobStore } from './analysisJobStore';

/** The monitor's Results: a campaign's analyses counted by state and success, and its enum fields by value. */
export function createAnalysisResults({ store, campaigns, assistants }: { store: AnalysisJobStore; campaigns: CampaignService; assistants: AssistantService }) {
  return async function results(team: TeamScope, campaignId: string): Promise<AnalysisResults> {
    const campaign = await campaigns.get(team, campaignId);
    const enums = (await assistants.get(team, campaign.assistantId)).collect.filter((field) => field.type === 'enum');
    const tally = await store.tally(campaignId, enums.map((field) => field.key));
    const fields = enums.map((field) => ({
      key: field.key,
      description: field.description,
      values: field.options.map((option) => ({ value: option, count: tally.values[field.key]?.[option] ?? 0 })),
    }));
    return { analysed: tally.done, succeeded: tally.succeeded, successRate: tally.done ? tally.succeeded / tally.done : null, pending: tally.pending, failed: tally.failed, fields };
  };
}
