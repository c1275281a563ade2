import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { REACH_DEFAULTS } from '../../shared/campaigns/reachSettings';
import { CAMPAIGN_DEFAULTS } from '../../shared/campaigns/schemas';
import type { Campaign } from '../../shared/campaigns/types';
import { AppError } from '../../shared/errors';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';
import { makeWorld, required, T0, type World } from './fixtures';

let clock = T0;
let core: Core;
let w: World;

beforeEach(async () => {
  clock = T0;
  core = await testCore(() => clock);
  w = await makeWorld(core);
});

const create = (body: Record<string, unknown>) => core.services.campaigns.create(w.team, body);
const createIpc = (body: Record<string, unknown>) => w.api.invoke('campaigns.create', body);

/** The validation fields of a create that must fail, through the service and through IPC (the same fields). */
async function refused(body: Record<string, unknown>): Promise<Record<string, string>> {
  const viaService = await failure(create(body));
  expect(viaService).toBeInstanceOf(AppError);
  expect(viaService.code).toBe('validation');
  const viaIpc = await failure(createIpc(body));
  expect(viaIpc.code).toBe('validation');
  expect(Object.keys(viaIpc.fields!).sort()).toEqual(Object.keys(viaService.fields!).sort());
  return viaService.fields!;
}

async function accepted(body: Record<string, unknown>): Promise<Campaign> {
  const viaIpc = await createIpc(body);
  const viaService = await create(body);
  const { id: _a, createdAt: _b, updatedAt: _c, ...a } = viaIpc;
  const { id: _d, createdAt: _e, updatedAt: _f, ...b } = viaService;
  expect(a).toEqual(b);
  return viaService;
}

