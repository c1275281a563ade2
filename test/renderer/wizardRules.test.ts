import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import { CAMPAIGN_DEFAULTS } from '../../shared/campaigns/schemas';
import type { PhoneNumber } from '../../shared/crm/types';
import {
  clientErrors,
  createRequest,
  draftFromCampaign,
  EMPTY_DRAFT,
  contactSelectionOf,
  errorsByField,
  localScheduleOf,
  preCheckedNumbers,
  stepsDone,
  updateRequest,
  type CampaignDraft,
} from '../../renderer/src/campaigns/wizardRules';
import { addContact, makeWorld, T0, type World } from '../campaigns/fixtures';
import { testCore } from '../support/core';
import { failure } from '../support/inMemoryTransport';

let core: Core;
let w: World;

beforeEach(async () => {
  core = await testCore(() => T0);
  w = await makeWorld(core);
});

const filled = (extra: Partial<CampaignDraft> = {}): CampaignDraft => ({
  ...EMPTY_DRAFT,
  name: 'Q2 Renewals',
  assistantId: w.assistant.id,
  fromNumberIds: [w.n1.id, w.n2.id],
  companyId: w.acme.id,
  ...extra,
});

describe('defaults and pre-checked numbers', () => {
  it('starts from the campaign defaults with both audience switches on and Advanced retry at its default delays, backoff and caps', () => {
    expect(EMPTY_DRAFT).toMatchObject({
      callWindowStart: '09:00',
      callWindowEnd: '17:00',
      callWindowTimezone: 'America/New_York',
      maxConcurrentCalls: 1,
      maxAttemptsPerContact: 3,
      audienceMode: 'all_eligible',
      filter: { search: '', leadStatus: null, hasPhone: true, excludeDnc: true },
      retryDelayMinutesNoAnswer: 5,
      retryDelayMinutesBusy: 10,
      retryDelayMinutesError: 60,
      retryBackoff: 'fixed',
      retryOnError: false,
      voicemailAction: 'leave_message',
      useContactTimezone: true,
      maxAttemptsNoAnswer: '',
    });
  });

  it('pre-checks every active number of the assistant and none that is suspended', () => {
    const numbers = [w.n1, w.n2, w.n3] as PhoneNumber[];
    expect(preCheckedNumbers(numbers)).toEqual([w.n1.id, w.n2.id]);
  });
});

describe('which steps are done', () => {
  it('an empty draft has only the optional schedule and the defaulted window and limits done', () => {
    expect(stepsDone(EMPTY_DRAFT)).toEqual({ name: false, assistant: false, numbers: false, audience: false, schedule: true, window: true, limits: true });
  });

  it('a filled draft is done; a manual audience needs a selection; limits are checked against their ranges', () => {
    expect(Object.values(stepsDone(filled())).every(Boolean)).toBe(true);
    expect(stepsDone(filled({ audienceMode: 'manual' })).audience).toBe(false);
    expect(stepsDone(filled({ audienceMode: 'manual', selectAllEligible: true })).audience).toBe(true);
    expect(stepsDone(filled({ audienceMode: 'manual', contactIds: ['cnt_1'] })).audience).toBe(true);
    expect(stepsDone(filled({ maxConcurrentCalls: 11 })).limits).toBe(false);
    expect(stepsDone(filled({ maxAttemptsPerContact: '' })).limits).toBe(false);
    expect(stepsDone(filled({ callWindowEnd: '09:00' })).window).toBe(false);
  });

  it('names the missing manual selection before asking main', () => {
    expect(clientErrors(filled({ audienceMode: 'manual' }))).toEqual({ contactIds: 'Select at least one contact' });
    expect(clientErrors(filled())).toEqual({});
  });
});

