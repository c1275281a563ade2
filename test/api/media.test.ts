import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/contract/createApi';
import { MAX_MEDIA_BYTES } from '../../shared/telephony/media';
import { tone, wavBytes } from '../media/audio';
import { addTeam, failure, inMemoryApi } from '../support/inMemoryTransport';
import { hostForEachTest, send, startApiServer } from './http';

const { WaveFile } = createRequire(import.meta.url)('wavefile') as typeof import('wavefile');

const host = hostForEachTest();
const { call } = host;
let ipc: Api;
beforeEach(() => {
  ipc = inMemoryApi(host.core);
});

/** POST /api/media to the host, or to the server on `port`. */
const upload = (bytes: Buffer, name = 'greeting.wav', port = host.port) =>
  send(port, '/api/media', { method: 'POST', key: host.key, body: { name, data: bytes.toString('base64') } });
const mediaFile = (id: string) => join(dirname(host.core.services.store.file), 'media', `${id}.wav`);

describe('audio uploads: POST /api/media and the media.upload channel', () => {
  it('stores a PCM WAV as media/<id>.wav (0600), byte for byte, and returns its id, name and duration', async () => {
    const bytes = wavBytes([tone(440, 1.5)]);
    const reply = await upload(bytes, 'Greeting (final).wav');
    expect(reply.status, reply.text).toBe(201);
    const media = reply.json.media;
    expect(media).toEqual({ id: expect.stringMatching(/^med_[0-9a-z]{14}$/), name: 'Greeting (final).wav', durationMs: 1500, bytes: bytes.length, createdAt: expect.any(String) });
    expect(readFileSync(mediaFile(media.id))).toEqual(bytes);
    expect(statSync(mediaFile(media.id)).mode & 0o777).toBe(0o600);
    expect((await call('GET', `/api/media/${media.id}`)).json.media).toEqual(media);
    expect(reply.text).not.toContain(dirname(host.core.services.store.file));
  });

  it('takes μ-law, A-law and PCM at other rates and channel counts, over IPC as well', async () => {
    const cases: [Buffer, number][] = [
      [wavBytes([tone(440, 2)], 8000, 'mulaw'), 2000],
      [wavBytes([tone(440, 0.5)], 8000, 'alaw'), 500],
      [wavBytes([tone(440, 1, 16000), tone(660, 1, 16000)], 16000), 1000],
      [wavBytes([tone(440, 0.25, 44100)], 44100), 250],
    ];
    for (const [bytes, durationMs] of cases) {
      const media = await ipc.invoke('media.upload', { name: 'voicemail.wav', data: bytes.toString('base64') });
      expect(media.durationMs).toBe(durationMs);
      expect(readFileSync(mediaFile(media.id))).toEqual(bytes);
    }
  });

  it('refuses what is not playable audio, naming the field, and stores nothing', async () => {
    const adpcm = new WaveFile();
    adpcm.fromScratch(1, 8000, '16', tone(440, 0.5));
    adpcm.toIMAADPCM();
    const headerOnly = wavBytes([new Int16Array(0)]);
    const bad: [unknown, string][] = [
      [{ name: 'x.wav', data: Buffer.from('just some text, not audio').toString('base64') }, 'data'],
      [{ name: 'x.wav', data: Buffer.from('ID3\u0003\u0000\u0000\u0000').toString('base64') }, 'data'],
      [{ name: 'x.wav', data: Buffer.from(adpcm.toBuffer()).toString('base64') }, 'data'],
      [{ name: 'x.wav', data: headerOnly.toString('base64') }, 'data'],
      [{ name: 'x.wav', data: wavBytes([tone(440, 1)]).subarray(0, 30).toString('base64') }, 'data'],
      [{ name: 'x.wav', data: 'not base64 at all!' }, 'data'],
      [{ name: '', data: wavBytes([tone(440, 0.1)]).toString('base64') }, 'name'],
      [{ name: 'bad\u0000name.wav', data: wavBytes([tone(440, 0.1)]).toString('base64') }, 'name'],
      [{ name: 'x.wav', data: wavBytes([tone(440, 0.1)]).toString('base64'), path: '/etc/passwd' }, 'path'],
    ];
    for (const [body, field] of bad) {
      const reply = await call('POST', '/api/media', body);
      expect(reply.status, reply.text).toBe(400);
      expect(Object.keys(reply.json.error.fields), JSON.stringify(body).slice(0, 80)).toEqual([field]);
    }
    expect((await failure(ipc.invoke('media.upload', { name: 'x.wav', data: Buffer.from('RIFF....WAVEjunk').toString('base64') }))).fields).toHaveProperty('data');
    expect(host.core.services.store.sqlite.prepare('SELECT count(*) FROM media').pluck().get()).toBe(0);
  });

  it('has a size limit: a WAV over 7 MB is a field error, a body over 10 MB is refused unread (413)', async () => {
    const pcm = (bytes: number) => wavBytes([new Int16Array(Math.ceil((bytes - 44) / 2)).fill(1000)]);
    const tooBig = await upload(pcm(MAX_MEDIA_BYTES + 2));
    expect(tooBig.status, tooBig.text.slice(0, 200)).toBe(400);
    expect(tooBig.json.error.fields.data).toContain('7 MB');
    const allowed = await upload(pcm(MAX_MEDIA_BYTES - 2));
    expect(allowed.status, allowed.text.slice(0, 200)).toBe(201);
    const huge = await send(host.port, '/api/media', { method: 'POST', key: host.key, raw: `{"name":"x.wav","data":"${'A'.repeat(11 * 1024 * 1024)}"}`, headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(413);
  });

  it('is on the desktop API server too, and in openapi.json', async () => {
    const { port } = await startApiServer(host.core);
    expect((await upload(wavBytes([tone(440, 0.2)]), 'greeting.wav', port)).status).toBe(201);
    const doc = (await send(port, '/api/openapi.json')).json;
    expect(Object.keys(doc.paths['/api/media'])).toEqual(['post']);
    expect(doc.paths['/api/media'].post.requestBody.content['application/json'].schema.required.sort()).toEqual(['data', 'name']);
  });
});

describe('an assistant refers to its audio by media id, never by path', () => {
  it('sets, reads and clears greeting and voicemail media by id; the read gives name and duration', async () => {
    const greeting = (await upload(wavBytes([tone(440, 1.5)]), 'hello.wav')).json.media;
    const voicemail = (await upload(wavBytes([tone(440, 3)], 8000, 'mulaw'), 'vm.wav')).json.media;
    const created = await call('POST', '/api/assistants', { name: 'Agent', greetingAudioId: greeting.id, voicemailAudioId: voicemail.id });
    expect(created.status, created.text).toBe(201);
    const a = created.json.assistant;
    expect(a.greetingAudio).toEqual(greeting);
    expect(a.voicemailAudio).toEqual(voicemail);
    expect((await call('GET', `/api/assistants/${a.id}`)).json.assistant).toEqual(a);
    expect((await ipc.invoke('assistants.get', { id: a.id })).greetingAudio).toEqual(greeting);

    const cleared = await call('PATCH', `/api/assistants/${a.id}`, { greetingAudioId: null });
    expect(cleared.json.assistant).toMatchObject({ greetingAudio: null, voicemailAudio: voicemail });
    expect((await ipc.invoke('assistants.update', { id: a.id, voicemailAudioId: '' })).voicemailAudio).toBeNull();
  });

  it('refuses an unknown id and another team’s media as field errors', async () => {
    const theirs = await inMemoryApi(host.core, { ctx: addTeam(host.core) }).invoke('media.upload', { name: 'theirs.wav', data: wavBytes([tone(440, 0.2)]).toString('base64') });
    const malformed = await call('POST', '/api/assistants', { name: 'Agent', greetingAudioId: '../recordings/call_1' });
    expect(malformed.json.error.fields).toEqual({ greetingAudioId: expect.stringContaining('id of uploaded audio') });
    const reply = await call('POST', '/api/assistants', { name: 'Agent', greetingAudioId: 'med_00000000000000', voicemailAudioId: theirs.id });
    expect(reply.status, reply.text).toBe(400);
    expect(Object.keys(reply.json.error.fields).sort()).toEqual(['greetingAudioId', 'voicemailAudioId']);
    expect((await call('GET', '/api/assistants')).json.assistants).toEqual([]);
  });

  it('takes no file path: not another call’s recording, not a UNC share, not any .wav on the machine', async () => {
    const a = (await call('POST', '/api/assistants', { name: 'Agent' })).json.assistant;
    for (const path of ['recordings/call_abc.wav', '\\\\attacker.example\\share\\x.wav', '/etc/hello.wav', 'C:\\audio\\voicemail.wav']) {
      for (const field of ['greetingAudio', 'voicemailAudio']) {
        const create = await call('POST', '/api/assistants', { name: 'Other', [field]: path });
        expect(create.status, create.text).toBe(400);
        expect(create.json.error.fields[field]).toContain('upload');
        const patch = await call('PATCH', `/api/assistants/${a.id}`, { [field]: path });
        expect(patch.status, patch.text).toBe(400);
        expect(Object.keys(patch.json.error.fields)).toEqual([field]);
      }
    }
    expect((await call('GET', `/api/assistants/${a.id}`)).json.assistant).toMatchObject({ greetingAudio: null, voicemailAudio: null });
    expect((await call('GET', '/api/assistants')).json.assistants).toHaveLength(1);
  });
});
