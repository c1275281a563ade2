import { createServer, type Server } from 'node:http';
import type { Core } from '../core';
import { isOwnOriginRequest, NOT_OWN_ORIGIN } from '../platform/http/access';
import { sendJson } from '../platform/http/messages';
import { createApiHandler, type ApiOptions } from './handler';

/** The desktop app's local API: only /api/, only on 127.0.0.1, only loopback Host names, only its own Origin. */
export function createApiServer(core: Core, options: ApiOptions = {}): { server: Server; listen(port: number): Promise<number>; close(): Promise<void> } {
  const handleApi = createApiHandler(core, options);
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!isOwnOriginRequest(req)) return sendJson(res, 403, NOT_OWN_ORIGIN);
    if (!url.pathname.startsWith('/api/')) return sendJson(res, 404, { success: false, error: { code: 'not_found', message: `No route ${req.method} ${url.pathname}` } });
    void handleApi(req, res, url);
  });
  return {
    server,
    listen: (port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => {
          const address = server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
