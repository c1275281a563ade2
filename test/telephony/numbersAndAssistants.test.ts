import { beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../main/core';
import type { Api } from '../../shared/contract/createApi';
import { testCore } from '../support/core';
import { tone, wavBytes } from '../media/audio';
import { failure, inMemoryApi } from '../support/inMemoryTransport';

let core: Core;
let api: Api;

beforeEach(async () => {
  core = await testCore();
  api = inMemoryApi(core);
});

describe('phone numbers on a SIP trunk', () => {
  it('a SIP number needs a trunk, on create and on every update that would leave it without one', async () => {
    const missing = await failure(api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip' }));
    expect(missing.fields).toEqual({ trunkId: 'A SIP number needs a trunk' });
    const unknown = await failure(api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: 'trk_nope' }));
    expect(unknown.fields).toEqual({ trunkId: 'SIP trunk trk_nope does not exist' });
    expect(await api.invoke('phoneNumbers.list', {})).toEqual([]);

    const trunk = await api.invoke('trunks.create', { name: 'Carrier', host: 'sip.carrier.example' });
    const sip = await api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', trunkId: trunk.id });
    expect(sip).toMatchObject({ provider: 'sip', trunkId: trunk.id });
    const dropped = await failure(api.invoke('phoneNumbers.update', { id: sip.id, trunkId: null }));
    expect(dropped.fields).toEqual({ trunkId: 'A SIP number needs a trunk' });

    const simulated = await api.invoke('phoneNumbers.create', { number: '2025550101' });
    const switched = await failure(api.invoke('phoneNumbers.update', { id: simulated.id, provider: 'sip' }));
    expect(switched.fields).toEqual({ trunkId: 'A SIP number needs a trunk' });
    expect(await api.invoke('phoneNumbers.update', { id: simulated.id, provider: 'sip', trunkId: trunk.id })).toMatchObject({ provider: 'sip', trunkId: trunk.id });
    // a label change keeps the stored trunk, which satisfies the rule
    expect(await api.invoke('phoneNumbers.update', { id: sip.id, label: 'Main' })).toMatchObject({ label: 'Main', trunkId: trunk.id });
    expect((await api.invoke('phoneNumbers.get', { id: sip.id })).trunkId).toBe(trunk.id);
  });

  it('names the trunk with the other bad fields at once', async () => {
    await api.invoke('phoneNumbers.create', { number: '2025550100' });
    const error = await failure(api.invoke('phoneNumbers.create', { number: '2025550100', provider: 'sip', assistantId: 'asst_nope' }));
    expect(Object.keys(error.fields!).sort()).toEqual(['assistantId', 'number', 'trunkId']);
  });
});

describe('assistant media settings', () => {
  const upload = (seconds: number) => api.invoke('media.upload', { name: `${seconds}s.wav`, data: wavBytes([tone(440, seconds)]).toString('base64') });

  it('stores an agent WebSocket, uploaded greeting and voicemail audio by id, and call recording', async () => {
    const [greeting, voicemail] = [await upload(1), await upload(2)];
    const a = await api.invoke('assistants.create', {
      name: 'Agent',
      agentUrl: ' wss://agent.example/media?lang=en ',
      greetingAudioId: greeting.id,
      voicemailAudioId: voicemail.id,
      recordCalls: true,
    });
    expect(a).toMatchObject({ agentUrl: 'wss://agent.example/media?lang=en', greetingAudio: greeting, voicemailAudio: voicemail, recordCalls: true });
    expect(core.services.store.sqlite.prepare('SELECT record_calls, greeting_media_id, voicemail_media_id FROM assistants WHERE id = ?').get(a.id)).toEqual({
      record_calls: 1,
      greeting_media_id: greeting.id,
      voicemail_media_id: voicemail.id,
    });
    expect((await api.invoke('assistants.create', { name: 'Local', agentUrl: 'ws://127.0.0.1:8080' })).agentUrl).toBe('ws://127.0.0.1:8080');
  });

  it('names a non-WebSocket URL, a file path, a malformed media id and a bad flag at once', async () => {
    const error = await failure(
      api.invoke('assistants.create', { name: 'A', agentUrl: 'https://agent.example', greetingAudio: '/srv/hello.wav', voicemailAudioId: 'vm.wav', recordCalls: 'yes' as never }),
    );
    expect(error.fields).toEqual({
      agentUrl: 'Must be a ws:// or wss:// URL',
      greetingAudio: 'A file path is not taken: upload the WAV (POST /api/media) and give its id as greetingAudioId',
      voicemailAudioId: 'Must be the id of uploaded audio (med_…)',
      recordCalls: 'Must be true or false',
    });
    expect((await failure(api.invoke('assistants.create', { name: 'A', agentUrl: 'not a url' }))).fields).toEqual({ agentUrl: 'Must be a ws:// or wss:// URL' });
    expect(await api.invoke('assistants.list', {})).toEqual([]);
  });

  it('an update changes only the media fields sent; empty text clears one', async () => {
    const greeting = await upload(1);
    const a = await api.invoke('assistants.create', { name: 'A', agentUrl: 'wss://agent.example', greetingAudioId: greeting.id, recordCalls: true });
    const updated = await api.invoke('assistants.update', { id: a.id, greetingAudioId: '', outboundEnabled: true });
    expect(updated).toMatchObject({ agentUrl: 'wss://agent.example', greetingAudio: null, recordCalls: true, outboundEnabled: true });
    expect(await api.invoke('assistants.update', { id: a.id, recordCalls: false })).toMatchObject({ recordCalls: false, outboundEnabled: true });
    // a read sent back as it came (its media objects included) changes nothing
    const again = await api.invoke('assistants.update', { id: a.id, greetingAudioId: greeting.id });
    expect(await api.invoke('assistants.update', { ...again, greetingAudio: again.greetingAudio } as never)).toMatchObject({ greetingAudio: greeting });
  });
});
