import type { TeamScope } from '../crm/context';
import { MAX_FROM_NUMBERS } from '../../shared/campaigns/schemas';
import type { CampaignStore } from './campaignStore';

interface Refs {
  assistantId?: unknown;
  companyId?: unknown;
  fromNumberIds?: unknown;
  fromNumberWeights?: unknown;
}

/**
 * The campaign rules that need the database: the assistant exists, has outbound calling and an active
 * number; the company exists; every from-number is an active number of that assistant. Returns the bad
 * fields (checked only where the value has the right shape; the schema names the rest).
 */
export async function checkCampaignReferences(store: Pick<CampaignStore, 'assistant' | 'companyExists' | 'numbers'>, team: TeamScope, refs: Refs): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const assistantId = typeof refs.assistantId === 'string' && refs.assistantId ? refs.assistantId : undefined;
  if (assistantId) {
    const assistant = await store.assistant(team.teamId, assistantId);
    if (!assistant) fields.assistantId = `Assistant ${assistantId} does not exist`;
    else if (!assistant.outboundEnabled) fields.assistantId = 'This assistant has outbound calling turned off (Assistants → Telephony)';
    else if (!assistant.activeNumbers) fields.assistantId = 'This assistant has no active phone number (Assistants → Telephony)';
  }
  if (typeof refs.companyId === 'string' && refs.companyId) {
    if (!(await store.companyExists(team.teamId, refs.companyId))) fields.companyId = `Company ${refs.companyId} does not exist`;
  }
  // beyond the schema's limit the list is refused anyway; checking more would only cost a huge query
  const listed = Array.isArray(refs.fromNumberIds) && refs.fromNumberIds.length <= MAX_FROM_NUMBERS ? (refs.fromNumberIds as unknown[]) : [];
  const ids = listed.filter((id): id is string => typeof id === 'string');
  if (ids.length) {
    const numbers = await store.numbers(team.teamId, ids);
    const byId = new Map(numbers.map((n) => [n.id, n]));
    listed.forEach((id, i) => {
      if (typeof id !== 'string') return;
      const number = byId.get(id);
      if (!number) fields[`fromNumberIds.${i}`] = `Phone number ${id} does not exist`;
      else if (number.status !== 'active') fields[`fromNumberIds.${i}`] = `${number.number} is ${number.status}, not active`;
      else if (assistantId && number.assistantId !== assistantId) fields[`fromNumberIds.${i}`] = `${number.number} is not assigned to this assistant`;
    });
  }
  if (refs.fromNumberWeights && typeof refs.fromNumberWeights === 'object') {
    for (const id of Object.keys(refs.fromNumberWeights)) {
      if (!ids.includes(id)) fields[`fromNumberWeights.${id}`] = 'Weight for a number that is not selected';
    }
  }
  return fields;
}
