import type { Campaign, CallOutcome } from '../../shared/campaigns/types';
import type { ComplianceDecision, DecisionRule } from '../../shared/compliance/types';
import { AppError } from '../../shared/errors';
import { openCore, type Core } from '../core';
import { newContact } from '../crm/contacts';
import { VirtualClock } from '../platform/clock';
import { windowZones } from '../platform/phoneZones';
import { SimulatorProvider } from '../telephony/simulator';
import { silentLogger } from '../platform/log';
import { amdTally, type AmdReport } from './amdReport';
import { conversationReport, SIMULATED_ASSISTANT, type ConversationReport } from './conversationReport';
import type { Scenario, ScenarioContact, ScenarioEvent } from './scenario';
import type { CallRecord } from './callRecord';

export interface SimulationSummary {
  campaignStatus: string;
  calls: number;
  contacts: { completed: number; failed: number; skipped: number; pending: number };
  outcomes: Partial<Record<CallOutcome, number>>;
  virtualEnd: string;
  wallMs: number;
  /** Scenario events the lifecycle refused (e.g. resume of a campaign that was not paused). */
  refusedEvents: string[];
  /** The campaign's compliance audit trail: how many skip, hold and setting decisions each rule made. */
  decisions: Partial<Record<DecisionRule, number>>;
  /** Answering-machine detection's decisions and misdetections, when the campaign had it on. */
  amd?: AmdReport;
  /** What the conversations came to, when the scenario has them. */
  conversation?: ConversationReport;
}

/** One row of the campaign's audit trail: why a contact was skipped or held. */
export type DecisionRecord = Omit<ComplianceDecision, 'campaignId'>;

export interface SimulationResult {
  summary: SimulationSummary;
  calls: CallRecord[];
  campaign: Campaign;
  decisions: DecisionRecord[];
}

const BATCH = 1000;
const GROUPED_TIMERS = 1000;
/** The scenario's events run before the app's own timers of the same instant (a pause at 09:00 stops the 09:00 dial). */
const SCENARIO_LANE = 0;
const SAME_INSTANT_ORDER: ScenarioEvent['action'][] = ['pause', 'cancel', 'setDoNotCall', 'addDncList', 'addContacts', 'resume'];

function phoneOfGenerated(prefix: string, i: number): string {
  const digits = 11 - (prefix.length - 1);
  return `${prefix}${String(5_550_000 + i).slice(-digits).padStart(digits, '0')}`;
}

/**
 * Runs a scenario: the real store, services, campaign rules and scheduler, with a virtual clock and
 * the simulator provider, in a fresh temporary database.
 */
export async function runSimulation(scenario: Scenario): Promise<SimulationResult> {
  const wallStart = performance.now();
  const clock = new VirtualClock(scenario.start);
  const scripts = new Map<string, CallOutcome[]>();
  const detections = amdTally();
  const provider = new SimulatorProvider({
    clock,
    seed: scenario.seed,
    outcomeMix: scenario.outcomeMix,
    durations: scenario.durations,
    script: (to, attempt) => scripts.get(to)?.[attempt - 1],
    amd: scenario.amd,
    onDetection: (_callId, detection) => detections.add(detection),
    talk: scenario.conversation,
  });
  // the run's database lives in memory: it is thrown away at the end, and file commits would dominate the run.
  // Its one dialer is alone on it, so none can take its calls over: its lease may last the run (renewed every third of it)
  const leaseExpiryMs = scenario.until - scenario.start;
  const core = await openCore({ dbFile: ':memory:', clock, log: silentLogger, providers: { simulator: provider }, safetyTickMs: 0, leaseExpiryMs });
  try {
    const result = await simulate(core, clock, scenario, scripts, wallStart);
    const amd = detections.report();
    return amd ? { ...result, summary: { ...result.summary, amd } } : result;
  } finally {
    await core.close();
  }
}

