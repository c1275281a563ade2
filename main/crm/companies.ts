import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { companyInput, CompanyQuery } from '../../shared/crm/schemas';
import type { Company, CompanyDeletion, Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../platform/ids';
import { stamps } from '../db/instants';
import { containsText } from '../db/like';
import type { CompanyTable } from '../db/schema';
import { announcerOf, type CrmDeps, type TeamScope } from './context';
import { readJson } from './json';
import { page } from './paging';

type CompanyInput = z.output<typeof companyInput>;
type CompanyRow = Selectable<CompanyTable> & { contactCount: number };

function toCompany(row: CompanyRow): Company {
  return { ...row, ...stamps(row), customFields: readJson(row.customFields, {}) };
}

export function createCompanyService({ db, now, events }: CrmDeps) {
  const changed = announcerOf(events, 'company');
  const withCount = (team: TeamScope) =>
    db
      .selectFrom('companies')
      .selectAll('companies')
      .select((eb) =>
        eb
          .selectFrom('contacts')
          .whereRef('contacts.companyId', '=', 'companies.id')
          .select(eb.fn.countAll<number>().as('n'))
          .as('contactCount'),
      )
      .where('companies.teamId', '=', team.teamId);

  async function get(team: TeamScope, id: string): Promise<Company> {
    const row = await withCount(team).where('companies.id', '=', id).executeTakeFirst();
    if (!row) throw AppError.notFound('Company', id);
    return toCompany(row as CompanyRow);
  }

  /** Two companies with one name are one company typed twice: the second is refused, naming the first. */
  async function refuseTakenName(team: TeamScope, name: string, exceptId?: string): Promise<void> {
    let q = db.selectFrom('companies').select('name').where('teamId', '=', team.teamId).where(sql<boolean>`name = ${name.trim()} COLLATE NOCASE`);
    if (exceptId) q = q.where('id', '!=', exceptId);
    const taken = await q.executeTakeFirst();
    if (taken) throw AppError.validation({ name: `A company named "${taken.name}" already exists` });
  }

  /** What deleting the company would take with it, and the campaign that forbids it (asked before asking the user). */
  async function deletion(team: TeamScope, id: string): Promise<CompanyDeletion> {
    const company = await get(team, id);
    const campaign = await db.selectFrom('campaigns').select(['name', 'status']).where('companyId', '=', id).executeTakeFirst();
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
      await db
        .insertInto('companies')
        .values({
          ...input,
          id,
          teamId: team.teamId,
          customFields: JSON.stringify(input.customFields),
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      return changed(await get(team, id));
    },

    async list(team: TeamScope, query: CompanyQuery): Promise<Page<Company>> {
      let q = withCount(team).orderBy(sql`companies.name COLLATE NOCASE`).orderBy('companies.id');
      const search = query.search?.trim();
      if (search) q = q.where(containsText('companies.name', search));
      return page(db, q, query, (row) => toCompany(row as CompanyRow));
    },

    async update(team: TeamScope, id: string, changes: Partial<CompanyInput>): Promise<Company> {
      await get(team, id);
      if (changes.name !== undefined) await refuseTakenName(team, changes.name, id);
      const { customFields, ...rest } = changes;
      await db
        .updateTable('companies')
        .set({
          ...rest,
          ...(customFields ? { customFields: JSON.stringify(customFields) } : {}),
          updatedAt: now(),
        })
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .execute();
      return changed(await get(team, id));
    },

    /** Deletes the company and its contacts; refused while any campaign (deleted ones too, for their history) uses it. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      const { blockedBy } = await deletion(team, id);
      if (blockedBy) throw AppError.conflict(blockedBy);
      const result = await db
        .deleteFrom('companies')
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw AppError.notFound('Company', id);
      return changed({ id });
    },
  };
}

export type CompanyService = ReturnType<typeof createCompanyService>;
