// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; the
// search, which each engine serves from an index of its own, and how each names a refused write come from the engine.
import type { Expression, Kysely } from 'kysely';
import { HOLDS_CONTACTS } from '../../../shared/campaigns/lifecycle';
import type { ContactStore } from '../../crm/contactStore';
import { dncListColumn, eligibleToCallSql, excludeDncSql } from '../../crm/eligibility';
import { countUpTo } from '../../crm/paging';
import type { Database } from '../schema';
import { contactColumns, phoneZonesColumn, storedContact } from './contactRows';

/** What the contact store asks of the engine it runs on. */
export interface ContactEngine {
  /** A filter on contacts (aliased `contacts`) for a search box's text: name, email or phone substring, any case. */
  searchFilter(text: string): Expression<boolean>;
  /** Whether the write failed on the unique index contacts_company_phone: the company has a contact with this phone. */
  isDuplicatePhone(error: unknown): boolean;
}

export function createContactStore(db: Kysely<Database>, engine: ContactEngine): ContactStore {
  /** A write, or false when it would give the company a second contact with one phone. */
  async function unlessPhoneTaken(write: () => Promise<unknown>): Promise<boolean> {
    try {
      await write();
      return true;
    } catch (error) {
      if (engine.isDuplicatePhone(error)) return false;
      throw error;
    }
  }

  const contacts = (teamId: string) => db.selectFrom('contacts').selectAll().select(dncListColumn()).where('contacts.teamId', '=', teamId);

  return {
    async get(teamId, id) {
      const row = await contacts(teamId).where('id', '=', id).executeTakeFirst();
      return row && storedContact(row);
    },

    hasCompany: async (teamId, companyId) =>
      (await db.selectFrom('companies').select('id').where('id', '=', companyId).where('teamId', '=', teamId).executeTakeFirst()) !== undefined,

    insert: (contact) => unlessPhoneTaken(() => db.insertInto('contacts').values(contactColumns(contact)).execute()),

    async insertMany(many) {
      if (!many.length) return [];
      const inserted = await db.insertInto('contacts').values(many.map(contactColumns)).onConflict((oc) => oc.doNothing()).returning('id').execute();
      return inserted.map((r) => r.id);
    },

    async update(teamId, id, { phoneZones, doNotCall, tags, customFields, ...fields }, at) {
      let changed = 0n;
      const written = await unlessPhoneTaken(async () => {
        const result = await db
          .updateTable('contacts')
          .set({
            ...fields,
            ...(phoneZones && { phoneZones: phoneZonesColumn(phoneZones) }),
            ...(doNotCall !== undefined && { doNotCall: doNotCall ? 1 : 0 }),
            ...(tags && { tags: JSON.stringify(tags) }),
            ...(customFields && { customFields: JSON.stringify(customFields) }),
            updatedAt: at,
          })
          .where('id', '=', id)
          .where('teamId', '=', teamId)
          .executeTakeFirst();
        changed = result.numUpdatedRows;
      });
      if (!written) return 'phoneTaken';
      return changed > 0n ? 'updated' : 'missing';
    },

    async holdingCampaign(teamId, contactId) {
      const holding = await db
        .selectFrom('campaignContacts')
        .innerJoin('campaigns', 'campaigns.id', 'campaignContacts.campaignId')
        .select('campaigns.name')
        .where('campaignContacts.contactId', '=', contactId)
        .where('campaigns.teamId', '=', teamId)
        .where('campaigns.status', 'in', HOLDS_CONTACTS)
        .where('campaigns.deletedAt', 'is', null)
        .executeTakeFirst();
      return holding?.name;
    },

    async remove(teamId, id) {
      const result = await db.deleteFrom('contacts').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async list(teamId, filter, { limit, offset, countUpTo: upTo }) {
      let q = contacts(teamId);
      if (filter.companyId) q = q.where('contacts.companyId', '=', filter.companyId);
      if (filter.leadStatus) q = q.where('contacts.leadStatus', '=', filter.leadStatus);
      if (filter.hasPhone) q = q.where('contacts.phone', 'is not', null);
      if (filter.excludeDnc) q = q.where(excludeDncSql());
      if (filter.doNotCall !== undefined) q = q.where('contacts.doNotCall', '=', filter.doNotCall ? 1 : 0);
      if (filter.eligibleOnly) q = q.where(eligibleToCallSql());
      if (filter.search?.trim()) q = q.where(engine.searchFilter(filter.search));
      const rows = await q.orderBy('contacts.seq', 'desc').limit(limit).offset(offset).execute();
      return { items: rows.map(storedContact), total: await countUpTo(db, q, upTo) };
    },
  };
}