describe('campaign create: defaults', () => {
  it('applies every field default when only the required fields are sent (service and IPC)', async () => {
    for (const campaign of [await create(required(w)), await createIpc(required(w))]) {
      expect(campaign).toMatchObject({
        description: '',
        status: 'draft',
        scheduledStartAt: null,
        keepOpen: false,
        callWindowStart: '09:00',
        callWindowEnd: '17:00',
        callWindowTimezone: 'America/New_York',
        useContactTimezone: true,
        callDays: null,
        maxConcurrentCalls: 1,
        maxAttemptsPerContact: 3,
        retryDelayMinutes: 60,
        retryDelayMinutesNoAnswer: 5,
        retryDelayMinutesBusy: 10,
        retryDelayMinutesError: 60,
        retryBackoff: 'fixed',
        retryBackoffMultiplier: 2,
        retryBackoffCapMinutes: 1440,
        retryOnError: false,
        retryOnVoicemail: false,
        maxAttemptsNoAnswer: null,
        maxAttemptsBusy: null,
        maxAttemptsError: null,
        voicemailAction: 'leave_message',
      });
    }
    expect(CAMPAIGN_DEFAULTS).toMatchObject({ callWindowStart: '09:00', callWindowEnd: '17:00', callWindowTimezone: 'America/New_York', maxConcurrentCalls: 1, maxAttemptsPerContact: 3 });
  });

  it('returns the full campaign shape', async () => {
    const campaign = await create(required(w, { description: 'Follow-up calls' }));
    expect(campaign).toEqual({
      id: expect.stringMatching(/^cmp_[0-9a-z]{14}$/),
      teamId: 'team_default',
      name: 'Q2 Enterprise Outreach',
      description: 'Follow-up calls',
      assistantId: w.assistant.id,
      companyId: w.acme.id,
      fromNumberIds: [w.n1.id, w.n2.id],
      fromNumbers: [
        { phoneNumberId: w.n1.id, number: w.n1.number, weight: 1 },
        { phoneNumberId: w.n2.id, number: w.n2.number, weight: 1 },
      ],
      status: 'draft',
      scheduledStartAt: null,
      keepOpen: false,
      callWindowStart: '09:00',
      callWindowEnd: '17:00',
      callWindowTimezone: 'America/New_York',
      useContactTimezone: true,
      callDays: null,
      maxConcurrentCalls: 1,
      maxAttemptsPerContact: 3,
      retryDelayMinutes: 60,
      retryDelayMinutesNoAnswer: 5,
      retryDelayMinutesBusy: 10,
      retryDelayMinutesError: 60,
      retryBackoff: 'fixed',
      retryBackoffMultiplier: 2,
      retryBackoffCapMinutes: 1440,
      retryOnError: false,
      retryOnVoicemail: false,
      maxAttemptsNoAnswer: null,
      maxAttemptsBusy: null,
      maxAttemptsError: null,
      voicemailAction: 'leave_message',
      legalHoursGuard: true,
      rollingCapPer24h: 3,
      voicemailDetection: true,
      amdMaxMs: 3500,
      // the detector's tuned defaults (test/amd) but the decision time, which is amdMaxMs
      amdThresholds: REACH_DEFAULTS.amdThresholds,
      localPresence: false,
      audience: null,
      startedAt: null,
      completedAt: null,
      cancelledAt: null,
      createdAt: new Date(T0).toISOString(),
      updatedAt: new Date(T0).toISOString(),
    });
    expect(await core.services.campaigns.get(w.team, campaign.id)).toEqual(campaign);
  });

  it('stores every settable field as sent', async () => {
    const campaign = await accepted(
      required(w, {
        description: 'd',
        keepOpen: true,
        callWindowStart: '08:15',
        callWindowEnd: '19:45',
        callWindowTimezone: 'Europe/Berlin',
        useContactTimezone: false,
        callDays: [5, 1, 3, 1],
        maxConcurrentCalls: 4,
        maxAttemptsPerContact: 7,
        retryDelayMinutes: 15,
        retryDelayMinutesNoAnswer: 20,
        retryDelayMinutesBusy: 25,
        retryDelayMinutesError: 30,
        retryBackoff: 'exponential',
        retryBackoffMultiplier: 1.5,
        retryBackoffCapMinutes: 600,
        retryOnError: true,
        retryOnVoicemail: true,
        maxAttemptsNoAnswer: 2,
        maxAttemptsBusy: 4,
        maxAttemptsError: 1,
        voicemailAction: 'hangup',
        fromNumberWeights: { [w.n1.id]: 3 },
      }),
    );
    expect(campaign).toMatchObject({
      keepOpen: true,
      callWindowStart: '08:15',
      callWindowEnd: '19:45',
      callWindowTimezone: 'Europe/Berlin',
      useContactTimezone: false,
      callDays: [1, 3, 5],
      maxConcurrentCalls: 4,
      maxAttemptsPerContact: 7,
      retryDelayMinutes: 15,
      retryDelayMinutesNoAnswer: 20,
      retryDelayMinutesBusy: 25,
      retryDelayMinutesError: 30,
      retryBackoff: 'exponential',
      retryBackoffMultiplier: 1.5,
      retryBackoffCapMinutes: 600,
      retryOnError: true,
      retryOnVoicemail: true,
      maxAttemptsNoAnswer: 2,
      maxAttemptsBusy: 4,
      maxAttemptsError: 1,
      voicemailAction: 'hangup',
    });
    expect(campaign.fromNumbers.map((n) => n.weight)).toEqual([3, 1]);
  });

  it('keeps fromNumberIds in the order sent, once each', async () => {
    const campaign = await accepted(required(w, { fromNumberIds: [w.n2.id, w.n1.id, w.n2.id] }));
    expect(campaign.fromNumberIds).toEqual([w.n2.id, w.n1.id]);
  });
});

describe('campaign create: retry delays and the keepOpen alias', () => {
  it('lets retryDelayMinutes alone stand for all three per-outcome delays', async () => {
    const campaign = await accepted(required(w, { retryDelayMinutes: 30 }));
    expect(campaign).toMatchObject({ retryDelayMinutes: 30, retryDelayMinutesNoAnswer: 30, retryDelayMinutesBusy: 30, retryDelayMinutesError: 30 });
  });

  it('does not override per-outcome delays given explicitly', async () => {
    const campaign = await accepted(required(w, { retryDelayMinutes: 30, retryDelayMinutesBusy: 7 }));
    expect(campaign).toMatchObject({ retryDelayMinutes: 30, retryDelayMinutesNoAnswer: 5, retryDelayMinutesBusy: 7, retryDelayMinutesError: 60 });
    const all = await accepted(required(w, { retryDelayMinutes: 30, retryDelayMinutesNoAnswer: 1, retryDelayMinutesBusy: 2, retryDelayMinutesError: 3 }));
    expect(all).toMatchObject({ retryDelayMinutes: 30, retryDelayMinutesNoAnswer: 1, retryDelayMinutesBusy: 2, retryDelayMinutesError: 3 });
  });

  it('reads noAutoComplete as keepOpen, keepOpen winning when both are sent', async () => {
    expect((await accepted(required(w, { noAutoComplete: true }))).keepOpen).toBe(true);
    expect((await accepted(required(w, { noAutoComplete: false }))).keepOpen).toBe(false);
    expect((await accepted(required(w, { keepOpen: true }))).keepOpen).toBe(true);
    expect((await accepted(required(w, { keepOpen: false, noAutoComplete: true }))).keepOpen).toBe(false);
    expect((await refused(required(w, { noAutoComplete: 'yes' }))).noAutoComplete).toBeDefined();
  });

  it('checks retry delay ranges (0..10080 minutes)', async () => {
    for (const key of ['retryDelayMinutes', 'retryDelayMinutesNoAnswer', 'retryDelayMinutesBusy', 'retryDelayMinutesError']) {
      expect(Object.keys(await refused(required(w, { [key]: -1 })))).toEqual([key]);
      expect(Object.keys(await refused(required(w, { [key]: 10_081 })))).toEqual([key]);
      expect(Object.keys(await refused(required(w, { [key]: 1.5 })))).toEqual([key]);
      expect(Object.keys(await refused(required(w, { [key]: '60' })))).toEqual([key]);
      expect((await accepted(required(w, { [key]: 0 })))[key as keyof Campaign]).toBe(0);
      expect((await accepted(required(w, { [key]: 10_080 })))[key as keyof Campaign]).toBe(10_080);
    }
  });
});

