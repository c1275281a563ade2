import { sql, type Selectable } from 'kysely';
import type { z } from 'zod';
import type { companyInput, CompanyQuery } from '../../shared/crm/schemas';
import type { Company, Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { newId } from '../db/ids';
import { stamps } from '../db/instants';
import { containsText } from '../db/like';
import type { CompanyTable } from '../db/schema';
import type { CrmDeps, TeamScope } from './context';
import { readJson } from './json';
import { page } from './paging';

type CompanyInput = z.output<typeof companyInput>;
type CompanyRow = Selectable<CompanyTable> & { contactCount: number };

function toCompany(row: CompanyRow): Company {
  return { ...row, ...stamps(row), customFields: readJson(row.customFields, {}) };
}

export function createCompanyService({ db, now }: CrmDeps) {
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

  return {
    get,

    async create(team: TeamScope, input: CompanyInput): Promise<Company> {
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
      return get(team, id);
    },

    async list(team: TeamScope, query: CompanyQuery): Promise<Page<Company>> {
      let q = withCount(team).orderBy(sql`companies.name COLLATE NOCASE`).orderBy('companies.id');
      const search = query.search?.trim();
      if (search) q = q.where(containsText('companies.name', search));
      return page(db, q, query, (row) => toCompany(row as CompanyRow));
    },

    async update(team: TeamScope, id: string, changes: Partial<CompanyInput>): Promise<Company> {
      await get(team, id);
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
      return get(team, id);
    },

    /** Deletes the company and its contacts; refused while any campaign (deleted ones too, for their history) uses it. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      await get(team, id);
      const campaign = await db.selectFrom('campaigns').select('name').where('companyId', '=', id).executeTakeFirst();
      if (campaign) throw AppError.conflict(`The campaign "${campaign.name}" dials this company's contacts; it cannot be deleted`);
      const result = await db
        .deleteFrom('companies')
        .where('id', '=', id)
        .where('teamId', '=', team.teamId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) throw AppError.notFound('Company', id);
      return { id };
    },
  };
}

export type CompanyService = ReturnType<typeof createCompanyService>;
