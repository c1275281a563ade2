import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder } from 'kysely';
import { contactFieldsOf, customKeyOf, type ContactField } from '../../../shared/assistants/templates';
import { FINISHED, type PreflightStore, type TallyGroup } from '../../campaigns/preflightStore';
import { skipReasonSql } from '../../crm/eligibility';
import type { Database } from '../schema';
import { contactZoneKeySql, inAudience } from './campaignAudience';

/** Spaces, tabs and line breaks: what makes a value blank, as the renderer's trim() sees it. */
const BLANK = sql.raw('char(32, 9, 10, 13)');

/**
 * "This contact has no value for the variable", as SQL on `contacts`: the renderer's variableValue() answer for
 * every row at once (false for a variable whose value does not come from the contact).
 */
function lacksValueSql(name: string): RawBuilder<boolean> {
  const fields = contactFieldsOf(name);
  if (fields === null) return sql<boolean>`0`;
  if (fields === 'customFields') {
    const path = `$."${customKeyOf(name)}"`;
    const type = sql`json_type(contacts.custom_fields, ${path})`;
    // text with something in it, a number or a flag is a value; a list, an object or nothing is not
    const value = sql`${type} IN ('integer', 'real', 'true', 'false') OR (${type} = 'text' AND trim(json_extract(contacts.custom_fields, ${path}), ${BLANK}) <> '')`;
    return sql<boolean>`NOT coalesce(${value}, 0)`;
  }
  const blank = (field: ContactField) => sql`coalesce(trim(${sql.ref(`contacts.${field}`)}, ${BLANK}), '') = ''`;
  return sql<boolean>`(${sql.join(fields.map(blank), sql` AND `)})`;
}

/** The columns of the one grouped pass over the contacts: zone key, reason, count, and a sum per variable. */
function tallyColumns(zoneKey: RawBuilder<unknown>, reason: RawBuilder<unknown>, variables: readonly string[]): AliasedRawBuilder<unknown, string>[] {
  return [
    zoneKey.as('groupZone'),
    reason.as('groupReason'),
    sql`count(*)`.as('n'),
    ...variables.map((name, i) => sql`sum(CASE WHEN ${lacksValueSql(name)} THEN 1 ELSE 0 END)`.as(`m${i}`)),
  ];
}
const TALLY_GROUPS = [sql.ref('groupZone'), sql.ref('groupReason')];

type TallyRow = { groupZone: string | null; groupReason: TallyGroup['reason']; n: number } & Record<`m${number}`, number>;

function toGroups(rows: unknown[], variables: readonly string[]): TallyGroup[] {
  return (rows as TallyRow[]).map((row) => ({
    zoneKey: row.groupZone,
    reason: row.groupReason,
    n: row.n,
    lacking: variables.map((_, i) => row[`m${i}`]),
  }));
}

export function createSqlitePreflightStore(db: Kysely<Database>): PreflightStore {
  return {
    async assistant(teamId, id) {
      const found = await db
        .selectFrom('assistants')
        .select(['name', 'greeting', 'prompt', 'voicemailMessage', 'engine', 'agentUrl', 'realtimeModel', 'greetingMediaId'])
        .where('id', '=', id)
        .where('teamId', '=', teamId)
        .executeTakeFirst();
      return found ?? null;
    },

    async companyName(teamId, id) {
      return (await db.selectFrom('companies').select('name').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst())?.name ?? null;
    },

    async onlySimulated(teamId, numberIds) {
      if (numberIds.length === 0) return false;
      const other = await db
        .selectFrom('phoneNumbers')
        .select('id')
        .where('teamId', '=', teamId)
        .where('id', 'in', [...numberIds])
        .where('provider', '!=', 'simulator')
        .executeTakeFirst();
      return !other;
    },

    async tallyEnrolled(campaignId, variables) {
      const status = sql.ref('campaignContacts.status');
      const reason = sql`CASE WHEN ${status} = 'skipped' THEN ${sql.ref('campaignContacts.skipReason')} WHEN ${status} IN ('pending', 'calling') THEN ${skipReasonSql()} ELSE ${FINISHED} END`;
      const rows = await db
        .selectFrom('campaignContacts')
        .innerJoin('contacts', 'contacts.id', 'campaignContacts.contactId')
        .where('campaignContacts.campaignId', '=', campaignId)
        .select(tallyColumns(sql.ref('campaignContacts.zoneKey'), reason, variables))
        .groupBy(TALLY_GROUPS)
        .execute();
      return toGroups(rows, variables);
    },

    async tallyDraft(teamId, { companyId, audience, contactIds }, variables) {
      const base = db.selectFrom('contacts').where('contacts.teamId', '=', teamId);
      const chosen = audience
        ? inAudience(base, audience)
        : base.where('contacts.companyId', '=', companyId).where(sql<boolean>`contacts.id IN (SELECT value FROM json_each(${JSON.stringify(contactIds ?? [])}))`);
      const rows = await chosen.select(tallyColumns(contactZoneKeySql, skipReasonSql(), variables)).groupBy(TALLY_GROUPS).execute();
      return toGroups(rows, variables);
    },
  };
}
