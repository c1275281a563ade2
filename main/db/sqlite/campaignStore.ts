import type { Kysely } from 'kysely';
import type { CampaignSettings } from '../../../shared/campaigns/schemas';
import type { CampaignNumber } from '../../../shared/campaigns/types';
import type { CampaignStore, CampaignWrites } from '../../campaigns/campaignStore';
import { page } from '../../crm/paging';
import type { Database } from '../schema';
import { inWriteTransaction } from '../writeTransaction';
import { settingsToRow, toStoredCampaign } from './campaignRows';
import { sqliteEnrolmentWrites } from './enrolmentStore';

async function numbersOf(db: Kysely<Database>, campaignIds: string[]): Promise<Map<string, CampaignNumber[]>> {
  const byCampaign = new Map<string, CampaignNumber[]>(campaignIds.map((id) => [id, []]));
  if (!campaignIds.length) return byCampaign;
  const rows = await db
    .selectFrom('campaignNumbers')
    .innerJoin('phoneNumbers', 'phoneNumbers.id', 'campaignNumbers.phoneNumberId')
    .select(['campaignNumbers.campaignId', 'campaignNumbers.phoneNumberId', 'campaignNumbers.weight', 'phoneNumbers.number'])
    .where('campaignNumbers.campaignId', 'in', campaignIds)
    .orderBy('campaignNumbers.position')
    .execute();
  for (const { campaignId, ...n } of rows) byCampaign.get(campaignId)!.push(n);
  return byCampaign;
}

async function writeNumbers(on: Kysely<Database>, campaignId: string, settings: CampaignSettings): Promise<void> {
  await on.deleteFrom('campaignNumbers').where('campaignId', '=', campaignId).execute();
  if (!settings.fromNumberIds.length) return;
  await on
    .insertInto('campaignNumbers')
    .values(settings.fromNumberIds.map((phoneNumberId, position) => ({ campaignId, phoneNumberId, position, weight: settings.fromNumberWeights[phoneNumberId] ?? 1 })))
    .execute();
}

/** The campaign writes on the connection `on` (a transaction's: a row and its numbers go together). */
function campaignWrites(on: Kysely<Database>): CampaignWrites {
  return {
    async insert({ id, teamId, status, settings, audience, at }) {
      await on
        .insertInto('campaigns')
        .values({
          ...settingsToRow(settings),
          ...(audience && { audienceMode: audience.mode, audienceHasPhoneOnly: Number(audience.hasPhoneOnly), audienceExcludeDnc: Number(audience.excludeDnc) }),
          id,
          teamId,
          status,
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await writeNumbers(on, id, settings);
    },

    async update({ id, from, status, settings, numbersChanged, at }) {
      const updated = await on
        .updateTable('campaigns')
        .set({ ...settingsToRow(settings), status, updatedAt: at })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      if (!updated.numUpdatedRows) return false;
      if (numbersChanged) await writeNumbers(on, id, settings);
      return true;
    },
  };
}

export function createSqliteCampaignStore(db: Kysely<Database>): CampaignStore {
  const live = () => db.selectFrom('campaigns').selectAll().where('deletedAt', 'is', null);

  return {
    insert: (campaign) => inWriteTransaction(db, (trx) => campaignWrites(trx).insert(campaign)),
    update: (change) => inWriteTransaction(db, (trx) => campaignWrites(trx).update(change)),

    async find(id) {
      const row = await live().where('id', '=', id).executeTakeFirst();
      return row ? toStoredCampaign(row, (await numbersOf(db, [id])).get(id)!) : null;
    },

    async list(teamId, query) {
      let q = live().where('teamId', '=', teamId);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.assistantId) q = q.where('assistantId', '=', query.assistantId);
      const rows = await page(db, q.orderBy('seq', 'desc'), query, (r) => r);
      const numbers = await numbersOf(db, rows.items.map((r) => r.id));
      return { ...rows, items: rows.items.map((r) => toStoredCampaign(r, numbers.get(r.id)!)) };
    },

    async move({ id, from, to, at, stamp }) {
      const result = await db.updateTable('campaigns').set({ status: to, updatedAt: at, ...stamp }).where('id', '=', id).where('status', '=', from).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async remove(id, at) {
      await db.updateTable('campaigns').set({ deletedAt: at, updatedAt: at }).where('id', '=', id).execute();
    },

    async idsWithStatus(teamId, status) {
      const rows = await live().clearSelect().select('id').where('teamId', '=', teamId).where('status', '=', status).execute();
      return rows.map((r) => r.id);
    },

    async countWithStatus(teamId, statuses) {
      const rows = await db
        .selectFrom('campaigns')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('teamId', '=', teamId)
        .where('status', 'in', [...statuses])
        .where('deletedAt', 'is', null)
        .groupBy('status')
        .execute();
      return Object.fromEntries(statuses.map((status) => [status, rows.find((r) => r.status === status)?.n ?? 0])) as Record<(typeof statuses)[number], number>;
    },

    async startDueScheduled(at) {
      const started = await db
        .updateTable('campaigns')
        .set({ status: 'running', startedAt: at, updatedAt: at })
        .where('status', '=', 'scheduled')
        .where('scheduledStartAt', '<=', at)
        .where('deletedAt', 'is', null)
        .returning('id')
        .execute();
      return started.map((r) => r.id);
    },

    async nextScheduledStart() {
      const next = await db
        .selectFrom('campaigns')
        .select((eb) => eb.fn.min<number | null>('scheduledStartAt').as('at'))
        .where('status', '=', 'scheduled')
        .where('deletedAt', 'is', null)
        .executeTakeFirst();
      return next?.at ?? null;
    },

    async assistant(teamId, id) {
      const found = await db
        .selectFrom('assistants')
        .select(['outboundEnabled'])
        .select((eb) =>
          eb.selectFrom('phoneNumbers').whereRef('phoneNumbers.assistantId', '=', 'assistants.id').where('phoneNumbers.status', '=', 'active').select(eb.fn.countAll<number>().as('n')).as('activeNumbers'),
        )
        .where('id', '=', id)
        .where('teamId', '=', teamId)
        .executeTakeFirst();
      return found ? { outboundEnabled: found.outboundEnabled === 1, activeNumbers: Number(found.activeNumbers ?? 0) } : null;
    },

    async companyExists(teamId, id) {
      return Boolean(await db.selectFrom('companies').select('id').where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst());
    },

    async numbers(teamId, ids) {
      if (!ids.length) return [];
      return db.selectFrom('phoneNumbers').select(['id', 'status', 'assistantId', 'number']).where('id', 'in', ids).where('teamId', '=', teamId).execute();
    },

    transaction: (work) => inWriteTransaction(db, (trx) => work({ campaigns: campaignWrites(trx), enrolment: sqliteEnrolmentWrites(trx) })),
  };
}
