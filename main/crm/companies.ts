import type { z } from 'zod';
import type { companyInput, CompanyQuery } from '../../shared/crm/schemas';
import type { Company, CompanyDeletion, Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import type { CompanyStore, StoredCompany } from './companyStore';
import { announcerOf, type CrmStoreDeps, type TeamScope } from './context';

type CompanyInput = z.output<typeof companyInput>;

// field by field: what a store hands back beyond the interface never reaches a caller
const toCompany = (company: StoredCompany): Company => ({
  id: company.id,
  teamId: company.teamId,
  name: company.name,
  website: company.website,
  industry: company.industry,
  phone: company.phone,
  city: company.city,
  state: company.state,
  country: company.country,
  customFields: company.customFields,
  contactCount: company.contactCount,
  ...stamps(company),
});

export function createCompanyService({ store, now, events }: CrmStoreDeps<CompanyStore>) {
  const changed = announcerOf(events, 'company');

  async function get(team: TeamScope, id: string): Promise<Company> {
    const company = await store.get(team.teamId, id);
    if (!company) throw AppError.notFound('Company', id);
    return toCompany(company);
  }

  /** Two companies with one name are one company typed twice: the second is refused, naming the first. */
  async function refuseTakenName(team: TeamScope, name: string, exceptId?: string): Promise<void> {
    const taken = await store.nameTaken(team.teamId, name.trim(), exceptId);
    if (taken !== undefined) throw AppError.validation({ name: `A company named "${taken}" already exists` });
  }

  /** What deleting the company would take with it, and the campaign that forbids it (asked before asking the user). */
  async function deletion(team: TeamScope, id: string): Promise<CompanyDeletion> {
    const company = await get(team, id);
    const campaign = await store.campaignUsing(team.teamId, id);
    return {
      contacts: company.contactCount,
      blockedBy: campaign
        ? `The campaign "${campaign.name}" (${campaign.status}) dials this company's contacts and keeps their call history, so the company cannot be deleted`
        : null,
    };
  }

  return {
    get,
    deletion,

    async create(team: TeamScope, input: CompanyInput): Promise<Company> {
      await refuseTakenName(team, input.name);
      const at = now();
      const id = newId('cmp');
      await store.insert({ ...input, id, teamId: team.teamId, createdAt: at, updatedAt: at });
      return changed(await get(team, id));
    },

    async list(team: TeamScope, query: CompanyQuery): Promise<Page<Company>> {
      const found = await store.page(team.teamId, { search: query.search?.trim() || undefined, limit: query.limit, offset: query.offset });
      return { ...found, items: found.items.map(toCompany) };
    },

    async update(team: TeamScope, id: string, changes: Partial<CompanyInput>): Promise<Company> {
      await get(team, id);
      if (changes.name !== undefined) await refuseTakenName(team, changes.name, id);
      if (!(await store.update(team.teamId, id, changes, now()))) throw AppError.notFound('Company', id);
      return changed(await get(team, id));
    },

    /** Deletes the company and its contacts; refused while any campaign (deleted ones too, for their history) uses it. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      const { blockedBy } = await deletion(team, id);
      if (blockedBy) throw AppError.conflict(blockedBy);
      if (!(await store.remove(team.teamId, id))) throw AppError.notFound('Company', id);
      return changed({ id });
    },
  };
}

export type CompanyService = ReturnType<typeof createCompanyService>;
