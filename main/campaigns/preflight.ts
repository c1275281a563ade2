import { sql, type AliasedRawBuilder, type Kysely, type RawBuilder } from 'kysely';
import { compileTemplate, contactFieldsOf, customKeyOf, templateVariables, variableValue, type ContactField, type TemplateContact, type TemplateContext } from '../../shared/assistants/templates';
import type { Preflight, PreflightDraft } from '../../shared/campaigns/preflight';
import { CAMPAIGN_DEFAULTS } from '../../shared/campaigns/schemas';
import type { DialingSettings, SkipReason } from '../../shared/campaigns/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import { skipReasonSql } from '../crm/eligibility';
import type { Database } from '../db/schema';
import { neverOpenReason } from '../compliance/groupHours';
import { contactZoneKeySql, inAudience } from '../db/sqlite/campaignAudience';
import type { CampaignService } from './campaignService';
import type { EngineProbe } from './preflightEngine';

export interface PreflightDeps {
  db: Kysely<Database>;
  now: () => number;
  campaigns: CampaignService;
  probeEngine: EngineProbe;
}

type Hours = Pick<DialingSettings, 'callWindowStart' | 'callWindowEnd' | 'callDays' | 'callWindowTimezone' | 'useContactTimezone' | 'legalHoursGuard'>;

/** Spaces, tabs and line breaks: what makes a value blank, as the renderer's trim() sees it. */
const BLANK = sql.raw('char(32, 9, 10, 13)');

/**
 * "This contact has no value for the variable", as SQL on `contacts`: the renderer's variableValue() answer for
 * every row at once. null for a variable that is the same for every contact of the campaign.
 */
function lacksValueSql(name: string): RawBuilder<boolean> | null {
  const fields = contactFieldsOf(name);
  if (fields === null) return null;
  if (fields === 'customFields') {
    const path = `$."${customKeyOf(name)}"`;
    const type = sql`json_type(contacts.custom_fields, ${path})`;
    // text with something in it, a number or a flag is a value; a list, an object or nothing is not
    const value = sql`${type} IN ('integer', 'real', 'true', 'false') OR (${type} = 'text' AND trim(json_extract(contacts.custom_fields, ${path}), ${BLANK}) <> '')`;
    return sql<boolean>`NOT coalesce(${value}, 0)`;
  }
  const blank = (field: ContactField) => sql`coalesce(trim(${sql.ref(`contacts.${field}`)}, ${BLANK}), '') = ''`;
  return sql<boolean>`(${sql.join(fields.map(blank), sql` AND `)})`;
}

/** A contact with nothing: the context of the variables that do not depend on the contact. */
const NO_CONTACT: TemplateContact = { firstName: '', lastName: '', email: null, phone: null, jobTitle: null, leadStatus: 'new', customFields: {} };

/** What {{campaign}} says in the check of a campaign not yet created (and so not yet named). */
const DRAFT_NAME = 'the new campaign';

/** An enrolment that will not be called again: it has had its calls. */
const FINISHED = 'finished';

/** One group of the counted contacts: a zone key and a reason not to call (a skip reason, FINISHED, or null). */
interface Tally {
  groupZone: string | null;
  groupReason: string | null;
  n: number;
  /** Per variable that depends on the contact, by position: how many of the group lack it. */
  [lacking: `m${number}`]: number;
}
type TallyColumns = AliasedRawBuilder<unknown, string>[];

/** The columns of the one grouped pass over the contacts: zone key, reason, count, and a sum per variable. */
function tallyColumns(zoneKey: RawBuilder<unknown>, reason: RawBuilder<unknown>, lacking: RawBuilder<boolean>[]): TallyColumns {
  return [
    zoneKey.as('groupZone'),
    reason.as('groupReason'),
    sql`count(*)`.as('n'),
    ...lacking.map((lacks, i) => sql`sum(CASE WHEN ${lacks} THEN 1 ELSE 0 END)`.as(`m${i}`)),
  ];
}
const TALLY_GROUPS = [sql.ref('groupZone'), sql.ref('groupReason')];

