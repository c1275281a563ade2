import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TeamScope } from '../crm/context';
import { MAX_FROM_NUMBERS } from '../../shared/campaigns/schemas';

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
export async function checkCampaignReferences(db: Kysely<Database>, team: TeamScope, refs: Refs): Promise<Record<string, string>> {
  const fields: Record<string, string> = {};
  const assistantId = typeof refs.assistantId === 'string' && refs.assistantId ? refs.assistantId : undefined;
  if (assistantId) {
    const assistant = await db
      .selectFrom('assistants')
      .select(['outboundEnabled'])
      .select((eb) =>
        eb.selectFrom('phoneNumbers').whereRef('phoneNumbers.assistantId', '=', 'assistants.id').where('phoneNumbers.status', '=', 'active').select(eb.fn.countAll<number>().as('n')).as('activeNumbers'),
      )
      .where('id', '=', assistantId)
      .where('teamId', '=', team.teamId)
      .executeTakeFirst();
    if (!assistant) fields.assistantId = `Assistant ${assistantId} does not exist`;
    else if (assistant.outboundEnabled !== 1) fields.assistantId = 'This assistant has outbound calling turned off (Assistants → Telephony)';
    else if (!assistant.activeNumbers) fields.assistantId = 'This assistant has no active phone number (Assistants → Telephony)';
  }
  if (typeof refs.companyId === 'string' && refs.companyId) {
    const company = await db.selectFrom('companies').select('id').where('id', '=', refs.companyId).where('teamId', '=', team.teamId).executeTakeFirst();
    if (!company) fields.companyId = `Company ${refs.companyId} does not exist`;
  }
  // beyond the schema's limit the list is refused anyway; checking more would only cost a huge query
  const listed = Array.isArray(refs.fromNumberIds) && refs.fromNumberIds.length <= MAX_FROM_NUMBERS ? (refs.fromNumberIds as unknown[]) : [];
  const ids = listed.filter((id): id is string => typeof id === 'string');
  if (ids.length) {
    const numbers = await db.selectFrom('phoneNumbers').select(['id', 'status', 'assistantId', 'number']).where('id', 'in', ids).where('teamId', '=', team.teamId).execute();
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
