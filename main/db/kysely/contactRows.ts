import type { Insertable, Selectable } from 'kysely';
import type { NewContact, StoredContact } from '../../crm/contactStore';
import { readJson } from '../../crm/json';
import type { ContactTable } from '../schema';

/** The zones of a phone as the contacts table keeps them: '|'-joined, null when unknown. */
export const phoneZonesColumn = (zones: string[]): string | null => (zones.length ? zones.join('|') : null);

/**
 * A new contact as a row of the contacts table (its flag 1/0, which PostgreSQL takes as a boolean's text); the store and the CSV import's own writer both insert these. Every
 * column is named: a CSV import makes one per line, and an object of fixed shape is what V8 reads fastest.
 */
export function contactColumns(c: NewContact): Insertable<ContactTable> {
  return {
    id: c.id, teamId: c.teamId, companyId: c.companyId, firstName: c.firstName, lastName: c.lastName, phone: c.phone,
    phoneZones: phoneZonesColumn(c.phoneZones), phoneSecondary: c.phoneSecondary, email: c.email, jobTitle: c.jobTitle,
    leadStatus: c.leadStatus, source: c.source, timezone: c.timezone, doNotCall: c.doNotCall ? 1 : 0, notes: c.notes,
    tags: JSON.stringify(c.tags), customFields: JSON.stringify(c.customFields), createdAt: c.createdAt, updatedAt: c.updatedAt,
  };
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
    // 0/1 in SQLite, a boolean in PostgreSQL
    doNotCall: Boolean(row.doNotCall),
    notes: row.notes,
    tags: readJson<string[]>(row.tags, []),
    customFields: readJson(row.customFields, {}),
    dncList: row.dncList,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
