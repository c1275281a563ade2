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
import type { Campaign, CampaignStatus } from '../../shared/campaigns/types';
import type { Page } from '../../shared/crm/types';
import { AppError } from '../../shared/errors';
import { collectFields, isRecord, issueFields } from '../../shared/validation';
import { newId } from '../platform/ids';
import type { TeamScope } from '../crm/context';
import type { ComplianceStore } from '../compliance/complianceStore';
import type { EventBus } from '../platform/events';
import { toCampaign } from './campaignRows';
import type { CampaignStore, CampaignWrites, StoredCampaign } from './campaignStore';
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
  store: CampaignStore;
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

export function createCampaignService({ store, now, events, compliance }: CampaignDeps) {
  async function found(team: TeamScope, id: string): Promise<StoredCampaign> {
    const campaign = await store.find(id);
    if (!campaign) throw AppError.notFound('Campaign', id);
    if (campaign.teamId !== team.teamId) throw AppError.forbidden(`Campaign ${id} belongs to another team`);
    return campaign;
  }

  async function get(team: TeamScope, id: string): Promise<Campaign> {
    return toCampaign(await found(team, id));
  }

  function changed(campaignId: string): void {
    events.emit('campaigns.changed', { campaignId });
  }

  /** Writes a new campaign (through `on`: the store, or a transaction's writes) with the record of a guard turned off. */
  async function write(on: CampaignWrites, team: TeamScope, settings: CampaignSettings, campaign: Pick<StoredCampaign, 'status' | 'audience'>): Promise<string> {
    const at = now();
    const id = newId('cmp');
    await on.insert({ id, teamId: team.teamId, settings, at, ...campaign });
    if (!settings.legalHoursGuard) compliance.recordGuardChange({ teamId: team.teamId, campaignId: id, at, enabled: false });
    return id;
  }

  /** Moves a campaign along the lifecycle table, atomically against its current state. */
  async function transition(team: TeamScope, id: string, event: LifecycleEvent): Promise<Campaign> {
    const current = await found(team, id);
    const to = nextStatus(current.status, event);
    if (!to) throw AppError.conflict(`A ${current.status} campaign cannot ${event === 'start' ? 'be started' : event}`);
    const at = now();
    const stamp = {
      ...(to === 'running' && current.startedAt === null ? { startedAt: at } : {}),
      ...(to === 'cancelled' ? { cancelledAt: at } : {}),
      ...(to === 'completed' ? { completedAt: at } : {}),
    };
    if (!(await store.move({ id, from: current.status, to, at, stamp }))) throw AppError.conflict('The campaign changed state meanwhile; try again');
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
      Object.entries(await checkCampaignReferences(store, team, body)),
      Object.entries(ruleFields),
    );
    if (!parsed.success || Object.keys(fields).length) throw AppError.validation(fields);
    return settings;
  }

  /** Writes a planned campaign (through the caller's transaction `on`); its id. */
  function insert(on: CampaignWrites, team: TeamScope, settings: CampaignSettings): Promise<string> {
    return write(on, team, settings, { status: settings.scheduledStartAt === null ? 'draft' : 'scheduled', audience: null });
  }

  /** An update checked whole against the campaign as it is: what to write, or an error naming every bad field. */
  async function planUpdate(team: TeamScope, id: string, changes: Record<string, unknown>): Promise<CampaignUpdate> {
    const current = await found(team, id);
    const coreKeys = Object.keys(changes).filter((key) => !ALWAYS_EDITABLE.has(key));
    if (coreKeys.length && !SETTINGS_EDITABLE.includes(current.status)) {
      throw AppError.conflict(
        current.status === 'running'
          ? 'Pause the campaign before changing its settings'
          : `A ${current.status} campaign's settings cannot change`,
      );
    }
    const stored = current.settings;
    const { settings, fields } = resolveSettings(stored, changes);
    if (changes.assistantId !== undefined && changes.fromNumberIds === undefined) {
      fields.fromNumberIds = 'Choose the numbers again for the new assistant';
    }
    const refs = await checkCampaignReferences(store, team, {
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

  /** Writes a planned update (through the caller's transaction `on`), if the campaign is still in the state it was planned on. */
  async function applyUpdate(on: CampaignWrites, plan: CampaignUpdate): Promise<void> {
    const { id, settings } = plan;
    // it changed state meanwhile (a scheduled start, another window): nothing is written
    if (!(await on.update({ id, from: plan.from, status: plan.status, settings, numbersChanged: plan.numbersChanged, at: now() }))) {
      throw AppError.conflict('The campaign changed meanwhile; reload it and try again');
    }
    if (plan.guardChanged) compliance.recordGuardChange({ teamId: plan.teamId, campaignId: id, at: now(), enabled: settings.legalHoursGuard });
  }

  return {
    get,
    planCreate,
    insert,
    planUpdate,
    applyUpdate,

    async list(team: TeamScope, query: CampaignQuery): Promise<Page<Campaign>> {
      const found = await store.list(team.teamId, query);
      return { ...found, items: found.items.map(toCampaign) };
    },

    /**
     * A new Draft with the same settings, numbers and audience, not scheduled, named `name` (already validated) or
     * "<name> (copy)"; contacts are copied by the enrolment service.
     */
    async duplicate(team: TeamScope, id: string, name?: string): Promise<Campaign> {
      const source = await found(team, id);
      const settings = { ...source.settings, name: name ?? copyName(source.settings.name), scheduledStartAt: null };
      const copyId = await write(store, team, settings, { status: 'draft', audience: source.audience });
      changed(copyId);
      return get(team, copyId);
    },

    /** Soft delete, for drafts and cancelled campaigns only. */
    async remove(team: TeamScope, id: string): Promise<{ id: string }> {
      const current = await found(team, id);
      if (!DELETABLE.includes(current.status)) throw AppError.conflict(`A ${current.status} campaign cannot be deleted; cancel it first`);
      await store.remove(id, now());
      changed(id);
      return { id };
    },

    run(team: TeamScope, id: string, action: RunAction): Promise<Campaign> {
      return transition(team, id, action);
    },

    /** Pauses every running campaign of the team (the tray's "Pause all campaigns"); returns their ids. */
    async pauseAll(team: TeamScope): Promise<string[]> {
      const paused: string[] = [];
      for (const id of await store.idsWithStatus(team.teamId, 'running')) {
        // a campaign that finished meanwhile is simply not paused
        if (await transition(team, id, 'pause').then(() => true, () => false)) paused.push(id);
      }
      return paused;
    },

    /** How many campaigns are running and paused (the tray's state). */
    countByStatus(team: TeamScope): Promise<Record<'running' | 'paused', number>> {
      return store.countWithStatus(team.teamId, ['running', 'paused'] as const);
    },

    /** Scheduled campaigns whose time has come start (also after the app was closed at that moment). */
    async startDueScheduled(): Promise<string[]> {
      const started = await store.startDueScheduled(now());
      for (const id of started) changed(id);
      return started;
    },

    /** When the next scheduled campaign starts, or null. */
    nextScheduledStart: () => store.nextScheduledStart(),

    /** The campaign, checked to accept new contacts. */
    async enrollable(team: TeamScope, id: string): Promise<StoredCampaign> {
      const current = await found(team, id);
      if (!ENROLLABLE.includes(current.status)) throw AppError.conflict(`A ${current.status} campaign takes no new contacts`);
      return current;
    },
  };
}

export type CampaignService = ReturnType<typeof createCampaignService>;
