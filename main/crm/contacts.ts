import { identityErrors, type ContactInput, type ContactQuery } from '../../shared/crm/schemas';
import { isEligibleToCall } from '../../shared/crm/eligibility';
import type { Contact, Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import { zonesOfPhone } from '../platform/phoneZones';
import { stamps } from '../db/instants';
import { announcerOf, type CrmStoreDeps, type TeamScope } from './context';
import type { ContactChanges, ContactStore, NewContact, StoredContact } from './contactStore';
import { cappedCount, COUNT_UP_TO } from './paging';

function toContact({ createdAt, updatedAt, ...stored }: StoredContact): Contact {
  const contact = { ...stored, ...stamps({ createdAt, updatedAt }) };
  return { ...contact, eligible: isEligibleToCall(contact) };
}

const zonesOf = (phone: string | null): string[] => (phone ? zonesOfPhone(phone) : []);

/** A new contact of the team from validated input, added at `at`; shared by single create, CSV import and simulation. */
export function newContact(team: TeamScope, input: ContactInput, at: number): NewContact {
  return { ...input, phoneZones: zonesOf(input.phone), id: newId('cnt'), teamId: team.teamId, createdAt: at, updatedAt: at };
}

const DUPLICATE_PHONE = 'Another contact in this company already has this phone number';

export function createContactService({ store, now, events }: CrmStoreDeps<ContactStore>) {
  const changed = announcerOf(events, 'contact');
  async function get(team: TeamScope, id: string): Promise<Contact> {
    const found = await store.get(team.teamId, id);
    if (!found) throw AppError.notFound('Contact', id);
    return toContact(found);
  }

  async function assertCompany(team: TeamScope, companyId: string): Promise<void> {
    if (!(await store.hasCompany(team.teamId, companyId))) throw AppError.validation({ companyId: `Company ${companyId} does not exist` });
  }

  return {
    get,
    assertCompany,

    async create(team: TeamScope, input: ContactInput): Promise<Contact> {
      await assertCompany(team, input.companyId);
      const contact = newContact(team, input, now());
      if (!(await store.insert(contact))) throw AppError.validation({ phone: DUPLICATE_PHONE });
      return changed(await get(team, contact.id));
    },

    /**
     * Inserts validated contacts in one write per call (callers batch); a phone already in the
     * company is skipped. Returns the ids of the contacts actually inserted.
     */
    async insertMany(contacts: NewContact[]): Promise<Set<string>> {
      const inserted = await store.insertMany(contacts);
      return inserted.length ? changed(new Set(inserted)) : new Set();
    },

    async list(team: TeamScope, { limit, offset, ...filter }: ContactQuery): Promise<Page<Contact>> {
      const found = await store.list(team.teamId, filter, { limit, offset, countUpTo: COUNT_UP_TO });
      return { items: found.items.map(toContact), ...cappedCount(found.total), limit, offset };
    },

    async update(team: TeamScope, id: string, changes: Partial<Omit<ContactInput, 'companyId'>>): Promise<Contact> {
      const emptied = identityErrors({ ...(await get(team, id)), ...changes });
      if (emptied) throw AppError.validation(emptied);
      const written: ContactChanges = changes.phone === undefined ? changes : { ...changes, phoneZones: zonesOf(changes.phone) };
      const outcome = await store.update(team.teamId, id, written, now());
      if (outcome === 'phoneTaken') throw AppError.validation({ phone: DUPLICATE_PHONE });
      if (outcome === 'missing') throw AppError.notFound('Contact', id);
      return changed(await get(team, id));
    },

    /** Refused while the contact is enrolled in a scheduled, running or paused campaign. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      await get(team, id);
      const holding = await store.holdingCampaign(team.teamId, id);
      if (holding !== undefined) throw AppError.conflict(`This contact is in the campaign "${holding}"; cancel the campaign or wait until it ends`);
      if (!(await store.remove(team.teamId, id))) throw AppError.notFound('Contact', id);
      return changed({ id });
    },
  };
}

export type ContactService = ReturnType<typeof createContactService>;
