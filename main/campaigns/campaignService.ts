import type { Kysely } from 'kysely';
import { z } from 'zod';
import { DELETABLE, ENROLLABLE, nextStatus, SETTINGS_EDITABLE, type LifecycleEvent } from '../../shared/campaigns/lifecycle';
import {
  CAMPAIGN_DEFAULTS,
  campaignCreate,
  campaignFields,
  copyName,
  resolveSettings,
  type CampaignQuery,
  type CampaignSettings,
  type RunAction,
} from '../../shared/campaigns/schemas';
import type { Campaign, CampaignNumber, CampaignStatus } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { collectFields, isRecord, issueFields } from '../../shared/validation';
import { newId } from '../platform/ids';
import type { Database } from '../db/schema';
import type { TeamScope } from '../crm/context';
import { page } from '../crm/paging';
import type { ComplianceStore } from '../compliance/complianceStore';
import type { EventBus } from '../platform/events';
import { rowToSettings, settingsToRow, toCampaign } from './campaignRows';
import { checkCampaignReferences } from './references';

/** An update to write: checked against the campaign in state `from`, which it must still be in. */
export interface CampaignUpdate {
  id: string;
  teamId: string;
  from: CampaignStatus;
  status: CampaignStatus;
  settings: CampaignSettings;
  numbersChanged: boolean;
  guardChanged: boolean;
}

export interface CampaignDeps {
  db: Kysely<Database>;
  now: () => number;
  events: EventBus;
  /** Where turning the legal-hours guard off (or back on) is recorded. */
  compliance: Pick<ComplianceStore, 'recordGuardChange'>;
}

/** Fields that are not core settings: they may change in any state. */
const ALWAYS_EDITABLE = new Set(['name', 'description']);

/** The fields of `body` that are valid by themselves, parsed; of an object of settings with some bad, the good ones. */
function validByThemselves(shape: z.ZodRawShape, body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(shape).flatMap(([key, schema]) => {
      if (!(key in body)) return [];
      const one = z.safeParse(schema, body[key]);
      if (one.success) return [[key, one.data]];
      const value = body[key];
      return schema instanceof z.ZodObject && isRecord(value) ? [[key, validByThemselves(schema.shape, value)]] : [];
    }),
  );
}

