import { sql, type Kysely } from 'kysely';
import type { CollectField } from '../../shared/analysis/collect';
import type { AnalysisResults } from '../../shared/analysis/results';
import type { CampaignService } from '../campaigns/campaignService';
import type { TeamScope } from '../crm/context';
import { readJson } from '../crm/json';
import type { Database } from '../db/schema';

/** The monitor's Results: a campaign's analyses counted by state and success, and its enum fields by value. */
export function createAnalysisResults(db: Kysely<Database>, campaigns: CampaignService) {
  const ofCampaign = (campaignId: string) => db.selectFrom('callAnalyses').innerJoin('calls', 'calls.id', 'callAnalyses.callId').where('calls.campaignId', '=', campaignId);

  return async function results(team: TeamScope, campaignId: string): Promise<AnalysisResults> {
    const campaign = await campaigns.get(team, campaignId);
    const assistant = await db.selectFrom('assistants').select('collect').where('id', '=', campaign.assistantId).executeTakeFirst();
    const enums = readJson<CollectField[]>(assistant?.collect ?? '[]', []).filter((field) => field.type === 'enum');
    const states = await ofCampaign(campaignId)
      .select(['callAnalyses.state', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('callAnalyses.success').as('succeeded')])
      .groupBy('callAnalyses.state')
      .execute();
    const count = (state: string) => states.find((s) => s.state === state);
    const analysed = count('done')?.n ?? 0;
    const succeeded = Number(count('done')?.succeeded ?? 0);
    const fields = await Promise.all(
      enums.map(async (field) => {
        const value = sql<string | null>`json_extract(call_analyses.fields, ${`$.${field.key}`})`;
        const rows = await ofCampaign(campaignId).where('callAnalyses.state', '=', 'done').select([value.as('value'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(value).execute();
        const counted = new Map(rows.map((row) => [row.value, row.n]));
        return { key: field.key, description: field.description, values: field.options.map((option) => ({ value: option, count: counted.get(option) ?? 0 })) };
      }),
    );
    return { analysed, succeeded, successRate: analysed ? succeeded / analysed : null, pending: count('pending')?.n ?? 0, failed: count('failed')?.n ?? 0, fields };
  };
}