describe('campaign create: call window', () => {
  it('accepts HH:MM:SS and normalises :00 seconds away', async () => {
    const campaign = await accepted(required(w, { callWindowStart: '08:30:00', callWindowEnd: '18:00:30' }));
    expect(campaign.callWindowStart).toBe('08:30');
    expect(campaign.callWindowEnd).toBe('18:00:30');
  });

  it('accepts an overnight window (start after end)', async () => {
    const campaign = await accepted(required(w, { callWindowStart: '22:00', callWindowEnd: '06:00' }));
    expect([campaign.callWindowStart, campaign.callWindowEnd]).toEqual(['22:00', '06:00']);
  });

  it('refuses equal start and end, also when spelled differently', async () => {
    expect(await refused(required(w, { callWindowStart: '10:00', callWindowEnd: '10:00' }))).toEqual({ callWindowEnd: expect.stringMatching(/differ/) });
    expect(Object.keys(await refused(required(w, { callWindowStart: '17:00:00' })))).toEqual(['callWindowEnd']);
    expect(Object.keys(await refused(required(w, { callWindowEnd: '09:00' })))).toEqual(['callWindowEnd']);
    expect(Object.keys(await refused(required(w, { callWindowStart: '12:30:00', callWindowEnd: '12:30' })))).toEqual(['callWindowEnd']);
  });

  it('refuses times that are not HH:MM or HH:MM:SS', async () => {
    for (const bad of ['24:00', '9:00', '12:60', '0900', 'noon', '', 900]) {
      expect(Object.keys(await refused(required(w, { callWindowStart: bad })))).toEqual(['callWindowStart']);
      expect(Object.keys(await refused(required(w, { callWindowEnd: bad })))).toEqual(['callWindowEnd']);
    }
  });

  it('refuses a time zone that is not IANA, with a clear message', async () => {
    for (const bad of ['Mars/Olympus_Mons', 'EST5EDT6', '', 'New York', 5]) {
      const fields = await refused(required(w, { callWindowTimezone: bad }));
      expect(Object.keys(fields)).toEqual(['callWindowTimezone']);
      expect(fields.callWindowTimezone).toMatch(/IANA time zone/);
    }
    for (const zone of ['Europe/Berlin', 'Asia/Kolkata', 'America/Phoenix', 'UTC']) {
      expect((await accepted(required(w, { callWindowTimezone: zone }))).callWindowTimezone).toBe(zone);
    }
  });

  it('checks callDays: weekdays 0..6, at least one, or null for every day', async () => {
    expect((await accepted(required(w, { callDays: [6, 0] }))).callDays).toEqual([0, 6]);
    expect((await accepted(required(w, { callDays: null }))).callDays).toBeNull();
    expect(Object.keys(await refused(required(w, { callDays: [] })))).toEqual(['callDays']);
    expect(Object.keys(await refused(required(w, { callDays: [7] })))).toEqual(['callDays.0']);
    expect(Object.keys(await refused(required(w, { callDays: 'weekdays' })))).toEqual(['callDays']);
  });
});

