import type { Insertable, Selectable } from 'kysely';
import type { NewContact, StoredContact } from '../../crm/contactStore';
import { readJson } from '../../crm/json';
import type { ContactTable } from '../schema';

/** The zones of a phone as the contacts table keeps them: '|'-joined, null when unknown. */
export const phoneZonesColumn = (zones: string[]): string | null => (zones.length ? zones.join('|') : null);

/** A new contact as a row of the contacts table; the store and the CSV import's own writer both insert these. */
export function contactColumns({ phoneZones, doNotCall, tags, customFields, ...contact }: NewContact): Insertable<ContactTable> {
  return { ...contact, phoneZones: phoneZonesColumn(phoneZones), doNotCall: doNotCall ? 1 : 0, tags: JSON.stringify(tags), customFields: JSON.stringify(customFields) };
}

/** A contacts row, with the DNC list that holds its number, as the store hands it back. */
export function storedContact(row: Selectable<ContactTable> & { dncList: string | null }): StoredContact {
  return {
    id: row.id,
    teamId: row.teamId,
    companyId: row.companyId,
    firstName: row.firstName,
    lastName: row.lastName,
    phone: row.phone,
    phoneSecondary: row.phoneSecondary,
    email: row.email,
    jobTitle: row.jobTitle,
    leadStatus: row.leadStatus,
    source: row.source,
    timezone: row.timezone,
    doNotCall: row.doNotCall === 1,
    notes: row.notes,
    tags: readJson<string[]>(row.tags, []),
    customFields: readJson(row.customFields, {}),
    dncList: row.dncList,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