async function simulate(core: Core, clock: VirtualClock, scenario: Scenario, scripts: Map<string, CallOutcome[]>, wallStart: number): Promise<SimulationResult> {
  const s = core.services;
  const team = core.localTeam;
  const talks = scenario.conversation !== undefined;
  const assistant = await s.assistants.create(team, {
    name: 'Simulated assistant',
    ...(talks ? SIMULATED_ASSISTANT : { greeting: 'Hello', prompt: null, voicemailMessage: null }),
    outboundEnabled: true,
    provider: 'simulator',
  });
  const numbers = [];
  for (const number of scenario.fromNumbers) {
    numbers.push(await s.phoneNumbers.create(team, { number, label: null, provider: 'simulator', status: 'active', assistantId: assistant.id, providerConfig: {} }));
  }
  const company = await s.companies.create(team, { name: 'Simulated company', website: null, industry: null, phone: null, city: null, state: null, country: null, customFields: {} });

  const addContacts = async (contacts: ScenarioContact[]): Promise<string[]> => {
    const ids: string[] = [];
    for (let i = 0; i < contacts.length; i += BATCH) {
      const rows = contacts.slice(i, i + BATCH).map((c) => {
        if (c.phone && c.outcomes.length) scripts.set(c.phone, c.outcomes);
        return newContact(team, {
          companyId: company.id, firstName: c.firstName, lastName: c.lastName, phone: c.phone, phoneSecondary: null, email: null,
          jobTitle: null, leadStatus: c.leadStatus === 'do_not_contact' ? 'do_not_contact' : 'new', source: 'simulation',
          timezone: c.timezone ?? null, doNotCall: c.doNotCall, notes: null, tags: [], customFields: c.state ? { state: c.state } : {},
        }, clock.now());
      });
      for (const id of await s.contacts.insertMany(rows)) ids.push(id);
    }
    return ids;
  };
  const generated: ScenarioContact[] = Array.from({ length: scenario.generate?.count ?? 0 }, (_, i) => ({
    firstName: 'Generated', lastName: String(i + 1), phone: phoneOfGenerated(scenario.generate!.phonePrefix, i),
    timezone: scenario.generate?.timezones?.[i % scenario.generate.timezones.length], doNotCall: false, outcomes: [],
  }));
  await addContacts([...scenario.contacts, ...generated]);

  let campaign: Campaign;
  try {
    campaign = await s.campaigns.create(team, {
      name: 'Simulation',
      ...scenario.campaign,
      assistantId: assistant.id,
      companyId: company.id,
      fromNumberIds: numbers.map((n) => n.id),
    });
  } catch (error) {
    if (error instanceof AppError && error.fields) {
      const [field, message] = Object.entries(error.fields)[0];
      throw new Error(`campaign.${field}: ${message}`);
    }
    throw error;
  }
  await s.enrolment.enrol(team, { id: campaign.id, audience: { mode: 'all_eligible', companyId: company.id, hasPhoneOnly: false, excludeDnc: false }, priority: 0 });
  const draft = campaign.status === 'draft';

  const refusedEvents: string[] = [];
  const apply = async (event: ScenarioEvent) => {
    try {
      if (event.action === 'setDoNotCall') {
        const found = await s.contacts.list(team, { companyId: company.id, search: event.phone, limit: 50, offset: 0 });
        for (const c of found.items.filter((c) => c.phone === event.phone)) await s.contacts.update(team, c.id, { doNotCall: event.value });
      } else if (event.action === 'addDncList') {
        const imported = await s.dncLists.import(team, { name: event.name, text: event.numbers.join('\n') });
        if (imported.failed) throw new Error(`${imported.failed} numbers refused: ${imported.errors.map((e) => `row ${e.row}: ${e.reason}`).join('; ')}`);
      } else if (event.action === 'addContacts') {
        const ids = await addContacts(event.contacts);
        if (ids.length) await s.enrolment.enrol(team, { id: campaign.id, contactIds: ids, priority: 0 });
      } else {
        await s.campaigns.run(team, campaign.id, event.action);
      }
    } catch (error) {
      refusedEvents.push(`${new Date(event.at).toISOString()} ${event.action}: ${(error as Error).message}`);
    }
  };
  const byInstant = new Map<number, ScenarioEvent[]>();
  for (const event of scenario.events) byInstant.set(event.at, [...(byInstant.get(event.at) ?? []), event]);
  for (const [at, events] of byInstant) {
    // everything said for one instant applies before anyone is dialed: stop first, change data, resume last
    const ordered = [...events].sort((a, b) => SAME_INSTANT_ORDER.indexOf(a.action) - SAME_INSTANT_ORDER.indexOf(b.action));
    clock.at(at, async () => {
      // the services' own work (async, through the query builder) runs outside the grouping
      ungroup();
      for (const event of ordered) await apply(event);
    }, SCENARIO_LANE);
  }
  if (draft) await s.campaigns.run(team, campaign.id, 'start');

  // The run's database is thrown away at the end, so nothing has to be durable after each event: its writes
  // are grouped, a transaction per GROUPED_TIMERS timers (the dialer's own transactions nest inside as savepoints).
  const sqlite = core.services.store.sqlite;
  let timers = 0;
  const regroup = () => {
    if (timers++ % GROUPED_TIMERS !== 0 && sqlite.inTransaction) return;
    if (sqlite.inTransaction) sqlite.exec('COMMIT');
    sqlite.exec('BEGIN');
  };
  const ungroup = () => sqlite.inTransaction && sqlite.exec('COMMIT');

  let finished = false;
  const statusOf = core.services.store.sqlite.prepare('SELECT status FROM campaigns WHERE id = ?').pluck();
  const checkFinished = () => {
    const status = statusOf.get(campaign.id);
    finished = (status === 'completed' || status === 'cancelled') && (core.dialer?.callsInProgress ?? 0) === 0;
  };
  const off = s.events.on('campaigns.changed', checkFinished);
  // (a cancelled campaign finishes when its last call has ended)
  const offCalls = s.events.on('calls.changed', (e) => e.status === 'ended' && (core.dialer?.callsInProgress ?? 0) === 0 && checkFinished());
  try {
    await clock.runUntil(scenario.until, () => finished, regroup);
  } finally {
    ungroup();
  }
  off();
  offCalls();

  const final = await s.campaigns.get(team, campaign.id);
  const dashboard = await s.dashboard.dashboard(team, campaign.id);
  const calls = callRecords(core, final);
  const decisions = await decisionRecords(core, final);
  const outcomes = Object.fromEntries(Object.entries(dashboard.outcomes).filter(([, n]) => n > 0));
  const byRule: SimulationSummary['decisions'] = {};
  for (const d of decisions) byRule[d.rule] = (byRule[d.rule] ?? 0) + 1;
  return {
    campaign: final,
    calls,
    decisions,
    summary: {
      campaignStatus: final.status,
      calls: calls.length,
      contacts: { completed: dashboard.completed, failed: dashboard.failed, skipped: dashboard.skipped, pending: dashboard.pending + dashboard.calling },
      outcomes,
      virtualEnd: new Date(clock.now()).toISOString(),
      wallMs: Math.round(performance.now() - wallStart),
      refusedEvents,
      decisions: byRule,
      ...(talks ? { conversation: conversationReport(calls, transcribedCalls(core, final)) } : {}),
    },
  };
}