describe('campaign create: numeric ranges', () => {
  it('maxConcurrentCalls is a whole number 1..10', async () => {
    for (const bad of [0, 11, -1, 2.5, '3', null]) expect(Object.keys(await refused(required(w, { maxConcurrentCalls: bad })))).toEqual(['maxConcurrentCalls']);
    expect((await accepted(required(w, { maxConcurrentCalls: 1 }))).maxConcurrentCalls).toBe(1);
    expect((await accepted(required(w, { maxConcurrentCalls: 10 }))).maxConcurrentCalls).toBe(10);
  });

  it('maxAttemptsPerContact is a whole number >= 1', async () => {
    for (const bad of [0, -3, 1.5, '3']) expect(Object.keys(await refused(required(w, { maxAttemptsPerContact: bad })))).toEqual(['maxAttemptsPerContact']);
    expect((await accepted(required(w, { maxAttemptsPerContact: 1 }))).maxAttemptsPerContact).toBe(1);
    expect((await accepted(required(w, { maxAttemptsPerContact: 25 }))).maxAttemptsPerContact).toBe(25);
  });

  it('retryBackoff is fixed or exponential; multiplier 1.01..10; cap 1..10080 minutes', async () => {
    expect(Object.keys(await refused(required(w, { retryBackoff: 'linear' })))).toEqual(['retryBackoff']);
    for (const bad of [1, 1.009, 10.01, 0, -2, '2']) expect(Object.keys(await refused(required(w, { retryBackoffMultiplier: bad })))).toEqual(['retryBackoffMultiplier']);
    for (const ok of [1.01, 2, 10]) expect((await accepted(required(w, { retryBackoff: 'exponential', retryBackoffMultiplier: ok }))).retryBackoffMultiplier).toBe(ok);
    for (const bad of [0, 10_081, 1.5]) expect(Object.keys(await refused(required(w, { retryBackoffCapMinutes: bad })))).toEqual(['retryBackoffCapMinutes']);
    for (const ok of [1, 10_080]) expect((await accepted(required(w, { retryBackoffCapMinutes: ok }))).retryBackoffCapMinutes).toBe(ok);
  });

  it('per-outcome max attempts are 1..50 or null', async () => {
    for (const key of ['maxAttemptsNoAnswer', 'maxAttemptsBusy', 'maxAttemptsError'] as const) {
      for (const bad of [0, 51, 2.5, '5']) expect(Object.keys(await refused(required(w, { [key]: bad })))).toEqual([key]);
      expect((await accepted(required(w, { [key]: 1 })))[key]).toBe(1);
      expect((await accepted(required(w, { [key]: 50 })))[key]).toBe(50);
      expect((await accepted(required(w, { [key]: null })))[key]).toBeNull();
    }
  });

  it('booleans and enums are strict', async () => {
    for (const key of ['keepOpen', 'useContactTimezone', 'retryOnError', 'retryOnVoicemail']) {
      expect(Object.keys(await refused(required(w, { [key]: 'true' })))).toEqual([key]);
      expect(Object.keys(await refused(required(w, { [key]: 1 })))).toEqual([key]);
    }
    expect(Object.keys(await refused(required(w, { voicemailAction: 'beep' })))).toEqual(['voicemailAction']);
    expect((await accepted(required(w, { voicemailAction: 'hangup' }))).voicemailAction).toBe('hangup');
  });
});

