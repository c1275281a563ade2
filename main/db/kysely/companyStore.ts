// A store whose queries Kysely writes alike for SQLite and PostgreSQL serves both engines from main/db/kysely; SQL
// that differs lives in each engine's own folder (main/db/sqlite, main/db/postgres).
import { sql, type Kysely, type Selectable } from 'kysely';
import type { CompanyFields, CompanyStore, StoredCompany } from '../../crm/companyStore';
import { readJson } from '../../crm/json';
import { page } from '../../crm/paging';
import { likePattern } from '../like';
import type { CompanyTable, Database } from '../schema';

// lower() on both sides: SQLite's NOCASE and PostgreSQL's collations differ, lower() folds alike on both
const caseless = (column: string) => sql`lower(${sql.ref(column)})`;

function stored({ customFields, ...row }: Selectable<CompanyTable> & { contactCount: number }): StoredCompany {
  return { ...row, customFields: readJson(customFields, {}) };
}

/** The JSON column written as text on both engines: the app is its only writer and reader. */
function columns<T extends Partial<CompanyFields>>({ customFields, ...rest }: T) {
  return { ...rest, ...(customFields === undefined ? {} : { customFields: JSON.stringify(customFields) }) };
}

export function createCompanyStore(db: Kysely<Database>): CompanyStore {
  const withCount = (teamId: string) =>
    db
      .selectFrom('companies')
      .selectAll('companies')
      .select((eb) => eb.selectFrom('contacts').whereRef('contacts.companyId', '=', 'companies.id').select(eb.fn.countAll<number>().as('n')).as('contactCount'))
      .where('companies.teamId', '=', teamId);

  return {
    async get(teamId, id) {
      const row = await withCount(teamId).where('companies.id', '=', id).executeTakeFirst();
      return row && stored(row as Selectable<CompanyTable> & { contactCount: number });
    },

    async page(teamId, { search, limit, offset }) {
      let q = withCount(teamId).orderBy(caseless('companies.name')).orderBy('companies.id');
      if (search) q = q.where(sql<boolean>`${caseless('companies.name')} LIKE lower(${likePattern(search)}) ESCAPE '\\'`);
      return page(db, q, { limit, offset }, (row) => stored(row as Selectable<CompanyTable> & { contactCount: number }));
    },

    async nameTaken(teamId, name, exceptId) {
      const taken = await db
        .selectFrom('companies')
        .select('name')
        .where('teamId', '=', teamId)
        .where(sql<boolean>`${caseless('name')} = lower(${name})`)
        .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
        .executeTakeFirst();
      return taken?.name;
    },

    campaignUsing: (teamId, companyId) =>
      db.selectFrom('campaigns').select(['name', 'status']).where('teamId', '=', teamId).where('companyId', '=', companyId).executeTakeFirst(),

    async insert(company) {
      await db.insertInto('companies').values({ ...company, customFields: JSON.stringify(company.customFields) }).execute();
    },

    async update(teamId, id, changes, at) {
      const result = await db.updateTable('companies').set({ ...columns(changes), updatedAt: at }).where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(teamId, id) {
      const result = await db.deleteFrom('companies').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },
  };
}
