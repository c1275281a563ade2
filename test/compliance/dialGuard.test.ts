import Papa from 'papaparse';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createComplianceStore, type ComplianceStore } from '../../main/compliance/complianceStore';
import { createDialGuard, type GuardCampaign } from '../../main/compliance/dialGuard';
import type { Core } from '../../main/core';
import { COMPLIANCE_DEFAULTS, complianceFields } from '../../shared/compliance/schemas';
import type { Contact } from '../../shared/crm/types';
import { parseInput } from '../../shared/validation';
import { addContact, enrolmentRows, makeWorld, required, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';

const HOUR = 3_600_000;
/** Wednesday 2026-06-10 15:00 UTC: 11:00 in Miami, 08:00 in Los Angeles. */
const NOON_ISH = Date.parse('2026-06-10T15:00:00Z');

let core: Core;
let w: World;
let store: ComplianceStore;
let c1: string;
let c2: string;

function guardCampaign(id: string, extra: Partial<GuardCampaign> = {}): GuardCampaign {
  return {
    id, teamId: w.team.teamId, legalHoursGuard: true, rollingCapPer24h: null,
    window: { start: '00:00', end: '23:59', days: null }, windowZones: ['America/New_York'], fallbackZone: 'America/New_York', ...extra,
  };
}

let callSeq = 0;
function logCall(campaignId: string, contact: Contact, startedAt: number): void {
  core.services.store.sqlite
    .prepare(
      `INSERT INTO calls (id, team_id, campaign_id, contact_id, attempt, from_number, to_number, status, outcome, provider, started_at)
       VALUES (?, ?, ?, ?, 1, '+12025550101', ?, 'ended', 'no_answer', 'simulator', ?)`,
    )
    .run(`call_${++callSeq}`, w.team.teamId, campaignId, contact.id, contact.phone, startedAt);
}

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
  store = createComplianceStore(core.services.store.sqlite);
  c1 = (await w.api.invoke('campaigns.create', required(w, { name: 'One' }))).id;
  c2 = (await w.api.invoke('campaigns.create', required(w, { name: 'Two' }))).id;
});

describe('the dial-time guard', () => {
  it('counts attempts to a number across two campaigns: FL holds the 4th in 24 h, CA is capped by the campaign only', async () => {
    const guard = createDialGuard(store);
    const miami = await addContact(w, w.acme.id, { phone: '+13055550100' });
    logCall(c1, miami, NOON_ISH - 23 * HOUR);
    logCall(c2, miami, NOON_ISH - 2 * HOUR);
    expect(guard.check({ campaign: guardCampaign(c1), contactId: miami.id, phone: miami.phone!, at: NOON_ISH })).toEqual({ kind: 'allow' });
    logCall(c2, miami, NOON_ISH - HOUR);
    const held = guard.check({ campaign: guardCampaign(c1), contactId: miami.id, phone: miami.phone!, at: NOON_ISH });
    // the oldest of the three leaves the window 23 h - 24 h = 1 h from now
    expect(held).toEqual({ kind: 'hold', rule: 'rolling_cap', reason: 'FL: 3 attempts in 24 h reached', until: NOON_ISH + HOUR });
    // calls of another team and calls older than 24 h do not count
    logCall(c1, miami, NOON_ISH - 25 * HOUR);
    expect(guard.check({ campaign: guardCampaign(c1), contactId: miami.id, phone: miami.phone!, at: NOON_ISH + HOUR })).toEqual({ kind: 'allow' });

    const la = await addContact(w, w.acme.id, { phone: '+14155550100' });
    for (const h of [5, 4, 3, 2]) logCall(c2, la, NOON_ISH - h * HOUR);
    expect(guard.check({ campaign: guardCampaign(c1), contactId: la.id, phone: la.phone!, at: NOON_ISH })).toEqual({ kind: 'allow' });
    expect(guard.check({ campaign: guardCampaign(c1, { rollingCapPer24h: 4 }), contactId: la.id, phone: la.phone!, at: NOON_ISH })).toMatchObject({
      // the oldest leaves the window at 03:00 PDT: the call waits for 08:00 PDT
      kind: 'hold', reason: 'campaign cap: 4 attempts in 24 h reached', until: NOON_ISH + 24 * HOUR,
    });
  });

  it('a cap that ends at night holds until the legal hours open', async () => {
    const guard = createDialGuard(store);
    const miami = await addContact(w, w.acme.id, { phone: '+13055550100' });
    const evening = Date.parse('2026-06-10T23:00:00Z'); // 19:00 EDT
    for (const h of [22, 10, 1]) logCall(c1, miami, evening - h * HOUR);
    // the cap frees the number at 21:00 EDT, after FL's 20:00 end: next morning 08:00 EDT
    expect(guard.check({ campaign: guardCampaign(c1), contactId: miami.id, phone: miami.phone!, at: evening })).toMatchObject({
      kind: 'hold', rule: 'rolling_cap', until: Date.parse('2026-06-11T12:00:00Z'),
    });
  });

  it('holds outside legal hours in the strictest candidate zone, with the guard off only the window applies', async () => {
    const guard = createDialGuard(store);
    // a Miami number whose contact lives at an Indiana ZIP (Central zone added)
    const contact = await addContact(w, w.acme.id, { phone: '+13055550100', timezone: 'America/New_York', customFields: { zip: '46204' } });
    const early = Date.parse('2026-06-10T12:30:00Z'); // 08:30 EDT, 07:30 CDT
    expect(guard.check({ campaign: guardCampaign(c1), contactId: contact.id, phone: contact.phone!, at: early })).toEqual({
      kind: 'hold', rule: 'legal_hours', reason: 'FL: outside legal hours 08:00–20:00 in America/Chicago', until: Date.parse('2026-06-10T13:00:00Z'),
    });
    expect(guard.check({ campaign: guardCampaign(c1, { legalHoursGuard: false }), contactId: contact.id, phone: contact.phone!, at: early })).toEqual({ kind: 'allow' });
  });

  it('skips a number on a DNC list added mid-campaign, naming the list', async () => {
    const guard = createDialGuard(store);
    const contact = await addContact(w, w.acme.id, { phone: '+13055550100' });
    const args = { campaign: guardCampaign(c1), contactId: contact.id, phone: contact.phone!, at: NOON_ISH };
    expect(guard.check(args)).toEqual({ kind: 'allow' });
    await w.api.invoke('dnc.import', { name: 'State registry', text: '305-555-0100' });
    expect(guard.check(args)).toEqual({ kind: 'skip', rule: 'dnc_list', reason: "on DNC list 'State registry'" });
  });
});

