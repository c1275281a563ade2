// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; SQL
// that differs lives in each engine's own folder (main/db/sqlite, main/db/postgres).
import type { Kysely, Selectable } from 'kysely';
import type { CollectField } from '../../../shared/analysis/collect';
import type { AssistantFields, AssistantStore, StoredAssistant } from '../../crm/assistantStore';
import { readJson } from '../../crm/json';
import type { AssistantTable, Database } from '../schema';

type AssistantRow = Selectable<AssistantTable> & { activeNumbers: number };

// Flags are 0/1 in SQLite and BOOLEAN in PostgreSQL: written as 1/0 (which PostgreSQL takes as a boolean's text), read as truthy.
const flag = (value: boolean) => (value ? 1 : 0);

function stored({ legacyGreetingPath: _g, legacyVoicemailPath: _v, outboundEnabled, recordCalls, collect, ...row }: AssistantRow): StoredAssistant {
  return { ...row, outboundEnabled: Boolean(outboundEnabled), recordCalls: Boolean(recordCalls), collect: readJson<CollectField[]>(collect, []) };
}

/** The fields given, as the columns keep them; a field left out stays out (an update keeps it). */
function columns<T extends Partial<AssistantFields>>({ outboundEnabled, recordCalls, collect, ...rest }: T) {
  return {
    ...rest,
    ...(outboundEnabled === undefined ? {} : { outboundEnabled: flag(outboundEnabled) }),
    ...(recordCalls === undefined ? {} : { recordCalls: flag(recordCalls) }),
    ...(collect === undefined ? {} : { collect: JSON.stringify(collect) }),
  };
}

export function createAssistantStore(db: Kysely<Database>): AssistantStore {
  const withNumbers = (teamId: string) =>
    db
      .selectFrom('assistants')
      .selectAll('assistants')
      .select((eb) =>
        eb
          .selectFrom('phoneNumbers')
          .whereRef('phoneNumbers.assistantId', '=', 'assistants.id')
          .where('phoneNumbers.status', '=', 'active')
          .select(eb.fn.countAll<number>().as('n'))
          .as('activeNumbers'),
      )
      .where('assistants.teamId', '=', teamId);

  return {
    async get(teamId, id) {
      const row = await withNumbers(teamId).where('assistants.id', '=', id).executeTakeFirst();
      return row && stored(row as AssistantRow);
    },

    list: async (teamId) => ((await withNumbers(teamId).orderBy('assistants.name').orderBy('assistants.id').execute()) as AssistantRow[]).map(stored),

    async insert(assistant) {
      await db.insertInto('assistants').values({ ...columns(assistant), outboundEnabled: flag(assistant.outboundEnabled) }).execute();
    },

    async update(teamId, id, changes, at) {
      const result = await db.updateTable('assistants').set({ ...columns(changes), updatedAt: at }).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async previewContact(teamId, contactId) {
      const found = await db
        .selectFrom('contacts')
        .innerJoin('companies', 'companies.id', 'contacts.companyId')
        .select(['contacts.firstName', 'contacts.lastName', 'contacts.email', 'contacts.phone', 'contacts.jobTitle', 'contacts.leadStatus', 'contacts.customFields'])
        .select(['companies.name as company', 'contacts.timezone', 'contacts.phoneZones'])
        .where('contacts.id', '=', contactId)
        .where('contacts.teamId', '=', teamId)
        .executeTakeFirst();
      if (!found) return undefined;
      const { company, timezone, phoneZones, customFields, ...contact } = found;
      return { contact: { ...contact, customFields: readJson(customFields, {}) }, company, zoneKey: timezone ?? phoneZones };
    },
  };
}