describe('campaign create: name, unknown fields, references', () => {
  it('requires a non-empty name and limits the description', async () => {
    for (const bad of ['', '   ', undefined, 5]) {
      const body = required(w, { name: bad });
      if (bad === undefined) delete body.name;
      expect(Object.keys(await refused(body))).toEqual(['name']);
    }
    expect((await accepted(required(w, { name: '  Trimmed  ' }))).name).toBe('Trimmed');
    expect(Object.keys(await refused(required(w, { description: 'x'.repeat(2001) })))).toEqual(['description']);
  });

  it('names unknown fields', async () => {
    expect(await refused(required(w, { colour: 'red', team: 'x' }))).toEqual({ colour: 'Unknown field', team: 'Unknown field' });
  });

  it('names each missing required field', async () => {
    expect(Object.keys(await refused({})).sort()).toEqual(['assistantId', 'companyId', 'fromNumberIds', 'name']);
  });

  it('refuses an assistant that does not exist, has outbound off, or has no active number', async () => {
    expect((await refused(required(w, { assistantId: 'asst_nope' }))).assistantId).toMatch(/does not exist/);
    expect((await refused(required(w, { assistantId: w.disabled.id }))).assistantId).toMatch(/outbound calling turned off/);
    expect((await refused(required(w, { assistantId: w.bare.id }))).assistantId).toMatch(/no active phone number/);
    // a suspended number does not count as an active one
    expect((await refused(required(w, { assistantId: w.suspendedOnly.id }))).assistantId).toMatch(/no active phone number/);
  });

  it('refuses an unknown company', async () => {
    expect(await refused(required(w, { companyId: 'cmp_nope' }))).toEqual({ companyId: expect.stringMatching(/cmp_nope does not exist/) });
  });

  it('checks fromNumberIds: at least one, each known, active and the assistant’s, named by index', async () => {
    expect(Object.keys(await refused(required(w, { fromNumberIds: [] })))).toEqual(['fromNumberIds']);
    expect(Object.keys(await refused(required(w, { fromNumberIds: 'num_1' })))).toEqual(['fromNumberIds']);
    expect(await refused(required(w, { fromNumberIds: [w.n1.id, 'num_nope'] }))).toEqual({ 'fromNumberIds.1': expect.stringMatching(/num_nope does not exist/) });
    expect(await refused(required(w, { fromNumberIds: [w.n1.id, w.n3.id] }))).toEqual({ 'fromNumberIds.1': expect.stringMatching(/suspended, not active/) });
    expect(await refused(required(w, { fromNumberIds: [w.n1.id, w.n4.id] }))).toEqual({ 'fromNumberIds.1': expect.stringMatching(/not assigned to this assistant/) });
    expect(Object.keys(await refused(required(w, { fromNumberIds: [w.n4.id, w.n3.id, w.n2.id, 'x'] }))).sort()).toEqual(['fromNumberIds.0', 'fromNumberIds.1', 'fromNumberIds.3']);
  });

  it('checks fromNumberWeights: 1..100, only for selected numbers', async () => {
    expect(Object.keys(await refused(required(w, { fromNumberWeights: { [w.n1.id]: 0 } })))).toEqual([`fromNumberWeights.${w.n1.id}`]);
    expect(await refused(required(w, { fromNumberWeights: { [w.n4.id]: 2 } }))).toEqual({ [`fromNumberWeights.${w.n4.id}`]: expect.stringMatching(/not selected/) });
  });

  it('names ALL bad fields at once: schema errors and database errors together', async () => {
    const fields = await refused({
      name: '',
      assistantId: 'asst_nope',
      companyId: 'cmp_nope',
      fromNumberIds: [w.n3.id, 'num_nope'],
      maxConcurrentCalls: 0,
      maxAttemptsPerContact: 0,
      callWindowStart: '25:00',
      callWindowTimezone: 'Nowhere/City',
      retryBackoffMultiplier: 11,
      maxAttemptsBusy: 51,
      scheduledStartAt: 'whenever',
      colour: 'red',
    });
    expect(Object.keys(fields).sort()).toEqual(
      [
        'name',
        'assistantId',
        'companyId',
        'fromNumberIds.0',
        'fromNumberIds.1',
        'maxConcurrentCalls',
        'maxAttemptsPerContact',
        'callWindowStart',
        'callWindowTimezone',
        'retryBackoffMultiplier',
        'maxAttemptsBusy',
        'scheduledStartAt',
        'colour',
      ].sort(),
    );
    expect(fields.assistantId).toMatch(/does not exist/);
    expect(fields.companyId).toMatch(/does not exist/);
    const error = await failure(create({ name: '', assistantId: w.disabled.id, companyId: w.acme.id, fromNumberIds: [w.n1.id] }));
    expect(error.message).toMatch(/name/);
    expect(Object.keys(error.fields!).sort()).toEqual(['assistantId', 'fromNumberIds.0', 'name']);
  });

  it('does not create anything when refused', async () => {
    await refused(required(w, { maxConcurrentCalls: 0 }));
    expect((await core.services.campaigns.list(w.team, { limit: 50, offset: 0 })).total).toBe(0);
    expect(core.services.store.sqlite.prepare('SELECT count(*) FROM campaign_numbers').pluck().get()).toBe(0);
  });
});

