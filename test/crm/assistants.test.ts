import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { assistantInput } from '../../shared/crm/schemas';
import { AppError } from '../../shared/errors';
import { parseInput } from '../../shared/validation';
import { testCore } from '../support/core';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';

let clock = 1_700_000_000_000;
let core: Core;
let api: Api;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  core = await testCore(() => clock);
  api = inMemoryApi(core);
});

describe('assistants: create and validation', () => {
  it('creates an assistant with defaults', async () => {
    const a = await api.invoke('assistants.create', { name: '  Sally  ', greeting: 'Hi, this is Sally', prompt: '' });
    expect(a).toEqual({
      id: expect.stringMatching(/^asst_[0-9a-z]{14}$/),
      teamId: 'team_default',
      name: 'Sally',
      greeting: 'Hi, this is Sally',
      prompt: null,
      voicemailMessage: null,
      outboundEnabled: false,
      provider: 'simulator',
      agentUrl: null,
      greetingAudio: null,
      voicemailAudio: null,
      recordCalls: false,
      engine: 'audio',
      realtimeModel: 'gpt-realtime',
      realtimeVoice: 'marin',
      transferNumber: null,
      maxCallMinutes: 10,
      collect: [],
      successCriterion: null,
      outboundEligible: false,
      createdAt: new Date(clock).toISOString(),
      updatedAt: new Date(clock).toISOString(),
    });
    expect(await api.invoke('assistants.get', { id: a.id })).toEqual(a);
  });

  it('requires a name', async () => {
    const error = await failure(api.invoke('assistants.create', { name: ' ' }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ name: 'Assistant name is required' });
  });

  it('accepts a 2000-character voicemail message and rejects a longer one', async () => {
    const exact = await api.invoke('assistants.create', { name: 'A', voicemailMessage: 'v'.repeat(2000) });
    expect(exact.voicemailMessage).toHaveLength(2000);

    const error = await failure(api.invoke('assistants.create', { name: 'B', voicemailMessage: 'v'.repeat(2001) }));
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ voicemailMessage: 'At most 2000 characters' });
    expect(() => parseInput(assistantInput, { name: 'B', voicemailMessage: 'v'.repeat(2001) })).toThrow(AppError);
  });

  it('names every over-long voice text and a bad flag at once', async () => {
    const long = 'x'.repeat(2001);
    const error = await failure(
      api.invoke('assistants.create', {
        name: '',
        greeting: long,
        prompt: long,
        voicemailMessage: long,
        outboundEnabled: 'yes' as unknown as boolean,
      }),
    );
    expect(Object.keys(error.fields!).sort()).toEqual(['greeting', 'name', 'outboundEnabled', 'prompt', 'voicemailMessage']);
    expect(await api.invoke('assistants.list', {})).toEqual([]);
  });

  it('rejects an over-long voicemail message on update too, changing nothing', async () => {
    const a = await api.invoke('assistants.create', { name: 'A', voicemailMessage: 'Please call back' });
    const error = await failure(api.invoke('assistants.update', { id: a.id, voicemailMessage: 'v'.repeat(2001) }));
    expect(error.fields).toEqual({ voicemailMessage: 'At most 2000 characters' });
    expect((await api.invoke('assistants.get', { id: a.id })).voicemailMessage).toBe('Please call back');
  });
});

