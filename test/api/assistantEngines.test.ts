import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/contract/createApi';
import { AppError } from '../../shared/errors';
import { failure, inMemoryApi } from '../support/inMemoryTransport';
import { hostForEachTest, send } from './http';

const host = hostForEachTest();
const rest = host.call;
let ipc: Api;
beforeEach(() => {
  ipc = inMemoryApi(host.core);
});

describe('an assistant’s voice engine', () => {
  it('takes the realtime engine with its model, voice, transfer number and longest call, and reads them back', async () => {
    const created = await rest('POST', '/api/assistants', {
      name: 'Realtime Riley',
      engine: 'realtime',
      realtimeModel: 'gpt-realtime-mini',
      realtimeVoice: 'cedar',
      transferNumber: '(212) 555-0100',
      maxCallMinutes: 30,
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.assistant).toMatchObject({ engine: 'realtime', realtimeModel: 'gpt-realtime-mini', realtimeVoice: 'cedar', transferNumber: '+12125550100', maxCallMinutes: 30 });
    const id = created.json.assistant.id;
    const patched = await rest('PATCH', `/api/assistants/${id}`, { transferNumber: null, maxCallMinutes: 120 });
    expect(patched.json.assistant).toMatchObject({ engine: 'realtime', realtimeVoice: 'cedar', transferNumber: null, maxCallMinutes: 120 });
    expect((await rest('GET', `/api/assistants/${id}`)).json.assistant).toEqual(patched.json.assistant);
  });

  it('without an engine: Media Streams when it has an agent URL, else audio, with the realtime defaults', async () => {
    const agent = await ipc.invoke('assistants.create', { name: 'Agent', agentUrl: 'wss://agent.example/media' });
    const plain = await ipc.invoke('assistants.create', { name: 'Plain' });
    expect(agent).toMatchObject({ engine: 'media-streams', realtimeModel: 'gpt-realtime', realtimeVoice: 'marin', transferNumber: null, maxCallMinutes: 10 });
    expect(plain.engine).toBe('audio');
    // a later agent URL leaves the chosen engine as it is
    expect((await ipc.invoke('assistants.update', { id: plain.id, agentUrl: 'wss://agent.example/media' })).engine).toBe('audio');
  });

  it('names every bad engine field in one 400', async () => {
    const reply = await rest('POST', '/api/assistants', { name: 'Bad', engine: 'sip', realtimeModel: '', realtimeVoice: 'two words', transferNumber: 'call Bob', maxCallMinutes: 121 });
    expect(reply.status).toBe(400);
    expect(reply.json.error.code).toBe('validation');
    expect(Object.keys(reply.json.error.fields).sort()).toEqual(['engine', 'maxCallMinutes', 'realtimeModel', 'realtimeVoice', 'transferNumber']);
    for (const maxCallMinutes of [0, 1.5, '10']) {
      expect((await rest('POST', '/api/assistants', { name: 'Bad', maxCallMinutes })).json.error.fields).toHaveProperty('maxCallMinutes');
    }
  });
});

describe('templates with unknown variables', () => {
  it('are a 400 naming each field that has one, on create and on update; nothing changes', async () => {
    const reply = await rest('POST', '/api/assistants', {
      name: 'Typos',
      greeting: 'Hi {{frstName|there}}',
      prompt: 'You call for {{company}} about {{ plan }}',
      voicemailMessage: 'This is {{assistant}}, call {{Phone}}',
    });
    expect(reply.status).toBe(400);
    const fields = reply.json.error.fields;
    expect(Object.keys(fields).sort()).toEqual(['greeting', 'prompt', 'voicemailMessage']);
    expect(fields.greeting).toMatch(/^Unknown variable \{\{frstName\}\}\. Known: firstName/);
    expect(fields.prompt).toMatch(/^Unknown variable \{\{plan\}\}\./);
    expect(fields.voicemailMessage).toMatch(/\{\{Phone\}\} \(did you mean \{\{phone\}\}\?\)/);
    expect((await rest('GET', '/api/assistants')).json.assistants).toEqual([]);

    const good = await rest('POST', '/api/assistants', { name: 'Good', greeting: 'Hi {{ firstName | there }}, {{custom.plan}} at {{localTime}}' });
    expect(good.status, good.text).toBe(201);
    const id = good.json.assistant.id;
    const patched = await rest('PATCH', `/api/assistants/${id}`, { greeting: 'Hi {{nickname}}' });
    expect(patched.status).toBe(400);
    expect(Object.keys(patched.json.error.fields)).toEqual(['greeting']);
    expect((await rest('GET', `/api/assistants/${id}`)).json.assistant.greeting).toBe('Hi {{ firstName | there }}, {{custom.plan}} at {{localTime}}');
  });

  it('are a typed field error over IPC, as the form shows it', async () => {
    const error = await failure(ipc.invoke('assistants.create', { name: 'Typo', prompt: 'Ask {{jobtitle}}' }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual({ prompt: expect.stringContaining('{{jobtitle}} (did you mean {{jobTitle}}?)') });
  });
});

describe('the OpenAPI document', () => {
  it('has the engine fields in the assistant body and the launch check with its response shape', async () => {
    const doc = (await send(host.port, '/api/openapi.json')).json;
    const body = doc.paths['/api/assistants'].post.requestBody.content['application/json'].schema;
    expect(body.properties.engine.enum).toEqual(['realtime', 'media-streams', 'audio']);
    expect(Object.keys(body.properties)).toEqual(expect.arrayContaining(['realtimeModel', 'realtimeVoice', 'transferNumber', 'maxCallMinutes']));
    const preflight = doc.paths['/api/crm/campaigns/{id}/preflight'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(preflight.properties.preflight.properties)).toEqual(['enrolled', 'missingVariables', 'skipped', 'neverLegal', 'engineReachable']);
  });
});