interface Target {
  campaignName: string | null;
  assistant: { name: string; greeting: string | null; prompt: string | null; voicemailMessage: string | null } & Parameters<EngineProbe>[0];
  company: string;
  hours: Hours;
  /** The caller-ID numbers the calls go out on. */
  numberIds: readonly string[];
  /** The grouped pass over the contacts counted, with these columns. */
  tally(columns: (zoneKey: RawBuilder<unknown>, reason: RawBuilder<unknown>) => TallyColumns): Promise<Tally[]>;
}

const HOUR_MS = 3_600_000;
const MAX_REMEMBERED = 1_000;

/** The launch check: what a campaign's contacts will hear and miss, who is never called and why, and whether its engine answers. */
export function createPreflightService({ db, now, campaigns, probeEngine }: PreflightDeps) {
  /*
   * A zone group that never opens is only known after walking a year of its hours (a few hundred ms), and the
   * dialog asks on every change: an answer is kept for the hour, as a year ahead hardly moves in one.
   */
  const neverOpenFor = new Map<string, SkipReason | null>();
  function neverOpen(hours: Hours, zoneKey: string | null, at: number): SkipReason | null {
    const key = JSON.stringify([hours.callWindowStart, hours.callWindowEnd, hours.callDays, hours.callWindowTimezone, hours.useContactTimezone, hours.legalHoursGuard, zoneKey, Math.floor(at / HOUR_MS)]);
    if (!neverOpenFor.has(key)) {
      if (neverOpenFor.size >= MAX_REMEMBERED) neverOpenFor.clear();
      neverOpenFor.set(key, neverOpenReason(hours, zoneKey, at));
    }
    return neverOpenFor.get(key)!;
  }

  function assistantRow(team: TeamScope, id: string) {
    return db
      .selectFrom('assistants')
      .select(['name', 'greeting', 'prompt', 'voicemailMessage', 'engine', 'agentUrl', 'realtimeModel', 'greetingMediaId'])
      .where('id', '=', id)
      .where('teamId', '=', team.teamId)
      .executeTakeFirst();
  }

  async function companyName(team: TeamScope, id: string): Promise<string | undefined> {
    return (await db.selectFrom('companies').select('name').where('id', '=', id).where('teamId', '=', team.teamId).executeTakeFirst())?.name;
  }

  /**
   * Whether every one of the numbers is the embedded simulator's: its calls play the engine's part offline, so there is
   * nothing to reach (and a missing key is no warning for a dry run).
   */
  async function onlySimulated(team: TeamScope, numberIds: readonly string[]): Promise<boolean> {
    if (numberIds.length === 0) return false;
    const other = await db
      .selectFrom('phoneNumbers')
      .select('id')
      .where('teamId', '=', team.teamId)
      .where('id', 'in', [...numberIds])
      .where('provider', '!=', 'simulator')
      .executeTakeFirst();
    return !other;
  }

  async function check(team: TeamScope, { campaignName, assistant, company, hours, numberIds, tally }: Target): Promise<Preflight> {
    const at = now();
    const used = [...new Set([assistant.greeting, assistant.prompt, assistant.voicemailMessage].flatMap((text) => templateVariables(compileTemplate(text))))];
    const lacking = used.flatMap((name) => {
      const lacks = lacksValueSql(name);
      return lacks ? [{ name, lacks }] : [];
    });
    const [rows, engineReachable] = await Promise.all([
      tally((zoneKey, reason) => tallyColumns(zoneKey, reason, lacking.map((v) => v.lacks))),
      onlySimulated(team, numberIds).then((simulated) => (simulated ? null : probeEngine(assistant))),
    ]);

    const preflight: Preflight = { enrolled: 0, missingVariables: {}, skipped: {}, neverLegal: 0, engineReachable };
    const lacks = lacking.map(() => 0);
    let toCall = 0;
    for (const row of rows) {
      preflight.enrolled += row.n;
      if (row.groupReason === FINISHED) continue;
      const reason = (row.groupReason ?? neverOpen(hours, row.groupZone, at)) as SkipReason | null;
      if (reason === 'no_legal_window') preflight.neverLegal += row.n;
      else if (reason !== null) preflight.skipped[reason] = (preflight.skipped[reason] ?? 0) + row.n;
      else {
        toCall += row.n;
        lacking.forEach((_, i) => (lacks[i] += row[`m${i}`]));
      }
    }
    // the campaign, the assistant, the company and the clock say the same to every contact: all lack it, or none
    const context: TemplateContext = { contact: NO_CONTACT, company, campaign: campaignName, assistant: assistant.name, timeZone: hours.callWindowTimezone, at };
    for (const name of used) {
      const i = lacking.findIndex((v) => v.name === name);
      preflight.missingVariables[name] = i >= 0 ? lacks[i] : variableValue(name, context) === null ? toCall : 0;
    }
    return preflight;
  }

  return {
    /** The launch check of a campaign over the contacts it holds. */
    async campaign(team: TeamScope, id: string): Promise<Preflight> {
      const campaign = await campaigns.get(team, id);
      const [assistant, company] = await Promise.all([assistantRow(team, campaign.assistantId), companyName(team, campaign.companyId)]);
      if (!assistant) throw AppError.notFound('Assistant', campaign.assistantId);
      return check(team, {
        campaignName: campaign.name,
        assistant,
        company: company ?? '',
        hours: campaign,
        numberIds: campaign.fromNumbers.map((n) => n.phoneNumberId),
        tally: async (columns) => {
          const status = sql.ref('campaignContacts.status');
          // a contact still waiting is checked as it is now: it may have become do-not-call since it was enrolled
          const reason = sql`CASE WHEN ${status} = 'skipped' THEN ${sql.ref('campaignContacts.skipReason')} WHEN ${status} IN ('pending', 'calling') THEN ${skipReasonSql()} ELSE ${FINISHED} END`;
          const rows = await db
            .selectFrom('campaignContacts')
            .innerJoin('contacts', 'contacts.id', 'campaignContacts.contactId')
            .where('campaignContacts.campaignId', '=', id)
            .select(columns(sql.ref('campaignContacts.zoneKey'), reason))
            .groupBy(TALLY_GROUPS)
            .execute();
          return rows as unknown as Tally[];
        },
      });
    },

    /** The launch check of a campaign not yet created, over the contacts it would enrol. */
    async draft(team: TeamScope, draft: PreflightDraft): Promise<Preflight> {
      const [assistant, company] = await Promise.all([assistantRow(team, draft.assistantId), companyName(team, draft.companyId)]);
      const fields: Record<string, string> = {};
      if (!assistant) fields.assistantId = `Assistant ${draft.assistantId} does not exist`;
      if (company === undefined) fields.companyId = `Company ${draft.companyId} does not exist`;
      if (draft.audience && draft.audience.companyId !== draft.companyId) fields['audience.companyId'] = "Must be the campaign's company";
      if (!assistant || company === undefined || Object.keys(fields).length) throw AppError.validation(fields);
      const { assistantId: _a, companyId, contactIds, audience, fromNumberIds, ...hours } = draft;
      return check(team, {
        // a campaign is created with a name: {{campaign}} has a value for everyone
        campaignName: DRAFT_NAME,
        assistant,
        company,
        hours: { ...CAMPAIGN_DEFAULTS, ...hours },
        numberIds: fromNumberIds ?? [],
        tally: async (columns) => {
          const base = db.selectFrom('contacts').where('contacts.teamId', '=', team.teamId);
          const chosen = audience
            ? inAudience(base, audience)
            : base.where('contacts.companyId', '=', companyId).where(sql<boolean>`contacts.id IN (SELECT value FROM json_each(${JSON.stringify(contactIds ?? [])}))`);
          const rows = await chosen.select(columns(contactZoneKeySql, skipReasonSql())).groupBy(TALLY_GROUPS).execute();
          return rows as unknown as Tally[];
        },
      });
    },
  };
}

export type PreflightService = ReturnType<typeof createPreflightService>;