describe('campaign create: scheduledStartAt and status', () => {
  it('is a draft without scheduledStartAt (or with null), scheduled with it', async () => {
    expect((await accepted(required(w))).status).toBe('draft');
    expect((await accepted(required(w, { scheduledStartAt: null }))).status).toBe('draft');
    const scheduled = await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00:00Z' }));
    expect(scheduled.status).toBe('scheduled');
    expect(scheduled.scheduledStartAt).toBe('2026-06-01T09:00:00.000Z');
    expect(scheduled.startedAt).toBeNull();
  });

  it('reads an ISO instant with an offset as that instant', async () => {
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00:00+02:00' }))).scheduledStartAt).toBe('2026-06-01T07:00:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00:00.250-05:00' }))).scheduledStartAt).toBe('2026-06-01T14:00:00.250Z');
    // the window zone does not change an instant
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00:00Z', callWindowTimezone: 'Asia/Kolkata' }))).scheduledStartAt).toBe('2026-06-01T09:00:00.000Z');
  });

  it('reads a date-time without an offset in callWindowTimezone', async () => {
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00' }))).scheduledStartAt).toBe('2026-06-01T13:00:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00:00' }))).scheduledStartAt).toBe('2026-06-01T13:00:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-02-01T09:00' }))).scheduledStartAt).toBe('2026-02-01T14:00:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00', callWindowTimezone: 'Europe/Berlin' }))).scheduledStartAt).toBe('2026-06-01T07:00:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-06-01T09:00', callWindowTimezone: 'Asia/Kolkata' }))).scheduledStartAt).toBe('2026-06-01T03:30:00.000Z');
  });

  it('moves a local time in a DST gap forward, and takes the first of a repeated one', async () => {
    const gap = await accepted(required(w, { scheduledStartAt: '2026-03-08T02:30' }));
    expect(gap.scheduledStartAt).toBe('2026-03-08T07:30:00.000Z');
    expect(gap.status).toBe('scheduled');
    expect((await accepted(required(w, { scheduledStartAt: '2026-03-29T02:30', callWindowTimezone: 'Europe/Berlin' }))).scheduledStartAt).toBe('2026-03-29T01:30:00.000Z');
    expect((await accepted(required(w, { scheduledStartAt: '2026-11-01T01:30' }))).scheduledStartAt).toBe('2026-11-01T05:30:00.000Z');
  });

  it('refuses text that is not a date-time, and impossible local dates', async () => {
    expect(Object.keys(await refused(required(w, { scheduledStartAt: 'next tuesday' })))).toEqual(['scheduledStartAt']);
    expect(Object.keys(await refused(required(w, { scheduledStartAt: 20260601 })))).toEqual(['scheduledStartAt']);
    expect(await refused(required(w, { scheduledStartAt: '2026-02-30T09:00' }))).toEqual({ scheduledStartAt: 'Not a real date-time' });
    expect(Object.keys(await refused(required(w, { scheduledStartAt: '2026-06-01T25:00' })))).toEqual(['scheduledStartAt']);
  });
});

