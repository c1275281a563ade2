import { describe, expect, it } from 'vitest';
import { send, startHost } from '../api/http';
import { testCore } from '../support/core';

// what a browser sends when a person opens an address
const NAVIGATION = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('the headless host refusing an address that no longer lets in', () => {
  it('answers a browser opening it with a readable page that explains the token and how to get a new one', async () => {
    const { port } = await startHost(await testCore());
    // a session cookie from an earlier run of the host, and a token from an earlier printed link
    for (const [path, headers] of [
      ['/', { ...NAVIGATION, cookie: `dw_session_${port}=from-an-earlier-run` }],
      ['/?token=from-an-earlier-run', NAVIGATION],
    ] as const) {
      const reply = await send(port, path, { headers });
      expect(reply.status).toBe(401);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
      expect(reply.text).toContain('<h1>This address needs the link the host printed</h1>');
      expect(reply.text).toContain('access token');
      expect(reply.text).toContain(`http://127.0.0.1:${port}/?token=…`);
      expect(reply.text).toContain('it prints a new link each time it starts');
      expect(reply.text).not.toContain('<script');
    }
  });

  it("keeps JSON for the page's own calls and its event stream", async () => {
    const { port } = await startHost(await testCore());
    const rpc = await send(port, '/rpc/app.info', { method: 'POST', body: {} });
    expect(rpc.status).toBe(401);
    expect(rpc.json).toMatchObject({ success: false, error: { code: 'unauthorized' } });
    const events = await send(port, '/events', { headers: { accept: 'text/event-stream' } });
    expect(events.status).toBe(401);
    expect(events.json.error.code).toBe('unauthorized');
  });

  it('answers HEAD with the same status and no body', async () => {
    const { port } = await startHost(await testCore());
    const reply = await send(port, '/', { method: 'HEAD', headers: NAVIGATION });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe('');
  });
});
