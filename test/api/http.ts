import { Agent, request } from 'node:http';
import { resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { ApiOptions } from '../../main/api/handler';
import { createApiServer } from '../../main/api/server';
import type { Core, CoreOptions } from '../../main/core';
import { createHost, type Host } from '../../main/host/server';
import { testCore } from '../support/core';

export const rendererDir = resolve('out/renderer');

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body's bytes (a file the route sent). */
  bytes: Buffer;
  /** The parsed JSON body (undefined when it is not JSON); any, since each test reads the shape it expects. */
  json: any;
}

export interface SendOptions {
  method?: string;
  /** An API key sent as "Authorization: Bearer <key>". */
  key?: string;
  headers?: Record<string, string>;
  /** A value to send as JSON, or a raw string / Buffer sent as is. */
  body?: unknown;
  raw?: string | Buffer;
  agent?: Agent;
  /** Stream the body in chunks without a content-length (transfer-encoding: chunked). */
  chunked?: boolean;
  /** The client's own address (any of 127.0.0.0/8), to be another source. */
  localAddress?: string;
}

/** One real HTTP request to 127.0.0.1:port (raw, so any header a client could send can be sent). */
export function send(port: number, path: string, options: SendOptions = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.key ? { authorization: `Bearer ${options.key}` } : {}), ...options.headers };
  let payload: string | Buffer | undefined = options.raw;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  if (payload !== undefined && !options.chunked) headers['content-length'] ??= String(Buffer.byteLength(payload));
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: options.method ?? 'GET', headers, agent: options.agent, localAddress: options.localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        done({ status: res.statusCode!, headers: res.headers, text, bytes, json });
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    if (options.chunked && payload !== undefined) {
      const buffer = Buffer.from(payload);
      for (let i = 0; i < buffer.length; i += 64 * 1024) req.write(buffer.subarray(i, i + 64 * 1024));
      req.end();
    } else {
      req.end(payload);
    }
  });
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
});

/** The headless host (UI + /api/) on an ephemeral port; closed after the test. */
export async function startHost(core: Core, api?: ApiOptions): Promise<{ host: Host; port: number }> {
  const host = createHost({ core, rendererDir, token: 'host-token', api });
  const url = new URL(await host.listen(0));
  closers.push(() => host.close());
  return { host, port: Number(url.port) };
}

/** The desktop app's API-only server on an ephemeral port; closed after the test. */
export async function startApiServer(core: Core, api?: ApiOptions): Promise<{ port: number }> {
  const server = createApiServer(core, api);
  const port = await server.listen(0);
  closers.push(() => server.close());
  return { port };
}

/** What hostForEachTest opens afresh for each test. */
export interface HostUnderTest {
  readonly core: Core;
  readonly port: number;
  /** An API key of the core's local team. */
  readonly key: string;
  /** One request to the host with the key, `body` sent as JSON. */
  call(method: string, path: string, body?: unknown): Promise<Reply>;
}

/**
 * Before each test: a fresh testCore (on `now`, with `options`), the headless host on it and an API key to call it by,
 * which is how a REST client meets the app. Read them through the returned object, which follows the test.
 */
export function hostForEachTest(now?: () => number, options: Partial<CoreOptions> = {}): HostUnderTest {
  let current: { core: Core; port: number; key: string } | undefined;
  const opened = () => {
    if (!current) throw new Error('the host opens before each test, not when the file loads');
    return current;
  };
  beforeEach(async () => {
    const core = await testCore(now, options);
    const { port } = await startHost(core);
    const { key } = await core.services.apiKeys.create(core.localTeam, 'Test key');
    current = { core, port, key };
  });
  return {
    get core() {
      return opened().core;
    },
    get port() {
      return opened().port;
    },
    get key() {
      return opened().key;
    },
    call: (method, path, body) => send(opened().port, path, { method, key: opened().key, body }),
  };
}