describe('campaign update', () => {
  const update = (id: string, changes: Record<string, unknown>) => core.services.campaigns.update(w.team, id, changes);
  const updateIpc = (id: string, changes: Record<string, unknown>) => w.api.invoke('campaigns.update', { id, ...changes });
  const setStatus = (id: string, status: string) => core.services.store.sqlite.prepare('UPDATE campaigns SET status = ? WHERE id = ?').run(status, id);

  it('changes core settings of a draft, scheduled or paused campaign', async () => {
    for (const status of ['draft', 'scheduled', 'paused']) {
      const c = await create(required(w, { scheduledStartAt: status === 'scheduled' ? '2026-06-01T09:00:00Z' : undefined }));
      if (status === 'paused') setStatus(c.id, 'paused');
      const updated = await updateIpc(c.id, { maxConcurrentCalls: 5, callWindowStart: '10:00:00', retryDelayMinutes: 15, fromNumberIds: [w.n2.id] });
      expect(updated).toMatchObject({ status, maxConcurrentCalls: 5, callWindowStart: '10:00', retryDelayMinutes: 15, retryDelayMinutesNoAnswer: 15, fromNumberIds: [w.n2.id] });
      expect(updated.fromNumbers).toEqual([{ phoneNumberId: w.n2.id, number: w.n2.number, weight: 1 }]);
    }
  });

  it('refuses core settings while running (conflict: pause first) but allows name and description', async () => {
    const c = await create(required(w));
    await core.services.campaigns.run(w.team, c.id, 'start');
    for (const changes of [{ maxConcurrentCalls: 2 }, { fromNumberIds: [w.n1.id] }, { callWindowEnd: '18:00' }, { assistantId: w.other.id, fromNumberIds: [w.n4.id] }, { name: 'X', retryOnError: true }, { noAutoComplete: true }]) {
      const error = await failure(updateIpc(c.id, changes));
      expect(error.code, JSON.stringify(changes)).toBe('conflict');
      expect(error.message).toMatch(/Pause the campaign/);
    }
    const renamed = await updateIpc(c.id, { name: 'Renamed while running', description: 'still dialing' });
    expect(renamed).toMatchObject({ status: 'running', name: 'Renamed while running', description: 'still dialing', maxConcurrentCalls: 1 });
    await core.services.campaigns.run(w.team, c.id, 'pause');
    expect((await update(c.id, { maxConcurrentCalls: 2 })).maxConcurrentCalls).toBe(2);
  });

  it('refuses core settings of completed and cancelled campaigns, names still editable', async () => {
    for (const status of ['completed', 'cancelled']) {
      const c = await create(required(w));
      setStatus(c.id, status);
      expect((await failure(update(c.id, { maxConcurrentCalls: 2 }))).code).toBe('conflict');
      expect((await update(c.id, { name: `Old ${status}` })).name).toBe(`Old ${status}`);
    }
  });

  it('makes a draft scheduled when scheduledStartAt is set, and a scheduled campaign a draft when it is cleared', async () => {
    const c = await create(required(w));
    const scheduled = await updateIpc(c.id, { scheduledStartAt: '2026-06-01T09:00' });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledStartAt: '2026-06-01T13:00:00.000Z' });
    const draft = await updateIpc(c.id, { scheduledStartAt: null });
    expect(draft).toMatchObject({ status: 'draft', scheduledStartAt: null });
  });

  it('reads a local scheduledStartAt in the window zone sent with it', async () => {
    const c = await create(required(w));
    const updated = await updateIpc(c.id, { callWindowTimezone: 'Europe/Berlin', scheduledStartAt: '2026-06-01T09:00' });
    expect(updated.scheduledStartAt).toBe('2026-06-01T07:00:00.000Z');
  });

  it('refuses a new assistant without new numbers, accepts it with its own numbers', async () => {
    const c = await create(required(w));
    expect(await failure(updateIpc(c.id, { assistantId: w.other.id }))).toMatchObject({ code: 'validation', fields: { fromNumberIds: expect.stringMatching(/numbers again/) } });
    expect((await failure(updateIpc(c.id, { assistantId: w.other.id, fromNumberIds: [w.n1.id] }))).fields).toEqual({ 'fromNumberIds.0': expect.stringMatching(/not assigned/) });
    expect((await failure(updateIpc(c.id, { assistantId: w.disabled.id, fromNumberIds: [w.n1.id] }))).fields).toHaveProperty('assistantId');
    const moved = await updateIpc(c.id, { assistantId: w.other.id, fromNumberIds: [w.n4.id] });
    expect(moved).toMatchObject({ assistantId: w.other.id, fromNumberIds: [w.n4.id] });
  });

  it('validates changed fields like create does, naming each', async () => {
    const c = await create(required(w));
    const error = await failure(updateIpc(c.id, { maxConcurrentCalls: 11, callWindowTimezone: 'Nowhere', colour: 'x', companyId: 'cmp_nope' }));
    expect(error.code).toBe('validation');
    expect(Object.keys(error.fields!).sort()).toEqual(['callWindowTimezone', 'colour', 'maxConcurrentCalls']);
    expect((await failure(updateIpc(c.id, { companyId: 'cmp_nope' }))).fields).toEqual({ companyId: expect.stringMatching(/does not exist/) });
    expect((await failure(updateIpc(c.id, { callWindowEnd: '09:00' }))).fields).toEqual({ callWindowEnd: expect.any(String) });
    expect((await failure(updateIpc(c.id, { fromNumberIds: [w.n3.id] }))).fields).toEqual({ 'fromNumberIds.0': expect.stringMatching(/suspended/) });
    expect((await failure(updateIpc(c.id, { name: '' }))).fields).toHaveProperty('name');
    // nothing changed
    expect(await core.services.campaigns.get(w.team, c.id)).toMatchObject({ maxConcurrentCalls: 1, callWindowEnd: '17:00', name: c.name });
  });

  it('keeps unsent fields as they were and sets weights with the numbers', async () => {
    const c = await create(required(w, { maxConcurrentCalls: 3, retryDelayMinutesBusy: 9 }));
    const updated = await updateIpc(c.id, { description: 'new', fromNumberIds: [w.n1.id, w.n2.id], fromNumberWeights: { [w.n2.id]: 5 } });
    expect(updated).toMatchObject({ maxConcurrentCalls: 3, retryDelayMinutesBusy: 9, description: 'new' });
    expect(updated.fromNumbers.map((n) => [n.phoneNumberId, n.weight])).toEqual([
      [w.n1.id, 1],
      [w.n2.id, 5],
    ]);
    expect((await failure(updateIpc(c.id, { fromNumberIds: [w.n1.id], fromNumberWeights: { [w.n2.id]: 5 } }))).fields).toEqual({ [`fromNumberWeights.${w.n2.id}`]: expect.any(String) });
  });

  it('sets keepOpen through its alias', async () => {
    const c = await create(required(w));
    expect((await updateIpc(c.id, { noAutoComplete: true })).keepOpen).toBe(true);
    expect((await updateIpc(c.id, { keepOpen: false })).keepOpen).toBe(false);
  });

  it('answers not_found for an unknown id', async () => {
    expect((await failure(updateIpc('cmp_nope', { name: 'x' }))).code).toBe('not_found');
    expect((await failure(core.services.campaigns.get(w.team, 'cmp_nope'))).code).toBe('not_found');
  });
});

