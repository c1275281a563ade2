import type { Insertable, Selectable } from 'kysely';
import { identityErrors, type ContactInput, type ContactQuery } from '../../shared/crm/schemas';
import { HOLDS_CONTACTS } from '../../shared/campaigns/lifecycle';
import { isEligibleToCall } from '../../shared/crm/eligibility';
import type { Contact, Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { contactSearchFilter } from '../db/contactSearch';
import { newId } from '../platform/ids';
import { zonesOfPhone } from '../platform/phoneZones';
import { stamps } from '../db/instants';
import type { ContactTable } from '../db/schema';
import { announcerOf, type CrmDeps, type TeamScope } from './context';
import { dncListColumn, eligibleToCallSql, excludeDncSql } from './eligibility';
import { readJson } from './json';
import { page } from './paging';

/** A contact row with the DNC list that holds its number (dncListColumn). */
type ContactRow = Selectable<ContactTable> & { dncList: string | null };

export function toContact(row: ContactRow): Contact {
  const { seq: _seq, phoneZones: _zones, doNotCall, tags, customFields, ...rest } = row;
  const contact = {
    ...rest,
    doNotCall: doNotCall === 1,
    tags: readJson<string[]>(tags, []),
    customFields: readJson(customFields, {}),
    ...stamps(row),
  };
  return { ...contact, eligible: isEligibleToCall(contact) };
}

function phoneZonesKey(phone: string | null): string | null {
  const zones = phone ? zonesOfPhone(phone) : [];
  return zones.length ? zones.join('|') : null;
}

/** The row for a new contact; shared by single create and CSV import. */
export function contactRow(team: TeamScope, input: ContactInput, at: number): Insertable<ContactTable> {
  return {
    ...input,
    phoneZones: phoneZonesKey(input.phone),
    id: newId('cnt'),
    teamId: team.teamId,
    doNotCall: input.doNotCall ? 1 : 0,
    tags: JSON.stringify(input.tags),
    customFields: JSON.stringify(input.customFields),
    createdAt: at,
    updatedAt: at,
  };
}

const DUPLICATE_PHONE = 'Another contact in this company already has this phone number';

function isDuplicatePhone(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: contacts\.company_id, contacts\.phone/.test(error.message);
}

export function createContactService({ db, now, events }: CrmDeps) {
  const changed = announcerOf(events, 'contact');
  async function get(team: TeamScope, id: string): Promise<Contact> {
    const row = await db
      .selectFrom('contacts')
      .selectAll()
      .select(dncListColumn())
      .where('id', '=', id)
      .where('teamId', '=', team.teamId)
      .executeTakeFirst();
    if (!row) throw AppError.notFound('Contact', id);
    return toContact(row);
  }

  async function assertCompany(team: TeamScope, companyId: string): Promise<void> {
    const found = await db
      .selectFrom('companies')
      .select('id')
      .where('id', '=', companyId)
      .where('teamId', '=', team.teamId)
      .executeTakeFirst();
    if (!found) throw AppError.validation({ companyId: `Company ${companyId} does not exist` });
  }

  return {
    get,
    assertCompany,

    async create(team: TeamScope, input: ContactInput): Promise<Contact> {
      await assertCompany(team, input.companyId);
      const row = contactRow(team, input, now());
      try {
        await db.insertInto('contacts').values(row).execute();
      } catch (error) {
        if (isDuplicatePhone(error)) throw AppError.validation({ phone: DUPLICATE_PHONE });
        throw error;
      }
      return changed(await get(team, row.id));
    },

    /**
     * Inserts validated contacts in one statement per call (callers batch); a phone already in the
     * company is skipped. Returns the ids of the rows actually inserted.
     */
    async insertMany(rows: Insertable<ContactTable>[]): Promise<Set<string>> {
      if (!rows.length) return new Set();
      const inserted = await db.insertInto('contacts').values(rows).onConflict((oc) => oc.doNothing()).returning('id').execute();
      return inserted.length ? changed(new Set(inserted.map((r) => r.id))) : new Set();
    },

    async list(team: TeamScope, query: ContactQuery): Promise<Page<Contact>> {
      let q = db.selectFrom('contacts').selectAll().select(dncListColumn()).where('contacts.teamId', '=', team.teamId);
      if (query.companyId) q = q.where('contacts.companyId', '=', query.companyId);
      if (query.leadStatus) q = q.where('contacts.leadStatus', '=', query.leadStatus);
      if (query.hasPhone) q = q.where('contacts.phone', 'is not', null);
      if (query.excludeDnc) q = q.where(excludeDncSql());
      if (query.doNotCall !== undefined) q = q.where('contacts.doNotCall', '=', query.doNotCall ? 1 : 0);
      if (query.eligibleOnly) q = q.where(eligibleToCallSql());
      if (query.search?.trim()) q = q.where(contactSearchFilter(query.search));
      return page(db, q.orderBy('contacts.seq', 'desc'), query, toContact);
    },

    async update(team: TeamScope, id: string, changes: Partial<Omit<ContactInput, 'companyId'>>): Promise<Contact> {
      const emptied = identityErrors({ ...(await get(team, id)), ...changes });
      if (emptied) throw AppError.validation(emptied);
      const { doNotCall, tags, customFields, ...rest } = changes;
      try {
        await db
          .updateTable('contacts')
          .set({
            ...rest,
            ...(rest.phone === undefined ? {} : { phoneZones: phoneZonesKey(rest.phone) }),
            ...(doNotCall === undefined ? {} : { doNotCall: doNotCall ? 1 : 0 }),
            ...(tags ? { tags: JSON.stringify(tags) } : {}),
            ...(customFields ? { customFields: JSON.stringify(customFields) } : {}),
            updatedAt: now(),
          })
          .where('id', '=', id)
          .where('teamId', '=', team.teamId)
          .execute();
      } catch (error) {
        if (isDuplicatePhone(error)) throw AppError.validation({ phone: DUPLICATE_PHONE });
        throw error;
      }
      return changed(await get(team, id));
    },

    /** Refused while the contact is enrolled in a scheduled, running or paused campaign. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      await get(team, id);
      const holding = await db
        .selectFrom('campaignContacts')
        .innerJoin('campaigns', 'campaigns.id', 'campaignContacts.campaignId')
        .select('campaigns.name')
        .where('campaignContacts.contactId', '=', id)
        .where('campaigns.status', 'in', HOLDS_CONTACTS)
        .where('campaigns.deletedAt', 'is', null)
        .executeTakeFirst();
      if (holding) throw AppError.conflict(`This contact is in the campaign "${holding.name}"; cancel the campaign or wait until it ends`);
      const result = await db
        .deleteFrom('contacts')
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw AppError.notFound('Contact', id);
      return changed({ id });
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