describe('assistants: outbound eligibility', () => {
  it('needs outbound enabled and at least one active number assigned', async () => {
    const a = await api.invoke('assistants.create', { name: 'Outbound', outboundEnabled: true });
    expect(a).toMatchObject({ outboundEnabled: true, outboundEligible: false });

    // a suspended or errored number does not count
    const suspended = await api.invoke('phoneNumbers.create', { number: '2125550100', assistantId: a.id, status: 'suspended' });
    await api.invoke('phoneNumbers.create', { number: '2125550101', assistantId: a.id, status: 'error' });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(false);

    // an active number that is not assigned to it does not count
    const other = await api.invoke('assistants.create', { name: 'Other' });
    const active = await api.invoke('phoneNumbers.create', { number: '2125550102', assistantId: other.id });
    await api.invoke('phoneNumbers.create', { number: '2125550103' });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(false);

    // assigning the active number makes it eligible
    await api.invoke('phoneNumbers.update', { id: active.id, assistantId: a.id });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(true);

    // suspending it takes that away again; re-activating the other one gives it back
    await api.invoke('phoneNumbers.update', { id: active.id, status: 'suspended' });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(false);
    await api.invoke('phoneNumbers.update', { id: suspended.id, status: 'active' });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(true);

    // unassigning the only active number
    await api.invoke('phoneNumbers.update', { id: suspended.id, assistantId: null });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(false);
  });

  it('is never eligible with outbound disabled, whatever numbers it has', async () => {
    const a = await api.invoke('assistants.create', { name: 'Inbound only' });
    await api.invoke('phoneNumbers.create', { number: '2125550100', assistantId: a.id });
    await api.invoke('phoneNumbers.create', { number: '2125550101', assistantId: a.id });
    expect((await api.invoke('assistants.get', { id: a.id })).outboundEligible).toBe(false);

    const enabled = await api.invoke('assistants.update', { id: a.id, outboundEnabled: true });
    expect(enabled).toMatchObject({ outboundEnabled: true, outboundEligible: true });
    const disabled = await api.invoke('assistants.update', { id: a.id, outboundEnabled: false });
    expect(disabled).toMatchObject({ outboundEnabled: false, outboundEligible: false });
  });

  it('lists by name, and only the eligible ones when asked', async () => {
    const zed = await api.invoke('assistants.create', { name: 'Zed', outboundEnabled: true });
    const amy = await api.invoke('assistants.create', { name: 'Amy', outboundEnabled: true });
    await api.invoke('assistants.create', { name: 'Mia' });
    await api.invoke('phoneNumbers.create', { number: '2125550100', assistantId: zed.id });
    await api.invoke('phoneNumbers.create', { number: '2125550101', assistantId: amy.id, status: 'suspended' });

    const all = await api.invoke('assistants.list', {});
    expect(all.map((a) => [a.name, a.outboundEligible])).toEqual([
      ['Amy', false],
      ['Mia', false],
      ['Zed', true],
    ]);
    expect((await api.invoke('assistants.list', { outboundEligibleOnly: true })).map((a) => a.name)).toEqual(['Zed']);
    expect((await api.invoke('assistants.list', undefined as unknown as {})).map((a) => a.name)).toEqual(['Amy', 'Mia', 'Zed']);
  });
});

describe('assistants: update, not_found and teams', () => {
  it('changes only the fields sent', async () => {
    const a = await api.invoke('assistants.create', {
      name: 'Sally',
      greeting: 'Hello',
      prompt: 'Be brief',
      voicemailMessage: 'Call us back',
      outboundEnabled: true,
      provider: 'twilio',
    });
    clock += 5000;
    const renamed = await api.invoke('assistants.update', { id: a.id, name: 'Sal' });
    expect(renamed).toEqual({ ...a, name: 'Sal', updatedAt: new Date(clock).toISOString() });
    const cleared = await api.invoke('assistants.update', { id: a.id, greeting: null });
    expect(cleared).toEqual({ ...renamed, greeting: null });
  });

  it('reports an unknown assistant as not_found', async () => {
    for (const call of [api.invoke('assistants.get', { id: 'asst_nope' }), api.invoke('assistants.update', { id: 'asst_nope', name: 'X' })]) {
      const error = await failure(call);
      expect(error.code).toBe('not_found');
      expect(error.message).toContain('asst_nope');
    }
  });

  it('keeps each team’s assistants to itself', async () => {
    const mine = await api.invoke('assistants.create', { name: 'Mine', outboundEnabled: true });
    const other = addTeam(core);
    const theirApi = inMemoryApi(core, { ctx: other });
    expect(await theirApi.invoke('assistants.list', {})).toEqual([]);
    expect((await failure(theirApi.invoke('assistants.get', { id: mine.id }))).code).toBe('not_found');
    expect((await failure(theirApi.invoke('assistants.update', { id: mine.id, name: 'Stolen' }))).code).toBe('not_found');
    // nor can their numbers be assigned to it
    const error = await failure(theirApi.invoke('phoneNumbers.create', { number: '2125550100', assistantId: mine.id }));
    expect(Object.keys(error.fields!)).toEqual(['assistantId']);
    expect((await api.invoke('assistants.get', { id: mine.id })).outboundEligible).toBe(false);
    expect((await api.invoke('assistants.list', {})).map((a) => a.name)).toEqual(['Mine']);
  });
});