describe('campaign list', () => {
  it('filters by status and assistant and pages newest first', async () => {
    const made: Campaign[] = [];
    for (let i = 0; i < 6; i++) {
      clock = T0 + i * 1000;
      made.push(
        await create(
          i % 2 === 0
            ? required(w, { name: `C${i}` })
            : { name: `C${i}`, assistantId: w.other.id, companyId: w.globex.id, fromNumberIds: [w.n4.id], scheduledStartAt: '2026-06-01T09:00:00Z' },
        ),
      );
    }
    const names = (items: Campaign[]) => items.map((c) => c.name);
    const all = await w.api.invoke('campaigns.list', {});
    expect(all).toMatchObject({ total: 6, totalIsCapped: false, limit: 50, offset: 0 });
    expect(names(all.items)).toEqual(['C5', 'C4', 'C3', 'C2', 'C1', 'C0']);

    expect(names((await w.api.invoke('campaigns.list', { status: 'draft' })).items)).toEqual(['C4', 'C2', 'C0']);
    expect(names((await w.api.invoke('campaigns.list', { status: 'scheduled' })).items)).toEqual(['C5', 'C3', 'C1']);
    expect((await w.api.invoke('campaigns.list', { status: 'running' })).items).toEqual([]);
    expect(names((await w.api.invoke('campaigns.list', { assistantId: w.other.id })).items)).toEqual(['C5', 'C3', 'C1']);
    expect(names((await w.api.invoke('campaigns.list', { assistantId: w.assistant.id, status: 'draft' })).items)).toEqual(['C4', 'C2', 'C0']);

    const page1 = await w.api.invoke('campaigns.list', { limit: 4, offset: 0 });
    const page2 = await w.api.invoke('campaigns.list', { limit: 4, offset: 4 });
    expect([names(page1.items), names(page2.items)]).toEqual([
      ['C5', 'C4', 'C3', 'C2'],
      ['C1', 'C0'],
    ]);
    expect([page1.total, page2.total, page2.offset, page2.limit]).toEqual([6, 6, 4, 4]);
    // list items are the full campaign, numbers included
    expect(all.items.find((c) => c.id === made[0].id)).toEqual(made[0]);
  });

  it('validates its query', async () => {
    expect((await failure(w.api.invoke('campaigns.list', { status: 'archived' as never }))).fields).toHaveProperty('status');
    expect((await failure(w.api.invoke('campaigns.list', { limit: 0 }))).fields).toHaveProperty('limit');
    expect((await failure(w.api.invoke('campaigns.list', { limit: 501 }))).fields).toHaveProperty('limit');
    expect((await failure(w.api.invoke('campaigns.list', { offset: -1 }))).fields).toHaveProperty('offset');
  });
});

describe('team scoping', () => {
  it('treats another team’s assistant, company and numbers as unknown', async () => {
    const other = addTeam(core);
    const fields = (await failure(core.services.campaigns.create(other, required(w)))).fields!;
    expect(fields).toMatchObject({
      assistantId: expect.stringMatching(/does not exist/),
      companyId: expect.stringMatching(/does not exist/),
      'fromNumberIds.0': expect.stringMatching(/does not exist/),
      'fromNumberIds.1': expect.stringMatching(/does not exist/),
    });
  });

  it('keeps a campaign out of another team’s reach (forbidden), and out of its list', async () => {
    const c = await create(required(w));
    const other = addTeam(core);
    const otherApi = inMemoryApi(core, { ctx: other });
    expect((await failure(core.services.campaigns.get(other, c.id))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.get', { id: c.id }))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.update', { id: c.id, name: 'Mine now' }))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.run', { id: c.id, action: 'start' }))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.delete', { id: c.id }))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.dashboard', { id: c.id }))).code).toBe('forbidden');
    expect((await failure(otherApi.invoke('campaigns.contacts', { id: c.id }))).code).toBe('forbidden');
    expect((await otherApi.invoke('campaigns.list', {})).total).toBe(0);
    // untouched
    expect(await core.services.campaigns.get(w.team, c.id)).toMatchObject({ name: c.name, status: 'draft' });
    expect((await failure(otherApi.invoke('campaigns.get', { id: 'cmp_nope' }))).code).toBe('not_found');
  });
});
