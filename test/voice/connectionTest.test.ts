import { afterEach, describe, expect, it } from 'vitest';
import { testRealtimeConnection } from '../../main/voice/connectionTest';
import { NO_API_KEY } from '../../main/voice/realtime/realtimeSocket';
import { FAKE_API_KEY, FakeRealtime } from '../support/fakeRealtime';

let fake: FakeRealtime | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

describe('testRealtimeConnection', () => {
  it('is ok once the engine has created a session, and closes it', async () => {
    fake = await FakeRealtime.start();
    expect(await testRealtimeConnection({ apiKey: FAKE_API_KEY, baseUrl: fake.baseUrl })).toEqual({ ok: true });
    const session = await fake.nextSession();
    expect(session.model).toBe('gpt-realtime');
    expect(await session.closed).toEqual({ code: 1000 });
  });

  it('says the key was rejected, the engine is unreachable, or it did not answer in time', async () => {
    fake = await FakeRealtime.start();
    expect(await testRealtimeConnection({ apiKey: 'sk-not-the-key-0123456789', baseUrl: fake.baseUrl })).toEqual({ ok: false, reason: 'OpenAI rejected the API key' });
    expect(await testRealtimeConnection({ apiKey: FAKE_API_KEY, baseUrl: `${fake.baseUrl}/elsewhere` })).toEqual({
      ok: false,
      reason: 'the voice engine could not be reached: HTTP 404',
    });
    expect(await testRealtimeConnection({ baseUrl: fake.baseUrl })).toEqual({ ok: false, reason: NO_API_KEY });

    await fake.close();
    fake = await FakeRealtime.start({ silent: true });
    expect(await testRealtimeConnection({ apiKey: FAKE_API_KEY, baseUrl: fake.baseUrl, timeoutMs: 200 })).toEqual({
      ok: false,
      reason: 'the voice engine could not be reached: no session within 0.2 s',
    });
  });
});

describe('the realtime WebSocket address', () => {
  it('an http base URL is dialed as ws: at its own host, port and path (the client would dial wss:)', async () => {
    fake = await FakeRealtime.start();
    expect(await testRealtimeConnection({ apiKey: FAKE_API_KEY, baseUrl: `${fake.baseUrl}/`, model: 'gpt-realtime-mini' })).toEqual({ ok: true });
    expect((await fake.nextSession()).model).toBe('gpt-realtime-mini');
  });

  it('an https base URL keeps TLS: a server that speaks plain HTTP on that port is not reached', async () => {
    fake = await FakeRealtime.start();
    const result = await testRealtimeConnection({ apiKey: FAKE_API_KEY, baseUrl: fake.baseUrl.replace('http:', 'https:') });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringMatching(/^the voice engine could not be reached: .+/) });
    expect(fake.authorizations).toEqual([]);
  });
});