describe('scrub, opt-out and the audit trail', () => {
  it('decide() writes each new skip or hold once, and a guard change is a campaign-wide row', async () => {
    const guard = createDialGuard(store);
    const contact = await addContact(w, w.acme.id, { phone: '+13055550100' });
    const night = Date.parse('2026-06-11T02:00:00Z'); // 22:00 EDT
    const args = { campaign: guardCampaign(c1), contactId: contact.id, phone: contact.phone!, at: night };
    expect(guard.decide(args)).toMatchObject({ kind: 'hold', rule: 'legal_hours' });
    guard.decide({ ...args, at: night + 60_000 });
    expect(guard.decide({ ...args, at: NOON_ISH })).toEqual({ kind: 'allow' });
    store.recordGuardChange({ teamId: w.team.teamId, campaignId: c1, at: night + HOUR, enabled: false });
    const items = (await w.api.invoke('compliance.decisions', { campaignId: c1 })).items;
    expect(items.map((d) => [d.contactId, d.kind, d.reason, d.until])).toEqual([
      [null, 'setting', 'legal-hours guard turned off: calls follow only the campaign window', null],
      [contact.id, 'hold', 'FL: outside legal hours 08:00–20:00 in America/New_York', '2026-06-11T12:00:00.000Z'],
    ]);
  });

  it('validates the campaign compliance settings field by field', () => {
    const settings = z.strictObject(complianceFields);
    expect(settings.parse(COMPLIANCE_DEFAULTS)).toEqual({ legalHoursGuard: true, rollingCapPer24h: 3 });
    expect(settings.parse({ legalHoursGuard: false, rollingCapPer24h: null })).toEqual({ legalHoursGuard: false, rollingCapPer24h: null });
    expect(() => parseInput(settings, { legalHoursGuard: 'yes', rollingCapPer24h: 0 })).toThrow(
      expect.objectContaining({ fields: { legalHoursGuard: 'Must be true or false', rollingCapPer24h: 'Must be at least 1' } }),
    );
  });

  it('a list imported mid-campaign skips the waiting enrolments on it at once, with an audit row each', async () => {
    const listed = await addContact(w, w.acme.id, { phone: '+13055550100' });
    const free = await addContact(w, w.acme.id, { phone: '+13055550101' });
    await w.api.invoke('campaigns.enrol', { id: c1, contactIds: [listed.id, free.id] });
    await w.api.invoke('dnc.import', { name: 'Registry', text: '3055550100' });
    expect(Object.fromEntries(enrolmentRows(core, c1).map((r) => [r.contactId, [r.status, r.skipReason]]))).toEqual({
      [listed.id]: ['skipped', 'dnc_list'],
      [free.id]: ['pending', null],
    });
    const page = await w.api.invoke('compliance.decisions', { campaignId: c1 });
    expect(page.items).toEqual([{ campaignId: c1, contactId: listed.id, at: new Date(T0).toISOString(), kind: 'skip', rule: 'dnc_list', reason: "on DNC list 'Registry'", until: null }]);
    // nothing left to scrub
    expect(store.scrubPending({ teamId: w.team.teamId, campaignId: c1, at: T0 })).toBe(0);
  });

  it('enrolment scrubs against the lists already there, and counts those contacts as skipped', async () => {
    await w.api.invoke('dnc.import', { name: 'Registry', text: '3055550100' });
    const listed = await addContact(w, w.acme.id, { phone: '+13055550100' });
    const free = await addContact(w, w.acme.id, { phone: '+13055550101' });
    const result = await w.api.invoke('campaigns.enrol', { id: c1, contactIds: [listed.id, free.id] });
    expect(result).toMatchObject({ enrolled: 1, skipped: 1 });
    expect(enrolmentRows(core, c1).find((r) => r.contactId === listed.id)).toMatchObject({ status: 'skipped', skipReason: 'dnc_list' });
    const dashboard = await w.api.invoke('campaigns.dashboard', { id: c1 });
    expect(dashboard.skips.dnc_list).toBe(1);
    // the queue says why, per contact
    const queue = await w.api.invoke('campaigns.contacts', { id: c1, limit: 10, offset: 0 });
    const reasons = Object.fromEntries(queue.items.map((c) => [c.contactId, c.lastDecision?.reason ?? null]));
    expect(reasons).toEqual({ [listed.id]: "on DNC list 'Registry'", [free.id]: null });
  });

  it('an opt-out marks the contact do-not-call and skips it in every campaign', async () => {
    const contact = await addContact(w, w.acme.id);
    await w.api.invoke('campaigns.enrol', { id: c1, contactIds: [contact.id] });
    await w.api.invoke('campaigns.enrol', { id: c2, contactIds: [contact.id] });
    store.optOut({ teamId: w.team.teamId, campaignId: c1, contactId: contact.id, at: T0 });
    expect((await w.api.invoke('contacts.get', { id: contact.id })).doNotCall).toBe(true);
    expect([...enrolmentRows(core, c1), ...enrolmentRows(core, c2)].map((r) => [r.status, r.skipReason])).toEqual([
      ['skipped', 'do_not_call'],
      ['skipped', 'do_not_call'],
    ]);
    expect((await w.api.invoke('compliance.decisions', { campaignId: c1, contactId: contact.id })).items[0]).toMatchObject({ kind: 'skip', rule: 'do_not_call' });
  });

  it('records a hold once while it repeats, pages per contact, and exports the campaign as CSV', async () => {
    const contact = await addContact(w, w.acme.id, { firstName: '=cmd', lastName: 'Doe', phone: '+13055550100' });
    const hold = { teamId: w.team.teamId, campaignId: c1, contactId: contact.id, kind: 'hold' as const, rule: 'legal_hours' as const, reason: 'FL: outside legal hours 08:00–20:00 in America/New_York', until: T0 + HOUR };
    expect(store.record({ ...hold, at: T0 })).toBe(true);
    expect(store.record({ ...hold, at: T0 + 1000 })).toBe(false);
    expect(store.record({ ...hold, at: T0 + 2000, until: T0 + 2 * HOUR })).toBe(true);
    expect(store.record({ teamId: w.team.teamId, campaignId: c1, contactId: null, at: T0 + 3000, kind: 'setting', rule: 'guard', reason: 'legal-hours guard turned off', until: null })).toBe(true);

    const page = await w.api.invoke('compliance.decisions', { campaignId: c1, contactId: contact.id, limit: 1 });
    expect(page).toMatchObject({ total: 2, totalIsCapped: false, limit: 1, offset: 0 });
    expect(page.items[0].until).toBe(new Date(T0 + 2 * HOUR).toISOString());
    expect((await w.api.invoke('compliance.decisions', { campaignId: c2 })).total).toBe(0);
    expect(await core.services.decisions.latestOf(c1, [contact.id, 'cnt_none'])).toEqual({
      [contact.id]: expect.objectContaining({ kind: 'hold', until: new Date(T0 + 2 * HOUR).toISOString() }),
    });

    const { csv } = await w.api.invoke('compliance.decisionsCsv', { id: c1 });
    const rows = Papa.parse<Record<string, string>>(csv, { header: true }).data;
    expect(rows.map((r) => [r.kind, r.rule, r.first_name, r.phone, r.until])).toEqual([
      ['hold', 'legal_hours', "'=cmd", '+13055550100', new Date(T0 + HOUR).toISOString()],
      ['hold', 'legal_hours', "'=cmd", '+13055550100', new Date(T0 + 2 * HOUR).toISOString()],
      ['setting', 'guard', '', '', ''],
    ]);
    expect(rows[0].reason).toBe('FL: outside legal hours 08:00–20:00 in America/New_York');
    await expect(w.api.invoke('compliance.decisionsCsv', { id: 'cmp_nope' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