/** How many of the campaign's calls have a transcript. */
function transcribedCalls(core: Core, campaign: Campaign): number {
  return core.services.store.sqlite
    .prepare(`SELECT count(DISTINCT t.call_id) FROM call_turns t JOIN calls c ON c.id = t.call_id WHERE c.campaign_id = ?`)
    .pluck()
    .get(campaign.id) as number;
}

/** The tools of the campaign's calls, by call, in the order called. */
function toolsByCall(core: Core, campaign: Campaign): Map<string, { name: string; arguments: string; result: string | null }[]> {
  const rows = core.services.store.sqlite
    .prepare(`SELECT t.call_id AS callId, t.name, t.arguments, t.result FROM call_tools t JOIN calls c ON c.id = t.call_id WHERE c.campaign_id = ? ORDER BY t.call_id, t.seq`)
    .all(campaign.id) as { callId: string; name: string; arguments: string; result: string | null }[];
  const byCall = new Map<string, { name: string; arguments: string; result: string | null }[]>();
  for (const { callId, ...tool } of rows) byCall.set(callId, [...(byCall.get(callId) ?? []), tool]);
  return byCall;
}

async function decisionRecords(core: Core, campaign: Campaign): Promise<DecisionRecord[]> {
  return (await core.services.decisions.all(campaign.id)).map(({ campaignId: _campaign, ...decision }) => decision);
}

function callRecords(core: Core, campaign: Campaign): CallRecord[] {
  const sqlite = core.services.store.sqlite;
  // the zone keys in one pass rather than a join per call, and each key's zones worked out once
  const zoneKeyOf = new Map(sqlite.prepare(`SELECT contact_id, zone_key FROM campaign_contacts WHERE campaign_id = ?`).raw().all(campaign.id) as [string, string | null][]);
  const placeOf = new Map<string | null, { zones: string[]; timezone: string }>();
  const place = (zoneKey: string | null) => {
    let known = placeOf.get(zoneKey);
    if (!known) {
      const zones = windowZones(zoneKey, campaign);
      placeOf.set(zoneKey, (known = { zones, timezone: zones.join(',') }));
    }
    return known;
  };
  const rows = sqlite
    .prepare(`SELECT id, contact_id, to_number, from_number, attempt, started_at, ended_at, outcome FROM calls WHERE campaign_id = ? ORDER BY started_at, seq`)
    .raw()
    .all(campaign.id) as [string, string, string, string, number, number, number | null, CallOutcome | null][];
  const tools = toolsByCall(core, campaign);
  return rows.map(([callId, contactId, phone, from, attempt, startedAt, endedAt, outcome]) => {
    const { zones, timezone } = place(zoneKeyOf.get(contactId) ?? null);
    const called = tools.get(callId);
    const callback = called?.findLast((tool) => tool.name === 'schedule_callback');
    const asked = callback && (JSON.parse(callback.arguments) as { at: string; note: string });
    return {
      callId,
      contactId,
      phone,
      timezone,
      zones,
      from,
      attempt,
      startedAt: new Date(startedAt).toISOString(),
      endedAt: endedAt === null ? null : new Date(endedAt).toISOString(),
      outcome,
      ...(called ? { tools: called.map((tool) => tool.name) } : {}),
      ...(asked ? { callback: { at: asked.at, note: asked.note, result: callback.result } } : {}),
    };
  });
}