describe('the form against a real core', () => {
  it('creates a campaign main accepts, and reading it back gives the same draft (Edit prefill)', async () => {
    const draft = filled({
      description: 'Renewal calls',
      scheduledStartAt: '2026-06-01T09:00',
      callWindowTimezone: 'Europe/Berlin',
      maxConcurrentCalls: '4',
      retryDelayMinutesBusy: 25,
      retryBackoff: 'exponential',
      retryBackoffMultiplier: 1.5,
      maxAttemptsNoAnswer: 2,
      retryOnError: true,
      voicemailAction: 'hangup',
      useContactTimezone: false,
    });
    const campaign = await w.api.invoke('campaigns.create', createRequest(draft));
    expect(campaign).toMatchObject({ status: 'scheduled', scheduledStartAt: '2026-06-01T07:00:00.000Z', maxConcurrentCalls: 4, maxAttemptsNoAnswer: 2, maxAttemptsBusy: null });
    // reopened, it adds no contacts unless asked
    expect(draftFromCampaign(campaign)).toEqual({ ...draft, maxConcurrentCalls: 4, audienceMode: 'none' });
    expect(contactSelectionOf(campaign.companyId, draftFromCampaign(campaign))).toBeNull();
  });

  it('compliance is on by default; turning the guard off and clearing the cap reach the campaign', async () => {
    const standard = await w.api.invoke('campaigns.create', createRequest(filled()));
    expect(standard).toMatchObject({ legalHoursGuard: true, rollingCapPer24h: 3 });
    const relaxed = await w.api.invoke('campaigns.create', createRequest(filled({ legalHoursGuard: false, rollingCapPer24h: '' })));
    expect(relaxed).toMatchObject({ legalHoursGuard: false, rollingCapPer24h: null });
    expect(draftFromCampaign(relaxed)).toMatchObject({ legalHoursGuard: false, rollingCapPer24h: '' });
    const error = await failure(w.api.invoke('campaigns.create', createRequest(filled({ rollingCapPer24h: 0 }))));
    expect(errorsByField(error.fields!)).toEqual({ rollingCapPer24h: 'Must be at least 1' });
  });

  it('an empty form names every missing field, each mapped to its input', async () => {
    const error = await failure(w.api.invoke('campaigns.create', createRequest(EMPTY_DRAFT)));
    expect(error.code).toBe('validation');
    expect(Object.keys(errorsByField(error.fields!)).sort()).toEqual(['assistantId', 'companyId', 'fromNumberIds', 'name']);
  });

  it('maps Advanced retry errors, item paths and nested audience paths back to their fields', async () => {
    const error = await failure(w.api.invoke('campaigns.create', createRequest(filled({ retryDelayMinutesBusy: 20_000, retryBackoffCapMinutes: 0, maxAttemptsError: 'x' }))));
    expect(errorsByField(error.fields!)).toEqual({
      retryDelayMinutesBusy: 'Retry delay must be at most 10080',
      retryBackoffCapMinutes: 'Backoff cap must be at least 1',
      maxAttemptsError: expect.stringMatching(/number/),
    });
    expect(errorsByField({ 'fromNumberIds.1': 'Not this assistant’s', 'audience.search': 'Must be text' })).toEqual({ fromNumberIds: 'Not this assistant’s', audience: 'Must be text' });
  });

  it('Edit sends every setting; an emptied Schedule Start turns a scheduled campaign back into a draft', async () => {
    const scheduled = await w.api.invoke('campaigns.create', createRequest(filled({ scheduledStartAt: '2026-06-01T09:00' })));
    const draft = { ...draftFromCampaign(scheduled), name: 'Renamed', scheduledStartAt: '', retryDelayMinutesNoAnswer: 7, maxAttemptsBusy: '' as const };
    const saved = await w.api.invoke('campaigns.update', updateRequest(scheduled.id, draft));
    expect(saved).toMatchObject({ name: 'Renamed', status: 'draft', scheduledStartAt: null, retryDelayMinutesNoAnswer: 7, maxAttemptsBusy: null });
  });

  it('enrols all eligible, a filtered "Select all eligible", or the picked ids', async () => {
    const anh = await addContact(w, w.acme.id, { firstName: 'Anh', lastName: 'Nguyen', leadStatus: 'qualified' });
    await addContact(w, w.acme.id, { firstName: 'Bao', lastName: 'Nguyen', leadStatus: 'new' });
    await addContact(w, w.acme.id, { firstName: 'Cy', lastName: 'Smith', leadStatus: 'qualified' });
    await addContact(w, w.acme.id, { firstName: 'Dee', lastName: 'Nguyen', phone: null });
    const enrolled = async (draft: CampaignDraft) => {
      const c = await w.api.invoke('campaigns.create', createRequest(draft));
      return (await w.api.invoke('campaigns.contacts', { id: c.id, limit: 50 })).items.map((r) => `${r.firstName} ${r.status}`).sort();
    };
    expect(await enrolled(filled())).toEqual(['Anh pending', 'Bao pending', 'Cy pending']);
    const manual = filled({ audienceMode: 'manual', selectAllEligible: true, filter: { ...EMPTY_DRAFT.filter, search: ' nguyen ', leadStatus: 'qualified' } });
    expect(await enrolled(manual)).toEqual(['Anh pending']);
    expect(await enrolled(filled({ audienceMode: 'manual', selectAllEligible: false, contactIds: [anh.id] }))).toEqual(['Anh pending']);
  });

  it('shows a scheduled start in the window zone as the date-time input wants it', () => {
    expect(localScheduleOf('2026-06-01T13:00:00.000Z', 'America/New_York')).toBe('2026-06-01T09:00');
    expect(localScheduleOf(null, 'America/New_York')).toBe('');
    expect(CAMPAIGN_DEFAULTS.callWindowTimezone).toBe(EMPTY_DRAFT.callWindowTimezone);
  });
});