export function createCampaignService({ db, now, events, compliance }: CampaignDeps) {
  async function numbersOf(campaignIds: string[]): Promise<Map<string, CampaignNumber[]>> {
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

  async function row(team: TeamScope, id: string) {
    const found = await db.selectFrom('campaigns').selectAll().where('id', '=', id).where('deletedAt', 'is', null).executeTakeFirst();
    if (!found) throw AppError.notFound('Campaign', id);
    if (found.teamId !== team.teamId) throw AppError.forbidden(`Campaign ${id} belongs to another team`);
    return found;
  }

  async function get(team: TeamScope, id: string): Promise<Campaign> {
    const found = await row(team, id);
    return toCampaign(found, (await numbersOf([id])).get(id)!);
  }

  async function writeNumbers(on: Kysely<Database>, campaignId: string, settings: CampaignSettings): Promise<void> {
    await on.deleteFrom('campaignNumbers').where('campaignId', '=', campaignId).execute();
    await on
      .insertInto('campaignNumbers')
      .values(settings.fromNumberIds.map((phoneNumberId, position) => ({ campaignId, phoneNumberId, position, weight: settings.fromNumberWeights[phoneNumberId] ?? 1 })))
      .execute();
  }

  function changed(campaignId: string): void {
    events.emit('campaigns.changed', { campaignId });
  }

  /** Moves a campaign along the lifecycle table, atomically against its current state. */
  async function transition(team: TeamScope, id: string, event: LifecycleEvent): Promise<Campaign> {
    const current = await row(team, id);
    const to = nextStatus(current.status, event);
    if (!to) throw AppError.conflict(`A ${current.status} campaign cannot ${event === 'start' ? 'be started' : event}`);
    const at = now();
    const result = await db
      .updateTable('campaigns')
      .set({
        status: to,
        updatedAt: at,
        ...(to === 'running' && current.startedAt === null ? { startedAt: at } : {}),
        ...(to === 'cancelled' ? { cancelledAt: at } : {}),
        ...(to === 'completed' ? { completedAt: at } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', current.status)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw AppError.conflict('The campaign changed state meanwhile; try again');
    changed(id);
    return get(team, id);
  }

  /** A create request checked whole: its settings, or an error naming every bad field. */
  async function planCreate(team: TeamScope, raw: unknown): Promise<CampaignSettings> {
    const body = isRecord(raw) ? raw : {};
    const parsed = campaignCreate.safeParse(raw);
    // the cross-field rules run on every field that is valid by itself, so all problems are named at once
    const validFields = validByThemselves(campaignFields.shape, body);
    const base: CampaignSettings = { ...CAMPAIGN_DEFAULTS, callDays: null, name: '', assistantId: '', companyId: '', fromNumberIds: [], fromNumberWeights: {}, scheduledStartAt: null };
    const { settings, fields: ruleFields } = resolveSettings(base, validFields);
    const fields = collectFields(
      parsed.success ? [] : issueFields(parsed.error.issues),
      Object.entries(await checkCampaignReferences(db, team, body)),
      Object.entries(ruleFields),
    );
    if (!parsed.success || Object.keys(fields).length) throw AppError.validation(fields);
    return settings;
  }

  /** Writes a planned campaign (inside the caller's transaction `on`); its id. */
  async function insert(on: Kysely<Database>, team: TeamScope, settings: CampaignSettings): Promise<string> {
    const at = now();
    const id = newId('cmp');
    await on
      .insertInto('campaigns')
      .values({ ...settingsToRow(settings), id, teamId: team.teamId, status: settings.scheduledStartAt === null ? 'draft' : 'scheduled', createdAt: at, updatedAt: at })
      .execute();
    await writeNumbers(on, id, settings);
    if (!settings.legalHoursGuard) compliance.recordGuardChange({ teamId: team.teamId, campaignId: id, at, enabled: false });
    return id;
  }

  /** An update checked whole against the campaign as it is: what to write, or an error naming every bad field. */
  async function planUpdate(team: TeamScope, id: string, changes: Record<string, unknown>): Promise<CampaignUpdate> {
    const current = await row(team, id);
    const coreKeys = Object.keys(changes).filter((key) => !ALWAYS_EDITABLE.has(key));
    if (coreKeys.length && !SETTINGS_EDITABLE.includes(current.status)) {
      throw AppError.conflict(
        current.status === 'running'
          ? 'Pause the campaign before changing its settings'
          : `A ${current.status} campaign's settings cannot change`,
      );
    }
    const stored = rowToSettings(current, (await numbersOf([id])).get(id)!);
    const { settings, fields } = resolveSettings(stored, changes);
    if (changes.assistantId !== undefined && changes.fromNumberIds === undefined) {
      fields.fromNumberIds = 'Choose the numbers again for the new assistant';
    }
    const refs = await checkCampaignReferences(db, team, {
      assistantId: 'assistantId' in changes || 'fromNumberIds' in changes ? settings.assistantId : undefined,
      companyId: changes.companyId,
      fromNumberIds: 'fromNumberIds' in changes || 'assistantId' in changes || 'fromNumberWeights' in changes ? settings.fromNumberIds : undefined,
      fromNumberWeights: 'fromNumberWeights' in changes ? settings.fromNumberWeights : undefined,
    });
    AppError.throwIfInvalid({ ...fields, ...refs });

    let status: CampaignStatus = current.status;
    if (current.status === 'draft' && settings.scheduledStartAt !== null) status = 'scheduled';
    if (current.status === 'scheduled' && settings.scheduledStartAt === null) status = 'draft';
    return {
      id,
      teamId: team.teamId,
      from: current.status,
      status,
      settings,
      numbersChanged: 'fromNumberIds' in changes || 'fromNumberWeights' in changes,
      guardChanged: settings.legalHoursGuard !== stored.legalHoursGuard,
    };
  }

  /** Writes a planned update (inside the caller's transaction `on`), if the campaign is still in the state it was planned on. */
  async function applyUpdate(on: Kysely<Database>, plan: CampaignUpdate): Promise<void> {
    const { id, settings } = plan;
    const updated = await on
      .updateTable('campaigns')
      .set({ ...settingsToRow(settings), status: plan.status, updatedAt: now() })
      .where('id', '=', id)
      .where('status', '=', plan.from)
      .executeTakeFirst();
    // it changed state meanwhile (a scheduled start, another window): nothing is written
    if (!updated.numUpdatedRows) throw AppError.conflict('The campaign changed meanwhile; reload it and try again');
    if (plan.numbersChanged) await writeNumbers(on, id, settings);
    if (plan.guardChanged) compliance.recordGuardChange({ teamId: plan.teamId, campaignId: id, at: now(), enabled: settings.legalHoursGuard });
  }

  return {
    get,
    planCreate,
    insert,
    planUpdate,
    applyUpdate,

    async list(team: TeamScope, query: CampaignQuery): Promise<Page<Campaign>> {
      let q = db.selectFrom('campaigns').selectAll().where('teamId', '=', team.teamId).where('deletedAt', 'is', null);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.assistantId) q = q.where('assistantId', '=', query.assistantId);
      const rows = await page(db, q.orderBy('seq', 'desc'), query, (r) => r);
      const numbers = await numbersOf(rows.items.map((r) => r.id));
      return { ...rows, items: rows.items.map((r) => toCampaign(r, numbers.get(r.id)!)) };
    },

    /**
     * A new Draft with the same settings, numbers and audience, not scheduled, named `name` (already validated) or
     * "<name> (copy)"; contacts are copied by the enrolment service.
     */
    async duplicate(team: TeamScope, id: string, name?: string): Promise<Campaign> {
      const source = await row(team, id);
      const settings = rowToSettings(source, (await numbersOf([id])).get(id)!);
      const at = now();
      const copyId = newId('cmp');
      name ??= copyName(settings.name);
      await db
        .insertInto('campaigns')
        .values({
          ...settingsToRow({ ...settings, name, scheduledStartAt: null }),
          audienceMode: source.audienceMode,
          audienceHasPhoneOnly: source.audienceHasPhoneOnly,
          audienceExcludeDnc: source.audienceExcludeDnc,
          id: copyId,
          teamId: team.teamId,
          status: 'draft',
          createdAt: at,
          updatedAt: at,
        })
        .execute();
      await writeNumbers(db, copyId, settings);
      if (!settings.legalHoursGuard) compliance.recordGuardChange({ teamId: team.teamId, campaignId: copyId, at, enabled: false });
      changed(copyId);
      return get(team, copyId);
    },

    /** Soft delete, for drafts and cancelled campaigns only. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      const current = await row(team, id);
      if (!DELETABLE.includes(current.status)) throw AppError.conflict(`A ${current.status} campaign cannot be deleted; cancel it first`);
      await db.updateTable('campaigns').set({ deletedAt: now(), updatedAt: now() }).where('id', '=', id).execute();
      changed(id);
      return { id };
    },

    run(team: TeamScope, id: string, action: RunAction): Promise<Campaign> {
      return transition(team, id, action);
    },

    /** Pauses every running campaign of the team (the tray's "Pause all campaigns"); returns their ids. */
    async pauseAll(team: TeamScope): Promise<string[]> {
      const running = await db.selectFrom('campaigns').select('id').where('teamId', '=', team.teamId).where('status', '=', 'running').where('deletedAt', 'is', null).execute();
      const paused: string[] = [];
      for (const { id } of running) {
        // a campaign that finished meanwhile is simply not paused
        if (await transition(team, id, 'pause').then(() => true, () => false)) paused.push(id);
      }
      return paused;
    },

    /** How many campaigns are running and paused (the tray's state). */
    async countByStatus(team: TeamScope): Promise<Record<'running' | 'paused', number>> {
      const rows = await db
        .selectFrom('campaigns')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .where('teamId', '=', team.teamId)
        .where('status', 'in', ['running', 'paused'])
        .where('deletedAt', 'is', null)
        .groupBy('status')
        .execute();
      return { running: rows.find((r) => r.status === 'running')?.n ?? 0, paused: rows.find((r) => r.status === 'paused')?.n ?? 0 };
    },

    /** Scheduled campaigns whose time has come start (also after the app was closed at that moment). */
    async startDueScheduled(): Promise<string[]> {
      const at = now();
      const started = await db
        .updateTable('campaigns')
        .set({ status: 'running', startedAt: at, updatedAt: at })
        .where('status', '=', 'scheduled')
        .where('scheduledStartAt', '<=', at)
        .where('deletedAt', 'is', null)
        .returning('id')
        .execute();
      for (const { id } of started) changed(id);
      return started.map((r) => r.id);
    },

    /** The campaign row, checked to accept new contacts. */
    async enrollable(team: TeamScope, id: string) {
      const current = await row(team, id);
      if (!ENROLLABLE.includes(current.status)) throw AppError.conflict(`A ${current.status} campaign takes no new contacts`);
      return current;
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
