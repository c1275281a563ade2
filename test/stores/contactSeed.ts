// Rows the ContactStore cannot make through its interface (it only reads them), seeded through Kysely, which writes
// them alike on every engine: companies, campaigns the contacts are enrolled in, and numbers on DNC lists as their
// import adds them.
import type { Kysely } from 'kysely';
import type { Database } from '../../main/db/schema';
import { complianceSeed } from './complianceSeed';
import type { ContactSeed } from './contactStore.conformance';

export function contactSeed(db: Kysely<Database>): ContactSeed {
  const compliance = complianceSeed(db);
  let made = 0;

  return {
    async company(teamId) {
      const id = `co_contactseed${++made}`;
      await db.insertInto('companies').values({ id, teamId, name: 'Company', customFields: '{}', createdAt: 0, updatedAt: 0 }).execute();
      return id;
    },
    async enrolled(teamId, contactId, { name, status, deleted }) {
      const campaignId = await compliance.campaign(teamId, { deleted });
      await db.updateTable('campaigns').set({ name, status }).where('id', '=', campaignId).execute();
      await db.insertInto('campaignContacts').values({ campaignId, contactId, status: 'pending', skipReason: null, zoneKey: null, enrolledAt: 0, updatedAt: 0 }).execute();
    },
    async onDncList(teamId, listName, e164) {
      let listId = (await db.selectFrom('dncLists').select('id').where('teamId', '=', teamId).where('name', '=', listName).executeTakeFirst())?.id;
      if (!listId) await compliance.list(teamId, (listId = `dnc_contactseed${++made}`), listName, 0);
      await db.insertInto('dncNumbers').values({ listId, teamId, e164, addedAt: 0 }).execute();
    },
  };
}
