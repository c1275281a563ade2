import type { ContactQuery } from '../../shared/crm/schemas';
import type { Contact } from '../../shared/crm/types';

/**
 * A contact as written: its fields as the app shows them, with the time zones its phone's number may ring in (empty
 * when unknown: what an audience falls back on when the contact has no zone of its own). Instants are UTC ms.
 */
export interface NewContact extends Omit<Contact, 'dncList' | 'eligible' | 'createdAt' | 'updatedAt'> {
  phoneZones: string[];
  createdAt: number;
  updatedAt: number;
}

/** A contact as read, with the first (by name) of its team's DNC lists that holds its phone, or null. */
export interface StoredContact extends Omit<NewContact, 'phoneZones'> {
  dncList: string | null;
}

/** What an update may change; a field left out (undefined) stays as it is. */
export type ContactChanges = Partial<Omit<NewContact, 'id' | 'teamId' | 'companyId' | 'createdAt' | 'updatedAt'>>;

/**
 * Which contacts a list reads: of one company, of a lead status, with a phone, without a do-not-call rule against
 * them (their flag, their lead status, their team's DNC lists), flagged do-not-call or not, eligible to call (the
 * shared rule), matching a search box text (a name or email containing it, any case; phone-looking text matched on
 * a phone's digits). Each filter left out does not narrow.
 */
export type ContactFilter = Omit<ContactQuery, 'limit' | 'offset'>;

/** One page of a list, counted up to `countUpTo`. */
export interface ContactPage {
  limit: number;
  offset: number;
  countUpTo: number;
}

export type ContactUpdate = 'updated' | 'missing' | 'phoneTaken';

/**
 * Where contacts persist; every engine implements it. Each method acts only on the team's own contacts (and
 * companies): another team's is as good as missing. A phone is unique within its company.
 */
export interface ContactStore {
  /** The team's contact; undefined when the team has no such contact. */
  get(teamId: string, id: string): Promise<StoredContact | undefined>;
  /** Whether the team has this company, the only kind a contact of the team may join. */
  hasCompany(teamId: string, companyId: string): Promise<boolean>;
  /** Adds a contact; false (nothing added) when its company has a contact with its phone already. */
  insert(contact: NewContact): Promise<boolean>;
  /** Adds contacts at once, each skipped whose phone its company has already (or an earlier one of them had); the ids added, in the order given. */
  insertMany(contacts: NewContact[]): Promise<string[]>;
  /** Changes the team's contact as changed at `at`: 'missing' when the team has no such contact, 'phoneTaken' (nothing changed) when another contact of its company has the new phone. */
  update(teamId: string, id: string, changes: ContactChanges, at: number): Promise<ContactUpdate>;
  /** The name of a campaign of the team, not deleted and in a status that holds its contacts, where the contact is enrolled; undefined when none is. */
  holdingCampaign(teamId: string, contactId: string): Promise<string | undefined>;
  /** Deletes the team's contact; false when the team has no such contact. */
  remove(teamId: string, id: string): Promise<boolean>;
  /** A page of the team's contacts the filter matches, last added first, with how many match counted up to `countUpTo` (at most that). */
  list(teamId: string, filter: ContactFilter, page: ContactPage): Promise<{ items: StoredContact[]; total: number }>;
}
