import { compileTemplate, contactFieldsOf, templateVariables, variableValue, type TemplateContact, type TemplateContext } from '../../shared/assistants/templates';
import type { Preflight, PreflightDraft } from '../../shared/campaigns/preflight';
import { CAMPAIGN_DEFAULTS } from '../../shared/campaigns/schemas';
import type { DialingSettings, SkipReason } from '../../shared/campaigns/types';
import { AppError } from '../../shared/errors';
import type { TeamScope } from '../crm/context';
import { neverOpenReason } from '../compliance/groupHours';
import type { CampaignService } from './campaignService';
import type { EngineProbe } from './preflightEngine';
import { FINISHED, type PreflightAssistant, type PreflightStore, type TallyGroup } from './preflightStore';

export interface PreflightDeps {
  store: PreflightStore;
  now: () => number;
  campaigns: CampaignService;
  probeEngine: EngineProbe;
}

type Hours = Pick<DialingSettings, 'callWindowStart' | 'callWindowEnd' | 'callDays' | 'callWindowTimezone' | 'useContactTimezone' | 'legalHoursGuard'>;

/** A contact with nothing: the context of the variables that do not depend on the contact. */
const NO_CONTACT: TemplateContact = { firstName: '', lastName: '', email: null, phone: null, jobTitle: null, leadStatus: 'new', customFields: {} };

/** What {{campaign}} says in the check of a campaign not yet created (and so not yet named). */
const DRAFT_NAME = 'the new campaign';

interface Target {
  campaignName: string | null;
  assistant: PreflightAssistant;
  company: string;
  hours: Hours;
  /** The caller-ID numbers the calls go out on. */
  numberIds: readonly string[];
  /** The contacts counted, grouped, with how many lack each of these variables. */
  tally(variables: readonly string[]): Promise<TallyGroup[]>;
}

const HOUR_MS = 3_600_000;
const MAX_REMEMBERED = 1_000;

/** The launch check: what a campaign's contacts will hear and miss, who is never called and why, and whether its engine answers. */
export function createPreflightService({ store, now, campaigns, probeEngine }: PreflightDeps) {
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

  async function check(team: TeamScope, { campaignName, assistant, company, hours, numberIds, tally }: Target): Promise<Preflight> {
    const at = now();
    const used = [...new Set([assistant.greeting, assistant.prompt, assistant.voicemailMessage].flatMap((text) => templateVariables(compileTemplate(text))))];
    // the variables whose value comes from the contact: counted per contact
    const lacking = used.filter((name) => contactFieldsOf(name) !== null);
    const [groups, engineReachable] = await Promise.all([
      tally(lacking),
      store.onlySimulated(team.teamId, numberIds).then((simulated) => (simulated ? null : probeEngine(assistant))),
    ]);

    const preflight: Preflight = { enrolled: 0, missingVariables: {}, skipped: {}, neverLegal: 0, engineReachable };
    const lacks = lacking.map(() => 0);
    let toCall = 0;
    for (const group of groups) {
      preflight.enrolled += group.n;
      if (group.reason === FINISHED) continue;
      const reason = group.reason ?? neverOpen(hours, group.zoneKey, at);
      if (reason === 'no_legal_window') preflight.neverLegal += group.n;
      else if (reason !== null) preflight.skipped[reason] = (preflight.skipped[reason] ?? 0) + group.n;
      else {
        toCall += group.n;
        lacking.forEach((_, i) => (lacks[i] += group.lacking[i]));
      }
    }
    // the campaign, the assistant, the company and the clock say the same to every contact: all lack it, or none
    const context: TemplateContext = { contact: NO_CONTACT, company, campaign: campaignName, assistant: assistant.name, timeZone: hours.callWindowTimezone, at };
    for (const name of used) {
      const i = lacking.indexOf(name);
      preflight.missingVariables[name] = i >= 0 ? lacks[i] : variableValue(name, context) === null ? toCall : 0;
    }
    return preflight;
  }

  return {
    /** The launch check of a campaign over the contacts it holds. */
    async campaign(team: TeamScope, id: string): Promise<Preflight> {
      const campaign = await campaigns.get(team, id);
      const [assistant, company] = await Promise.all([store.assistant(team.teamId, campaign.assistantId), store.companyName(team.teamId, campaign.companyId)]);
      if (!assistant) throw AppError.notFound('Assistant', campaign.assistantId);
      return check(team, {
        campaignName: campaign.name,
        assistant,
        company: company ?? '',
        hours: campaign,
        numberIds: campaign.fromNumbers.map((n) => n.phoneNumberId),
        tally: (variables) => store.tallyEnrolled(id, variables),
      });
    },

    /** The launch check of a campaign not yet created, over the contacts it would enrol. */
    async draft(team: TeamScope, draft: PreflightDraft): Promise<Preflight> {
      const [assistant, company] = await Promise.all([store.assistant(team.teamId, draft.assistantId), store.companyName(team.teamId, draft.companyId)]);
      const fields: Record<string, string> = {};
      if (!assistant) fields.assistantId = `Assistant ${draft.assistantId} does not exist`;
      if (company === null) fields.companyId = `Company ${draft.companyId} does not exist`;
      if (draft.audience && draft.audience.companyId !== draft.companyId) fields['audience.companyId'] = "Must be the campaign's company";
      if (!assistant || company === null || Object.keys(fields).length) throw AppError.validation(fields);
      const { assistantId: _a, companyId, contactIds, audience, fromNumberIds, ...hours } = draft;
      return check(team, {
        // a campaign is created with a name: {{campaign}} has a value for everyone
        campaignName: DRAFT_NAME,
        assistant,
        company,
        hours: { ...CAMPAIGN_DEFAULTS, ...hours },
        numberIds: fromNumberIds ?? [],
        tally: (variables) => store.tallyDraft(team.teamId, { companyId, audience, contactIds }, variables),
      });
    },
  };
}

export type PreflightService = ReturnType<typeof createPreflightService>;
